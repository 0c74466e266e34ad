/**
 * Local engine vs DaCHS (PostgreSQL + pgSphere) on the same synthetic catalogue:
 *   - a 1-degree cone search,
 *   - a self-crossmatch with DISTANCE giving about a million pairs,
 *   - a GROUP BY magnitude histogram.
 *
 * The rows are those of DaCHS's zcat.big (scripts/dachs/zcat/big.rd: ra/dec/mag from the R2
 * low-discrepancy sequence, a deterministic function of id), generated inside DuckDB with exact
 * integer arithmetic, so the local table with ids 1..N equals zcat.big when N is its size.
 *
 * Usage: npx tsx bench/engine/run.ts            (local at 10M rows and at DaCHS's size, DaCHS if up)
 *        BENCH_ROWS=2000000 npx tsx bench/engine/run.ts   (smaller local table while developing)
 *        DACHS_BIG_ROWS=10000000 sudo bash scripts/dachs-up.sh   (zcat.big at 10M rows, as the issue's figures; ~3 min)
 */
import { LocalEngine } from '../../src/engine/index.js';
import { TapError, TapService } from '../../src/tap/index.js';

const TAP_URL = process.env.ADQLKIT_TAP_URL ?? 'http://127.0.0.1:8080/tap';
const LOCAL_ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const DACHS_TABLE = process.env.BENCH_DACHS_TABLE ?? 'zcat.big';
const tap = new TapService(TAP_URL);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

/** frac(i * k / 1e16) computed exactly with 64-bit integers (k < 2^53, i < 2^26). */
function frac(k: number): string {
  const hi = Math.floor(k / 1e8);
  const lo = k % 1e8;
  return `((((i * ${hi}) % 100000000) * 100000000 + i * ${lo}) % 10000000000000000)::DOUBLE / 1e16`;
}

async function localEngine(rows: number): Promise<LocalEngine> {
  const engine = await LocalEngine.create();
  await engine.loadSql(
    'bench.big',
    `SELECT i::INTEGER AS id,
       round(360 * ${frac(7548776662466927)}, 6) AS ra,
       round(degrees(asin(2 * ${frac(5698402909980532)} - 1)), 6) AS dec,
       round(16 + 3 * ${frac(4142135623730950)} + 3 * ${frac(7320508075688772)} - 3, 3)::FLOAT AS mag
     FROM range(1, ${rows + 1}) AS t(i) ORDER BY dec`,
    { ra: { unit: 'deg', ucd: 'pos.eq.ra;meta.main' }, dec: { unit: 'deg', ucd: 'pos.eq.dec;meta.main' }, mag: { unit: 'mag' } },
  );
  return engine;
}

/**
 * Crossmatch radius giving about a million pairs. This low-discrepancy sequence is more regular
 * than random points: below the typical spacing almost no pairs form, then a whole shell of
 * neighbours arrives at once, so the radius is measured per size rather than scaled (1M rows:
 * 0.209 deg gives 965,728 pairs; 10M rows: 0.0336 deg gives 1,262,487).
 */
function crossmatchRadius(rows: number): number {
  const measured: Record<number, number> = { 1_000_000: 0.209, 10_000_000: 0.0336 };
  return measured[rows] ?? Number((0.209 * Math.sqrt(1e6 / rows)).toPrecision(3));
}

function queries(table: string, rows: number): { name: string; adql: string }[] {
  const r = crossmatchRadius(rows);
  return [
    {
      name: '1-degree cone (count)',
      adql: `SELECT COUNT(*) AS n FROM ${table} WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 2, 1))`,
    },
    {
      name: '1-degree cone (rows)',
      adql: `SELECT id, ra, dec, mag FROM ${table} WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 2, 1))`,
    },
    {
      name: `crossmatch DISTANCE < ${r} deg`,
      adql: `SELECT COUNT(*) AS n FROM ${table} AS a JOIN ${table} AS b ON DISTANCE(POINT('ICRS', a.ra, a.dec), POINT('ICRS', b.ra, b.dec)) < ${r} WHERE a.id < b.id`,
    },
    { name: 'GROUP BY histogram', adql: `SELECT FLOOR(mag * 2) / 2.0 AS bin, COUNT(*) AS n FROM ${table} GROUP BY FLOOR(mag * 2) / 2.0` },
  ];
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** Median of REPEAT runs (the first run included: no warm-up advantage for either side). */
async function measure(fn: () => Promise<string>): Promise<{ ms: number; answer: string }> {
  const runs: { ms: number; value: string }[] = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await time(fn));
  runs.sort((a, b) => a.ms - b.ms);
  const mid = runs[Math.floor(runs.length / 2)]!;
  return { ms: mid.ms, answer: mid.value };
}

/** Queries DaCHS could not answer within its sync time limit: these run (and are timed) as async jobs. */
const needsAsync = new Set<string>();

/** One query on DaCHS through adqlkit's client: sync, or an async job when sync runs out of time. */
async function dachs(adql: string): Promise<string> {
  let result;
  if (!needsAsync.has(adql)) {
    try {
      result = await tap.query(adql, { maxrec: 20_000_000 });
    } catch (err) {
      if (!(err instanceof TapError)) throw err;
      console.log(`  (DaCHS sync: ${err.message.slice(0, 160)}; timing this query as an async job instead)`);
      needsAsync.add(adql);
    }
  }
  result ??= await tap.runAsync(adql, { maxrec: 20_000_000, executionDuration: 7200, timeoutMs: 3_600_000 });
  return summary(result.rowArrays().map((row) => row.map(String).join(',')));
}

async function local(engine: LocalEngine, adql: string): Promise<string> {
  const r = await engine.query(adql, { maxrec: 20_000_000 });
  return summary(r.rows.map((row) => row.map(String).join(',')));
}

/** A short answer to compare: the single value, or the row count. */
function summary(lines: string[]): string {
  return lines.length === 1 && !lines[0]!.includes(',') ? lines[0]! : `${lines.length} rows`;
}

async function dachsRows(): Promise<number | undefined> {
  try {
    return Number(await dachs(`SELECT COUNT(*) AS n FROM ${DACHS_TABLE}`));
  } catch (err) {
    console.log(`DaCHS comparison skipped: ${(err as Error).message}`);
    return undefined;
  }
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

const remoteRows = await dachsRows();
const sizes = [...new Set([LOCAL_ROWS, ...(remoteRows ? [remoteRows] : [])])].sort((a, b) => b - a);
console.log(
  `machine: ${(await import('node:os')).cpus().length} cores, load ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; median of ${REPEAT} runs`,
);
for (const rows of sizes) {
  const gen = await time(() => localEngine(rows));
  console.log(`\nlocal table: ${rows.toLocaleString('en')} rows generated in ${fmt(gen.ms)}`);
  const engine = gen.value;
  const compare = remoteRows === rows;
  console.log(`| query | local (${rows.toLocaleString('en')} rows) |${compare ? ` DaCHS ${DACHS_TABLE} | DaCHS / local | answers |` : ''}`);
  console.log(`|---|---|${compare ? '---|---|---|' : ''}`);
  for (const q of queries('bench.big', rows)) {
    const l = await measure(() => local(engine, q.adql));
    if (!compare) {
      console.log(`| ${q.name} | ${fmt(l.ms)} (${l.answer}) |`);
      continue;
    }
    const remote = q.adql.replaceAll('bench.big', DACHS_TABLE);
    const d = await measure(() => dachs(remote));
    const same = l.answer === d.answer ? `same (${l.answer})` : `DIFFER: local ${l.answer}, DaCHS ${d.answer}`;
    console.log(
      `| ${q.name} | ${fmt(l.ms)} | ${fmt(d.ms)}${needsAsync.has(remote) ? ' (async job)' : ''} | ${(d.ms / l.ms).toFixed(1)}x | ${same} |`,
    );
  }
  await engine.close();
}
