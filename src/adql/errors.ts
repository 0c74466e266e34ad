/** Typed errors reported by parse(). parse() never throws them: it returns them in `errors`. */
import type { SourceRange } from './ast.js';

/** A machine-applicable correction of the text: edits with 0-based offsets into the query. */
export interface AdqlFix {
  title: string;
  edits: Array<{ range: SourceRange; newText: string }>;
}

/** Base class of every problem parse() reports: a plain message and where it is. */
export class AdqlError extends Error {
  override name = 'AdqlError';
  constructor(
    message: string,
    /** Where the problem is (1-based line/column, 0-based offset, exclusive end). */
    readonly range: SourceRange,
    /** Token labels that would have been accepted here, when known (e.g. ["FROM"]). */
    readonly expected: string[] = [],
    /** The correction, when one is clear (LIMIT n to TOP n, FORM to FROM...). */
    readonly fix?: AdqlFix,
  ) {
    super(message);
  }

  /** "line 1, column 8: expected FROM ..." */
  override toString(): string {
    return `line ${this.range.start.line}, column ${this.range.start.column}: ${this.message}`;
  }
}

/** Characters that do not form an ADQL token (unknown character, unterminated string...). */
export class AdqlLexicalError extends AdqlError {
  override name = 'AdqlLexicalError';
}

/** The token sequence does not match the grammar. */
export class AdqlSyntaxError extends AdqlError {
  override name = 'AdqlSyntaxError';
}

/**
 * Syntactically parseable but not allowed by ADQL 2.1 (or by 2.0 in 2.0 mode): reserved word as a
 * name, wrong argument count, scalar subquery, IS NULL on an expression, JOIN without condition...
 */
export class AdqlGrammarError extends AdqlError {
  override name = 'AdqlGrammarError';
}

/** A call of a function that is neither an ADQL function nor one of the declared UDFs (parse option `udfs`). */
export class AdqlUnknownFunctionError extends AdqlGrammarError {
  override name = 'AdqlUnknownFunctionError';
}

/** A construct needs a newer ADQL version than the one requested ("X needs ADQL 2.1"). */
export class AdqlVersionError extends AdqlError {
  override name = 'AdqlVersionError';
}

/** The query nests deeper than the parser's limit. */
export class AdqlNestingError extends AdqlError {
  override name = 'AdqlNestingError';
}
