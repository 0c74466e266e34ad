/**
 * Browser benchmark: the cases of cases.ts in Chromium (the package's browser build, bundled by
 * esbuild as a user would) and in Node (dist/, as users run it), in one run, with the ratio.
 *
 *   npx tsx bench/browser/run.ts [--rows 1000000] [--tables 10000] [--columns 100] [--iterations 2000] [--runs 3]
 *
 * Needs `npm run build` and Chromium (scripts/install-test-tools.sh). The VOTable is bench/votable's
 * BINARY2 file (generated when missing); both sides read it from bytes already in memory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundlePage, pageHtml } from '../../test/browser/support/bundle.js';
import { chromiumProblem, launchChromium } from '../../test/browser/support/launch.js';
import { serveFiles } from '../../test/browser/support/site.js';
import { benchFile, generate } from '../votable/generate.js';
import { benchValidate, benchVotable, type Api, type ValidateFigures, type VotableFigures } from './cases.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const ROWS = opt('rows', 1_000_000);
const TABLES = opt('tables', 10_000);
const COLUMNS = opt('columns', 100);
const ITER = opt('iterations', 2000);
const RUNS = opt('runs', 3);

if (chromiumProblem !== undefined) throw new Error(chromiumProblem);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(repo, 'dist/src/index.js');
if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npm run build\` first`);
const node = (await import(pathToFileURL(dist).href)) as Api;

const file = benchFile(path.join(repo, 'bench/out'), ROWS, 'binary2');
if (!existsSync(file)) generate('binary2', ROWS, file);
const bytes = readFileSync(file);

// Cross-origin isolation gives the page performance.now() at 5 µs instead of 100 µs resolution.
const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const site = await serveFiles({
  '/index.html': { type: 'text/html; charset=utf-8', body: pageHtml('adqlkit browser benchmark', '/bench.js'), headers: isolated },
  '/bench.js': { type: 'text/javascript; charset=utf-8', body: await bundlePage('bench/browser/page.ts', { minify: true }) },
  '/bench.vot': { type: 'application/x-votable+xml', body: bytes },
});
const browser = await launchChromium();
let inBrowser: { validate: ValidateFigures; votable: VotableFigures; userAgent: string };
try {
  const { page, errors } = await browser.page();
  await page.goto(`${site.origin}/index.html?tables=${TABLES}&columns=${COLUMNS}&iterations=${ITER}&runs=${RUNS}`);
  await page.waitForFunction(
    () => {
      const g = globalThis as unknown as { benchResult?: unknown; benchError?: string };
      return g.benchResult !== undefined || g.benchError !== undefined;
    },
    undefined,
    { timeout: 600_000, polling: 500 },
  );
  const error = await page.evaluate(() => (globalThis as unknown as { benchError?: string }).benchError);
  if (error !== undefined) throw new Error(`the benchmark page failed: ${error}`);
  if (errors.length > 0) throw new Error(`the benchmark page reported: ${errors.join('; ')}`);
  if (!(await page.evaluate(() => (globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated)))
    throw new Error('the benchmark page is not cross-origin isolated: its timer would be coarse');
  inBrowser = (await page.evaluate(() => (globalThis as unknown as { benchResult: unknown }).benchResult)) as typeof inBrowser;
} finally {
  await browser.close();
  await site.close();
}

const inNode = {
  validate: await benchValidate(node, TABLES, COLUMNS, ITER),
  votable: await benchVotable(node, new Uint8Array(bytes), RUNS),
};

const ms = (v: number): string => `${v.toFixed(3)} ms`;
const v = (f: ValidateFigures): string => `p50 ${ms(f.p50)}, p99 ${ms(f.p99)}`;
const r = (f: VotableFigures): string => `${Math.round(f.rowsPerSecond).toLocaleString('en-US')} rows/s (${f.seconds.toFixed(2)} s)`;
console.log(
  `Chromium: ${inBrowser.userAgent.match(/(HeadlessChrome|Chrome)\/[\d.]+/)?.[0] ?? inBrowser.userAgent}; Node ${process.version}`,
);
console.log(
  `parse + validate, ${inNode.validate.queryBytes} B cone search, ${TABLES} x ${COLUMNS}-column schema, ${ITER} queries on different tables:`,
);
console.log(
  `  Chromium ${v(inBrowser.validate)}; Node ${v(inNode.validate)}; Chromium/Node p50 ${(inBrowser.validate.p50 / inNode.validate.p50).toFixed(2)}x, p99 ${(inBrowser.validate.p99 / inNode.validate.p99).toFixed(2)}x`,
);
console.log(
  `VOTable BINARY2 read, ${ROWS.toLocaleString('en-US')} rows x 10 columns (${(bytes.length / 1e6).toFixed(0)} MB) from memory, best of ${RUNS}:`,
);
console.log(
  `  Chromium ${r(inBrowser.votable)}; Node ${r(inNode.votable)}; Node/Chromium ${(inNode.votable.rowsPerSecond / inBrowser.votable.rowsPerSecond).toFixed(2)}x`,
);
if (inBrowser.votable.rows !== inNode.votable.rows || String(inBrowser.votable.checksum) !== String(inNode.votable.checksum)) {
  throw new Error(
    `Chromium and Node read different tables: ${inBrowser.votable.rows} vs ${inNode.votable.rows} rows, checksum ${inBrowser.votable.checksum} vs ${inNode.votable.checksum}`,
  );
}
console.log(
  `machine load average: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (2 cores shared)`,
);
