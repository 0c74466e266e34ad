/**
 * Partition axes and chunk bounds. Bound values are kept as decimal strings so that 64-bit ids
 * (Pan-STARRS objIDs are ~1e17, beyond exact doubles) are split exactly with BigInt arithmetic.
 */
import { PartitionPlanError } from './errors.js';

/** How to partition a query. */
export type PartitionBy =
  /** Ranges of a numeric column (type from the schema or the values when not given). */
  | { kind: 'range'; column: string; type?: 'integer' | 'float'; range?: [number | bigint | string, number | bigint | string] }
  /** Declination bands (default -90..90). */
  | { kind: 'dec'; column: string; range?: [number, number] }
  /** Right-ascension ranges (default 0..360). */
  | { kind: 'ra'; column: string; range?: [number, number] }
  /** Sky tiles: RA ranges times declination bands. */
  | { kind: 'tiles'; ra: string; dec: string };

/** One partitioned dimension with its full extent. The last range includes `hi` (the tutorial's padding). */
export interface Axis {
  column: string;
  type: 'integer' | 'float';
  lo: string;
  hi: string;
}

/** A chunk's constraint on one axis: lo <= column < hi (or <= hi when hiInclusive). */
export interface Bound {
  column: string;
  type: 'integer' | 'float';
  lo: string;
  hi: string;
  hiInclusive: boolean;
}

/** Exclusive upper end of an integer axis, so the maximum itself is in the last range. */
function integerEnd(axis: Axis): bigint {
  return BigInt(axis.hi) + 1n;
}

export function axisWidth(axis: Axis): number {
  return axis.type === 'integer' ? Number(integerEnd(axis) - BigInt(axis.lo)) : Number(axis.hi) - Number(axis.lo);
}

export function boundWidth(b: Bound): number {
  return b.type === 'integer' ? Number(BigInt(b.hi) - BigInt(b.lo)) : Number(b.hi) - Number(b.lo);
}

/** Checks an axis: numbers of its type, not empty. */
export function checkAxis(axis: Axis): void {
  const ok = axis.type === 'integer' ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
  for (const v of [axis.lo, axis.hi]) {
    if (!ok.test(v))
      throw new PartitionPlanError(`range of ${axis.column}: "${v}" is not ${axis.type === 'integer' ? 'an integer' : 'a number'}`);
  }
  const empty = axis.type === 'integer' ? BigInt(axis.lo) > BigInt(axis.hi) : Number(axis.lo) > Number(axis.hi);
  if (empty) {
    throw new PartitionPlanError(`empty range for ${axis.column}: ${axis.lo} > ${axis.hi}; give the range as [low, high] with low <= high`);
  }
}

/** Splits an axis into `parts` consecutive ranges (fewer for a short integer axis); the last includes the axis maximum. */
export function divideAxis(axis: Axis, parts: number): Bound[] {
  if (!Number.isInteger(parts) || parts < 1) throw new PartitionPlanError(`chunk count must be a positive integer, got ${parts}`);
  const out: Bound[] = [];
  if (axis.type === 'integer') {
    const lo = BigInt(axis.lo);
    const end = integerEnd(axis);
    const width = end - lo;
    const step = (width + BigInt(parts) - 1n) / BigInt(parts);
    for (let a = lo; a < end; a += step) {
      const b = a + step < end ? a + step : end;
      out.push({ column: axis.column, type: 'integer', lo: String(a), hi: String(b), hiInclusive: false });
    }
    return out;
  }
  const lo = Number(axis.lo);
  const hi = Number(axis.hi);
  for (let i = 0; i < parts; i++) {
    const a = i === 0 ? lo : lo + ((hi - lo) * i) / parts;
    const b = i === parts - 1 ? hi : lo + ((hi - lo) * (i + 1)) / parts;
    out.push({ column: axis.column, type: 'float', lo: String(a), hi: String(b), hiInclusive: i === parts - 1 });
  }
  return out;
}

/** Number of ranges of at most `size` (column units) covering the axis. */
export function partsForSize(axis: Axis, size: number): number {
  if (!(size > 0)) throw new PartitionPlanError(`chunk size must be positive, got ${size}`);
  return Math.max(1, Math.ceil(axisWidth(axis) / size));
}

/** The smallest width a bound may be split down to: one id for integers, a millionth of the axis for floats. */
export function minimumWidth(axis: Axis): number {
  return axis.type === 'integer' ? 1 : axisWidth(axis) / 1e6;
}

/** Halves a bound, or undefined when it is at the minimum width already. */
export function halve(b: Bound, minWidth: number): [Bound, Bound] | undefined {
  if (b.type === 'integer') {
    const lo = BigInt(b.lo);
    const hi = BigInt(b.hi);
    if (hi - lo < 2n || Number(hi - lo) / 2 < minWidth) return undefined;
    const mid = String(lo + (hi - lo) / 2n);
    return [
      { ...b, hi: mid, hiInclusive: false },
      { ...b, lo: mid },
    ];
  }
  const lo = Number(b.lo);
  const hi = Number(b.hi);
  const mid = lo + (hi - lo) / 2;
  if ((hi - lo) / 2 < minWidth || mid <= lo || mid >= hi) return undefined;
  return [
    { ...b, hi: String(mid), hiInclusive: false },
    { ...b, lo: String(mid) },
  ];
}

/** Every combination of one bound per axis (sky tiles are RA ranges x declination bands). */
export function combine(perAxis: Bound[][]): Bound[][] {
  let out: Bound[][] = [[]];
  for (const bounds of perAxis) out = out.flatMap((prefix) => bounds.map((b) => [...prefix, b]));
  return out;
}

/** `lo <= col < hi` as text, for plans and messages. */
export function describeBounds(bounds: readonly Bound[]): string {
  return bounds.map((b) => `${b.lo} <= ${b.column} ${b.hiInclusive ? '<=' : '<'} ${b.hi}`).join(' AND ');
}
