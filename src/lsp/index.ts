/** The ADQL language server, embeddable (e.g. in an editor extension or over another transport). */
export { startLanguageServer, type ServerOptions as LanguageServerOptions } from './server.js';
export { createDefaultBackend as createLanguageBackend } from './default-backend.js';
export {
  findEmbeddedQueries,
  type LanguageBackend,
  type LoadedSchema as EditorLoadedSchema,
  type CheckDiagnostic,
  type EmbeddedQuery,
} from '../tooling/index.js';
// The editor features without a server: the workbench page (src/ui) runs them on its own editor.
export { buildModel, type QueryModel } from './model.js';
export { complete, resolveCompletion } from './completion.js';
export { hoverAt, type HoverResult } from './hover.js';
export { signatureAt } from './signature.js';
