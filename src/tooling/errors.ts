/** Errors of the layer lint, the language server and the ESLint rule share. */
import { SetupError } from '../config/index.js';

/** A schema that could not be had: an unreadable schema file, an unreachable service, no cached metadata offline. */
export class SchemaSourceError extends SetupError {
  override name = 'SchemaSourceError';
}
