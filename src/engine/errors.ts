import type { SourceRange } from '../adql/index.js';

/** A problem loading tables or running a query on the local engine. */
export class EngineError extends Error {
  override name = 'EngineError';
}

/** A query that cannot run: ADQL syntax, unknown table/column, unsupported feature. `range` locates it. */
export class LocalQueryError extends EngineError {
  override name = 'LocalQueryError';
  constructor(
    message: string,
    readonly range?: SourceRange,
  ) {
    super(message);
  }

  /** "line 1, column 8: ..." when the position is known. */
  describe(): string {
    return this.range ? `line ${this.range.start.line}, column ${this.range.start.column}: ${this.message}` : this.message;
  }
}
