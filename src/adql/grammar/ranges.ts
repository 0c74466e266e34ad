/**
 * Source positions (1-based line/column, 0-based offset, exclusive end).
 *
 * The lexer tracks offsets only; lines and columns come from a table of line starts built once
 * per parse (binary search), which keeps tokens small and the lexer fast on large inputs. The
 * table is module state set by parse() before parsing (parsing is synchronous, so this is safe).
 */
import type { IToken, TokenType } from './chevrotain.js';
import type { Position, SourceRange } from '../ast.js';

let lineStarts: number[] = [0];
let source = '';

/** Offsets where lines start; \n, \r\n and \r each end a line. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Makes positions refer to this source text. */
export function setSource(text: string): void {
  source = text;
  lineStarts = computeLineStarts(text);
  pairEnds = surrogatePairEnds(text);
}

/**
 * Offsets of the second half of each surrogate pair (an emoji, a rare CJK character...): columns
 * count code points, so each of these is one UTF-16 unit that adds no column. Usually empty.
 */
let pairEnds: number[] = [];

function surrogatePairEnds(text: string): number[] {
  const out: number[] = [];
  if (!/[\uD800-\uDBFF]/.test(text)) return out;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) {
      const p = text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) out.push(i);
    }
  }
  return out;
}

/** How many surrogate-pair second halves lie in [from, to). */
function pairEndsBetween(from: number, to: number): number {
  if (pairEnds.length === 0) return 0;
  const firstAtOrAfter = (x: number) => {
    let lo = 0;
    let hi = pairEnds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairEnds[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return firstAtOrAfter(to) - firstAtOrAfter(from);
}

/** The length of the source text. */
export function sourceLength(): number {
  return source.length;
}

/** The first offset at or after `offset` that is neither white space nor inside a `--` comment. */
export function nextSignificant(offset: number): number | undefined {
  let i = offset;
  while (i < source.length) {
    if (/\s/.test(source[i]!)) i++;
    else if (source.startsWith('--', i)) {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else return i;
  }
  return undefined;
}

export function positionAt(offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const lineStart = lineStarts[lo]!;
  // Columns count code points (an emoji is one column); offsets stay UTF-16 units.
  return { offset, line: lo + 1, column: offset - lineStart + 1 - pairEndsBetween(lineStart, offset) };
}

/** Tokens remember their positions, so the nodes starting or ending at a token share them. */
interface PositionedToken extends IToken {
  adqlStart?: Position | undefined;
  adqlEnd?: Position | undefined;
}

/**
 * Makes a lexer token with its two position fields already in place: added later, they gave every
 * token a second, out-of-object property store (one more object per token for the garbage
 * collector to copy while a large query is parsed) and a change of hidden class.
 */
export function newToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): IToken {
  const token: PositionedToken = { image, startOffset, tokenTypeIdx, tokenType, adqlStart: undefined, adqlEnd: undefined };
  return token;
}

export function startOf(tok: IToken): Position {
  const t = tok as PositionedToken;
  if (t.adqlStart !== undefined) return t.adqlStart;
  const p = positionAt(tok.startOffset);
  if (Object.isExtensible(t)) t.adqlStart = p; // Chevrotain's recording-phase token is frozen
  return p;
}

export function endOf(tok: IToken): Position {
  const t = tok as PositionedToken;
  if (t.adqlEnd !== undefined) return t.adqlEnd;
  // The lexer records start offsets only; a token's image is its exact source text.
  const p = positionAt(
    tok.endOffset !== undefined && !Number.isNaN(tok.endOffset) ? tok.endOffset + 1 : tok.startOffset + (tok.image?.length ?? 1),
  );
  if (Object.isExtensible(t)) t.adqlEnd = p;
  return p;
}

/** True for tokens with a real position (not EOF, not inserted by error recovery). */
export function hasPosition(tok: IToken | undefined): tok is IToken {
  return tok !== undefined && !Number.isNaN(tok.startOffset) && tok.isInsertedInRecovery !== true;
}

export function tokenRange(tok: IToken): SourceRange {
  return { start: startOf(tok), end: endOf(tok) };
}
