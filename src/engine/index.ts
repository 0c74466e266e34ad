/** The embedded local engine (ADQL on your own tables via DuckDB) and the local TAP service. */
export { LocalEngine, type LocalEngineOptions, type QueryOptions as LocalQueryOptions } from './engine.js';
export { EngineError, LocalQueryError } from './errors.js';
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
  createLocalService, parseTableSpec, serveLocal, type LocalService, type LocalServiceOptions, type ServeLocalOptions,
} from './service/server.js';
export type { Example as LocalTapExample, ServiceLimits as LocalServiceLimits } from './service/vosi.js';
export {
  SAMPLE_EXAMPLES, SAMPLE_FOREIGN_KEYS, sampleDirectory, sampleFile, sampleTables, type SampleTableName,
} from './sample.js';
