/** Source positions from Chevrotain tokens (1-based line/column, 0-based offset, exclusive end). */
import type { IToken } from 'chevrotain';
import type { Position, SourceRange } from '../src/adql/ast.js';

export function startOf(tok: IToken): Position {
  return { offset: tok.startOffset, line: tok.startLine ?? 1, column: tok.startColumn ?? 1 };
}

export function endOf(tok: IToken): Position {
  return { offset: (tok.endOffset ?? tok.startOffset) + 1, line: tok.endLine ?? 1, column: (tok.endColumn ?? 0) + 1 };
}

/** True for tokens with a real position (not EOF, not inserted by error recovery). */
export function hasPosition(tok: IToken | undefined): tok is IToken {
  return tok !== undefined && !Number.isNaN(tok.startOffset) && tok.isInsertedInRecovery !== true;
}

export function tokenRange(tok: IToken): SourceRange {
  return { start: startOf(tok), end: endOf(tok) };
}
