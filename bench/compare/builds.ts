/**
 * Two builds of adqlkit compared on validate(text) (parse + validate, no schema), in alternating
 * processes (A B B A A B ...) so that the machine's other load falls on both alike. Each build is a
 * checkout with `dist/` built, e.g. a git worktree:
 *   git worktree add --detach /tmp/wt-a COMMIT_A && ln -s $PWD/node_modules /tmp/wt-a/ && (cd /tmp/wt-a && npx tsc -p tsconfig.build.json)
 *   npx tsx bench/compare/builds.ts /tmp/wt-a /tmp/wt-b [--rounds=10] [--ms=1500] [--large]
 * Queries: the seed tutorials' and lyonetia's valid queries (../shared), or a built-in set without it;
 * --large: twenty generated ~2 KB queries instead.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLyonetia, loadSeedQueries } from '../../test/adql/corpus.js';
import { fmtStats, interleave, printLoad, printTable, runProcess, stats } from '../harness/fair.js';

const args = process.argv.slice(2);
const builds = args.filter((a) => !a.startsWith('--'));
const opt = (name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const ROUNDS = opt('rounds', 10);
const MEASURE_MS = opt('ms', 1500);
if (builds.length < 2) throw new Error('usage: builds.ts BUILD_A BUILD_B [...] [--rounds=N] [--ms=N] (each a checkout with dist/ built)');

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'parse-validate-child.mjs');
const fallback = [
  'SELECT TOP 10 ra, dec FROM gaia.dr3 WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(10, 20, 0.5))',
  'SELECT a.id, b.z FROM cat.a AS a JOIN cat.b AS b ON a.id = b.id WHERE a.mag BETWEEN 10 AND 12 ORDER BY b.z DESC',
  'SELECT class, COUNT(*) AS n, AVG(mag) FROM cat.stars GROUP BY class HAVING COUNT(*) > 10',
];
/** ~2 KB queries (a join with a long WHERE clause), the size the validator benchmark uses. */
function largeQueries(): string[] {
  return Array.from({ length: 20 }, (_, v) => {
    const lines = [
      'SELECT a.id, a.ra, a.dec, b.mag, DISTANCE(POINT(a.ra, a.dec), POINT(b.ra, b.dec)) AS sep',
      'FROM cat.a AS a JOIN cat.b AS b ON a.id = b.id',
      `WHERE 1 = CONTAINS(POINT(a.ra, a.dec), CIRCLE(150, 2, ${v + 1}))`,
    ];
    for (let i = 0; lines.join('\n').length < 2000; i++) lines.push(`  AND (a.col_${i} BETWEEN ${i} AND ${i + v} OR b.col_${i} IS NULL)`);
    return [...lines, 'ORDER BY sep'].join('\n');
  });
}
const corpus = [
  ...(loadSeedQueries()?.map((q) => q.query) ?? []),
  ...(loadLyonetia()
    ?.filter((c) => c.valid)
    .map((c) => c.query) ?? []),
];
const queries = args.includes('--large') ? largeQueries() : corpus.length > 0 ? corpus : fallback;
const file = path.join(mkdtempSync(path.join(tmpdir(), 'adqlkit-builds-')), 'queries.json');
writeFileSync(file, JSON.stringify(queries));

interface Sample {
  p50: number;
  p99: number;
  cpuPerOp: number;
}
printLoad('before');
console.log(`validate(text) over ${queries.length} queries, ${ROUNDS} interleaved rounds of ${MEASURE_MS} ms per build`);
const results = interleave<Sample>(
  builds.map((root) => ({
    name: root,
    run: () => {
      const r = runProcess(process.execPath, [child, root, file, String(MEASURE_MS)]);
      if (!r.ok) throw new Error(`${root}: ${r.stderr.slice(-1000)}`);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as Sample;
    },
  })),
  ROUNDS,
  0,
);
printLoad('after');
const rows = [['build', 'p50 ms/query', 'p99 ms/query', 'CPU ms/query']];
for (const [root, xs] of results) {
  rows.push([
    root,
    fmtStats(stats(xs.map((x) => x.p50)), 3),
    fmtStats(stats(xs.map((x) => x.p99)), 3),
    fmtStats(stats(xs.map((x) => x.cpuPerOp)), 3),
  ]);
}
printTable(rows);
console.log('median of the per-process figures (min-max over rounds)');
