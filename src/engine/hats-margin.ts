/**
 * Margin catalogues for `importHats`: for each partition P, the rows outside P that lie within the
 * threshold of P's boundary (HATS margin semantics), so a partition-by-partition cross-match up to that
 * radius finds every pair. P's boundary is represented by the centres of its edge pixels at a finer
 * order; a row is kept when it lies within threshold + that order's pixel radius of one of them, so
 * the margin may hold a few rows slightly beyond the threshold but never misses one within it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { boundaryCentres, coverCap, maxPixelRadius, partitionStem, pix2ang } from '../hats/index.js';

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface MarginPartition {
  order: number;
  pixel: number;
  rows: number;
}

/** Writes the margin files of `partitions` under `dir` from table `hp`; returns the non-empty ones. */
export async function writeMargins(
  conn: DuckDBConnection,
  dir: string,
  partitions: ReadonlyArray<{ order: number; pixel: number }>,
  ra: string,
  dec: string,
  thresholdArcsec: number,
  progress?: (line: string) => void,
): Promise<MarginPartition[]> {
  const t = thresholdArcsec / 3600;
  const out: MarginPartition[] = [];
  for (const [i, p] of partitions.entries()) {
    // Edge pixels a quarter of the threshold wide at most (at most 1024 along an edge).
    let fine = p.order + 1;
    while (fine < Math.min(24, p.order + 10) && maxPixelRadius(fine) > t / 4) fine++;
    const slack = maxPixelRadius(fine);
    const edge = boundaryCentres(p.order, p.pixel, fine);
    await conn.run('CREATE OR REPLACE TEMP TABLE margin_edge (ra DOUBLE, dec DOUBLE)');
    await conn.run(`INSERT INTO margin_edge VALUES ${edge.map(([a, b]) => `(${a}, ${b})`).join(', ')}`);
    const [cra, cdec] = pix2ang(p.order, p.pixel);
    // Candidates: rows in the pixels (three orders finer than P) near P's bounding circle widened by t.
    const nearOrder = Math.min(24, p.order + 3);
    const nearShift = BigInt(2 * (29 - nearOrder));
    const near = coverCap(nearOrder, { ra: cra, dec: cdec, radius: maxPixelRadius(p.order) + t });
    const s = BigInt(2 * (29 - p.order));
    const [lo, hi] = [BigInt(p.pixel) << s, ((BigInt(p.pixel) + 1n) << s) - 1n];
    const inNear = `("_healpix_29" >> ${nearShift}) IN (${near.join(', ')}) AND `;
    const reach = t + slack;
    const select = `SELECT * FROM hp AS r WHERE ${inNear}NOT ("_healpix_29" BETWEEN ${lo} AND ${hi}) AND EXISTS (
      SELECT 1 FROM margin_edge AS e WHERE e.dec BETWEEN r.${dec} - ${reach} AND r.${dec} + ${reach}
      AND 2 * asin(sqrt(pow(sin(radians(e.dec - r.${dec}) / 2), 2) + cos(radians(r.${dec})) * cos(radians(e.dec)) * pow(sin(radians(e.ra - r.${ra}) / 2), 2))) <= radians(${reach}))`;
    const rows = Number((await conn.runAndReadAll(`SELECT COUNT(*) FROM (${select})`)).getRowsJS()[0]![0]);
    if (rows > 0) {
      const stem = partitionStem(p.order, p.pixel);
      mkdirSync(join(dir, stem, '..'), { recursive: true });
      await conn.run(
        `COPY (${select} ORDER BY "_healpix_29") TO ${literal(join(dir, `${stem}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`,
      );
      out.push({ order: p.order, pixel: p.pixel, rows });
    }
    progress?.(`margin ${i + 1}/${partitions.length}: Norder=${p.order} Npix=${p.pixel}, ${rows} rows`);
  }
  return out;
}
