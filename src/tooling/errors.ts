/**
 * Errors of the layer lint, the language server and the ESLint rule share. Each says what went
 * wrong and, in `hint`, what to do; the CLI maps them to its exit code, the language server and
 * the ESLint rule show the message.
 */
export class ToolingError extends Error {
  override name = 'ToolingError';
  constructor(
    message: string,
    /** What the user can do about it. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A missing, unreadable or invalid `.adqlrc.json`. */
export class ConfigError extends ToolingError {
  override name = 'ConfigError';
}

/** A schema that could not be had: an unreadable schema file, an unreachable service, no cached metadata offline. */
export class SchemaSourceError extends ToolingError {
  override name = 'SchemaSourceError';
}
