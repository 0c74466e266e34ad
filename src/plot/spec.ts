/**
 * The one plot description both renderers read (the SVG renderer here, the browser one in mount.ts).
 * Axes name a column or an arithmetic expression of columns (`mag_g - mag_r`, `log10(flux)`).
 */
export type PlotKind = 'sky' | 'scatter' | 'histogram' | 'bar';
export type SkyProjection = 'aitoff' | 'mollweide';

/** One axis: what is plotted along it and how. */
export interface AxisSpec {
  /** A column name or an expression of columns (+ - * / ^, parentheses, log10 ln sqrt abs pow). */
  expr: string;
  /** Axis title (default: the expression, with the column's unit). */
  label?: string;
  /** Logarithmic axis; values <= 0 are left out (and counted as not drawn). */
  log?: boolean;
  /**
   * Values decrease along the axis. Default: reversed for a y axis that is a single magnitude
   * column (UCD phot.mag or unit mag), as astronomers draw magnitudes; false otherwise.
   */
  reversed?: boolean;
  /** Axis range (default: the data's, padded); points outside it are not drawn, values outside it not binned. */
  min?: number;
  max?: number;
}

interface CommonSpec {
  title?: string;
  /** Size in CSS pixels / SVG user units (default 640 x 480; sky 720 x 400). */
  width?: number;
  height?: number;
}

export interface SkySpec extends CommonSpec {
  kind: 'sky';
  /** RA and Dec columns in degrees (default: found by UCD pos.eq.ra/dec, else named ra/dec). */
  ra?: string;
  dec?: string;
  projection?: SkyProjection;
  /** RA at the centre of the map in degrees (default 0; RA increases to the left). */
  centerRa?: number;
  color?: string;
  pointSize?: number;
}

export interface ScatterSpec extends CommonSpec {
  kind: 'scatter';
  x: AxisSpec | string;
  y: AxisSpec | string;
  /** Colour by this column or expression: a ramp for numbers, a palette for text. */
  color?: string;
  pointSize?: number;
}

export interface HistogramSpec extends CommonSpec {
  kind: 'histogram';
  x: AxisSpec | string;
  /** Number of equal-width bins (default: Sturges' rule, at most 200). */
  bins?: number;
}

export interface BarSpec extends CommonSpec {
  kind: 'bar';
  /** The category column (a GROUP BY key). */
  category: string;
  /** The value column (a COUNT(*) or other aggregate); default: the number of rows per category. */
  value?: string;
}

export type PlotSpec = SkySpec | ScatterSpec | HistogramSpec | BarSpec;

/** The axis form of an axis given as a bare expression. */
export function axisOf(axis: AxisSpec | string): AxisSpec {
  return typeof axis === 'string' ? { expr: axis } : axis;
}
