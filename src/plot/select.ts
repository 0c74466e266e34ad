/**
 * Which rows a brush (rectangle) or lasso (polygon) in pixels selects. Scatter plots select by data
 * bounds (the rectangle's corners turned into axis values, ends included), so a brush selects the
 * rows an ADQL BETWEEN on the same bounds returns; sky plots by projected position; bar charts
 * by the bars the rectangle touches.
 */
import { isPoints, type PreparedPlot } from './prepare.js';

export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The data bounds a pixel rectangle covers on a scatter plot or histogram (y undefined for a histogram). */
export function dataBounds(plot: PreparedPlot, rect: PixelRect): { x: [number, number]; y?: [number, number] } | undefined {
  if (!plot.xScale) return undefined;
  const xa = plot.xScale.toData(rect.x0);
  const xb = plot.xScale.toData(rect.x1);
  const x: [number, number] = [Math.min(xa, xb), Math.max(xa, xb)];
  if (plot.kind !== 'scatter' || !plot.yScale) return { x };
  const ya = plot.yScale.toData(rect.y0);
  const yb = plot.yScale.toData(rect.y1);
  return { x, y: [Math.min(ya, yb), Math.max(ya, yb)] };
}

/** Rows inside a pixel rectangle, ascending. */
export function rowsInRect(plot: PreparedPlot, rect: PixelRect): Uint32Array {
  const out = new Collector(plot.rowCount);
  if (isPoints(plot) && plot.kind === 'scatter') {
    const b = dataBounds(plot, rect)!;
    const [x0, x1] = b.x;
    const [y0, y1] = b.y!;
    const xs = plot.xValues;
    const ys = plot.yValues;
    for (let i = 0; i < plot.rowCount; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && plot.px[i] === plot.px[i]) out.push(i);
    }
  } else if (isPoints(plot)) {
    const [l, r] = [Math.min(rect.x0, rect.x1), Math.max(rect.x0, rect.x1)];
    const [t, b] = [Math.min(rect.y0, rect.y1), Math.max(rect.y0, rect.y1)];
    for (let i = 0; i < plot.rowCount; i++) {
      const x = plot.px[i]!;
      const y = plot.py[i]!;
      if (x >= l && x <= r && y >= t && y <= b) out.push(i);
    }
  } else if (plot.kind === 'histogram') {
    const [x0, x1] = dataBounds(plot, rect)!.x;
    const xs = plot.xValues!;
    for (let i = 0; i < plot.rowCount; i++) {
      const x = xs[i]!;
      if (x >= x0 && x <= x1 && plot.barOfRow[i]! >= 0) out.push(i);
    }
  } else {
    const [l, r] = [Math.min(rect.x0, rect.x1), Math.max(rect.x0, rect.x1)];
    const hit = plot.bars.map((b) => b.x1 >= l && b.x0 <= r);
    for (let i = 0; i < plot.rowCount; i++) if (hit[plot.barOfRow[i]!]) out.push(i);
  }
  return out.rows();
}

/** Row numbers in ascending order, in one preallocated array (a brush may take most of a million rows). */
class Collector {
  private readonly buffer: Uint32Array;
  private length = 0;
  constructor(capacity: number) {
    this.buffer = new Uint32Array(capacity);
  }
  push(i: number): void {
    this.buffer[this.length++] = i;
  }
  rows(): Uint32Array {
    return this.buffer.slice(0, this.length);
  }
}

/** Rows whose point lies inside a pixel polygon (even-odd rule); bars and histograms use its bounding box. */
export function rowsInLasso(plot: PreparedPlot, polygon: ReadonlyArray<readonly [number, number]>): Uint32Array {
  if (polygon.length < 3) return new Uint32Array(0);
  if (!isPoints(plot)) {
    const xs = polygon.map((p) => p[0]);
    const ys = polygon.map((p) => p[1]);
    return rowsInRect(plot, { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) });
  }
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const [l, r, t, b] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const out = new Collector(plot.rowCount);
  for (let i = 0; i < plot.rowCount; i++) {
    const x = plot.px[i]!;
    const y = plot.py[i]!;
    if (!(x >= l && x <= r && y >= t && y <= b)) continue;
    let inside = false;
    for (let a = 0, c = polygon.length - 1; a < polygon.length; c = a++) {
      const [xa, ya] = polygon[a]!;
      const [xc, yc] = polygon[c]!;
      if (ya > y !== yc > y && x < ((xc - xa) * (y - ya)) / (yc - ya) + xa) inside = !inside;
    }
    if (inside) out.push(i);
  }
  return out.rows();
}
