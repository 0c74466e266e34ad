/** The browser suites' describe: runs only where Chromium is installed, and says why when it is not. */
import { describe } from 'vitest';
import { chromiumProblem } from './launch.js';

export { launchChromium, type Browser } from './launch.js';

if (chromiumProblem !== undefined) console.warn(`[browser tests skipped] ${chromiumProblem}`);

export const describeBrowser: typeof describe = (chromiumProblem === undefined ? describe : describe.skip) as typeof describe;
