// build-browser.mjs: the prebuilt ES module for pages that do not bundle (a <script type="module">
// with an import map naming it): dist/browser/adqlkit.js, the browser entry (dist/src/browser.js)
// with its dependencies (Chevrotain, fast-xml-parser) in one minified file. Run after tsc.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = await build({
  absWorkingDir: root,
  entryPoints: ['dist/src/browser.js'],
  outfile: 'dist/browser/adqlkit.js',
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
if (result.warnings.length > 0) process.exitCode = 1;
