/** The ADQL language server, embeddable (e.g. in an editor extension or over another transport). */
export { startLanguageServer, type ServerOptions as LanguageServerOptions } from './server.js';
export { createDefaultBackend as createLanguageBackend } from './default-backend.js';
export type { LanguageBackend, LoadedSchema as EditorLoadedSchema, CheckDiagnostic } from '../tooling/backend.js';
export { findEmbeddedQueries, type EmbeddedQuery } from '../tooling/embedded.js';
