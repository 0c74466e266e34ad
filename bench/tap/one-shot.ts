/**
 * One-shot CLI-style process: start, one sync query (100 rows, parsed), print, exit. Wall time of
 * the whole process: adqlkit (the client bundled into one ES module, as a CLI ships, run by node)
 * vs plain `node -e fetch` vs curl vs pyvo 1.2.1 (import pyvo, search, to_table).
 *   npx tsx bench/tap/one-shot.ts [TAP_URL]
 * Target: adqlkit under 0.5 s (pyvo about 1.18 s).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cpu: Record<string, number[]> = {};

/** Wall times of RUNS runs (after one warm-up run); CPU seconds (user+sys) kept in `cpu[label]`. */
function wall(label: string, cmd: string, args: string[], expect: RegExp): number[] {
  const times: number[] = [];
  cpu[label] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t = performance.now();
    const r = TIME === undefined ? spawnSync(cmd, args, { encoding: 'utf8' }) : spawnSync(TIME, ['-f', 'CPU %U %S', cmd, ...args], { encoding: 'utf8' });
    const ms = performance.now() - t;
    if (r.status !== 0 || !expect.test(r.stdout)) throw new Error(`${cmd}: failed: ${r.stdout.slice(0, 200)} ${r.stderr.slice(-500)}`);
    const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (i > 0) {
      times.push(ms); // the first run warms the OS file cache
      if (m !== null) cpu[label]?.push((Number(m[1]) + Number(m[2])) * 1000);
    }
  }
  return times;
}

const cpuOf = (label: string): number | undefined => ((cpu[label]?.length ?? 0) > 0 ? median(cpu[label] as number[]) : undefined);

const adqlkit = median(wall('adqlkit', process.execPath, [bundle, TAP_URL, QUERY], /^100 rows/));
const body = new URLSearchParams({ REQUEST: 'doQuery', LANG: 'ADQL', QUERY }).toString();
const nodeFetch = median(
  wall(
    'fetch',
    process.execPath,
    ['-e', `fetch(process.argv[1] + '/sync', { method: 'POST', body: process.argv[2], headers: { 'content-type': 'application/x-www-form-urlencoded' } }).then(r => r.arrayBuffer()).then(b => console.log(b.byteLength + ' bytes'))`, TAP_URL, body],
    /bytes/,
  ),
);
const curl = haveCurl() ? median(wall('curl', 'curl', ['-s', '-o', '/dev/null', '-w', 'done', '--data', body, `${TAP_URL}/sync`], /done/)) : undefined;
const pyvo = havePyvo()
  ? median(
      wall(
        'pyvo',
        PYTHON,
        ['-c', `import sys, warnings; warnings.simplefilter('ignore'); import pyvo; print(len(pyvo.dal.TAPService(sys.argv[1]).search(sys.argv[2]).to_table()), 'rows')`, TAP_URL, QUERY],
        /^100 rows/,
      ),
    )
  : undefined;

console.log(`one-shot process (start, one sync query of 100 rows, exit), median of ${RUNS}, ${TAP_URL}`);
console.log('                                      wall        CPU (user+sys)');
const line = (name: string, label: string, w: number | undefined) => console.log(`  ${name.padEnd(36)}${fmt(w).padEnd(12)}${fmt(cpuOf(label))}`);
line('adqlkit (bundled ESM, node)', 'adqlkit', adqlkit);
line('node -e fetch (floor)', 'fetch', nodeFetch);
line('curl', 'curl', curl);
line('pyvo 1.2.1', 'pyvo', pyvo);
console.log(`ratios (wall): adqlkit/node-fetch ${ratio(adqlkit, nodeFetch)}, pyvo/adqlkit ${ratio(pyvo, adqlkit)}; target adqlkit < 500 ms wall`);
console.log(`ratios (CPU): adqlkit/node-fetch ${ratio(cpuOf('adqlkit'), cpuOf('fetch'))}, pyvo/adqlkit ${ratio(cpuOf('pyvo'), cpuOf('adqlkit'))} (CPU time is what an idle machine's wall time approaches)`);
