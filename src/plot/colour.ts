/** Point colours: one default, a sequential ramp for numbers, a palette for categories. */

export type Rgb = readonly [number, number, number];

export const DEFAULT_POINT: Rgb = [31, 119, 180];
export const SELECTED_POINT: Rgb = [214, 39, 40];
export const UNSELECTED_POINT: Rgb = [190, 190, 190];

/** Dark blue -> teal -> green -> yellow: readable on white, ordered in lightness. */
const RAMP: Rgb[] = [
  [45, 20, 110],
  [40, 90, 150],
  [30, 150, 140],
  [110, 200, 90],
  [245, 225, 40],
];

const CATEGORIES: Rgb[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
  [214, 39, 40],
];

/** The ramp colour at t in [0, 1]. */
export function rampColour(t: number): Rgb {
  const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [RAMP[i]!, RAMP[i + 1]!];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

export function categoryColour(index: number): Rgb {
  return CATEGORIES[index % CATEGORIES.length]!;
}

export function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
