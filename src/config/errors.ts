/**
 * Errors about the user's setup: the configuration file, and (thrown by tooling) schema files and
 * services that cannot be read. Each says what went wrong and, in `hint`, what to do; the CLI maps
 * them to its exit code 2, the language server and the ESLint rule show the message.
 */
export class SetupError extends Error {
  override name = 'SetupError';
  constructor(
    message: string,
    /** What the user can do about it. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A missing, unreadable or invalid `.adqlrc.json`. */
export class ConfigError extends SetupError {
  override name = 'ConfigError';
}
