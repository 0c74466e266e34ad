/**
 * One-shot CLI-style process: start, one sync query (100 rows, parsed), print, exit. Wall time of
 * the whole process: adqlkit (the client bundled into one ES module, as a CLI ships, run by node)
 * vs plain `node -e fetch` vs curl vs pyvo 1.2.1 (import pyvo, search, to_table).
 *   npx tsx bench/tap/one-shot.ts [TAP_URL]
 * Target: adqlkit under 0.5 s (pyvo about 1.18 s).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { checkService, fmt, haveCurl, havePyvo, median, PYTHON, ratio, TAP_URL } from './common.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const QUERY = 'SELECT TOP 100 id, ra, dec, bmag FROM zcat.main ORDER BY id';

await checkService();
const dir = await mkdtemp(join(tmpdir(), 'adqlkit-oneshot-'));
const entry = join(dir, 'entry.ts');
await writeFile(
  entry,
  `import { TapService } from ${JSON.stringify(resolve(import.meta.dirname, '../../src/tap/index.ts'))};
const r = await new TapService(process.argv[2]).query(process.argv[3]);
process.stdout.write(r.rowCount + ' rows\\n');
`,
);
const bundle = join(dir, 'oneshot.mjs');
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: bundle,
  logLevel: 'error',
  // undici is CommonJS: give the ES module a require for Node's built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

function wall(cmd: string, args: string[], expect: RegExp): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t = performance.now();
    const out = execFileSync(cmd, args, { encoding: 'utf8' });
    const ms = performance.now() - t;
    if (!expect.test(out)) throw new Error(`${cmd}: unexpected output ${out.slice(0, 200)}`);
    if (i > 0) times.push(ms); // the first run warms the OS file cache
  }
  return times;
}

const adqlkit = median(wall(process.execPath, [bundle, TAP_URL, QUERY], /^100 rows/));
const body = new URLSearchParams({ REQUEST: 'doQuery', LANG: 'ADQL', QUERY }).toString();
const nodeFetch = median(
  wall(
    process.execPath,
    ['-e', `fetch(process.argv[1] + '/sync', { method: 'POST', body: process.argv[2], headers: { 'content-type': 'application/x-www-form-urlencoded' } }).then(r => r.arrayBuffer()).then(b => console.log(b.byteLength + ' bytes'))`, TAP_URL, body],
    /bytes/,
  ),
);
const curl = haveCurl() ? median(wall('curl', ['-s', '-o', '/dev/null', '-w', 'done', '--data', body, `${TAP_URL}/sync`], /done/)) : undefined;
const pyvo = havePyvo()
  ? median(
      wall(
        PYTHON,
        ['-c', `import sys, warnings; warnings.simplefilter('ignore'); import pyvo; print(len(pyvo.dal.TAPService(sys.argv[1]).search(sys.argv[2]).to_table()), 'rows')`, TAP_URL, QUERY],
        /^100 rows/,
      ),
    )
  : undefined;

console.log(`one-shot process (start, one sync query of 100 rows, exit), median wall time of ${RUNS}, ${TAP_URL}`);
console.log(`  adqlkit (bundled ESM, node)         ${fmt(adqlkit)}`);
console.log(`  node -e fetch (floor)               ${fmt(nodeFetch)}`);
console.log(`  curl                                ${fmt(curl)}`);
console.log(`  pyvo 1.2.1                          ${fmt(pyvo)}`);
console.log(`ratios: adqlkit/node-fetch ${ratio(adqlkit, nodeFetch)}, pyvo/adqlkit ${ratio(pyvo, adqlkit)}; target adqlkit < 500 ms`);
