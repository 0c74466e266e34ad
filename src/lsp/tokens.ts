/**
 * A tolerant ADQL token scanner for editor features (completion, hover, signature help, go to
 * definition). Unlike the parser it never fails: half-typed text ("SELECT t. FROM") still yields
 * tokens, which is what an editor needs at the cursor. Syntax errors come from the real parser.
 */

export type TokenType = 'word' | 'delimited' | 'string' | 'number' | 'punct' | 'op' | 'comment';

export interface Token {
  type: TokenType;
  /** Source text (for `delimited`, the name without quotes and with `""` unescaped). */
  text: string;
  /** Upper-cased text for words (keyword comparisons). */
  upper: string;
  start: number;
  end: number;
}

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_]/;

export function scanTokens(text: string, includeComments = false): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  const push = (type: TokenType, start: number, end: number, value = text.slice(start, end)) => {
    tokens.push({ type, text: value, upper: type === 'word' ? value.toUpperCase() : value, start, end });
  };
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      const start = i;
      while (i < n && text[i] !== '\n') i++;
      if (includeComments) push('comment', start, i);
    } else if (c === "'") {
      const start = i++;
      while (i < n) {
        if (text[i] === "'" && text[i + 1] === "'") i += 2;
        else if (text[i] === "'") {
          i++;
          break;
        } else i++;
      }
      push('string', start, i);
    } else if (c === '"') {
      const start = i++;
      let name = '';
      while (i < n) {
        if (text[i] === '"' && text[i + 1] === '"') {
          name += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else name += text[i++];
      }
      push('delimited', start, i, name);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const start = i;
      while (i < n && /[0-9.]/.test(text[i]!)) i++;
      if (i < n && /[eE]/.test(text[i]!) && /[-+0-9]/.test(text[i + 1] ?? '')) {
        i += 2;
        while (i < n && /[0-9]/.test(text[i]!)) i++;
      }
      push('number', start, i);
    } else if (WORD_START.test(c)) {
      const start = i;
      while (i < n && WORD_PART.test(text[i]!)) i++;
      push('word', start, i);
    } else if ('(),.;'.includes(c)) {
      push('punct', i, ++i);
    } else {
      const two = text.slice(i, i + 2);
      if (['<>', '!=', '<=', '>=', '||'].includes(two)) {
        push('op', i, i + 2);
        i += 2;
      } else push('op', i, ++i);
    }
  }
  return tokens;
}

/** Index of the last token that ends at or before `offset` (the token the cursor is after). */
export function tokenBefore(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The token containing `offset` (start <= offset <= end), preferring words. */
export function tokenAt(tokens: Token[], offset: number): Token | undefined {
  let best: Token | undefined;
  for (const t of tokens) {
    if (t.start > offset) break;
    if (offset <= t.end && offset >= t.start) {
      if (best === undefined || t.type === 'word' || t.type === 'delimited') best = t;
    }
  }
  return best;
}

export function isName(t: Token | undefined): t is Token {
  return t !== undefined && (t.type === 'word' || t.type === 'delimited');
}
