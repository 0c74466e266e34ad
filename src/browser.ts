// adqlkit's browser entry (package.json's `browser` export condition): the capabilities that need no
// file system, process or native module: ADQL, validation, the builder, VOTable, Arrow and Parquet
// (pure JavaScript libraries), the TAP client and service metadata. The transport (fetch), bytes and
// schema cache are the browser's ones, picked for
// `#transport`, `#bytes`, `#host` and `#schema-store` by the same condition. Not here: the embedded
// DuckDB engine, the CLI, the language server, codegen, partitioned queries, .adqlrc.json.
export * from './core.js';
// mountPlot, the interactive renderer (brush, lasso, hover) on a page element.
export { mountPlot, type MountPlotOptions, type MountedPlot } from './plot/index.js';
