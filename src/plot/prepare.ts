/**
 * From a table and a PlotSpec to everything a renderer draws, in pixels: the frame, axes or
 * graticule, point positions and colours, or bars. Both renderers (SVG and browser) draw this.
 */
import { categoryColour, DEFAULT_POINT, rampColour, type Rgb } from './colour.js';
import { PlotError } from './errors.js';
import { evaluate, soleColumn } from './expr.js';
import { projection } from './projection.js';
import { extent, makeScale, padded, type Scale } from './scale.js';
import { axisOf, type AxisSpec, type BarSpec, type HistogramSpec, type PlotSpec, type ScatterSpec, type SkySpec } from './spec.js';
import type { PlotTable } from './table.js';

export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}
export interface Tick {
  px: number;
  label: string;
}
export interface AxisLayout {
  title: string;
  ticks: Tick[];
}
export interface LegendEntry {
  label: string;
  colour: Rgb;
}

interface PreparedBase {
  spec: PlotSpec;
  width: number;
  height: number;
  frame: Frame;
  title: string | undefined;
  rowCount: number;
}

/** Sky and scatter: one point per row; px/py are NaN for rows that cannot be placed (nulls, <= 0 on log). */
export interface PreparedPoints extends PreparedBase {
  kind: 'sky' | 'scatter';
  px: Float32Array;
  py: Float32Array;
  /** Data values along x and y (RA and Dec for sky), for selection by data bounds. */
  xValues: Float64Array;
  yValues: Float64Array;
  /** Per-row RGB (3 bytes a row), or null for one colour. */
  colours: Uint8Array | null;
  pointSize: number;
  legend: LegendEntry[];
  /** Scatter only. */
  xScale?: Scale;
  yScale?: Scale;
  xAxis?: AxisLayout;
  yAxis?: AxisLayout;
  /** Sky only: graticule lines and the outline, as pixel polylines, with labels. */
  graticule?: {
    lines: Array<Array<[number, number]>>;
    outline: Array<[number, number]>;
    labels: Array<{ x: number; y: number; text: string }>;
  };
  drawn: number;
}

/** Histogram and bar chart: bars, and which bar each row belongs to (-1 for none). */
export interface PreparedBars extends PreparedBase {
  kind: 'histogram' | 'bar';
  bars: Array<{ x0: number; x1: number; y0: number; y1: number; value: number; label: string; lo?: number; hi?: number }>;
  barOfRow: Int32Array;
  /** Pixel y of a bar height (for drawing the selected part of a bar). */
  yOf: (value: number) => number;
  xAxis: AxisLayout;
  yAxis: AxisLayout;
  /** Histogram only: value per row and the x scale, for selection by data range. */
  xValues?: Float64Array;
  xScale?: Scale;
}

export type PreparedPlot = PreparedPoints | PreparedBars;

const MARGIN = { left: 64, right: 20, top: 30, bottom: 48 };

export function preparePlot(table: PlotTable, spec: PlotSpec): PreparedPlot {
  switch (spec.kind) {
    case 'sky':
      return prepareSky(table, spec);
    case 'scatter':
      return prepareScatter(table, spec);
    case 'histogram':
      return prepareHistogram(table, spec);
    case 'bar':
      return prepareBar(table, spec);
    default:
      throw new PlotError(`unknown plot kind ${JSON.stringify((spec as { kind: unknown }).kind)}`, 'use sky, scatter, histogram or bar');
  }
}

function frameOf(width: number, height: number, title: string | undefined, axes: boolean): Frame {
  const top = title ? MARGIN.top : 10;
  const left = axes ? MARGIN.left : 10;
  const bottom = axes ? MARGIN.bottom : 10;
  return { left, top, width: width - left - (axes ? MARGIN.right : 10), height: height - top - bottom };
}

function axisTitle(table: PlotTable, axis: AxisSpec): string {
  if (axis.label !== undefined) return axis.label;
  const col = soleColumn(table, axis.expr);
  const unit = col === undefined ? undefined : table.field(col)?.unit;
  return unit ? `${axis.expr} [${unit}]` : axis.expr;
}

/** Reversed by default for a y axis that is one magnitude column. */
function isMagnitude(table: PlotTable, expr: string): boolean {
  const col = soleColumn(table, expr);
  if (col === undefined) return false;
  const f = table.field(col);
  return (f?.ucd ?? '').split(';').some((u) => u.trim().toLowerCase().startsWith('phot.mag')) || (f?.unit ?? '').trim() === 'mag';
}

function axisScale(values: Float64Array, axis: AxisSpec, p0: number, p1: number): Scale {
  const log = axis.log === true;
  const [lo, hi] = padded(extent(values, log), log);
  const min = axis.min ?? lo;
  const max = axis.max ?? hi;
  if (log && !(min > 0)) throw new PlotError(`log axis ${JSON.stringify(axis.expr)} needs a positive minimum, not ${min}`);
  return axis.reversed ? makeScale(min, max, p1, p0, log) : makeScale(min, max, p0, p1, log);
}

function axisLayout(scale: Scale, title: string): AxisLayout {
  return { title, ticks: scale.ticks().map((t) => ({ px: scale.toPixel(t.value), label: t.label })) };
}

function pointColours(table: PlotTable, expr: string | undefined): { colours: Uint8Array | null; legend: LegendEntry[] } {
  if (expr === undefined) return { colours: null, legend: [] };
  const n = table.rowCount;
  const colours = new Uint8Array(n * 3);
  const col = soleColumn(table, expr);
  if (col !== undefined && !table.isNumeric(col)) {
    const texts = table.texts(col);
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = texts[i] ?? 'null';
      let k = index.get(key);
      if (k === undefined) index.set(key, (k = index.size));
      colours.set(categoryColour(k), i * 3);
    }
    return { colours, legend: [...index].map(([label, k]) => ({ label, colour: categoryColour(k) })) };
  }
  const values = evaluate(table, expr);
  const [lo, hi] = extent(values, false);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    colours.set(Number.isFinite(v) ? rampColour(hi > lo ? (v - lo) / (hi - lo) : 0.5) : [160, 160, 160], i * 3);
  }
  const fmt = (v: number) => String(Number(v.toPrecision(4)));
  return {
    colours,
    legend: [
      { label: `${expr} ${fmt(lo)}`, colour: rampColour(0) },
      { label: `${expr} ${fmt(hi)}`, colour: rampColour(1) },
    ],
  };
}

function prepareScatter(table: PlotTable, spec: ScatterSpec): PreparedPoints {
  const width = spec.width ?? 640;
  const height = spec.height ?? 480;
  const frame = frameOf(width, height, spec.title, true);
  const x = axisOf(spec.x);
  const yGiven = axisOf(spec.y);
  const y = { ...yGiven, reversed: yGiven.reversed ?? isMagnitude(table, yGiven.expr) };
  const xValues = evaluate(table, x.expr);
  const yValues = evaluate(table, y.expr);
  // Pixel y grows downwards: the axis minimum goes to the bottom edge unless reversed.
  const xScale = axisScale(xValues, x, frame.left, frame.left + frame.width);
  const yScale = axisScale(yValues, y, frame.top + frame.height, frame.top);
  const n = table.rowCount;
  const px = new Float32Array(n);
  const py = new Float32Array(n);
  let drawn = 0;
  const within = (v: number, axis: AxisSpec): boolean => !(v < (axis.min ?? -Infinity) || v > (axis.max ?? Infinity));
  for (let i = 0; i < n; i++) {
    const a = xScale.toPixel(xValues[i]!);
    const b = yScale.toPixel(yValues[i]!);
    // Rows outside a range given in the spec are not drawn (nor selected by a brush).
    const ok = Number.isFinite(a) && Number.isFinite(b) && within(xValues[i]!, x) && within(yValues[i]!, y);
    px[i] = ok ? a : Number.NaN;
    py[i] = ok ? b : Number.NaN;
    if (ok) drawn++;
  }
  return {
    kind: 'scatter',
    spec,
    width,
    height,
    frame,
    title: spec.title,
    rowCount: n,
    px,
    py,
    xValues,
    yValues,
    ...pointColours(table, spec.color),
    pointSize: spec.pointSize ?? (n > 20000 ? 1.5 : 3),
    xScale,
    yScale,
    xAxis: axisLayout(xScale, axisTitle(table, x)),
    yAxis: axisLayout(yScale, axisTitle(table, y)),
    drawn,
  };
}

/** RA/Dec columns: named in the spec, else by UCD, else named ra/dec. */
function skyColumns(table: PlotTable, spec: SkySpec): [string, string] {
  const byUcd = (want: string) => table.columnNames.find((c) => (table.field(c)?.ucd ?? '').toLowerCase().split(';').includes(want));
  const byName = (...names: string[]) => table.columnNames.find((c) => names.includes(c.toLowerCase()));
  const ra = spec.ra ?? byUcd('pos.eq.ra') ?? byName('ra', 's_ra', 'raj2000', 'ra_icrs');
  const dec = spec.dec ?? byUcd('pos.eq.dec') ?? byName('dec', 's_dec', 'dej2000', 'de_icrs', 'dec_icrs');
  if (ra === undefined || dec === undefined) {
    throw new PlotError(
      'a sky plot needs RA and Dec columns and none were found',
      `name them (sky:RA,DEC); columns are ${table.columnNames.join(', ')}`,
    );
  }
  return [ra, dec];
}

function prepareSky(table: PlotTable, spec: SkySpec): PreparedPoints {
  const width = spec.width ?? 720;
  const height = spec.height ?? 400;
  const frame = frameOf(width, height, spec.title, false);
  const proj = projection(spec.projection ?? 'aitoff', spec.centerRa ?? 0);
  const [raCol, decCol] = skyColumns(table, spec);
  const ra = evaluate(table, raCol);
  const dec = evaluate(table, decCol);
  // One scale for both axes so the sphere keeps its shape.
  const k = Math.min(frame.width / (2 * proj.xMax), frame.height / (2 * proj.yMax));
  const cx = frame.left + frame.width / 2;
  const cy = frame.top + frame.height / 2;
  const toPx = (r: number, d: number): [number, number] => {
    const [x, y] = proj.project(r, d);
    return [cx + x * k, cy - y * k];
  };
  const n = table.rowCount;
  const px = new Float32Array(n);
  const py = new Float32Array(n);
  let drawn = 0;
  for (let i = 0; i < n; i++) {
    const r = ra[i]!;
    const d = dec[i]!;
    if (Number.isFinite(r) && Number.isFinite(d) && d >= -90 && d <= 90) {
      [px[i], py[i]] = toPx(r, d);
      drawn++;
    } else px[i] = py[i] = Number.NaN;
  }
  return {
    kind: 'sky',
    spec,
    width,
    height,
    frame,
    title: spec.title,
    rowCount: n,
    px,
    py,
    xValues: ra,
    yValues: dec,
    ...pointColours(table, spec.color),
    pointSize: spec.pointSize ?? (n > 20000 ? 1.5 : 3),
    graticule: graticule(toPx, spec.centerRa ?? 0),
    drawn,
  };
}

function graticule(toPx: (ra: number, dec: number) => [number, number], centerRa: number): NonNullable<PreparedPoints['graticule']> {
  const lines: Array<Array<[number, number]>> = [];
  const labels: Array<{ x: number; y: number; text: string }> = [];
  // Meridians every 30 degrees of RA (2 h), drawn just inside the map's edge at ±180 from the centre.
  for (let off = -150; off <= 150; off += 30) {
    const ra = centerRa + off;
    const line: Array<[number, number]> = [];
    for (let d = -90; d <= 90; d += 3) line.push(toPx(ra, d));
    lines.push(line);
    const [x, y] = toPx(ra, 0);
    labels.push({ x, y, text: `${(((ra % 360) + 360) % 360) / 15}h` });
  }
  for (let d = -60; d <= 60; d += 30) {
    const line: Array<[number, number]> = [];
    for (let off = -179.999; off <= 179.999; off += 3) line.push(toPx(centerRa + off, d));
    line.push(toPx(centerRa + 179.999, d));
    lines.push(line);
    if (d !== 0) {
      const [x, y] = toPx(centerRa - 179.999, d);
      labels.push({ x, y, text: `${d > 0 ? '+' : ''}${d}°` });
    }
  }
  const outline: Array<[number, number]> = [];
  for (let d = -90; d <= 90; d += 2) outline.push(toPx(centerRa + 179.999, d));
  for (let d = 90; d >= -90; d -= 2) outline.push(toPx(centerRa - 179.999, d));
  return { lines, outline, labels };
}

/**
 * Equal-width bins (Sturges' rule by default, at most 200) over [min, max] when given, else over
 * the finite values; values outside the range are in no bin (-1).
 */
export function histogramBins(
  values: Float64Array,
  bins: number | undefined,
  log: boolean,
  range: { min?: number | undefined; max?: number | undefined } = {},
): { edges: number[]; counts: number[]; binOf: Int32Array } {
  const [dataLo, dataHi] = extent(values, log);
  const [lo, hi] = [range.min ?? dataLo, range.max ?? dataHi];
  const inRange = (v: number): boolean => Number.isFinite(v) && (!log || v > 0) && v >= lo && v <= hi;
  let finite = 0;
  for (const v of values) if (inRange(v)) finite++;
  const count = bins ?? Math.min(200, Math.max(1, Math.ceil(Math.log2(Math.max(finite, 1)) + 1)));
  if (!(Number.isInteger(count) && count >= 1)) throw new PlotError(`bins must be a positive integer, not ${bins}`);
  const f = log ? Math.log10 : (v: number) => v;
  const [a, b] = [f(lo), f(hi)];
  const w = b > a ? (b - a) / count : 1;
  const edges = Array.from({ length: count + 1 }, (_, i) => (log ? 10 ** (a + i * w) : a + i * w));
  const counts = new Array<number>(count).fill(0);
  const binOf = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!inRange(v)) continue;
    const k = Math.min(count - 1, Math.floor((f(v) - a) / w));
    binOf[i] = k;
    counts[k]!++;
  }
  return { edges, counts, binOf };
}

function prepareHistogram(table: PlotTable, spec: HistogramSpec): PreparedBars {
  const width = spec.width ?? 640;
  const height = spec.height ?? 480;
  const frame = frameOf(width, height, spec.title, true);
  const x = axisOf(spec.x);
  const values = evaluate(table, x.expr);
  const { edges, counts, binOf } = histogramBins(values, spec.bins, x.log === true, x);
  const xScale = x.reversed
    ? makeScale(x.min ?? edges[0]!, x.max ?? edges[edges.length - 1]!, frame.left + frame.width, frame.left, x.log === true)
    : makeScale(x.min ?? edges[0]!, x.max ?? edges[edges.length - 1]!, frame.left, frame.left + frame.width, x.log === true);
  const top = Math.max(1, ...counts) * 1.05;
  const yScale = makeScale(0, top, frame.top + frame.height, frame.top, false);
  const bars = counts.map((c, i) => {
    const [p, q] = [xScale.toPixel(edges[i]!), xScale.toPixel(edges[i + 1]!)];
    return {
      x0: Math.min(p, q),
      x1: Math.max(p, q),
      y0: yScale.toPixel(c),
      y1: yScale.toPixel(0),
      value: c,
      label: `${short(edges[i]!)} .. ${short(edges[i + 1]!)}`,
      lo: edges[i]!,
      hi: edges[i + 1]!,
    };
  });
  return {
    kind: 'histogram',
    spec,
    width,
    height,
    frame,
    title: spec.title,
    rowCount: table.rowCount,
    bars,
    barOfRow: binOf,
    yOf: (v) => yScale.toPixel(v),
    xAxis: axisLayout(xScale, axisTitle(table, x)),
    yAxis: axisLayout(yScale, 'rows'),
    xValues: values,
    xScale,
  };
}

/** A bin edge for labels: six significant digits. */
const short = (v: number): string => String(Number(v.toPrecision(6)));

function prepareBar(table: PlotTable, spec: BarSpec): PreparedBars {
  const width = spec.width ?? 640;
  const height = spec.height ?? 480;
  const frame = frameOf(width, height, spec.title, true);
  const texts = table.texts(spec.category);
  const values = spec.value === undefined ? undefined : evaluate(table, spec.value);
  const index = new Map<string, number>();
  const sums: number[] = [];
  const barOfRow = new Int32Array(table.rowCount);
  for (let i = 0; i < table.rowCount; i++) {
    const key = texts[i] ?? 'null';
    let k = index.get(key);
    if (k === undefined) {
      index.set(key, (k = index.size));
      sums.push(0);
    }
    barOfRow[i] = k;
    const v = values ? values[i]! : 1;
    if (Number.isFinite(v)) sums[k]! += v;
  }
  const slot = frame.width / Math.max(1, sums.length);
  const yScale = makeScale(
    sums.reduce((a, b) => Math.min(a, b), 0),
    sums.reduce((a, b) => Math.max(a, b), 1) * 1.05,
    frame.top + frame.height,
    frame.top,
    false,
  );
  const labels = [...index.keys()];
  const bars = sums.map((s, k) => {
    const [p, q] = [yScale.toPixel(s), yScale.toPixel(0)];
    return {
      x0: frame.left + k * slot + slot * 0.1,
      x1: frame.left + (k + 1) * slot - slot * 0.1,
      y0: Math.min(p, q),
      y1: Math.max(p, q),
      value: s,
      label: labels[k]!,
    };
  });
  return {
    kind: 'bar',
    spec,
    width,
    height,
    frame,
    title: spec.title,
    rowCount: table.rowCount,
    bars,
    barOfRow,
    yOf: (v) => yScale.toPixel(v),
    xAxis: { title: spec.category, ticks: bars.map((b) => ({ px: (b.x0 + b.x1) / 2, label: b.label })) },
    yAxis: axisLayout(yScale, spec.value ?? 'rows'),
  };
}

/** Sky or scatter (points), as opposed to histogram or bar (bars). */
export function isPoints(plot: PreparedPlot): plot is PreparedPoints {
  return plot.kind === 'sky' || plot.kind === 'scatter';
}
