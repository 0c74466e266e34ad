/** Messages for the mistakes beginners make (issue 15), each with its fix where one is clear. */
import { describe, expect, it } from 'vitest';
import { parse, type AdqlError } from '../../src/adql/index.js';

/** Applies a fix's edits (from the last, so offsets stay valid). */
function applied(text: string, e: AdqlError): string {
  const edits = [...(e.fix?.edits ?? [])].sort((a, b) => b.range.start.offset - a.range.start.offset);
  return edits.reduce((t, ed) => t.slice(0, ed.range.start.offset) + ed.newText + t.slice(ed.range.end.offset), text);
}

/** The single error of a query. */
function only(q: string): AdqlError {
  const r = parse(q, { recover: true });
  expect(r.errors.map((e) => e.message)).toHaveLength(1);
  return r.errors[0]!;
}

describe('LIMIT', () => {
  it.each([
    ['SELECT ra FROM t LIMIT 10', 'SELECT TOP 10 ra FROM t'],
    ['SELECT DISTINCT ra FROM t WHERE a = 1 ORDER BY ra LIMIT 5', 'SELECT DISTINCT TOP 5 ra FROM t WHERE a = 1 ORDER BY ra'],
    ['select ra from t limit 10 offset 20', 'select TOP 10 ra from t offset 20'],
  ])('%s -> one error and the TOP fix', (q, fixed) => {
    const e = only(q);
    expect(e.message).toMatch(/^ADQL has no LIMIT: write SELECT TOP \d+/);
    expect(applied(q, e)).toBe(fixed);
    expect(parse(applied(q, e)).errors).toEqual([]);
  });
  it('no fix where TOP would not mean the same (a UNION) or is there already', () => {
    expect(only('SELECT ra FROM t UNION SELECT ra FROM u LIMIT 5').fix).toBeUndefined();
    expect(only('SELECT TOP 3 ra FROM t LIMIT 5').fix).toBeUndefined();
  });
  it('LIMIT stays a name elsewhere', () => {
    expect(parse('SELECT a AS limit FROM t').errors).toEqual([]);
  });
});

describe('TOP after the select list', () => {
  it('says where TOP goes and moves it', () => {
    const q = 'SELECT ra, dec TOP 5 FROM t';
    const e = only(q);
    expect(e.message).toBe('TOP goes right after SELECT (or after SELECT DISTINCT): SELECT TOP 5 ...');
    expect(applied(q, e)).toBe('SELECT TOP 5 ra, dec FROM t');
  });
});

describe('misspelt keywords', () => {
  it.each([
    ['SELECT ra FORM t', 'SELECT ra FROM t', 'FROM'],
    ['select ra form t', 'select ra from t', 'from'],
    ['SELECT a FROM t WHRE a = 1', 'SELECT a FROM t WHERE a = 1', 'WHERE'],
    ['SELECT a FROM t ODRER BY a', 'SELECT a FROM t ORDER BY a', 'ORDER'],
  ])('%s: did you mean %s', (q, fixed, keyword) => {
    const e = only(q);
    expect(e.message).toContain(`did you mean ${keyword}?`);
    expect(applied(q, e)).toBe(fixed);
  });
});

describe('what is fine stays fine, and ";" keeps its message', () => {
  it('!= is a comparison operator', () => {
    expect(parse('SELECT a FROM t WHERE a != 1').errors).toEqual([]);
  });
  it('";" at the end: remove it', () => {
    const q = 'SELECT a FROM t;';
    const e = only(q);
    expect(e.message).toBe('ADQL queries do not end with ";": remove it');
    expect(applied(q, e)).toBe('SELECT a FROM t');
  });
});
