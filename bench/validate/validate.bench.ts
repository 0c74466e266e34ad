/**
 * Validator benchmark: a synthetic service of 10,000 tables x 100 columns.
 *   npx tsx bench/validate/validate.bench.ts [--tables N] [--columns N] [--iterations N] [--decoded-tables N]
 * Prints: cache file size and load time (target < 1 s), validation p50/p99 of ~2 KB cone search,
 * join and group-by queries (target p99 < 2 ms), and memory (target < 500 MB).
 * The cache is generated in a child process so the load is measured in a clean heap.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ColumnMeta, SchemaDocument, TableMeta } from '../../src/schema/index.js';

// The compiled package (dist/, as users run it): through tsx every function carries a naming shim
// that makes parsing and validation measurably slower than the shipped JavaScript.
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/src');
if (!existsSync(path.join(dist, 'index.js'))) throw new Error(`${dist}/index.js is missing: run \`npm run build\` first`);
const load = <T>(file: string): Promise<T> => import(pathToFileURL(path.join(dist, file)).href) as Promise<T>;
const { parse } = await load<typeof import('../../src/adql/index.js')>('adql/index.js');
const { encodeCache } = await load<typeof import('../../src/schema/cache.js')>('schema/cache.js');
const { cacheFileFor, loadSchema } = await load<typeof import('../../src/schema/index.js')>('schema/index.js');
const { validate } = await load<typeof import('../../src/validate/index.js')>('validate/index.js');

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const TABLES = opt('tables', 10_000);
const COLUMNS = opt('columns', 100);
const ITER = opt('iterations', 2000);
/** How many decoded tables the schema keeps (0: the library's default). */
const DECODED_TABLES = opt('decoded-tables', 0);
const SERVICE = 'http://synthetic.invalid/tap';
const cacheDir = path.join(tmpdir(), `adqlkit-bench-${TABLES}x${COLUMNS}`);
const cacheFile = cacheFileFor(SERVICE, cacheDir);

const UNITS = ['deg', 'mag', 'km/s', 'arcsec', 'mJy', '', 's', 'd'];
const NUMERIC_TYPES = ['double', 'float', 'int', 'long', 'short'];

function columnName(i: number): string {
  if (i === 0) return 'id';
  if (i === 1) return 'ra';
  if (i === 2) return 'dec';
  if (i === 3) return 'mag';
  if (i === 4) return 'class';
  return `col_${i}_${['flux', 'err', 'flag', 'pm', 'plx', 'snr'][i % 6]}`;
}

/** A plausible big service: every table has id/ra/dec/mag/class and 95 other columns. */
function syntheticDocument(): SchemaDocument {
  const tables: TableMeta[] = [];
  for (let t = 0; t < TABLES; t++) {
    const columns: ColumnMeta[] = [];
    for (let c = 0; c < COLUMNS; c++) {
      // id long, ra/dec double, mag float, class and the last ten columns strings, the rest numbers
      const datatype =
        c === 0
          ? 'long'
          : c < 3
            ? 'double'
            : c === 3
              ? 'float'
              : c === 4 || c >= 90
                ? 'char'
                : NUMERIC_TYPES[(t + c) % NUMERIC_TYPES.length]!;
      const col: ColumnMeta = {
        name: columnName(c),
        datatype,
        description: `Column ${c} of survey table ${t}: a measured quantity with its usual caveats`,
        ucd: c === 1 ? 'pos.eq.ra;meta.main' : c === 2 ? 'pos.eq.dec;meta.main' : 'phot.flux',
      };
      if (datatype === 'char') col.arraysize = '*';
      const unit = c === 1 || c === 2 ? 'deg' : UNITS[c % UNITS.length]!;
      if (unit !== '' && datatype !== 'char') col.unit = unit;
      if (c < 3) col.indexed = true;
      columns.push(col);
    }
    tables.push({
      name: `survey${t % 100}.table_${t}`,
      schema: `survey${t % 100}`,
      type: 'table',
      description: `Synthetic catalogue number ${t}`,
      columns,
    });
  }
  const schemas = Array.from({ length: 100 }, (_, i) => ({ name: `survey${i}` }));
  return {
    service: SERVICE,
    fetchedAt: new Date().toISOString(),
    source: 'tap_schema',
    schemas,
    tables,
    foreignKeys: [],
    capabilities: {
      adqlVersions: ['2.0', '2.1'],
      features: { 'ivo://ivoa.net/std/tapregext#features-adqlgeo': ['POINT', 'CIRCLE', 'CONTAINS', 'DISTANCE', 'BOX', 'POLYGON'] },
      udfs: [],
      uploadMethods: ['ivo://ivoa.net/std/TAPRegExt#upload-inline'],
      outputLimit: { hard: { value: 20_000_000, unit: 'row' } },
    },
  };
}

if (args.includes('--generate')) {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cacheFile, encodeCache(syntheticDocument()));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

if (!existsSync(cacheFile)) {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--generate', '--tables', String(TABLES), '--columns', String(COLUMNS)],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('generating the synthetic cache failed');
  console.log(`generated ${cacheFile} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const schema = await loadSchema(SERVICE, {
  cacheDir,
  ttlMs: 365 * 24 * 3600e3,
  ...(DECODED_TABLES > 0 ? { decodedTables: DECODED_TABLES } : {}),
});
const loadMs = performance.now() - t0;
console.log(`schema: ${TABLES} tables x ${COLUMNS} columns; cache file ${mb(statSync(cacheFile).size)}`);
console.log(`cache load: ${loadMs.toFixed(0)} ms (target < 1000 ms), ${schema.tables.length} tables`);

/** ~2 KB queries, each on a different table per iteration (columns are decoded on first touch). */
function coneSearch(t: number): string {
  const cols = Array.from({ length: 80 }, (_, i) => `s.${columnName(5 + i)} AS c${i}`).join(', ');
  return `SELECT TOP 1000 s.id, s.ra, s.dec, s.mag, ${cols}, DISTANCE(POINT('ICRS', s.ra, s.dec), POINT('ICRS', 150.1, 2.2)) AS dist
FROM survey${t % 100}.table_${t} AS s
WHERE CONTAINS(POINT('ICRS', s.ra, s.dec), CIRCLE('ICRS', 150.1, 2.2, 0.5)) = 1 AND s.mag BETWEEN 10 AND 20 AND s.${columnName(7)} > 0
ORDER BY dist`;
}
function join(t: number): string {
  const u = (t * 7 + 13) % TABLES;
  const cols = Array.from({ length: 45 }, (_, i) => `a.${columnName(5 + i)}, b.${columnName(40 + i)}`).join(', ');
  return `SELECT a.id, b.id AS bid, a.ra, a.dec, ${cols}
FROM survey${t % 100}.table_${t} AS a JOIN survey${u % 100}.table_${u} AS b ON a.id = b.id
WHERE a.mag < 18 AND b.mag < 19 AND a.${columnName(9)} IS NOT NULL AND CONTAINS(POINT(a.ra, a.dec), CIRCLE(b.ra, b.dec, 0.001)) = 1
ORDER BY a.mag`;
}
function groupBy(t: number): string {
  const aggs = Array.from({ length: 60 }, (_, i) => `${['AVG', 'MIN', 'MAX', 'SUM'][i % 4]}(${columnName(10 + i)}) AS agg_${i}`).join(', ');
  return `SELECT class, FLOOR(mag) AS bin, COUNT(*) AS n, MIN(ra), MAX(dec), ${aggs}
FROM survey${t % 100}.table_${t}
WHERE mag BETWEEN 5 AND 25 AND ${columnName(11)} > 0
GROUP BY class, FLOOR(mag)
HAVING COUNT(*) > 10
ORDER BY n DESC`;
}

const kinds = { 'cone search': coneSearch, join, 'group by': groupBy };
const sample = Object.values(kinds).map((f) => f(1));
for (const q of sample) {
  const r = validate(q, schema);
  if (!r.ok) throw new Error(`benchmark query does not validate: ${r.map((d) => d.message).join('; ')}\n${q}`);
}
console.log(
  `query sizes: ${Object.entries(kinds)
    .map(([k, f]) => `${k} ${f(1).length} B`)
    .join(', ')}`,
);

for (const [name, make] of Object.entries(kinds)) {
  // warm-up on other tables
  for (let i = 0; i < 200; i++) validate(parse(make((i * 101 + 5) % TABLES)).ast!, schema);
  const semantic: number[] = [];
  const semanticCpu: number[] = [];
  const warm: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < ITER; i++) {
    // each iteration on another table: its columns are decoded from the cache on first touch (the
    // worst case: new objects every query, so young-generation GC pauses land in the p99)
    const text = make((i * 37) % TABLES);
    const ast = parse(text).ast!;
    const c = process.cpuUsage();
    let s = performance.now();
    validate(ast, schema);
    semantic.push(performance.now() - s);
    const cd = process.cpuUsage(c);
    semanticCpu.push((cd.user + cd.system) / 1000);
    // again, now that the tables' columns are decoded: what an editor re-checking a query sees
    s = performance.now();
    validate(ast, schema);
    warm.push(performance.now() - s);
    s = performance.now();
    validate(text, schema);
    total.push(performance.now() - s);
  }
  for (const a of [semantic, semanticCpu, warm, total]) a.sort((x, y) => x - y);
  console.log(
    `${name.padEnd(11)}: validate(ast) wall p50 ${pct(semantic, 50).toFixed(3)} ms, p99 ${pct(semantic, 99).toFixed(3)} ms; ` +
      `CPU p50 ${pct(semanticCpu, 50).toFixed(3)} ms, p99 ${pct(semanticCpu, 99).toFixed(3)} ms (target p99 < 2 ms); ` +
      `parse+validate(text) wall p50 ${pct(total, 50).toFixed(3)} ms, p99 ${pct(total, 99).toFixed(3)} ms\n` +
      `${''.padEnd(13)}validate(ast) again, columns already decoded: wall p50 ${pct(warm, 50).toFixed(3)} ms, p99 ${pct(warm, 99).toFixed(3)} ms`,
  );
  peerDachs(
    name,
    Array.from({ length: 10 }, (_, i) => make((i * 37) % TABLES)),
    pct(total, 50),
  );
}

/** DaCHS's parser and annotator (name resolution, types, units) on the same queries, when installed. */
function peerDachs(name: string, queries: string[], oursP50: number): void {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dachs_peer.py');
  const r = spawnSync('/usr/bin/python3', [script], { input: JSON.stringify(queries), encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) {
    console.log(
      `${''.padEnd(11)}  DaCHS peer not run (${(r.stderr || r.error?.message || 'python3-gavo missing').trim().split('\n').pop()})`,
    );
    return;
  }
  const d = JSON.parse(r.stdout) as { p50: number; p99: number; n: number; errors: number };
  console.log(
    `${''.padEnd(11)}  DaCHS gavo.adql.parseAnnotating p50 ${d.p50.toFixed(3)} ms, p99 ${d.p99.toFixed(3)} ms over ${d.n} queries (${d.errors} rejected): ` +
      `adqlkit parse+validate is ${(d.p50 / oursP50).toFixed(1)}x faster at p50`,
  );
}
console.log(
  `machine load average during the run: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (2 cores shared; wall-clock p99 includes time descheduled)`,
);

const m = process.memoryUsage();
console.log(
  `memory: rss ${mb(m.rss)} (target < 500 MB; ${mb(m.rss - rssBefore)} since start of load), heap ${mb(m.heapUsed)}, external ${mb(m.external)}`,
);
