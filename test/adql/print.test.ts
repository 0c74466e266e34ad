/** print(): canonical and pretty output, keyword case, comments, and trees built without source text. */
import { describe, expect, it } from 'vitest';
import {
  parse,
  print,
  stripPositions,
  type Binary,
  type ColumnRef,
  type Identifier,
  type NumericLiteral,
  type SelectQuery,
  type SetOperation,
  type ValueExpression,
} from '../../src/adql/index.js';

const p = (q: string) => parse(q).ast!;
const id = (name: string): Identifier => ({ kind: 'Identifier', name, delimited: false });
const col = (name: string): ColumnRef => ({ kind: 'ColumnRef', column: id(name) });
const num = (value: number): NumericLiteral => ({ kind: 'NumericLiteral', text: String(value), value });
const bin = (op: Binary['op'], left: ValueExpression, right: ValueExpression): Binary => ({ kind: 'Binary', op, left, right });
const sel = (column: ValueExpression, table = 't'): SelectQuery => ({
  kind: 'Select',
  columns: [{ kind: 'SelectColumn', expr: column }],
  from: [{ kind: 'TableRef', name: { kind: 'TableName', table: id(table) } }],
});

describe('canonical print', () => {
  it('normalises whitespace and keyword case, keeps names and literal text', () => {
    expect(
      print(
        p(
          "select  distinct top 5 MyCol as \"X y\", 1.50E3 ,'it''s'\nfrom s.T x where a<>1 and not b between 1 and 2 order by 1 desc offset 3",
        ),
      ),
    ).toBe(
      "SELECT DISTINCT TOP 5 MyCol AS \"X y\", 1.50E3, 'it''s' FROM s.T AS x WHERE a <> 1 AND NOT b BETWEEN 1 AND 2 ORDER BY 1 DESC OFFSET 3",
    );
  });
  it('prints joins, subqueries, set operations and WITH', () => {
    const q =
      'WITH c AS (SELECT a FROM t) SELECT * FROM c NATURAL LEFT OUTER JOIN (SELECT a FROM u) AS d JOIN e USING (a) WHERE a IN (SELECT a FROM f) AND EXISTS (SELECT 1 FROM g) UNION ALL SELECT * FROM h';
    expect(print(p(q))).toBe(q);
  });
  it('prints functions, casts, geometry and aggregates', () => {
    const q =
      "SELECT COUNT(*), COUNT(DISTINCT a), ABS(-a), CAST(a AS VARCHAR(10)), CAST(b AS DOUBLE PRECISION), POINT('ICRS', ra, dec), CIRCLE(p, 1), ivo_f(a, 'x'), COALESCE(a, NULL) FROM t";
    expect(print(p(q))).toBe(q);
  });
  it('keeps a comment-safe space between signs', () => {
    expect(print(p('SELECT - -1, a - -b FROM t'))).toBe('SELECT - -1, a - -b FROM t');
    expect(stripPositions(p(print(p('SELECT - -1 FROM t'))))).toEqual(stripPositions(p('SELECT - -1 FROM t')));
  });
  it('prints keywords in lower case on request', () => {
    expect(print(p('SELECT COUNT(*) FROM t WHERE a IS NOT NULL'), { keywordCase: 'lower' })).toBe(
      'select count(*) from t where a is not null',
    );
  });
  it('prints fragments', () => {
    const q = p('SELECT a FROM t WHERE x + 1 > 2 * y') as SelectQuery;
    expect(print(q.where!)).toBe('x + 1 > 2 * y');
    expect(print(q.from[0]!)).toBe('t');
  });
});

describe('pretty print', () => {
  it('puts one clause per line and indents subqueries', () => {
    const out = print(p('SELECT a, b FROM t, (SELECT c FROM u WHERE c > 1) AS s WHERE a = 1 GROUP BY a HAVING COUNT(*) > 1 ORDER BY a'), {
      pretty: true,
    });
    expect(out).toBe(
      [
        'SELECT a, b',
        'FROM t, (',
        '  SELECT c',
        '  FROM u',
        '  WHERE c > 1',
        ') AS s',
        'WHERE a = 1',
        'GROUP BY a',
        'HAVING COUNT(*) > 1',
        'ORDER BY a',
      ].join('\n'),
    );
  });
  it('indents nested derived tables one level each', () => {
    const out = print(p('SELECT a FROM (SELECT b FROM (SELECT c FROM u) AS x) AS s'), { pretty: true });
    expect(out.split('\n')).toEqual(['SELECT a', 'FROM (', '  SELECT b', '  FROM (', '    SELECT c', '    FROM u', '  ) AS x', ') AS s']);
  });
  it('puts set operators and WITH queries on their own lines', () => {
    const out = print(p('WITH x AS (SELECT a FROM t) SELECT a FROM x UNION SELECT a FROM y'), { pretty: true });
    expect(out.split('\n')).toEqual(['WITH x AS (', '  SELECT a', '  FROM t', ')', 'SELECT a', 'FROM x', 'UNION', 'SELECT a', 'FROM y']);
  });
  it('keeps comments before the clause they preceded, or at the end of their line', () => {
    const text = '-- bright stars\nSELECT a -- the id\nFROM t\n-- only nearby ones\nWHERE d < 10';
    const out = print(p(text), { pretty: true });
    expect(out).toBe(['-- bright stars', 'SELECT a -- the id', 'FROM t', '-- only nearby ones', 'WHERE d < 10'].join('\n'));
    expect(parse(out).ast!.comments!.map((c) => c.text)).toEqual(['-- bright stars', '-- the id', '-- only nearby ones']);
  });
  it('puts each operand of a long AND chain on its own line, with its comment', () => {
    const text = 'SELECT a FROM t WHERE alpha_long_column > 10 -- bright\nAND beta_long_column < 20 AND (x = 1 OR y = 2)';
    expect(print(p(text), { pretty: true }).split('\n')).toEqual([
      'SELECT a',
      'FROM t',
      'WHERE alpha_long_column > 10 -- bright',
      '  AND beta_long_column < 20',
      '  AND (x = 1 OR y = 2)',
    ]);
  });
  it('drops comments in canonical mode (they cannot sit inside one line)', () => {
    expect(print(p('SELECT a -- x\nFROM t'))).toBe('SELECT a FROM t');
  });
});

describe('trees built without source text', () => {
  it('adds the parentheses precedence needs', () => {
    const expr = bin('*', bin('+', col('a'), num(1)), bin('-', col('b'), bin('-', col('c'), num(2))));
    expect(print(sel(expr))).toBe('SELECT (a + 1) * (b - (c - 2)) FROM t');
    const again = p(print(sel(expr))) as SelectQuery;
    expect(again.columns[0]).toMatchObject({ expr: { op: '*', left: { kind: 'Paren' }, right: { kind: 'Paren' } } });
  });
  it('parenthesises set operation operands that need it', () => {
    const union: SetOperation = { kind: 'SetOperation', op: 'UNION', all: false, left: sel(col('a')), right: sel(col('a'), 'u') };
    const q: SetOperation = {
      kind: 'SetOperation',
      op: 'INTERSECT',
      all: true,
      left: union,
      right: { ...sel(col('a'), 'v'), orderBy: [{ kind: 'OrderItem', expr: col('a') }] },
    };
    expect(print(q)).toBe('(SELECT a FROM t UNION SELECT a FROM u) INTERSECT ALL (SELECT a FROM v ORDER BY a)');
    expect(parse(print(q)).errors).toEqual([]);
  });
  it('quotes names that are not regular identifiers or are reserved words', () => {
    expect(print(sel(col('my col')))).toBe('SELECT "my col" FROM t');
    expect(print(sel(col('distance')))).toBe('SELECT "distance" FROM t');
    expect(print(sel(col('say "hi"')))).toBe('SELECT "say ""hi""" FROM t');
  });
  it('prints numbers given only a value and strings with quotes', () => {
    expect(print(sel({ kind: 'NumericLiteral', text: '', value: 0.25 }))).toBe('SELECT 0.25 FROM t');
    expect(print(sel({ kind: 'StringLiteral', value: "O'Neil" }))).toBe("SELECT 'O''Neil' FROM t");
  });
});
