/**
 * HATS benchmark: a synthetic all-sky catalogue (uniform on the sphere) imported into HATS, then
 *   - a 1-degree cone, cold (a new engine, first query): time and the share of the catalogue's bytes
 *     in the partitions it reads;
 *   - a full-sky GROUP BY histogram (every partition);
 *   - a cross-match at 1 arcsec against a second HATS catalogue (a tenth of the rows, each moved by
 *     under 0.5 arcsec), rows/s and peak resident memory (DuckDB's memory is native, so RSS counts it),
 *     as one ADQL join and partition by partition (crossmatchHats);
 * beside the same ADQL on the flat table loaded into DuckDB (in memory).
 *
 * Usage: npx tsx bench/hats/run.ts                 (10^6 and 10^7 rows)
 *        HATS_BENCH_ROWS=1000000 npx tsx bench/hats/run.ts
 *        HATS_BENCH_ROWS=100000000 npx tsx bench/hats/run.ts   (10^8: import, cone, histogram; ~15 min, 7 GB of disk)
 * Work files go to $HATS_BENCH_DIR (default a temporary directory, removed at the end).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalEngine, crossmatchHats, importHats } from '../../src/engine/index.js';
import { openHats } from '../../src/hats/index.js';

const SIZES = (process.env.HATS_BENCH_ROWS ?? '1000000,10000000').split(',').map(Number);
const MAX_ROWS = Number(process.env.HATS_BENCH_MAX_ROWS ?? 100_000);
/** Larger catalogues skip the cross-match (minutes) and the flat in-memory comparison. */
const XMATCH_MAX = Number(process.env.HATS_BENCH_XMATCH_MAX ?? 10_000_000);
const CONE = 'SELECT COUNT(*) FROM T WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(123.4, 21.7, 1))';
const HISTOGRAM = 'SELECT FLOOR(dec / 10) * 10 AS band, COUNT(*) AS n FROM T GROUP BY FLOOR(dec / 10) * 10 ORDER BY band';
const XMATCH = 'SELECT COUNT(*) FROM T AS a JOIN U AS b ON 1 = CONTAINS(POINT(a.ra, a.dec), CIRCLE(b.ra, b.dec, 1.0 / 3600))';

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function generate(dir: string, rows: number, withNear: boolean): Promise<{ big: string; small: string }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const big = path.join(dir, `sky-${rows}.parquet`);
  const small = path.join(dir, `near-${rows}.parquet`);
  await conn.run(`SELECT setseed(0.19)`);
  await conn.run(
    `COPY (SELECT i AS id, random() * 360 AS ra, degrees(asin(2 * random() - 1)) AS dec, 10 + 10 * random() AS mag FROM range(${rows}) t(i)) TO '${big}' (FORMAT parquet)`,
  );
  // A tenth of the rows, each moved by up to 0.3 arcsec in Dec.
  if (withNear)
    await conn.run(
      `COPY (SELECT id, ra, LEAST(90, GREATEST(-90, dec + (random() - 0.5) * 0.6 / 3600)) AS dec FROM read_parquet('${big}') WHERE id % 10 = 0) TO '${small}' (FORMAT parquet)`,
    );
  conn.closeSync();
  db.closeSync();
  return { big, small };
}

function bytesOf(files: string[]): number {
  return files.reduce((s, f) => s + statSync(f).size, 0);
}

async function run(rows: number, dir: string): Promise<void> {
  console.log(`\n== ${rows.toLocaleString('en')} rows (partitions of at most ${MAX_ROWS.toLocaleString('en')} rows)`);
  const withXmatch = rows <= XMATCH_MAX;
  const gen = await timed(() => generate(dir, rows, withXmatch));
  console.log(`generate flat Parquet: ${(gen.ms / 1000).toFixed(1)} s`);
  const { big, small } = gen.value;
  const hatsDir = path.join(dir, `sky-${rows}-hats`);
  const nearDir = path.join(dir, `near-${rows}-hats`);
  const imp = await timed(() => importHats({ input: big, output: hatsDir, ra: 'ra', dec: 'dec', maxRows: MAX_ROWS }));
  console.log(
    `hats import: ${(imp.ms / 1000).toFixed(1)} s (${Math.round(rows / (imp.ms / 1000)).toLocaleString('en')} rows/s), ${imp.value.partitions.length} partitions`,
  );
  if (withXmatch) await importHats({ input: small, output: nearDir, ra: 'ra', dec: 'dec', maxRows: MAX_ROWS });
  const catalog = await openHats(hatsDir);
  const totalBytes = bytesOf(catalog.files);

  // Cold cone: a new engine (catalogue opened, nothing cached by the engine); the OS page cache is warm.
  const cold = await timed(async () => {
    const e = await LocalEngine.create({ hats: [{ name: 'T', location: hatsDir }] });
    const r = await e.query(CONE);
    await e.close();
    return r;
  });
  const read = [...cold.value.sql.matchAll(/'([^']+\.parquet)'/g)].map((m) => m[1]!);
  console.log(
    `1-degree cone, cold (open + query): ${cold.ms.toFixed(0)} ms, ${cold.value.rows[0]![0]} rows, ${read.length}/${catalog.files.length} partition files, ${((100 * bytesOf(read)) / totalBytes).toFixed(2)}% of ${(totalBytes / 1e6).toFixed(0)} MB`,
  );

  const hats = await LocalEngine.create({
    hats: [{ name: 'T', location: hatsDir }, ...(withXmatch ? [{ name: 'U', location: nearDir }] : [])],
  });
  const warmCone = await timed(() => hats.query(CONE));
  const hist = await timed(() => hats.query(HISTOGRAM));
  console.log(
    `HATS:  cone warm ${warmCone.ms.toFixed(0)} ms; full-sky histogram ${hist.ms.toFixed(0)} ms (${hist.value.rows.length} bands)`,
  );
  if (!withXmatch) {
    console.log(`cross-match and flat comparison skipped above ${XMATCH_MAX.toLocaleString('en')} rows (HATS_BENCH_XMATCH_MAX)`);
    await hats.close();
    return;
  }
  peakRss = process.memoryUsage().rss;
  const xm = await timed(() => hats.query(XMATCH));
  console.log(
    `HATS:  cross-match ${rows.toLocaleString('en')} x ${(rows / 10).toLocaleString('en')} at 1 arcsec: ${(xm.ms / 1000).toFixed(1)} s, ${xm.value.rows[0]![0]} pairs, ${Math.round(rows / (xm.ms / 1000)).toLocaleString('en')} rows/s of T, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
  );
  await hats.close();
  // The same cross-match partition by partition (no margin written by import: neighbours are read).
  peakRss = process.memoryUsage().rss;
  let streamed = 0;
  const byPartition = await timed(() =>
    crossmatchHats({ left: hatsDir, right: nearDir, radiusArcsec: 1, onRows: (r) => (streamed += r.length) }),
  );
  console.log(
    `HATS:  crossmatchHats partition by partition: ${(byPartition.ms / 1000).toFixed(1)} s, ${streamed} pairs, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
  );
  if (streamed !== Number(xm.value.rows[0]![0])) throw new Error('crossmatchHats and the ADQL join found different pair counts');

  const flat = await LocalEngine.create();
  const load = await timed(async () => {
    await flat.load({ name: 'T', file: big });
    await flat.load({ name: 'U', file: small });
  });
  const flatCone = await timed(() => flat.query(CONE));
  const flatHist = await timed(() => flat.query(HISTOGRAM));
  peakRss = process.memoryUsage().rss;
  const flatXm = await timed(() => flat.query(XMATCH));
  console.log(
    `flat (DuckDB in memory, load ${(load.ms / 1000).toFixed(1)} s): cone ${flatCone.ms.toFixed(0)} ms; histogram ${flatHist.ms.toFixed(0)} ms; cross-match ${(flatXm.ms / 1000).toFixed(1)} s, ${flatXm.value.rows[0]![0]} pairs, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
  );
  if (
    String(flatCone.value.rows[0]![0]) !== String(cold.value.rows[0]![0]) ||
    String(flatXm.value.rows[0]![0]) !== String(xm.value.rows[0]![0])
  ) {
    throw new Error('HATS and flat answers differ');
  }
  await flat.close();
}

const dir = process.env.HATS_BENCH_DIR ?? mkdtempSync(path.join(tmpdir(), 'adql-hats-bench-'));
try {
  for (const rows of SIZES) await run(rows, dir);
} finally {
  clearInterval(sampler);
  if (!process.env.HATS_BENCH_DIR) rmSync(dir, { recursive: true, force: true });
}
