/**
 * Cross-match of two HATS catalogues partition by partition (the units of hats-pairing.ts: a left
 * partition with the right partitions overlapping it and their margin when it is wide enough, else
 * with every right partition within the radius). Only a few partitions are in memory at once; pairs
 * stream out through `onRows`.
 */
import { openHats } from '../hats/index.js';
import { EngineError } from './errors.js';
import { chooseMargin, pairPartitions, unitRelations } from './hats-pairing.js';
import { parquetReader, schemaFiles } from './hats-tables.js';

export interface HatsCrossmatchOptions {
  /** Left and right catalogues (directories; a collection opens as its primary table). */
  left: string;
  right: string;
  radiusArcsec: number;
  /**
   * The right side's margin catalogue: default the right collection's default margin; `false` reads
   * neighbouring partitions instead.
   */
  rightMargin?: string | false;
  /** Called with each partition's pairs (left columns prefixed `l_`, right ones `r_`). */
  onRows?: (rows: unknown[][], columns: string[]) => void;
  /** Called after each join unit (a left partition, or its part inside one right partition). */
  onProgress?: (done: number, total: number) => void;
}

export interface HatsCrossmatchResult {
  pairs: number;
  columns: string[];
  /** The margin catalogue used, if any. */
  margin?: string;
  /** Why no margin was used (missing, or narrower than the radius). */
  notes: string[];
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function crossmatchHats(options: HatsCrossmatchOptions): Promise<HatsCrossmatchResult> {
  if (!(options.radiusArcsec > 0))
    throw new EngineError(`cross-match radius ${options.radiusArcsec}: give a positive number of arcseconds`);
  const left = await openHats(options.left);
  const right = await openHats(options.right);
  const notes: string[] = [];
  const margin = await chooseMargin(right, options.radiusArcsec, notes, options.rightMargin);
  const radius = options.radiusArcsec / 3600;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  let pairs = 0;
  let columns: string[] = [];
  try {
    const lp = left.properties;
    const rp = right.properties;
    const leftColumns = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${parquetReader(schemaFiles(left))}`)).getRowsJS();
    const leftPixels = leftColumns.some((c) => c[0] === lp.healpixColumn);
    const units = pairPartitions(left.partitions, right.partitions, margin?.partitions, radius, leftPixels);
    for (const [i, unit] of units.entries()) {
      const from = unitRelations(unit, left, right);
      const sql = `SELECT COLUMNS(l.*) AS "l_\\0", COLUMNS(r.*) AS "r_\\0" FROM (${from.left}) AS l JOIN (${from.right}) AS r
        ON r.${quote(rp.decColumn)} BETWEEN l.${quote(lp.decColumn)} - ${radius} AND l.${quote(lp.decColumn)} + ${radius}
        AND 2 * asin(sqrt(pow(sin(radians(r.${quote(rp.decColumn)} - l.${quote(lp.decColumn)}) / 2), 2)
          + cos(radians(l.${quote(lp.decColumn)})) * cos(radians(r.${quote(rp.decColumn)})) * pow(sin(radians(r.${quote(rp.raColumn)} - l.${quote(lp.raColumn)}) / 2), 2)))
          <= radians(${radius})`;
      const reader = await conn.runAndReadAll(sql);
      columns = reader.columnNames();
      const rows = reader.getRowsJS() as unknown[][];
      pairs += rows.length;
      if (rows.length) options.onRows?.(rows, columns);
      options.onProgress?.(i + 1, units.length);
    }
  } finally {
    conn.closeSync();
    db.closeSync();
  }
  return { pairs, columns, ...(margin ? { margin: margin.location } : {}), notes };
}
