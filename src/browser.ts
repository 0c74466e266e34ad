// adqlkit's browser entry (package.json's `browser` export condition): the capabilities that need no
// file system, process or native module: ADQL, validation, the builder, VOTable, Arrow and Parquet
// (pure JavaScript libraries), the TAP client and service metadata. The transport (fetch), bytes and
// schema cache are the browser's ones, picked for
// `#transport`, `#bytes`, `#host` and `#schema-store` by the same condition. Not here: the embedded
// DuckDB engine, the CLI, the language server, codegen, partitioned queries, .adqlrc.json.
export * from './votable/index.js';
export * from './columnar/index.js';
export * from './adql/index.js';
export * from './tap/index.js';
export * from './schema/index.js';
export * from './validate/index.js';
export * from './builder/index.js';
// The AST and the builder both have a `Condition` and a `ColumnRef`: the AST's keep the plain names (as in index.ts).
export type { Condition, ColumnRef } from './adql/index.js';
export { Condition as BuilderCondition, type ColumnRef as BuilderColumnRef } from './builder/index.js';
export * from './registry/index.js';
export * from './scs/index.js';
// Plots: SVG text, and mountPlot, the interactive renderer (brush, lasso, hover) on a page element.
export {
  plot,
  mountPlot,
  parsePlotShorthand,
  PlotError,
  PlotExpressionError,
  type MountPlotOptions,
  type MountedPlot,
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
