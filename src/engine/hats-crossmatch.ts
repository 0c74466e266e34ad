/**
 * Cross-match of two HATS catalogues partition by partition: for each partition P of the left
 * catalogue, the right catalogue's partitions overlapping P plus, when the right side has a margin
 * catalogue at least as wide as the radius and its partitions cover P, the margin partitions
 * overlapping P (the rows just across their borders, HATS spec); otherwise every right partition
 * within the radius of P. Only
 * a few partitions are in memory at once; pairs stream out through `onRows`.
 */
import { type HatsCatalog, type Partition, coverCap, maxPixelRadius, openHats, pix2ang, pixelRange29 } from '../hats/index.js';
import { EngineError } from './errors.js';
import { parquetReader } from './hats-tables.js';

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
  /** Called after each left partition. */
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
  const margin = await chooseMargin(right, options, notes);
  const radius = options.radiusArcsec / 3600;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  let pairs = 0;
  let columns: string[] = [];
  try {
    const lp = left.properties;
    const rp = right.properties;
    for (const [i, part] of left.partitions.entries()) {
      const primary = right.partitions.filter((q) => overlaps(q, part));
      const sources = primary.flatMap((q) => q.files);
      let marginSql = '';
      // Margins border the right partitions only: where P is not wholly inside them, right rows just
      // across P's uncovered borders are in no margin, so neighbouring partitions are read instead.
      if (margin && covers(primary, part)) {
        const border = margin.partitions.filter((q) => overlaps(q, part)).flatMap((q) => q.files);
        // A margin row inside a right partition read above is already there: keep it once.
        const inside = primary
          .map((q) => pixelRange29(q.order, q.pixel))
          .map(([a, b]) => `${quote(rp.healpixColumn)} BETWEEN ${a} AND ${b - 1n}`);
        if (border.length)
          marginSql = ` UNION ALL BY NAME SELECT * FROM ${parquetReader(border)}${inside.length ? ` WHERE NOT (${inside.join(' OR ')})` : ''}`;
      } else {
        const [ra, dec] = pix2ang(part.order, part.pixel);
        const cap = { ra, dec, radius: maxPixelRadius(part.order) + radius };
        const near = right.partitions.filter((q) => !primary.includes(q) && touches(q, cap));
        sources.push(...near.flatMap((q) => q.files));
      }
      if (sources.length === 0 && !marginSql) {
        options.onProgress?.(i + 1, left.partitions.length);
        continue;
      }
      const rightSql = sources.length
        ? `SELECT * FROM ${parquetReader(sources)}${marginSql}`
        : marginSql.replace(/^ UNION ALL BY NAME /, '');
      const sql = `SELECT COLUMNS(l.*) AS "l_\\0", COLUMNS(r.*) AS "r_\\0" FROM ${parquetReader(part.files)} AS l JOIN (${rightSql}) AS r
        ON r.${quote(rp.decColumn)} BETWEEN l.${quote(lp.decColumn)} - ${radius} AND l.${quote(lp.decColumn)} + ${radius}
        AND 2 * asin(sqrt(pow(sin(radians(r.${quote(rp.decColumn)} - l.${quote(lp.decColumn)}) / 2), 2)
          + cos(radians(l.${quote(lp.decColumn)})) * cos(radians(r.${quote(rp.decColumn)})) * pow(sin(radians(r.${quote(rp.raColumn)} - l.${quote(lp.raColumn)}) / 2), 2)))
          <= radians(${radius})`;
      const reader = await conn.runAndReadAll(sql);
      columns = reader.columnNames();
      const rows = reader.getRowsJS() as unknown[][];
      pairs += rows.length;
      if (rows.length) options.onRows?.(rows, columns);
      options.onProgress?.(i + 1, left.partitions.length);
    }
  } finally {
    conn.closeSync();
    db.closeSync();
  }
  return { pairs, columns, ...(margin ? { margin: margin.location } : {}), notes };
}

async function chooseMargin(right: HatsCatalog, options: HatsCrossmatchOptions, notes: string[]): Promise<HatsCatalog | undefined> {
  if (options.rightMargin === false) {
    notes.push('no margin catalogue asked for: neighbouring right partitions are read instead');
    return undefined;
  }
  const location = options.rightMargin ?? right.margins[0]?.location;
  if (!location) {
    notes.push(`${right.location} has no margin catalogue: neighbouring right partitions are read instead`);
    return undefined;
  }
  const margin = await openHats(location);
  const width = margin.properties.marginThreshold;
  if (width === undefined || width < options.radiusArcsec) {
    notes.push(
      `margin catalogue ${location} is ${width ?? 'of unknown width'} arcsec wide, less than the ${options.radiusArcsec} arcsec radius: neighbouring right partitions are read instead`,
    );
    return undefined;
  }
  return margin;
}

/** Whether two partitions share sky (one holds the other). */
function overlaps(a: Partition, b: Partition): boolean {
  const [hi, lo] = a.order >= b.order ? [a, b] : [b, a];
  return Math.floor(hi.pixel / 4 ** (hi.order - lo.order)) === lo.pixel;
}

/** Whether the partitions (each overlapping p) together cover all of p. */
function covers(parts: Partition[], p: Partition): boolean {
  if (parts.some((q) => q.order <= p.order)) return true;
  return parts.reduce((sum, q) => sum + 4 ** (p.order - q.order), 0) >= 1 - 1e-12;
}

/** Whether a partition may hold a point of the disc. */
function touches(q: Partition, cap: { ra: number; dec: number; radius: number }): boolean {
  return q.order > 24 || coverCap(q.order, cap).includes(q.pixel);
}
