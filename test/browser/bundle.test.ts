/**
 * The browser build as bundlers see it (issue 16): `adqlkit` bundles for the browser with esbuild and
 * with Vite, without warnings, without any Node built-in or Node-only module, within README's size
 * budget, and tree-shaking keeps a parse+validate+builder import well below the whole entry.
 * Needs dist/ (npm test builds it first); no browser.
 */
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { build as esbuild, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/bundle.js';
import { browserSection, sizeBudget } from './support/readme.js';

const NODE_ONLY =
  /^node:|\/node_modules\/(undici|@duckdb|vscode-languageserver|@modelcontextprotocol)\/|\/platform\/[a-z]+-node\.js$|\/schema\/(store-files|tap-client-lazy)\.js$/;

/** `inputs`: every module the bundler visited; `kept`: those with code in the output. */
async function bundle(source: string): Promise<{ bytes: number; gzipped: number; inputs: string[]; kept: string[]; warnings: string[] }> {
  const result = await esbuild({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: 'entry.js', loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const meta = result.metafile as Metafile;
  const output = Object.values(meta.outputs)[0]!;
  return {
    bytes: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
    inputs: Object.keys(meta.inputs),
    kept: Object.entries(output.inputs)
      .filter(([, v]) => v.bytesInOutput > 0)
      .map(([k]) => k),
    warnings: result.warnings.map((w) => w.text),
  };
}

describe('browser bundles', () => {
  const budget = sizeBudget(browserSection());

  it('parse + validate + builder: no warnings, no Node modules, within the budget', async () => {
    const core = await bundle("export { parse, validate, queryBuilder, adql } from 'adqlkit';");
    console.log(`[size] parse+validate+builder: ${core.bytes} B minified, ${core.gzipped} B gzipped (budget ${budget.core})`);
    expect(core.warnings).toEqual([]);
    expect(core.inputs.filter((i) => NODE_ONLY.test(i))).toEqual([]);
    expect(core.inputs).toContain('dist/src/platform/chevrotain-web.js');
    expect(core.gzipped).toBeLessThanOrEqual(budget.core);
    // Tree-shaking: no TAP client, no VOTable reader, no engine in this import.
    expect(core.kept.filter((i) => /\/src\/(tap|dal|votable|schema)\//.test(i))).toEqual([]);
  });

  it('the whole browser entry: no warnings, no Node modules, the browser platform modules, within the budget', async () => {
    const whole = await bundle("export * from 'adqlkit';");
    console.log(`[size] whole browser entry: ${whole.bytes} B minified, ${whole.gzipped} B gzipped (budget ${budget.whole})`);
    expect(whole.warnings).toEqual([]);
    expect(whole.inputs.filter((i) => NODE_ONLY.test(i))).toEqual([]);
    for (const m of [
      'platform/transport-web.js',
      'platform/bytes-web.js',
      'platform/host-web.js',
      'schema/store-browser.js',
      'schema/tap-client-static.js',
    ]) {
      expect(whole.inputs).toContain(`dist/src/${m}`);
    }
    expect(whole.gzipped).toBeLessThanOrEqual(budget.whole);
    const core = await bundle("export { parse, validate, queryBuilder, adql } from 'adqlkit';");
    expect(core.gzipped).toBeLessThan(whole.gzipped / 2);
  });

  it('a Node bundle of the package works too (lazily loaded modules are initialised)', async () => {
    // The dynamic imports on Node (DuckDB, the TAP client for a schema, CLI commands) make esbuild wrap
    // modules in initialisers; sideEffects must keep the index modules that call them.
    const result = await esbuild({
      stdin: {
        contents:
          "import { TapService, readVOTable, loadSchema } from 'adqlkit'; console.log(new TapService('http://x.invalid/tap').url, typeof readVOTable, (await loadSchema({ tables: [{ name: 't', columns: [] }] })).tables.length);",
        resolveDir: ROOT,
        sourcefile: 'node-entry.js',
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      external: ['@duckdb/*', '@resvg/*', 'undici'],
    });
    const run = spawnSync(process.execPath, ['--input-type=module'], { cwd: ROOT, input: result.outputFiles[0]!.text, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('http://x.invalid/tap function 1');
  });

  it("Vite builds the issue's import for the browser without warnings or Node modules", async () => {
    const { build } = await import('vite');
    const warnings: string[] = [];
    const ids: string[] = [];
    await build({
      root: ROOT,
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: { entry: 'test/browser/pages/issue-example.ts', formats: ['es'], fileName: 'issue-example' },
        rollupOptions: {
          onwarn: (w) => {
            warnings.push(w.message);
          },
          plugins: [
            {
              name: 'collect-ids',
              moduleParsed: (info) => {
                ids.push(info.id);
              },
            },
          ],
        },
      },
    });
    expect(warnings).toEqual([]);
    expect(ids.filter((id) => NODE_ONLY.test(id) || id.includes('__vite-browser-external'))).toEqual([]);
    expect(ids.some((id) => id.endsWith('/dist/src/platform/transport-web.js'))).toBe(true);
  }, 120_000);
});
