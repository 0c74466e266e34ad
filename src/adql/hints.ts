/**
 * Messages for the mistakes people new to ADQL make, with the correction where one is clear:
 * `LIMIT n` (ADQL writes TOP n), TOP after the select list, a misspelt clause keyword (FORM).
 */
import type { IToken } from './grammar/chevrotain.js';
import type { SourceRange } from './ast.js';
import type { AdqlFix } from './errors.js';
import * as T from './grammar/tokens.js';
import { endOf, startOf, tokenRange } from './grammar/ranges.js';

export interface Hint {
  message: string;
  range: SourceRange;
  fix?: AdqlFix;
}

/** An empty range at the end of a token (where text is inserted after it). */
function after(tok: IToken): SourceRange {
  const at = endOf(tok);
  return { start: at, end: at };
}

/** Where `TOP n ` goes: after SELECT and its DISTINCT or ALL. */
function topSlot(tokens: IToken[], select: number): SourceRange {
  const next = tokens[select + 1];
  return after(next !== undefined && (next.tokenType === T.Distinct || next.tokenType === T.All) ? next : tokens[select]!);
}

/**
 * `... LIMIT 10` at the end of the query: one error, and the two tokens are taken out of the
 * stream so the parser reports nothing else. With a single SELECT and no TOP, the fix moves the
 * limit to TOP.
 */
export function takeLimit(tokens: IToken[]): Hint | undefined {
  const i = tokens.findIndex(
    (t, k) => t.tokenType === T.Identifier && t.image.toUpperCase() === 'LIMIT' && tokens[k + 1]?.tokenType === T.NumberLiteral,
  );
  if (i < 0) return undefined;
  const end = tokens[i + 2];
  if (end !== undefined && end.tokenType !== T.Offset && end.tokenType !== T.Semicolon) return undefined;
  const limit = tokens[i]!;
  const count = tokens[i + 1]!;
  const range = { start: startOf(limit), end: endOf(count) };
  const selects = tokens.flatMap((t, k) => (t.tokenType === T.Select ? [k] : []));
  const message = `ADQL has no LIMIT: write SELECT TOP ${count.image} ... (TOP comes right after SELECT)`;
  tokens.splice(i, 2);
  const before = tokens[i - 1];
  if (selects.length !== 1 || tokens.some((t) => t.tokenType === T.Top) || before === undefined) return { message, range };
  return {
    message,
    range,
    fix: {
      title: `Write TOP ${count.image}`,
      edits: [
        { range: topSlot(tokens, selects[0]!), newText: ` TOP ${count.image}` },
        { range: { start: endOf(before), end: endOf(count) }, newText: '' },
      ],
    },
  };
}

/** TOP found after the select list: it goes right after SELECT (or DISTINCT). */
export function misplacedTop(tok: IToken, tokens: IToken[]): Hint | undefined {
  if (tok.tokenType !== T.Top) return undefined;
  const at = tokens.indexOf(tok);
  const count = tokens[at + 1];
  if (count?.tokenType !== T.NumberLiteral) return undefined;
  let select = at - 1;
  while (select >= 0 && tokens[select]!.tokenType !== T.Select) select--;
  const message = `TOP goes right after SELECT (or after SELECT DISTINCT): SELECT TOP ${count.image} ...`;
  if (select < 0) return { message, range: tokenRange(tok) };
  return {
    message,
    range: tokenRange(tok),
    fix: {
      title: `Move TOP ${count.image} after SELECT`,
      edits: [
        { range: topSlot(tokens, select), newText: ` TOP ${count.image}` },
        { range: { start: endOf(tokens[at - 1]!), end: endOf(count) }, newText: '' },
      ],
    },
  };
}

const CLAUSE_KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'ORDER',
  'HAVING',
  'JOIN',
  'UNION',
  'OFFSET',
  'DISTINCT',
  'BETWEEN',
  'EXCEPT',
  'INTERSECT',
];

/** One edit (insert, delete, replace) or one swap of neighbours apart? */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
    if (diff.length === 1) return true;
    return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/**
 * A name next to the error that is a misspelt clause keyword (`SELECT ra FORM t`: FORM was read as
 * an alias, so the error comes one token later).
 */
export function keywordTypo(candidates: Array<IToken | undefined>): Hint | undefined {
  for (const tok of candidates) {
    if (tok === undefined || tok.tokenType !== T.Identifier || tok.image.length < 4) continue;
    const word = tok.image.toUpperCase();
    const keyword = CLAUSE_KEYWORDS.find((k) => oneEditApart(word, k));
    if (keyword === undefined) continue;
    const spelled = tok.image === tok.image.toLowerCase() ? keyword.toLowerCase() : keyword;
    return {
      message: `did you mean ${spelled}? (${tok.image} is read as a name)`,
      range: tokenRange(tok),
      fix: { title: `Change to ${spelled}`, edits: [{ range: tokenRange(tok), newText: spelled }] },
    };
  }
  return undefined;
}
