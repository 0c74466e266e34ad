/**
 * One-shot process: start, one sync query (100 rows, parsed), print, exit. The CLI that ships is
 * timed: `adql query` run as its installed bin does (node on package.json's bin file, from
 * dist/; run `npm run build` first), against plain `node -e fetch(...)` (the Node floor: start-up
 * plus the HTTP round trip), `node -e 0`, curl and pyvo 1.2.1 (import pyvo, search, to_table).
 * Every contestant runs the same number of times, interleaved, after one warm-up round (which also
 * fills adqlkit's metadata cache: `adql query` validates against the service's cached tables).
 *   npx tsx bench/tap/one-shot.ts [TAP_URL]        (BENCH_RUNS=15 by default)
 * Target (issue 24): adql query within 150 ms of node -e fetch.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fmtStats, interleave, printLoad, printTable, runProcess, stats, type ProcessRun } from '../harness/fair.js';
import { checkService, haveCurl, havePyvo, PYTHON, TAP_URL } from './common.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const QUERY = 'SELECT TOP 100 id, ra, dec, bmag FROM zcat.main ORDER BY id';
const repo = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const CLI = join(repo, pkg.bin['adql']!);

await checkService();
// Its own working and cache directory, so the run neither reads nor changes the user's (.adqlrc.json, cache).
const work = mkdtempSync(join(tmpdir(), 'adqlkit-oneshot-'));
const env = { ...process.env, XDG_CACHE_HOME: work, ADQLKIT_CACHE_DIR: undefined };

function proc(cmd: string, args: string[], expect: RegExp): () => ProcessRun {
  return () => {
    const r = runProcess(cmd, args, { env, cwd: work });
    if (!r.ok || !expect.test(r.stdout))
      throw new Error(`${cmd} ${args.slice(0, 2).join(' ')}: failed: ${r.stdout.slice(0, 200)} ${r.stderr.slice(-500)}`);
    return r;
  };
}

const body = new URLSearchParams({ REQUEST: 'doQuery', LANG: 'ADQL', QUERY }).toString();
const contestants = [
  { name: 'node -e 0', run: proc(process.execPath, ['-e', '0'], /^$/) },
  {
    name: 'node -e fetch (floor)',
    run: proc(
      process.execPath,
      [
        '-e',
        `fetch(process.argv[1] + '/sync', { method: 'POST', body: process.argv[2], headers: { 'content-type': 'application/x-www-form-urlencoded' } }).then(r => r.arrayBuffer()).then(b => console.log(b.byteLength + ' bytes'))`,
        TAP_URL,
        body,
      ],
      /bytes/,
    ),
  },
  {
    name: 'adql query (CSV to a pipe)',
    run: proc(process.execPath, [CLI, 'query', '--service', TAP_URL, '--format', 'csv', QUERY], /^id,ra,dec,bmag\r?\n(?:[^\n]*\n){100}$/),
  },
  ...(haveCurl()
    ? [{ name: 'curl', run: proc('curl', ['-s', '-o', '/dev/null', '-w', 'done', '--data', body, `${TAP_URL}/sync`], /done/) }]
    : []),
  ...(havePyvo()
    ? [
        {
          name: 'pyvo 1.2.1',
          run: proc(
            PYTHON,
            [
              '-c',
              `import sys, warnings; warnings.simplefilter('ignore'); import pyvo; print(len(pyvo.dal.TAPService(sys.argv[1]).search(sys.argv[2]).to_table()), 'rows')`,
              TAP_URL,
              QUERY,
            ],
            /^100 rows/,
          ),
        },
      ]
    : []),
];

console.log(`one-shot process (start, one sync query of 100 rows, exit) against ${TAP_URL}; ${RUNS} interleaved runs each`);
printLoad('before');
const results = interleave(contestants, RUNS, 1);
printLoad('after');
const med = (name: string, key: 'wallMs' | 'cpuMs') => stats((results.get(name) ?? []).map((r) => r[key])).median;
const rows = [['process', 'wall ms', 'CPU ms']];
for (const [name, runs] of results)
  rows.push([name, fmtStats(stats(runs.map((r) => r.wallMs))), fmtStats(stats(runs.map((r) => r.cpuMs)))]);
printTable(rows);
const ours = 'adql query (CSV to a pipe)';
const floor = 'node -e fetch (floor)';
const over = { wall: med(ours, 'wallMs') - med(floor, 'wallMs'), cpu: med(ours, 'cpuMs') - med(floor, 'cpuMs') };
console.log(
  `adql query over node -e fetch: wall +${over.wall.toFixed(0)} ms, CPU +${over.cpu.toFixed(0)} ms; target within 150 ms: wall ${over.wall < 150 ? 'met' : 'NOT met'}, CPU ${over.cpu < 150 ? 'met' : 'NOT met'}`,
);
if (results.has('pyvo 1.2.1')) {
  console.log(
    `pyvo / adql query: wall ${(med('pyvo 1.2.1', 'wallMs') / med(ours, 'wallMs')).toFixed(2)}x, CPU ${(med('pyvo 1.2.1', 'cpuMs') / med(ours, 'cpuMs')).toFixed(2)}x`,
  );
}
console.log('median (min-max); CPU is user+sys of the whole process (GNU time, 10 ms resolution); under load trust CPU');
