/** The embedded local engine (ADQL on your own tables via DuckDB) and the local TAP service. */
export { LocalEngine, type LocalEngineOptions, type QueryOptions as LocalQueryOptions } from './engine.js';
export { EngineError, LocalQueryError } from './errors.js';
export { importHats, type HatsImportOptions, type HatsImportResult } from './hats-import.js';
export { crossmatchHats, type HatsCrossmatchOptions, type HatsCrossmatchResult } from './hats-crossmatch.js';
export type { HatsCrossmatchProgress } from './hats-join-run.js';
export type {
  ColumnMetadata as LocalColumnMetadata,
  QueryResult as LocalQueryResult,
  ResultColumn as LocalResultColumn,
  ResultValue as LocalResultValue,
  TableFormat as LocalTableFormat,
  TableSource as LocalTableSource,
} from './types.js';
export type { ForeignKey as LocalForeignKey } from './tap-schema.js';
export {
  createLocalService,
  parseTableSpec,
  serveLocal,
  type LocalService,
  type LocalServiceOptions,
  type ServeLocalOptions,
} from './service/server.js';
export type { Example as LocalTapExample, ServiceLimits as LocalServiceLimits } from './service/vosi.js';
export { resultToVOTable } from './service/output.js';
export { localResultFormatOf, serializeLocalResult, type LocalResultFormat } from './result-file.js';
export { SAMPLE_EXAMPLES, SAMPLE_FOREIGN_KEYS, sampleDirectory, sampleFile, sampleTables, type SampleTableName } from './sample.js';
// The ADQL-to-DuckDB translator, under names that say what they translate to.
export {
  translate as translateAdqlToSql,
  TranslateError,
  conversionFactor as unitConversionFactor,
  UnitError as UnitConversionError,
  type Translation as SqlTranslation,
  type TranslateOptions as SqlTranslateOptions,
  type Catalog as TranslateCatalog,
  type TableInfo as TranslateTableInfo,
  type ColumnInfo as TranslateColumnInfo,
} from './translate/index.js';
