/**
 * How a cross-match of two HATS catalogues splits into join units that each hold a few partitions
 * and together find every pair exactly once (shared by `crossmatchHats` and the ADQL join).
 *
 * Each left row belongs to exactly one unit, and a unit's right side holds every right row within
 * the radius of its left rows, each once:
 * - margin mode (the right side has a margin catalogue at least as wide as the radius, and the right
 *   partitions overlapping a left partition P cover it): one unit per right partition Q overlapping
 *   P, pairing P's rows inside Q (all of P when Q holds P) with Q's rows plus Q's margin partition
 *   (the rows outside Q within the margin threshold of it, HATS spec), so no right row comes twice;
 * - neighbour mode (no usable margin, or a left partition not covered by right partitions): one unit
 *   per left partition, with every right partition that may hold a point within the radius of it.
 */
import { type HatsCatalog, type Partition, coverCap, maxPixelRadius, openHats, pix2ang, pixelRange29 } from '../hats/index.js';
import { parquetReader } from './hats-tables.js';

export interface JoinUnit {
  left: Partition;
  /** Only the left rows inside this pixel (a right partition finer than `left`). */
  leftWithin?: { order: number; pixel: number };
  right: Partition[];
  /** Margin partitions read with `right` (empty in neighbour mode). */
  margin: Partition[];
}

/**
 * The right side's margin catalogue when it is usable at this radius: `choice` undefined takes the
 * collection's default margin, `false` none. Why none is used goes into `notes`.
 */
export async function chooseMargin(
  right: HatsCatalog,
  radiusArcsec: number,
  notes: string[],
  choice?: string | false,
): Promise<HatsCatalog | undefined> {
  if (choice === false) {
    notes.push('no margin catalogue asked for: neighbouring right partitions are read instead');
    return undefined;
  }
  const location = choice ?? right.margins[0]?.location;
  if (!location) {
    notes.push(`${right.location} has no margin catalogue: neighbouring right partitions are read instead`);
    return undefined;
  }
  const margin = await openHats(location);
  const width = margin.properties.marginThreshold;
  if (width === undefined || width < radiusArcsec) {
    notes.push(
      `margin catalogue ${location} is ${width ?? 'of unknown width'} arcsec wide, less than the ${radiusArcsec} arcsec radius: neighbouring right partitions are read instead`,
    );
    return undefined;
  }
  return margin;
}

/**
 * The join units of a cross-match at `radiusDeg`. `leftPixels` says whether the left rows carry
 * their order-29 pixel (needed to split a left partition among finer right ones).
 */
export function pairPartitions(
  left: Partition[],
  right: Partition[],
  margin: Partition[] | undefined,
  radiusDeg: number,
  leftPixels: boolean,
): JoinUnit[] {
  const units: JoinUnit[] = [];
  for (const part of left) {
    const primary = right.filter((q) => overlaps(q, part));
    const borders = margin && primary.map((q) => marginOf(q, margin));
    const aligned =
      borders?.every((b) => b !== undefined) && covers(primary, part) && (leftPixels || primary.every((q) => q.order <= part.order));
    if (aligned) {
      primary.forEach((q, i) =>
        units.push({ left: part, ...(q.order > part.order ? { leftWithin: q } : {}), right: [q], margin: borders![i]! }),
      );
      continue;
    }
    const [ra, dec] = pix2ang(part.order, part.pixel);
    const cap = { ra, dec, radius: maxPixelRadius(part.order) + radiusDeg };
    const near = right.filter((q) => !primary.includes(q) && touches(q, cap));
    if (primary.length || near.length) units.push({ left: part, right: [...primary, ...near], margin: [] });
  }
  return units;
}

/** What a unit reads, as DuckDB relations; `filter` adds a row filter (SQL) to each side. */
export function unitRelations(
  unit: JoinUnit,
  left: HatsCatalog,
  right: HatsCatalog,
  filter: { left?: string; right?: string } = {},
): { left: string; right: string } {
  const leftWhere = [filter.left];
  if (unit.leftWithin) {
    const [lo, hi] = pixelRange29(unit.leftWithin.order, unit.leftWithin.pixel);
    leftWhere.push(`${quote(left.properties.healpixColumn)} BETWEEN ${lo} AND ${hi - 1n}`);
  }
  const where = (conds: Array<string | undefined>) => {
    const known = conds.filter((c) => c !== undefined);
    return known.length ? ` WHERE ${known.map((c) => `(${c})`).join(' AND ')}` : '';
  };
  const primary = `SELECT * FROM ${parquetReader(unit.right.flatMap((q) => q.files))}${where([filter.right])}`;
  const border = unit.margin.flatMap((q) => q.files);
  const withMargin = border.length
    ? `${primary} UNION ALL BY NAME SELECT * FROM ${parquetReader(border)}${where([filter.right])}`
    : primary;
  return {
    left: `SELECT * FROM ${parquetReader(unit.left.files)}${where(leftWhere)}`,
    right: withMargin,
  };
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The margin partitions of right partition q (HATS writes none when empty); undefined when they do not line up with it. */
function marginOf(q: Partition, margin: Partition[]): Partition[] | undefined {
  const over = margin.filter((m) => overlaps(m, q));
  return over.every((m) => m.order === q.order) ? over : undefined;
}

/** Whether two partitions share sky (one holds the other). */
export function overlaps(a: { order: number; pixel: number }, b: { order: number; pixel: number }): boolean {
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
