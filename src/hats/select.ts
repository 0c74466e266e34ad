/**
 * Which partitions of a catalogue a sky constraint needs, and the `_healpix_29` ranges that hold
 * its rows. Coverage is computed at one order (the deepest partition order, at most COVER_ORDER) and
 * is conservative, so a partition is dropped only when no row of it can satisfy the constraint.
 */
import type { Partition } from './catalog.js';
import { HealpixError, MAX_ORDER, coverCap, coverPolygon } from './healpix.js';
import type { Constraint, Region } from './regions.js';

/** Finest order coverage is computed at: order-10 pixels are 3.4 arcmin wide. */
const COVER_ORDER = 10;
/** Wider regions are covered at a coarser order, so the pixel lists stay short. */
const WIDE_DEGREES = 15;

/** A sorted set of pixels at one order. */
interface Coverage {
  order: number;
  pixels: number[];
}

/** The partitions a constraint may need (all of them when it is undefined). */
export function selectPartitions(partitions: Partition[], constraint: Constraint): Partition[] {
  if (constraint === undefined) return partitions;
  const deepest = Math.max(0, ...partitions.map((p) => p.order));
  return partitions.filter((p) => mayHold(p.order, p.pixel, constraint, deepest));
}

function mayHold(order: number, pixel: number, c: Exclude<Constraint, undefined>, deepest: number): boolean {
  if (c.kind === 'and' || c.kind === 'or') {
    const holds = (p: Constraint) => p === undefined || mayHold(order, pixel, p, deepest);
    return c.kind === 'and' ? c.parts.every(holds) : c.parts.some(holds);
  }
  const cov = coverageOf(c, deepest);
  return cov === undefined || intersects(cov, order, pixel);
}

const cache = new WeakMap<Region, Map<number, Coverage>>();

/** The region's coverage for partitions down to `deepest`: at most COVER_ORDER, coarser for wide regions. */
function coverageOf(region: Region, deepest: number): Coverage | undefined {
  const wide = region.kind === 'cap' ? region.cap.radius > WIDE_DEGREES : true;
  return coverageAt(region, Math.min(deepest, wide ? 6 : COVER_ORDER));
}

/** The region's coverage at an order; undefined when it is not a sky region (e.g. Dec beyond 90). */
function coverageAt(region: Region, order: number): Coverage | undefined {
  const byOrder = cache.get(region) ?? new Map<number, Coverage>();
  cache.set(region, byOrder);
  let cov = byOrder.get(order);
  if (!cov) {
    try {
      cov = { order, pixels: region.kind === 'cap' ? coverCap(order, region.cap) : coverPolygon(order, region.vertices) };
    } catch (err) {
      if (err instanceof HealpixError) return undefined;
      throw err;
    }
    byOrder.set(order, cov);
  }
  return cov;
}

/** Whether pixel (order, pixel) overlaps the coverage. */
function intersects(cov: Coverage, order: number, pixel: number): boolean {
  if (order >= cov.order) return has(cov.pixels, Math.floor(pixel / 4 ** (order - cov.order)));
  const scale = 4 ** (cov.order - order);
  const first = lowerBound(cov.pixels, pixel * scale);
  return first < cov.pixels.length && cov.pixels[first]! < (pixel + 1) * scale;
}

function has(sorted: number[], v: number): boolean {
  const i = lowerBound(sorted, v);
  return i < sorted.length && sorted[i] === v;
}

function lowerBound(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Half-open ranges of the pixel column (of order `columnOrder`, `_healpix_29` by default) holding every row the constraint may keep, merged, at most
 * `maxRanges` of them (coverage is coarsened until they fit); undefined when it does not restrict.
 */
export function healpixRanges(constraint: Constraint, columnOrder = MAX_ORDER, maxRanges = 64): Array<[bigint, bigint]> | undefined {
  for (const order of [COVER_ORDER, 8, 6, 4, 2, 0].filter((o) => o <= columnOrder)) {
    const ranges = rangesOf(constraint, order, columnOrder);
    if (!ranges || ranges.length <= maxRanges) return ranges;
  }
  return undefined;
}

function rangesOf(c: Constraint, order: number, columnOrder: number): Array<[bigint, bigint]> | undefined {
  if (c === undefined) return undefined;
  if (c.kind === 'and' || c.kind === 'or')
    return c.kind === 'and' ? andRanges(c.parts, order, columnOrder) : orRanges(c.parts, order, columnOrder);
  const cov = coverageAt(c, order);
  if (!cov) return undefined;
  const shift = BigInt(2 * (columnOrder - cov.order));
  return merge(cov.pixels.map((p) => [BigInt(p) << shift, BigInt(p + 1) << shift]));
}

function andRanges(parts: Constraint[], order: number, columnOrder: number): Array<[bigint, bigint]> | undefined {
  // Any one conjunct's ranges hold every kept row; the shortest list is the cheapest filter.
  const lists = parts.map((p) => rangesOf(p, order, columnOrder)).filter((l) => l !== undefined);
  return lists.sort((a, b) => a.length - b.length)[0];
}

function orRanges(parts: Constraint[], order: number, columnOrder: number): Array<[bigint, bigint]> | undefined {
  const lists = parts.map((p) => rangesOf(p, order, columnOrder));
  if (lists.some((l) => l === undefined)) return undefined;
  return merge(lists.flatMap((l) => l!));
}

function merge(ranges: Array<[bigint, bigint]>): Array<[bigint, bigint]> {
  const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Array<[bigint, bigint]> = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = r[1] > last[1] ? r[1] : last[1];
    else out.push([r[0], r[1]]);
  }
  return out;
}
