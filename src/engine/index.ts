/** The embedded local engine (ADQL on your own tables via DuckDB) and the local TAP service. */
export { LocalEngine, type LocalEngineOptions, type QueryOptions } from './engine.js';
export { EngineError, LocalQueryError } from './errors.js';
export type { ColumnMetadata, QueryResult, ResultColumn, ResultValue, TableFormat, TableSource } from './types.js';
export type { ForeignKey } from './tap-schema.js';
export {
  createLocalService, parseTableSpec, serveLocal, type LocalService, type LocalServiceOptions, type ServeLocalOptions,
} from './service/server.js';
export type { Example as TapExample, ServiceLimits } from './service/vosi.js';
export { SAMPLE_EXAMPLES, SAMPLE_FOREIGN_KEYS, sampleDirectory, sampleTables } from './sample.js';
