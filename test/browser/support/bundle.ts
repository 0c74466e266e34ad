/**
 * Builds a test page's script the way a user's bundler would: esbuild for the browser, with
 * `import ... from 'adqlkit'` resolved through the package's own `exports` (its browser build in
 * dist/, so `npm run build` must have run). Warnings fail the build: the issue asks for none.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export async function bundlePage(entry: string, options: { minify?: boolean } = {}): Promise<string> {
  if (!existsSync(`${ROOT}dist/src/browser.js`))
    throw new Error('dist/src/browser.js is missing: run `npm run build` first (npm test does)');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    minify: options.minify ?? false,
    logLevel: 'silent',
  });
  if (result.warnings.length > 0) throw new Error(`esbuild warnings: ${result.warnings.map((w) => w.text).join('; ')}`);
  return result.outputFiles[0]!.text;
}

export function pageHtml(title: string, script: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><script type="module" src="${script}"></script></body></html>`;
}
