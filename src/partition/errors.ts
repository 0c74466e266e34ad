/** Typed errors of partitioned runs: each says what went wrong, where, and what to do. */

/** Base class of every error thrown by the partition module. */
export class PartitionError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

/** The query cannot be split as asked (not a SELECT, aggregates, TOP without ORDER BY, column not numeric, empty range...). */
export class PartitionPlanError extends PartitionError {}

/** Chunks failed (after their retries) or still overflow at the minimum size; finished chunks are kept in the run directory. */
export class PartitionRunError extends PartitionError {
  /** The run directory: `resume` reruns only the chunks that are not done. */
  readonly dir: string;
  /** Ids of the chunks that did not finish, with why. */
  readonly failures: Array<{ chunk: string; reason: string }>;

  constructor(message: string, options: { dir: string; failures: Array<{ chunk: string; reason: string }>; cause?: unknown }) {
    super(message, options);
    this.dir = options.dir;
    this.failures = options.failures;
  }
}

/** A run directory is missing, incomplete or not a partition run (resume, merge). */
export class PartitionRunDirError extends PartitionError {
  readonly dir: string;

  constructor(message: string, options: { dir: string; cause?: unknown }) {
    super(message, options);
    this.dir = options.dir;
  }
}

/** Chunk results cannot be merged into one table (different columns or types). */
export class PartitionMergeError extends PartitionError {}
