import type { SourceRange } from '../../adql/index.js';

/** A query that parses as ADQL but cannot be run by the local engine; `range` points at the culprit. */
export class TranslateError extends Error {
  override name = 'TranslateError';
  constructor(
    message: string,
    readonly range?: SourceRange,
  ) {
    super(range ? `${message} (line ${range.start.line}, column ${range.start.column})` : message);
  }
}
