/** adqlkit schema: service metadata for validation (TAP_SCHEMA, VOSI, capabilities, cache, files). */
export { loadSchema, clearSchemaCache, type LoadSchemaOptions } from './load.js';
export { ServiceSchema, TableColumns, type TableEntry, type ColumnEntry, type TableLookup } from './catalog.js';
export type {
  ColumnMeta,
  TableMeta,
  SchemaMeta,
  ForeignKeyMeta,
  SchemaDocument,
  ServiceCapabilities,
  UdfSignature,
  Limit,
} from './model.js';
export { readSchemaFile, writeSchemaFile, parseSchemaFile, serializeSchemaFile, SchemaFileError } from './file.js';
export { cacheFileFor, defaultCacheDir, CacheFormatError } from './cache.js';
export { SchemaLoadError, capabilitiesFromTap } from './tap.js';
export { parseUdfSignature as parseUdfForm } from './udf.js';
