// The capabilities both entries export: they need no file system, process or native module (index.ts adds
// the Node-only ones, browser.ts the page-only plot renderer).
export * from './votable/index.js';
export * from './columnar/index.js';
export * from './adql/index.js';
export * from './tap/index.js';
export * from './schema/index.js';
export * from './validate/index.js';
export * from './builder/index.js';
// The AST and the builder both have a `Condition` and a `ColumnRef`: the AST's keep the plain names.
export type { Condition, ColumnRef } from './adql/index.js';
export { Condition as BuilderCondition, type ColumnRef as BuilderColumnRef } from './builder/index.js';
export * from './registry/index.js';
export * from './scs/index.js';
// Plots of results as SVG; the same PlotSpec drives the browser renderer (mountPlot, in the browser entry).
export {
  plot,
  parsePlotShorthand,
  PlotError,
  PlotExpressionError,
  type PlotSpec,
  type PlotKind,
  type AxisSpec,
  type SkySpec,
  type ScatterSpec,
  type HistogramSpec,
  type BarSpec,
  type SkyProjection,
  type PlotSource,
  type PlotShorthandOptions,
} from './plot/index.js';
