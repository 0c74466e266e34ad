/** The ADQL language server, embeddable (e.g. in an editor extension or over another transport). */
export { startLanguageServer, type ServerOptions as LanguageServerOptions } from './server.js';
export { createDefaultBackend as createLanguageBackend } from './default-backend.js';
export { findEmbeddedQueries, type LanguageBackend, type LoadedSchema as EditorLoadedSchema, type CheckDiagnostic, type EmbeddedQuery } from '../tooling/index.js';
