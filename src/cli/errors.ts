/** Exit codes of the `adql` command: they mean something to scripts and CI. */
export const EXIT_OK = 0;
/** The command ran and found problems (diagnostics, a failed query or job). */
export const EXIT_PROBLEMS = 1;
/** The command could not run: bad usage, unreadable input, unreachable service, bad config. */
export const EXIT_USAGE = 2;

/** An error the CLI reports on one line, with what to do about it, and turns into an exit code. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number,
    /** What the user can do about it (printed after the message). */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Wrong flags or arguments: exit 2. */
export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string, hint?: string) {
    super(message, EXIT_USAGE, hint);
  }
}

/** Input/output or environment problems (missing file, bad config, network): exit 2. */
export class InputError extends CliError {
  override name = 'InputError';
  constructor(message: string, hint?: string) {
    super(message, EXIT_USAGE, hint);
  }
}

/** A remote operation that failed after it started (query error, failed job): exit 1. */
export class RemoteProblem extends CliError {
  override name = 'RemoteProblem';
  constructor(message: string, hint?: string) {
    super(message, EXIT_PROBLEMS, hint);
  }
}

/** Collapses any message to a single line, so every error stays one line on stderr. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
