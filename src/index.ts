// adqlkit's public API: each capability re-exports its small public surface here.
export * from './votable/index.js';
export * from './adql/index.js';
export * from './tap/index.js';
export * from './schema/index.js';
export * from './validate/index.js';
export * from './builder/index.js';
// The AST and the builder both have a `Condition` and a `ColumnRef`: the AST's keep the plain names.
export type { Condition, ColumnRef } from './adql/index.js';
export { Condition as BuilderCondition, type ColumnRef as BuilderColumnRef } from './builder/index.js';
export * from './codegen/index.js';
export * from './cli/index.js';
export * from './engine/index.js';
export * from './registry/index.js';
export * from './scs/index.js';
export * from './partition/index.js';
export {
  translate as translateAdqlToSql, TranslateError, conversionFactor as unitConversionFactor, UnitError as UnitConversionError,
  type Translation as SqlTranslation, type TranslateOptions as SqlTranslateOptions, type Catalog as TranslateCatalog,
  type TableInfo as TranslateTableInfo, type ColumnInfo as TranslateColumnInfo,
} from './engine/translate/index.js';
