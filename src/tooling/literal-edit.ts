/**
 * Editing a number (a cone radius, a magnitude cut, TOP n) changes one token and no other: the
 * previous parse stays right except for that literal and the positions after it. `patchNumericEdit`
 * gives the previous AST with the literal rebuilt and those positions moved, or undefined when the
 * edit is anything else, so the caller re-validates without parsing the query again.
 */
import { parse, type AdqlVersion, type NumericLiteral, type QueryExpression } from '../adql/index.js';

/** An unsigned ADQL numeric literal, the whole token. */
const UNSIGNED_NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Characters that would join a neighbouring token to the literal, or make it part of a name or string. */
const JOINS = /[\w.$"'\u0080-\uffff]/;

interface Edit {
  /** Where old and new text start to differ. */
  start: number;
  /** End of the replaced part in the old text, and of its replacement in the new one. */
  oldEnd: number;
  newEnd: number;
}

function diff(before: string, after: string): Edit {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

interface Positioned {
  offset: number;
  line: number;
  column: number;
}

function isPosition(o: Record<string, unknown>): o is Record<string, unknown> & Positioned {
  return typeof o.offset === 'number' && typeof o.line === 'number' && typeof o.column === 'number';
}

/** Every distinct object reachable from the AST (nodes, ranges, positions), each once. */
function objectsOf(root: object): object[] {
  const seen = new Set<object>([root]);
  const stack: object[] = [root];
  while (stack.length > 0) {
    const o = stack.pop()!;
    for (const v of Object.values(o)) {
      if (typeof v === 'object' && v !== null && !seen.has(v)) {
        seen.add(v);
        stack.push(v);
      }
    }
  }
  return [...seen];
}

/** The literal the parser builds for `text`, or undefined when it builds something else. */
function literalFor(text: string, version: AdqlVersion | undefined): NumericLiteral | undefined {
  const parsed = parse(`SELECT ${text} FROM t`, version ? { version } : {});
  const expr = parsed.ast?.kind === 'Select' ? parsed.ast.columns[0] : undefined;
  const value = expr !== undefined && expr.kind === 'SelectColumn' ? expr.expr : undefined;
  return parsed.errors.length === 0 && value?.kind === 'NumericLiteral' ? value : undefined;
}

/**
 * `ast` (parsed from `before` without errors) updated for `after` when the two differ inside one
 * unsigned numeric literal that stays one; undefined otherwise. Mutates `ast`.
 */
export function patchNumericEdit(
  ast: QueryExpression,
  before: string,
  after: string,
  version: AdqlVersion | undefined,
): QueryExpression | undefined {
  const edit = diff(before, after);
  const objects = objectsOf(ast);
  const literal = objects.find(
    (o): o is NumericLiteral =>
      (o as NumericLiteral).kind === 'NumericLiteral' &&
      (o as NumericLiteral).range !== undefined &&
      (o as NumericLiteral).range!.start.offset <= edit.start &&
      edit.oldEnd <= (o as NumericLiteral).range!.end.offset,
  );
  if (literal === undefined) return undefined;
  const { start, end } = literal.range!;
  const delta = edit.newEnd - edit.oldEnd;
  const oldText = before.slice(start.offset, end.offset);
  const newText = after.slice(start.offset, end.offset + delta);
  if (oldText !== literal.text || !UNSIGNED_NUMBER.test(oldText) || !UNSIGNED_NUMBER.test(newText)) return undefined;
  if (JOINS.test(after.charAt(start.offset - 1)) || JOINS.test(after.charAt(end.offset + delta))) return undefined;
  const rebuilt = literalFor(newText, version);
  if (rebuilt === undefined) return undefined;
  // Positions at or after the literal's end move by the length change (columns only on its line:
  // a literal has no line break). Each position object is moved once, however many nodes share it.
  const line = end.line;
  const from = end.offset;
  for (const o of objects) {
    const p = o as Record<string, unknown>;
    if (!isPosition(p) || p.offset < from) continue;
    if (p.line === line) p.column += delta;
    p.offset += delta;
  }
  Object.assign(literal, { ...rebuilt, range: literal.range });
  return ast;
}
