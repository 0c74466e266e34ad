/**
 * Editing a number (a cone radius, a magnitude cut, TOP n) changes one token and no other: the
 * previous parse stays right except for that literal and the positions after it. `patchNumericEdit`
 * gives the previous AST with the literal rebuilt and those positions moved, or undefined when the
 * edit is anything else, so the caller re-validates without parsing the query again.
 */
import { parse, type AdqlVersion, type NumericLiteral, type Position, type QueryExpression, type SourceRange } from '../adql/index.js';

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

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null;
}

function isPosition(o: Obj): o is Obj & Position {
  return typeof o.offset === 'number' && typeof o.line === 'number' && typeof o.column === 'number';
}

/** Pushes the objects `o` holds (array elements included). */
function pushChildren(o: Obj, stack: Obj[]): void {
  for (const key in o) {
    const v = o[key];
    if (Array.isArray(v)) {
      for (const item of v) if (isObject(item)) stack.push(item);
    } else if (isObject(v)) stack.push(v);
  }
}

/** The numeric literal whose range holds [start, end], looked for only inside nodes that hold it. */
function literalAround(root: Obj, start: number, end: number): NumericLiteral | undefined {
  const stack: Obj[] = [root];
  while (stack.length > 0) {
    const o = stack.pop()!;
    const range = o.range as SourceRange | undefined;
    if (isPosition(o) || (range !== undefined && (range.start.offset > start || range.end.offset < end))) continue;
    if (o.kind === 'NumericLiteral' && range !== undefined) return o as unknown as NumericLiteral;
    pushChildren(o, stack);
  }
  return undefined;
}

/**
 * Moves every position at or after `from` by `delta` (columns only on `line`: the edit has no line
 * break), each position object once however many nodes share it. A node ending before `from` is
 * skipped whole: its children lie inside its range.
 */
function shiftFrom(root: Obj, from: number, line: number, delta: number): void {
  const moved = new Set<Obj>();
  const stack: Obj[] = [root];
  while (stack.length > 0) {
    const o = stack.pop()!;
    if (isPosition(o)) {
      if (o.offset >= from && !moved.has(o)) {
        moved.add(o);
        if (o.line === line) o.column += delta;
        o.offset += delta;
      }
      continue;
    }
    // (An end that was moved already, shared with a node seen before, was at or after `from`.)
    const range = o.range as SourceRange | undefined;
    if (range !== undefined && range.end.offset < from && !moved.has(range.end as unknown as Obj)) continue;
    pushChildren(o, stack);
  }
}

/** The literal the parser builds for `text`, or undefined when it builds something else. */
function literalFor(text: string, version: AdqlVersion | undefined): NumericLiteral | undefined {
  const parsed = parse(`SELECT ${text} FROM t`, version ? { version } : {});
  const expr = parsed.ast?.kind === 'Select' ? parsed.ast.columns[0] : undefined;
  const value = expr !== undefined && expr.kind === 'SelectColumn' ? expr.expr : undefined;
  return parsed.errors.length === 0 && value?.kind === 'NumericLiteral' ? value : undefined;
}

/**
 * Whether the edit from `before` to `after` lies inside a numeric literal of `ast` (parsed from
 * `after`): a number being typed, whose next keystroke can take the patch, so the parse is worth
 * keeping. A digit typed in a name (col_3 -> col_4) is not one.
 */
export function isNumberEdit(ast: QueryExpression, before: string, after: string): boolean {
  const edit = diff(before, after);
  return literalAround(ast as unknown as Obj, edit.start, edit.newEnd) !== undefined;
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
  const literal = literalAround(ast as unknown as Obj, edit.start, edit.oldEnd);
  if (literal === undefined) return undefined;
  const { start, end } = literal.range!;
  const delta = edit.newEnd - edit.oldEnd;
  const oldText = before.slice(start.offset, end.offset);
  const newText = after.slice(start.offset, end.offset + delta);
  if (oldText !== literal.text || !UNSIGNED_NUMBER.test(oldText) || !UNSIGNED_NUMBER.test(newText)) return undefined;
  if (JOINS.test(after.charAt(start.offset - 1)) || JOINS.test(after.charAt(end.offset + delta))) return undefined;
  const rebuilt = literalFor(newText, version);
  if (rebuilt === undefined) return undefined;
  // Positions at or after the literal's end move by the length change.
  shiftFrom(ast as unknown as Obj, end.offset, end.line, delta);
  Object.assign(literal, { ...rebuilt, range: literal.range });
  return ast;
}
