/**
 * The command line's plot description: `sky`, `sky:RA,DEC`, `scatter:X,Y`, `hist:X` (or
 * `histogram:X`), `bar:CATEGORY[,VALUE]`; X and Y may be expressions (commas inside parentheses
 * belong to them). Options from other flags (colour, log axes, ...) are merged in.
 */
import { PlotError } from './errors.js';
import type { AxisSpec, PlotSpec, SkyProjection } from './spec.js';

export interface PlotShorthandOptions {
  title?: string;
  color?: string;
  /** Which axes are logarithmic: 'x', 'y' or 'xy'. */
  log?: string;
  /** Which axes are reversed: 'x', 'y', 'xy', or 'none' to keep magnitudes unreversed. */
  reverse?: string;
  bins?: number;
  /** Axis ranges as [from, to]; from > to reverses the axis (as `y_range=(29.5, 16)` does in bokeh). */
  xRange?: [number, number];
  yRange?: [number, number];
  projection?: SkyProjection;
  width?: number;
  height?: number;
}

const KINDS = ['sky', 'scatter', 'hist', 'histogram', 'bar'];

/** Top-level comma split: `pow(a, 2), b` is two parts. */
function splitArgs(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== '');
}

export function parsePlotShorthand(text: string, options: PlotShorthandOptions = {}): PlotSpec {
  const colon = text.indexOf(':');
  const kind = (colon < 0 ? text : text.slice(0, colon)).trim().toLowerCase();
  const args = colon < 0 ? [] : splitArgs(text.slice(colon + 1));
  const usage = 'use sky, sky:RA,DEC, scatter:X,Y, hist:X or bar:CATEGORY[,VALUE]';
  if (!KINDS.includes(kind)) throw new PlotError(`unknown plot ${JSON.stringify(text)}`, usage);
  const common = {
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.height !== undefined ? { height: options.height } : {}),
  };
  const axis = (expr: string, name: 'x' | 'y'): AxisSpec => {
    const a: AxisSpec = { expr };
    if (options.log?.includes(name)) a.log = true;
    if (options.reverse === 'none') a.reversed = false;
    else if (options.reverse?.includes(name)) a.reversed = true;
    const range = name === 'x' ? options.xRange : options.yRange;
    if (range) {
      [a.min, a.max] = [Math.min(...range), Math.max(...range)];
      if (range[0] > range[1]) a.reversed = true;
    }
    return a;
  };
  const want = (n: number, max = n): void => {
    if (args.length < n || args.length > max)
      throw new PlotError(
        `${kind} takes ${n === max ? n : `${n} or ${max}`} column(s) or expression(s), got ${args.length} in ${JSON.stringify(text)}`,
        usage,
      );
  };
  switch (kind) {
    case 'sky':
      if (args.length !== 0) want(2);
      return {
        kind: 'sky',
        ...common,
        ...(args.length ? { ra: args[0]!, dec: args[1]! } : {}),
        ...(options.projection ? { projection: options.projection } : {}),
        ...(options.color ? { color: options.color } : {}),
      };
    case 'scatter':
      want(2);
      return {
        kind: 'scatter',
        ...common,
        x: axis(args[0]!, 'x'),
        y: axis(args[1]!, 'y'),
        ...(options.color ? { color: options.color } : {}),
      };
    case 'hist':
    case 'histogram':
      want(1);
      return { kind: 'histogram', ...common, x: axis(args[0]!, 'x'), ...(options.bins !== undefined ? { bins: options.bins } : {}) };
    default:
      want(1, 2);
      return { kind: 'bar', ...common, category: args[0]!, ...(args[1] ? { value: args[1] } : {}) };
  }
}
