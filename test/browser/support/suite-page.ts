/**
 * Bundles a shared test file (one written for Node's vitest) for a page: esbuild for the browser,
 * from the sources with the package's browser platform modules, with 'vitest' replaced by
 * in-page-vitest.ts. The page exposes the registered tests as `globalThis.__adqlkitSuite`.
 */
import { build } from 'esbuild';
import { ROOT } from './bundle.js';

export const SUITE_GLOBAL = '__adqlkitSuite';

export async function bundleSuite(testFile: string): Promise<string> {
  const shim = `${ROOT}test/browser/support/in-page-vitest.ts`;
  const result = await build({
    absWorkingDir: ROOT,
    stdin: {
      contents: [
        `import { listInPage, runInPage } from ${JSON.stringify(shim)};`,
        `import ${JSON.stringify(`${ROOT}${testFile}`)};`,
        `globalThis.${SUITE_GLOBAL} = { list: listInPage, run: runInPage };`,
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'browser',
    // The package's `imports` (#transport...) point at src/ under this condition, as in vitest.config.ts.
    conditions: ['adqlkit-source'],
    alias: { vitest: shim },
    // package.json's `sideEffects` (for users' tree-shaking) would drop the test file's registrations.
    ignoreAnnotations: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  if (result.warnings.length > 0) throw new Error(`esbuild warnings: ${result.warnings.map((w) => w.text).join('; ')}`);
  return result.outputFiles[0]!.text;
}
