/**
 * Where errors point (issue 15): at the first token where a correct parser must notice the
 * problem, one error per mistake, columns in code points.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/adql/index.js';

/** The errors as "column: text at the range". */
const errors = (q: string) =>
  parse(q, { recover: true }).errors.map((e) => `${e.range.start.column}: ${q.slice(e.range.start.offset, e.range.end.offset)}`);

describe('the first token where a correct parser notices', () => {
  it.each([
    ['SELECT a FROM t WHERE a + 1 IS NULL', '29: IS'],
    ['SELECT a FROM t WHERE CONTAINS(POINT(1, 2), CIRCLE(1, 2, 3)) OR a = 1', '62: OR'],
    ['SELECT a FROM t WHERE CONTAINS(POINT(1, 2), CIRCLE(1, 2, 3))', '61: '],
    ['SELECT a FROM t JOIN u WHERE a = 1', '24: WHERE'],
    ['SELECT a FROM t JOIN u AS x ORDER BY a', '29: ORDER'],
    ['SELECT a FROM t WHERE a IN ()', '29: )'],
    ["SELECT POINT(ra, dec, 'ICRS') FROM t", '21: ,'],
  ])('%s', (q, first) => {
    expect(errors(q)).toEqual([first]);
  });
});

describe('one mistake, one error first', () => {
  it('a CASE expression is one error spanning CASE ... END, and the rest parses', () => {
    const q = "SELECT CASE WHEN a = 1 THEN 'x' WHEN a = 2 THEN 'y' ELSE 'z' END AS c, b FROM t";
    const r = parse(q, { recover: true });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toContain('CASE expressions are not part of ADQL 2.1');
    expect(errors(q)).toEqual(["8: CASE WHEN a = 1 THEN 'x' WHEN a = 2 THEN 'y' ELSE 'z' END"]);
    expect(r.ast?.kind).toBe('Select');
  });
  it('a stray % is the first error, with the MOD hint', () => {
    for (const q of ['SELECT a FROM t WHERE a % 2 = 0', 'SELECT a % 2 FROM t']) {
      const first = parse(q, { recover: true }).errors[0]!;
      expect(q.slice(first.range.start.offset, first.range.end.offset)).toBe('%');
      expect(first.message).toContain('write MOD(a, b)');
    }
  });
});

describe('columns count code points', () => {
  it('an emoji (two UTF-16 units) before an error is one column; offsets stay UTF-16', () => {
    const plain = parse("SELECT 'a', x FROM t WHERE").errors[0]!;
    const emoji = parse("SELECT '😀', x FROM t WHERE").errors[0]!;
    expect(emoji.range.start.column).toBe(plain.range.start.column);
    expect(emoji.range.start.offset).toBe(plain.range.start.offset + 1);
    const line2 = ', \'😀😀\' AS "é😀", y FROM t WHERE';
    const second = parse(`SELECT 'x'\n${line2}`).errors[0]!;
    expect([second.range.start.line, second.range.start.column]).toEqual([2, [...line2].length + 1]);
  });
});
