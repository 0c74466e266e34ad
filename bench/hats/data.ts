/**
 * The HATS benchmark's catalogues, generated once and reused (bench/out/ is git-ignored):
 *   sky-N.parquet   the rows of DaCHS's zcat.big for ids 1..N (scripts/dachs/zcat/big.rd: R2
 *                   low-discrepancy positions, a deterministic function of id), computed in DuckDB
 *                   with exact integer arithmetic, so that bench/hats/dachs/q.rd's hatsbench.sky
 *                   holds the same rows;
 *   near-M.parquet  the sky rows of ids 1..M moved in Dec by less than 0.3 arcsec (hatsbench.near),
 *                   so a 1-arcsec cross-match with any sky-N (N >= M) pairs each with its partner (M
 *                   pairs: the R2 points lie over a minute of arc apart even at 10^8 rows);
 * and their HATS imports (near-N-hats with a margin catalogue, a collection).
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { importHats } from '../../src/engine/index.js';

/** frac(i * k / 1e16) exactly with 64-bit integers (k < 2^53, i <= 10^9: every product < 2^63). */
function frac(k: number): string {
  const hi = Math.floor(k / 1e8);
  const lo = k % 1e8;
  return `((((i * ${hi}) % 100000000) * 100000000 + i * ${lo}) % 10000000000000000)::DOUBLE / 1e16`;
}

const RA = `round(360 * ${frac(7548776662466927)}, 6)`;
const DEC = `round(degrees(asin(2 * ${frac(5698402909980532)} - 1)), 6)`;
const MAG = `round(16 + 3 * ${frac(4142135623730950)} + 3 * ${frac(7320508075688772)} - 3, 3)::FLOAT`;
const NEAR_DEC = `LEAST(90, GREATEST(-90, round(${DEC} + (${frac(2360679774997897)} - 0.5) * 0.6 / 3600, 6)))`;

export interface BenchData {
  rows: number;
  /** Rows of the near catalogue (ids 1..nearRows, so each pairs with the sky row of its id); 0: none. */
  nearRows: number;
  sky: string;
  near: string;
  skyHats: string;
  /** A collection: the near catalogue and its margin catalogue. */
  nearHats: string;
  /** What was generated or imported now (seconds), absent when reused. */
  made: { generateSky?: number; generateNear?: number; importSky?: number; importNear?: number };
  skyPartitions?: number;
}

export const MARGIN_ARCSEC = 2;

async function copyTo(file: string, select: string): Promise<number> {
  const t0 = performance.now();
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const tmp = `${file}.tmp`;
  try {
    await conn.run(`COPY (${select}) TO '${tmp}' (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
  renameSync(tmp, file);
  return (performance.now() - t0) / 1000;
}

async function importTo(input: string, output: string, maxRows: number, marginArcsec?: number): Promise<number> {
  const t0 = performance.now();
  const tmp = `${output}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  await importHats({
    input,
    output: tmp,
    ra: 'ra',
    dec: 'dec',
    maxRows,
    name: path.basename(output),
    ...(marginArcsec ? { marginArcsec } : {}),
  });
  renameSync(tmp, output);
  return (performance.now() - t0) / 1000;
}

/** The catalogues of `rows` rows under `dir`, made when missing (a finished file or directory is never redone). */
export async function benchData(dir: string, rows: number, maxRows: number, nearRows?: number): Promise<BenchData> {
  const d: BenchData = {
    rows,
    nearRows: nearRows ?? 0,
    sky: path.join(dir, `sky-${rows}.parquet`),
    near: path.join(dir, `near-${nearRows}.parquet`),
    skyHats: path.join(dir, `sky-${rows}-hats-${maxRows}`),
    nearHats: path.join(dir, `near-${nearRows}-hats-${maxRows}-margin${MARGIN_ARCSEC}`),
    made: {},
  };
  const range = `FROM range(1, ${rows + 1}) AS t(i)`;
  if (!existsSync(d.sky))
    d.made.generateSky = await copyTo(d.sky, `SELECT i::INTEGER AS id, ${RA} AS ra, ${DEC} AS dec, ${MAG} AS mag ${range}`);
  if (!existsSync(d.skyHats)) d.made.importSky = await importTo(d.sky, d.skyHats, maxRows);
  if (nearRows) {
    if (!existsSync(d.near))
      d.made.generateNear = await copyTo(
        d.near,
        `SELECT i::INTEGER AS id, ${RA} AS ra, ${NEAR_DEC} AS dec FROM range(1, ${nearRows + 1}) AS t(i)`,
      );
    if (!existsSync(d.nearHats)) d.made.importNear = await importTo(d.near, d.nearHats, maxRows, MARGIN_ARCSEC);
  }
  return d;
}
