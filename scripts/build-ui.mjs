// build-ui.mjs: the `adql ui` page script, bundled once at build time into dist/ui/workbench.js so an
// installed adqlkit serves it without esbuild (a development dependency). Run after tsc.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundlePage, PREBUILT_PAGE } from '../dist/src/ui/server/assets.js';

const script = await bundlePage();
mkdirSync(dirname(PREBUILT_PAGE), { recursive: true });
writeFileSync(PREBUILT_PAGE, script);
