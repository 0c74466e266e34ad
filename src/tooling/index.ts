/**
 * What `adql lint`, the language server and the ESLint rule share: the configuration file, where a
 * schema comes from, checking and formatting ADQL, ADQL embedded in JS/TS, and the editor's view of
 * a schema. It imports only lower layers (config, adql, validate, schema); cli, lsp and eslint import it.
 */
export { SchemaSourceError } from './errors.js';
export type {
  CheckSeverity,
  CheckEdit,
  CheckFix,
  CheckDiagnostic,
  LoadedSchema,
  LanguageBackend,
  EditorOptions,
  PreviousCheck,
} from './backend.js';
export { checkAdql, formatAdql, type CheckOptions } from './check.js';
export { configuredAdqlVersion } from './version.js';
export {
  loadCommandSchema,
  schemaForSync,
  createSchemaProvider,
  type SchemaRequestContext,
  type CommandSchemaRequest,
  type SyncSchemaRequest,
  type SchemaProvider,
} from './schema-source.js';
export { editorSchemaOf, type EditorSchema, type EditorTable, type EditorColumn, type EditorUdf } from './editor-schema.js';
export {
  findEmbeddedQueries,
  EmbeddedQueryBuilder,
  addJsText,
  toDocOffset,
  toAdqlOffset,
  touchesPlaceholder,
  QUERY_METHODS,
  ADQL_TAGS,
  type EmbeddedQuery,
  type Placeholder,
} from './embedded.js';
