/**
 * Two (or more) builds of adqlkit compared on cold start, in interleaved processes: importing the
 * package entry, importing it and parsing one query, and `adql lint` on a small file, each against
 * `node -e 0`. Each build is a checkout with dist/ built (see builds.ts for making one). With
 * --service=TAP_URL, also `adql query` one-shot (one sync query of 100 rows, CSV to a pipe) against
 * `node -e fetch` of the same query (issue 24's floor for it); the warm-up round fills each build's
 * metadata cache, kept in a scratch directory.
 *   npx tsx bench/compare/cold.ts /tmp/wt-a /tmp/wt-b [--runs=15] [--service=http://127.0.0.1:8080/tap]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fmtStats, interleave, printLoad, printTable, runProcess, stats, type ProcessRun } from '../harness/fair.js';

const args = process.argv.slice(2);
const builds = args.filter((a) => !a.startsWith('--'));
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 15);
const SERVICE = args.find((a) => a.startsWith('--service='))?.slice('--service='.length);
const QUERY = 'SELECT TOP 100 id, ra, dec, bmag FROM zcat.main ORDER BY id';
if (builds.length < 1) throw new Error('usage: cold.ts BUILD_A [BUILD_B ...] [--runs=N] (each a checkout with dist/ built)');

const dir = mkdtempSync(path.join(tmpdir(), 'adqlkit-cold-'));
writeFileSync(path.join(dir, 'q.adql'), 'SELECT TOP 10 ra, dec FROM t WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(10, 20, 1))\n');

// Its own cache directory, so that `adql query` neither reads nor fills the user's.
const env = { ...process.env, XDG_CACHE_HOME: dir, ADQLKIT_CACHE_DIR: undefined };

function proc(argv: string[]): () => ProcessRun {
  return () => {
    const r = runProcess(process.execPath, argv, { cwd: dir, env });
    if (!r.ok) throw new Error(`node ${argv.join(' ')}: ${r.stderr.slice(-800)}`);
    return r;
  };
}

const contestants = [{ name: 'node -e 0', run: proc(['-e', '0']) }];
if (SERVICE !== undefined) {
  const body = new URLSearchParams({ REQUEST: 'doQuery', LANG: 'ADQL', QUERY }).toString();
  const fetchOnce = `fetch(process.argv[1] + '/sync', { method: 'POST', body: process.argv[2], headers: { 'content-type': 'application/x-www-form-urlencoded' } }).then((r) => r.arrayBuffer())`;
  contestants.push({ name: 'node -e fetch', run: proc(['-e', fetchOnce, SERVICE, body]) });
}
for (const root of builds) {
  const entry = pathToFileURL(path.join(root, 'dist/src/index.js')).href;
  contestants.push(
    { name: `${root}: import entry`, run: proc(['--input-type=module', '-e', `import { parse } from ${JSON.stringify(entry)};`]) },
    {
      name: `${root}: import + parse`,
      run: proc(['--input-type=module', '-e', `import { parse } from ${JSON.stringify(entry)}; parse('SELECT TOP 1 ra FROM t');`]),
    },
    { name: `${root}: adql lint`, run: proc([path.join(root, 'dist/src/cli/main.js'), 'lint', 'q.adql']) },
  );
  if (SERVICE !== undefined) {
    const cli = path.join(root, 'dist/src/cli/main.js');
    contestants.push({ name: `${root}: adql query`, run: proc([cli, 'query', '--service', SERVICE, '--format', 'csv', QUERY]) });
  }
}
printLoad('before');
const results = interleave(contestants, RUNS, 1);
printLoad('after');
const floor = {
  wall: stats(results.get('node -e 0')!.map((r) => r.wallMs)).median,
  cpu: stats(results.get('node -e 0')!.map((r) => r.cpuMs)).median,
};
const fetchCpu = SERVICE === undefined ? undefined : stats(results.get('node -e fetch')!.map((r) => r.cpuMs)).median;
const rows = [['process', 'wall ms', 'CPU ms', 'CPU - node -e 0', 'CPU - node -e fetch (adql query)']];
for (const [name, runs] of results) {
  const cpu = stats(runs.map((r) => r.cpuMs));
  const overFetch = fetchCpu !== undefined && name.endsWith(': adql query') ? (cpu.median - fetchCpu).toFixed(0) : '';
  rows.push([name, fmtStats(stats(runs.map((r) => r.wallMs))), fmtStats(cpu), (cpu.median - floor.cpu).toFixed(0), overFetch]);
}
printTable(rows);
console.log(`median (min-max) of ${RUNS} interleaved runs; CPU is user+sys (GNU time, 10 ms resolution)`);
