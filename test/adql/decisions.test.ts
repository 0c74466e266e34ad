/**
 * Syntax decisions of issue 15, each judged with the ADQL 2.1 BNF and the peers (vollt, DaCHS 2.7):
 * the coordinate system is a leading string literal; a reserved word cannot name a table, even as
 * a column's qualifier; ADQL 2.0 groups and sorts by columns only; declared UDFs (option `udfs`).
 */
import { describe, expect, it } from 'vitest';
import { AdqlUnknownFunctionError, isReservedWord, parse } from '../../src/adql/index.js';
import { KEYWORDS } from '../../src/adql/grammar/tokens.js';

/** The errors as "column: message". */
const errors = (q: string, options: Parameters<typeof parse>[1] = {}) =>
  parse(q, options).errors.map((e) => `${e.range.start.column}: ${e.message}`);

describe('the coordinate system of POINT, CIRCLE and BOX', () => {
  it.each([
    ["SELECT POINT(ra, dec, 'ICRS') FROM t", 'POINT', 21],
    ['SELECT POINT(1,2,3) FROM t', 'POINT', 17],
    ["SELECT CIRCLE(10,20,1,'ICRS') FROM t", 'CIRCLE', 22],
    ['SELECT BOX(1,2,3,4,5) FROM t', 'BOX', 19],
    ['SELECT POINT(ra, dec -- the frame:\n, ra) FROM t', 'POINT', 1],
  ])('%s is a syntax error at the comma where the call should have ended', (q, name, column) => {
    const r = parse(q);
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0]!;
    expect(e.message).toContain(`${name} takes`);
    expect(e.message).toContain('the coordinate system comes first, as a string literal, and may be left out');
    expect(e.range.start.column).toBe(column);
    expect(q.slice(e.range.start.offset, e.range.end.offset)).toBe(',');
  });
  it.each([
    "SELECT POINT('ICRS', ra, dec) FROM t",
    'SELECT POINT(NULL, ra, dec) FROM t',
    "SELECT CIRCLE('ICRS', 10, 20, 1), CIRCLE(POINT(10, 20), 1), CIRCLE('', POINT(1, 2), 3) FROM t",
    "SELECT BOX('ICRS', 1, 2, 3, 4), BOX(1, 2, 3, 4) FROM t",
  ])('accepts %s', (q) => {
    expect(errors(q)).toEqual([]);
  });
});

describe('a reserved word as a table qualifier', () => {
  const reserved = [...KEYWORDS.keys()].filter((w) => isReservedWord(w));
  it('every reserved word before ".name" in a value is an error that says to quote it', () => {
    const accepted = reserved.filter((w) => parse(`SELECT ${w.toLowerCase()}.id FROM t`).errors.length === 0);
    expect(accepted).toEqual([]);
    const hint = (w: string) => `write it as a delimited identifier ("${w.toLowerCase()}")`;
    const unhinted = reserved.filter(
      (w) => !parse(`SELECT a FROM t WHERE ${w.toLowerCase()}.id = 1`).errors.some((e) => e.message.includes(hint(w))),
    );
    expect(unhinted).toEqual([]);
  });
  it('points at the word, once, for t.* too', () => {
    expect(errors('SELECT user.id FROM t')).toEqual([
      '8: user is a reserved word in ADQL: write it as a delimited identifier ("user") to use it as a name',
    ]);
    expect(errors('SELECT real.* FROM t')).toEqual([
      '8: real is a reserved word in ADQL: write it as a delimited identifier ("real") to use it as a name',
    ]);
  });
  it('stays allowed as a schema (public.zcat) and delimited', () => {
    expect(errors('SELECT public.zcat.ra, "user".id FROM public.zcat, t AS "user"')).toEqual([]);
  });
});

describe('ADQL 2.0 GROUP BY and ORDER BY', () => {
  it('rejects expressions and qualified sort keys, naming the construct', () => {
    expect(errors('SELECT a FROM t GROUP BY a + 1 ORDER BY a + 1', { version: '2.0' })).toEqual([
      '26: GROUP BY an expression needs ADQL 2.1',
      '41: ORDER BY an expression needs ADQL 2.1',
    ]);
    expect(errors('SELECT a FROM t ORDER BY t.a', { version: '2.0' })).toEqual(['26: ORDER BY a qualified column needs ADQL 2.1']);
  });
  it('accepts columns and positions, and everything in 2.1', () => {
    expect(errors('SELECT a FROM t GROUP BY t.a ORDER BY a DESC, 1', { version: '2.0' })).toEqual([]);
    expect(errors('SELECT a FROM t GROUP BY a + 1 ORDER BY t.a, a + 1')).toEqual([]);
  });
});

describe('declared user-defined functions (udfs)', () => {
  const q = 'SELECT ivo_hasword(name, 1), my_fn(ra) FROM t';
  it('without the option any name(args) is valid syntax', () => {
    expect(errors(q)).toEqual([]);
  });
  it('with it, an undeclared function is an error at its name', () => {
    const r = parse(q, { udfs: ['ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER'] });
    expect(r.ast).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toBeInstanceOf(AdqlUnknownFunctionError);
    expect(r.errors[0]!.message).toBe('unknown function my_fn: it is neither an ADQL function nor a declared user-defined function (UDF)');
    expect(r.errors[0]!.range.start.column).toBe(30);
  });
  it('matches names case-insensitively; a signature also fixes the argument count', () => {
    expect(errors('SELECT IVO_HASWORD(a, b) FROM t', { udfs: ['ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER'] })).toEqual([]);
    expect(errors('SELECT ivo_hasword(a) FROM t', { udfs: ['ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER'] })).toEqual([
      '8: ivo_hasword takes 2 arguments, found 1 (ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER)',
    ]);
    expect(errors('SELECT f(), f(1, 2, 3) FROM t', { udfs: ['f'] })).toEqual([]);
    expect(errors('SELECT f(1) FROM t', { udfs: [{ name: 'F', params: [{}, {}] }] })[0]).toContain('f takes 2 arguments, found 1');
  });
});
