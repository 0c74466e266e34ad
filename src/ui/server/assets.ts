/**
 * The page's script: the workbench's browser code (src/ui/page) bundled by esbuild, with adqlkit's
 * browser entry conditions (fetch transport, IndexedDB schema cache), CodeMirror and the plots in one
 * file. `npm run build` writes it to dist/ui/workbench.js (scripts/build-ui.mjs), so an installed
 * package serves it without esbuild; run from the sources (tests, tsx), or from a build whose bundle
 * is missing or older than the compiled page, it is bundled on first use. esbuild is loaded only
 * then, so other commands never need it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WorkbenchError } from '../errors.js';

function pageEntry(): { file: string; fromSource: boolean } {
  const ts = fileURLToPath(new URL('../page/main.ts', import.meta.url));
  if (existsSync(ts)) return { file: ts, fromSource: true };
  return { file: fileURLToPath(new URL('../page/main.js', import.meta.url)), fromSource: false };
}

/** Where `npm run build` puts the bundle (dist/ui/workbench.js, beside dist/src). */
export const PREBUILT_PAGE = fileURLToPath(new URL('../../../ui/workbench.js', import.meta.url));

/** The prebuilt bundle when this code runs from the build and the bundle is newer than the compiled page. */
function prebuilt(entry: { file: string; fromSource: boolean }): string | undefined {
  if (entry.fromSource || !existsSync(PREBUILT_PAGE)) return undefined;
  return statSync(PREBUILT_PAGE).mtimeMs >= statSync(entry.file).mtimeMs ? readFileSync(PREBUILT_PAGE, 'utf8') : undefined;
}

/** The page script: the prebuilt one when it is current, else bundled now. */
export async function pageScript(): Promise<string> {
  return prebuilt(pageEntry()) ?? bundlePage();
}

export async function bundlePage(): Promise<string> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new WorkbenchError(
      'adql ui bundles its page with esbuild, which is not installed',
      'run npm install (esbuild is a development dependency of adqlkit) and retry',
    );
  }
  const entry = pageEntry();
  const result = await esbuild.build({
    entryPoints: [entry.file],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: process.env.ADQLKIT_UI_DEBUG === undefined,
    // Modules of adqlkit that use Node sit beside ones the page needs (config, the language server);
    // sideEffects: false drops them unused, so their node: imports never reach the bundle.
    external: ['node:*'],
    conditions: entry.fromSource ? ['adqlkit-source', 'browser'] : ['browser'],
    logLevel: 'silent',
    legalComments: 'none',
  });
  const script = result.outputFiles[0]?.text;
  if (script === undefined) throw new WorkbenchError('esbuild produced no page script');
  return script;
}

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>adqlkit workbench</title>
</head>
<body>
<noscript>The adqlkit workbench needs JavaScript.</noscript>
<script type="module" src="/app.js"></script>
</body>
</html>
`;
