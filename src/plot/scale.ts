/** Axis scales: data value -> pixel, linear or logarithmic, either direction, with readable ticks. */

export interface Scale {
  /** Pixel position of a data value (NaN when the value cannot be placed, e.g. <= 0 on a log axis). */
  toPixel(v: number): number;
  /** Data value at a pixel position. */
  toData(px: number): number;
  ticks(): Array<{ value: number; label: string }>;
  readonly domain: readonly [number, number];
  readonly log: boolean;
}

/**
 * A scale from [min, max] onto [p0, p1] (p0 is where min goes: for a reversed axis pass the
 * pixel ranges swapped).
 */
export function makeScale(min: number, max: number, p0: number, p1: number, log: boolean): Scale {
  const f = log ? Math.log10 : (v: number) => v;
  const inv = log ? (v: number) => 10 ** v : (v: number) => v;
  const a = f(min);
  const b = f(max);
  const k = b === a ? 0 : (p1 - p0) / (b - a);
  return {
    domain: [min, max],
    log,
    toPixel: (v) => (log && !(v > 0) ? Number.NaN : p0 + (f(v) - a) * k),
    toData: (px) => inv(a + (px - p0) / (k || 1)),
    ticks: () => (log ? logTicks(min, max) : linearTicks(min, max)),
  };
}

/** About five round ticks between min and max. */
export function linearTicks(min: number, max: number, count = 5): Array<{ value: number; label: string }> {
  if (!(max > min)) return [{ value: min, label: formatTick(min, 1) }];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: Array<{ value: number; label: string }> = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    const value = Math.abs(v) < step * 1e-9 ? 0 : v;
    out.push({ value, label: formatTick(value, step) });
  }
  return out;
}

function logTicks(min: number, max: number): Array<{ value: number; label: string }> {
  const out: Array<{ value: number; label: string }> = [];
  for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++) {
    out.push({ value: 10 ** e, label: e >= -3 && e <= 4 ? String(Number((10 ** e).toPrecision(1))) : `1e${e}` });
  }
  return out.length >= 2 ? out : linearTicks(min, max);
}

function formatTick(v: number, step: number): string {
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return v.toFixed(Math.min(digits, 10));
}

/** The finite range of values (positive values only for a log axis); [0, 1] when there is none. */
export function extent(values: Float64Array, positiveOnly: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return positiveOnly ? [1, 10] : [0, 1];
  return [lo, hi];
}

/** A range widened by a small margin so points at the ends are not on the frame. */
export function padded([lo, hi]: [number, number], log: boolean, fraction = 0.04): [number, number] {
  if (log) {
    const [a, b] = [Math.log10(lo), Math.log10(hi)];
    const m = b > a ? (b - a) * fraction : 0.5;
    return [10 ** (a - m), 10 ** (b + m)];
  }
  const m = hi > lo ? (hi - lo) * fraction : Math.abs(lo) * 0.1 || 1;
  return [lo - m, hi + m];
}
