/** parse() never throws: error recovery, error classes, nesting limits. */
import { describe, expect, it } from 'vitest';
import {
  AdqlError,
  AdqlGrammarError,
  AdqlLexicalError,
  AdqlNestingError,
  AdqlSyntaxError,
  AdqlVersionError,
  MAX_NESTING_DEPTH,
  parse,
  type SelectQuery,
} from '../../src/adql/index.js';

describe('error recovery', () => {
  it('reports every syntax error and returns a partial tree', () => {
    const text = 'SELECT a, FROM t WHERE b = AND c = 1 ORDER x';
    const r = parse(text, { recover: true });
    expect(r.errors.length).toBeGreaterThanOrEqual(3);
    expect(r.errors.map((e) => e.range.start.column)).toEqual([...r.errors.map((e) => e.range.start.column)].sort((a, b) => a - b));
    expect(r.errors[0]!.message).toMatch(/after ",", found FROM/);
    expect(r.errors.some((e) => /expected BY after ORDER/.test(e.message))).toBe(true);
    expect(r.ast).not.toBeNull();
    expect((r.ast as SelectQuery).from[0]).toMatchObject({ kind: 'TableRef' });
  });
  it('without recovery: the first syntax error and no tree', () => {
    const r = parse('SELECT a, FROM t WHERE b = AND c = 1');
    expect(r.ast).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toBeInstanceOf(AdqlSyntaxError);
  });
  it('reports grammar errors with the whole tree when recovering', () => {
    const r = parse('SELECT value FROM t JOIN u', { recover: true });
    expect(r.errors.map((e) => e.constructor.name)).toEqual(['AdqlGrammarError', 'AdqlGrammarError']);
    expect(r.ast).toMatchObject({ kind: 'Select', from: [{ kind: 'Join' }] });
  });
  it('lists the expected tokens', () => {
    expect(parse('SELECT a FROM t ORDER a').errors[0]!.expected).toEqual(['BY']);
    expect(parse('SELECT a WHERE x = 1').errors[0]!.expected).toEqual(['FROM']);
    const e = parse('SELECT a FROM t WHERE').errors[0]!;
    expect(e.expected).toEqual(expect.arrayContaining(['NOT', 'EXISTS', 'number', 'string', '(']));
    expect(e.expected).not.toContain('reserved word');
  });
});

describe('error classes', () => {
  it('types each kind of problem and prints line and column', () => {
    const cases: Array<[string, new (...args: never[]) => AdqlError]> = [
      ['SELECT a FROM t WHERE b = #', AdqlLexicalError],
      ['SELECT a FROM', AdqlSyntaxError],
      ['SELECT value FROM t', AdqlGrammarError],
      ['SELECT a FROM t OFFSET 1', AdqlError],
    ];
    for (const [q, cls] of cases.slice(0, 3)) {
      const e = parse(q).errors[0]!;
      expect(e, q).toBeInstanceOf(cls);
      expect(e).toBeInstanceOf(AdqlError);
      expect(e).toBeInstanceOf(Error);
    }
    const v = parse(cases[3]![0], { version: '2.0' }).errors[0]!;
    expect(v).toBeInstanceOf(AdqlVersionError);
    expect(String(parse('SELECT a\nFROM').errors[0])).toMatch(/^line 2, column 5: expected a table name/);
  });
});

describe('nesting', () => {
  const parens = (n: number) => `SELECT ${'('.repeat(n)}1${')'.repeat(n)} FROM t`;
  const subqueries = (n: number) => `SELECT a FROM t WHERE a IN ${'(SELECT a FROM t WHERE a IN '.repeat(n)}(1)${')'.repeat(n)}`;
  const derived = (n: number) => `SELECT * FROM ${'(SELECT * FROM '.repeat(n)}t${') AS x'.repeat(n)}`;
  const calls = (n: number) => `SELECT ${'ABS('.repeat(n)}1${')'.repeat(n)} FROM t`;

  it('parses 200 levels of parentheses, subqueries, derived tables and calls', () => {
    for (const make of [parens, subqueries, derived, calls]) {
      const r = parse(make(200));
      expect(r.errors.map(String)).toEqual([]);
    }
    expect(MAX_NESTING_DEPTH).toBeGreaterThanOrEqual(200);
  });
  it('reports deeper nesting as an error naming the limit, never a stack overflow', () => {
    for (const text of [
      parens(100_000),
      subqueries(5_000),
      calls(20_000),
      `SELECT ${'-'.repeat(1)}${' -'.repeat(50_000)}1 FROM t`,
      `SELECT a FROM t WHERE ${'NOT '.repeat(50_000)}a = 1`,
    ]) {
      const r = parse(text);
      expect(r.ast).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toBeInstanceOf(AdqlError);
      expect(r.errors[0]!.message).toMatch(new RegExp(`${MAX_NESTING_DEPTH} levels`));
    }
    expect(parse(parens(MAX_NESTING_DEPTH + 1)).errors[0]).toBeInstanceOf(AdqlNestingError);
  });
});

describe('never throws', () => {
  it('handles empty, blank and odd inputs', () => {
    for (const text of [
      '',
      ' ',
      '\n\n',
      '--',
      '-- only a comment',
      ';',
      '(',
      ')',
      "'",
      '"',
      '""',
      'SELECT',
      '\u0000',
      '\uFFFF',
      'SELECT 😀 FROM t',
    ]) {
      for (const recover of [false, true]) {
        const r = parse(text, { recover });
        expect(r.errors.length, JSON.stringify(text)).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(e.range.start.offset).toBeGreaterThanOrEqual(0);
          expect(e.range.end.offset).toBeLessThanOrEqual(text.length);
        }
      }
    }
  });
  it('accepts a non-string argument without throwing', () => {
    expect(parse(undefined as unknown as string).errors.length).toBeGreaterThan(0);
  });
});
