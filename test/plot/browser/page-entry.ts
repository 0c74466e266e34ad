// The page side of the plot browser tests and benchmark: adqlkit's VOTable writer and reader and
// the browser plot renderer, bundled by esbuild for Chromium and reached through `window.plotKit`.
import { readVOTable, writeVOTable } from '../../../src/votable/index.js';
import { mountPlot, rowsInRect } from '../../../src/plot/index.js';

(globalThis as unknown as { plotKit: unknown }).plotKit = { readVOTable, writeVOTable, mountPlot, rowsInRect };
