/** Every grammar feature of ADQL 2.1, valid and invalid, with the AST it builds and error positions. */
import { describe, expect, it } from 'vitest';
import { parse, print, stripPositions, type QueryExpression, type SelectQuery } from '../../src/adql/index.js';

function ok(query: string): QueryExpression {
  const r = parse(query);
  expect(
    r.errors.map((e) => e.toString()),
    query,
  ).toEqual([]);
  return stripPositions(r.ast!);
}

function select(query: string): SelectQuery {
  const q = ok(query);
  expect(q.kind).toBe('Select');
  return q as SelectQuery;
}

/** The first error: message pattern, 1-based line and column of its start. */
function fails(query: string, message: RegExp, line: number, column: number, options: { version?: '2.0' | '2.1' } = {}) {
  const r = parse(query, options);
  expect(r.ast).toBeNull();
  expect(r.errors.length, query).toBeGreaterThan(0);
  const e = r.errors.find((x) => message.test(x.message)) ?? r.errors[0]!;
  expect(e.message).toMatch(message);
  expect([e.range.start.line, e.range.start.column], e.message).toEqual([line, column]);
  expect(e.range.end.offset).toBeGreaterThanOrEqual(e.range.start.offset);
  expect(e.range.end.offset).toBeLessThanOrEqual(query.length);
  return e;
}

const id = (name: string, delimited = false) => ({ kind: 'Identifier', name, delimited });
const col = (name: string) => ({ kind: 'ColumnRef', column: id(name) });
const num = (text: string) => ({ kind: 'NumericLiteral', text, value: Number(text) });

describe('SELECT clause', () => {
  it('parses *, t.*, expressions with and without AS', () => {
    const q = select('SELECT *, t.*, a, b AS x, c y, s.t.u.v FROM t');
    expect(q.columns).toEqual([
      { kind: 'AllColumns' },
      { kind: 'AllColumns', qualifier: { kind: 'TableName', table: id('t') } },
      { kind: 'SelectColumn', expr: col('a') },
      { kind: 'SelectColumn', expr: col('b'), alias: id('x') },
      { kind: 'SelectColumn', expr: col('c'), alias: id('y') },
      {
        kind: 'SelectColumn',
        expr: { kind: 'ColumnRef', table: { kind: 'TableName', catalog: id('s'), schema: id('t'), table: id('u') }, column: id('v') },
      },
    ]);
  });
  it('parses ALL/DISTINCT and TOP', () => {
    expect(select('SELECT DISTINCT TOP 10 a FROM t')).toMatchObject({ quantifier: 'DISTINCT', top: 10 });
    expect(select('SELECT ALL a FROM t')).toMatchObject({ quantifier: 'ALL' });
    expect(select('SELECT TOP 0 a FROM t').top).toBe(0);
  });
  it('keeps delimited identifiers with their case and "" escapes', () => {
    const q = select('SELECT "Weird ""name""", "distance" FROM "My Table"');
    expect(q.columns[0]).toMatchObject({ expr: { column: id('Weird "name"', true) } });
    expect(q.columns[1]).toMatchObject({ expr: { column: id('distance', true) } });
    expect(q.from[0]).toMatchObject({ name: { table: id('My Table', true) } });
  });
  it('rejects an empty select list, a missing FROM and a negative TOP', () => {
    fails('SELECT FROM t', /expected a select list .* after SELECT, found FROM/, 1, 8);
    fails('SELECT a\nWHERE x = 1', /^expected FROM after the select list, found WHERE$/, 2, 1);
    fails('SELECT TOP -1 a FROM t', /TOP needs a non-negative integer/, 1, 12);
    fails('SELECT TOP 1.5 a FROM t', /TOP needs a non-negative integer, found 1.5/, 1, 12);
  });
});

describe('FROM clause', () => {
  it('parses catalog.schema.table names with aliases and comma lists', () => {
    const q = select('SELECT a FROM c.s.t AS x, u v, w');
    expect(q.from).toEqual([
      { kind: 'TableRef', name: { kind: 'TableName', catalog: id('c'), schema: id('s'), table: id('t') }, alias: id('x') },
      { kind: 'TableRef', name: { kind: 'TableName', table: id('u') }, alias: id('v') },
      { kind: 'TableRef', name: { kind: 'TableName', table: id('w') } },
    ]);
  });
  it('parses every join form', () => {
    const forms: Array<[string, object]> = [
      ['a JOIN b ON a.x = b.x', { natural: false, condition: { kind: 'JoinOn' } }],
      ['a INNER JOIN b USING (x, y)', { joinType: 'INNER', condition: { kind: 'JoinUsing', columns: [id('x'), id('y')] } }],
      ['a LEFT JOIN b USING (x)', { joinType: 'LEFT' }],
      ['a LEFT OUTER JOIN b USING (x)', { joinType: 'LEFT', outer: true }],
      ['a RIGHT OUTER JOIN b USING (x)', { joinType: 'RIGHT', outer: true }],
      ['a FULL JOIN b USING (x)', { joinType: 'FULL' }],
      ['a NATURAL JOIN b', { natural: true }],
      ['a NATURAL LEFT OUTER JOIN b', { natural: true, joinType: 'LEFT', outer: true }],
    ];
    for (const [from, shape] of forms) {
      const q = select(`SELECT * FROM ${from}`);
      expect(q.from[0], from).toMatchObject({ kind: 'Join', ...shape });
    }
  });
  it('nests joins left-associatively and keeps parenthesised joins', () => {
    const q = select('SELECT * FROM a JOIN b USING (x) JOIN (c JOIN d USING (y)) USING (z)');
    expect(q.from[0]).toMatchObject({
      kind: 'Join',
      left: { kind: 'Join', left: { kind: 'TableRef' }, right: { kind: 'TableRef' } },
      right: { kind: 'Join', left: { name: { table: id('c') } }, right: { name: { table: id('d') } } },
    });
  });
  it('parses derived tables, also with set operations inside', () => {
    const q = select('SELECT * FROM (SELECT a FROM t) AS s, ((SELECT a FROM t) UNION (SELECT a FROM u)) v');
    expect(q.from[0]).toMatchObject({ kind: 'DerivedTable', alias: id('s'), query: { kind: 'Select' } });
    expect(q.from[1]).toMatchObject({ kind: 'DerivedTable', alias: id('v'), query: { kind: 'SetOperation', op: 'UNION' } });
  });
  it('requires a join condition, with the cross-join hint', () => {
    // at the token after the joined table, where ON or USING must come (here the end of the query)
    const e = fails('SELECT * FROM t1\n  INNER JOIN t2', /JOIN needs ON or USING .*use a comma for a cross join/, 2, 16);
    fails('SELECT * FROM t1 JOIN t2 AS x WHERE a = 1', /JOIN needs ON or USING/, 1, 31);
    expect(e.expected).toEqual(['ON', 'USING']);
    fails('SELECT * FROM t1 NATURAL JOIN t2 ON a = b', /NATURAL JOIN cannot have ON or USING/, 1, 34);
  });
  it('requires an alias on a derived table', () => {
    fails('SELECT * FROM (SELECT a FROM t)', /subquery in FROM needs an alias/, 1, 32);
  });
});

describe('WHERE, GROUP BY, HAVING, ORDER BY, OFFSET', () => {
  it('parses every comparison operator', () => {
    for (const op of ['=', '<>', '!=', '<', '>', '<=', '>=']) {
      expect(select(`SELECT a FROM t WHERE a ${op} 1`).where).toEqual({ kind: 'Comparison', op, left: col('a'), right: num('1') });
    }
  });
  it('parses BETWEEN, LIKE, ILIKE, IN lists and subqueries, EXISTS, IS [NOT] NULL, with NOT', () => {
    const w = (cond: string) => select(`SELECT a FROM t WHERE ${cond}`).where;
    expect(w('a NOT BETWEEN 1 AND 2')).toEqual({ kind: 'Between', not: true, expr: col('a'), low: num('1'), high: num('2') });
    expect(w("a LIKE 'x%'")).toMatchObject({ kind: 'Like', not: false, caseInsensitive: false });
    expect(w("a NOT ILIKE 'x%'")).toMatchObject({ kind: 'Like', not: true, caseInsensitive: true });
    expect(w('a IN (1, 2, 3)')).toMatchObject({ kind: 'InList', not: false, values: [num('1'), num('2'), num('3')] });
    expect(w('a NOT IN (SELECT b FROM u)')).toMatchObject({ kind: 'InSubquery', not: true, query: { kind: 'Select' } });
    expect(w('EXISTS (SELECT b FROM u WHERE u.b = t.a)')).toMatchObject({ kind: 'Exists' });
    expect(w('NOT EXISTS (SELECT b FROM u)')).toMatchObject({ kind: 'Not', operand: { kind: 'Exists' } });
    expect(w('a IS NULL')).toEqual({ kind: 'IsNull', not: false, expr: col('a') });
    expect(w('t.a IS NOT NULL')).toMatchObject({ kind: 'IsNull', not: true });
  });
  it('gives AND precedence over OR and keeps parentheses', () => {
    expect(select('SELECT a FROM t WHERE a = 1 OR b = 2 AND c = 3').where).toMatchObject({
      kind: 'Logical',
      op: 'OR',
      right: { kind: 'Logical', op: 'AND' },
    });
    expect(select('SELECT a FROM t WHERE (a = 1 OR b = 2) AND NOT c = 3').where).toMatchObject({
      kind: 'Logical',
      op: 'AND',
      left: { kind: 'ParenCondition', condition: { op: 'OR' } },
      right: { kind: 'Not', operand: { kind: 'Comparison' } },
    });
  });
  it('parses GROUP BY, HAVING, ORDER BY with directions and OFFSET', () => {
    const q = select('SELECT a, COUNT(*) FROM t GROUP BY a, b + 1 HAVING COUNT(*) > 1 ORDER BY 2 DESC, a ASC, a + b OFFSET 5');
    expect(q.groupBy).toHaveLength(2);
    expect(q.having).toMatchObject({ kind: 'Comparison', left: { kind: 'Aggregate', name: 'COUNT', arg: { kind: 'Star' } } });
    expect(q.orderBy).toEqual([
      { kind: 'OrderItem', expr: num('2'), direction: 'DESC' },
      { kind: 'OrderItem', expr: col('a'), direction: 'ASC' },
      { kind: 'OrderItem', expr: { kind: 'Binary', op: '+', left: col('a'), right: col('b') } },
    ]);
    expect(q.offset).toBe(5);
  });
  it('accepts NULL as a value', () => {
    expect(select('SELECT NULL FROM t WHERE a = NULL').where).toMatchObject({ right: { kind: 'Null' } });
  });
  it('rejects bad clauses with positions', () => {
    fails('SELECT a FROM t WHERE', /expected a value or a condition after WHERE, found the end of the query/, 1, 22);
    fails('SELECT a FROM t ORDER a', /expected BY after ORDER, found the name a/, 1, 23);
    fails('SELECT a FROM t OFFSET 1.5', /OFFSET needs a non-negative integer/, 1, 24);
    fails('SELECT a FROM t OFFSET -10', /OFFSET needs a non-negative integer/, 1, 24);
    // a value where a condition goes: noticed at the token after it, where a comparison must come
    fails('SELECT a FROM t WHERE a', /expected a condition in WHERE, found a value/, 1, 24);
    fails('SELECT a FROM t WHERE CONTAINS(POINT(1, 2), CIRCLE(1, 2, 3))', /CONTAINS returns 0 or 1, compare it/, 1, 61);
    fails('SELECT a FROM t WHERE CONTAINS(POINT(1, 2), CIRCLE(1, 2, 3)) AND a = 1', /CONTAINS returns 0 or 1, compare it/, 1, 62);
    fails('SELECT a FROM t WHERE a IN ()', /an IN list needs at least one value/, 1, 29);
    fails('SELECT a FROM t WHERE a BETWEEN 1 OR 2', /expected AND between the bounds of BETWEEN/, 1, 35);
    fails('SELECT a FROM t WHERE a = 1 AND', /expected a value or a condition after AND/, 1, 32);
    fails('SELECT a FROM t WHERE (a = 1', /expected \) to close the parenthesis/, 1, 29);
    fails('SELECT a FROM t GROUP a', /expected BY after GROUP/, 1, 23);
    fails('SELECT a FROM t;', /do not end with ";"/, 1, 16);
    fails('SELECT a FROM t WHERE a = 1 b = 2', /expected the end of the query, found the name b/, 1, 29);
  });
});

describe('value expressions', () => {
  const v = (expr: string): any => (select(`SELECT ${expr} FROM t`).columns[0] as { expr: unknown }).expr;
  it('parses every numeric literal form, keeping its text', () => {
    for (const text of ['42', '3.14', '12.', '.5', '1e5', '10E-5', '2.5e+3']) expect(v(text)).toEqual(num(text));
  });
  it('parses strings with doubled quotes', () => {
    expect(v("'it''s'")).toEqual({ kind: 'StringLiteral', value: "it's" });
    expect(v("''")).toEqual({ kind: 'StringLiteral', value: '' });
  });
  it('follows arithmetic precedence with unary signs and ||', () => {
    expect(v('-a * b + c')).toMatchObject({
      kind: 'Binary',
      op: '+',
      left: { op: '*', left: { kind: 'Unary', op: '-', operand: col('a') } },
    });
    expect(v('a - b - c')).toMatchObject({ op: '-', left: { op: '-' } });
    expect(v("'x' || a + 1")).toMatchObject({ op: '||', right: { op: '+' } });
    expect(v('- -1')).toMatchObject({ kind: 'Unary', operand: { kind: 'Unary', operand: num('1') } });
    expect(v('(a + b) * c')).toMatchObject({ op: '*', left: { kind: 'Paren', expr: { op: '+' } } });
  });
  it('parses math, trig, string, conditional and unit functions', () => {
    const fns = [
      'ABS(a)',
      'CEILING(a)',
      'DEGREES(a)',
      'EXP(a)',
      'FLOOR(a)',
      'LOG(a)',
      'LOG10(a)',
      'MOD(a, 2)',
      'PI()',
      'POWER(a, 2)',
      'RADIANS(a)',
      'RAND()',
      'RAND(5)',
      'ROUND(a)',
      'ROUND(a, -2)',
      'SQRT(a)',
      'TRUNCATE(a)',
      'TRUNCATE(a, 3)',
      'ACOS(a)',
      'ASIN(a)',
      'ATAN(a)',
      'ATAN2(a, b)',
      'COS(a)',
      'COT(a)',
      'SIN(a)',
      'TAN(a)',
      'LOWER(a)',
      'UPPER(a)',
      'COALESCE(a)',
      "COALESCE(a, b, 'c')",
      "IN_UNIT(a, 'rad')",
    ];
    for (const f of fns) expect(v(f), f).toMatchObject({ kind: 'FunctionCall', name: f.slice(0, f.indexOf('(')) });
    expect(v('abs(a)')).toMatchObject({ kind: 'FunctionCall', name: 'ABS' });
  });
  it('parses aggregates', () => {
    expect(v('COUNT(*)')).toEqual({ kind: 'Aggregate', name: 'COUNT', arg: { kind: 'Star' } });
    expect(v('COUNT(DISTINCT a)')).toEqual({ kind: 'Aggregate', name: 'COUNT', quantifier: 'DISTINCT', arg: col('a') });
    for (const n of ['AVG', 'MIN', 'MAX', 'SUM']) expect(v(`${n}(a)`)).toMatchObject({ kind: 'Aggregate', name: n });
  });
  it('parses CAST to every target type', () => {
    const types: Array<[string, object]> = [
      ['CHAR', { name: 'CHAR' }],
      ['CHAR(10)', { name: 'CHAR', length: 10 }],
      ['VARCHAR', { name: 'VARCHAR' }],
      ['varchar(30)', { name: 'VARCHAR', length: 30 }],
      ['SMALLINT', { name: 'SMALLINT' }],
      ['INTEGER', { name: 'INTEGER' }],
      ['BIGINT', { name: 'BIGINT' }],
      ['REAL', { name: 'REAL' }],
      ['DOUBLE PRECISION', { name: 'DOUBLE PRECISION' }],
      ['TIMESTAMP', { name: 'TIMESTAMP' }],
      ['POINT', { name: 'POINT' }],
      ['CIRCLE', { name: 'CIRCLE' }],
      ['POLYGON', { name: 'POLYGON' }],
    ];
    for (const [t, shape] of types) expect(v(`CAST(a AS ${t})`), t).toMatchObject({ kind: 'Cast', type: { kind: 'CastType', ...shape } });
  });
  it('parses every geometry function, with and without a coordinate system', () => {
    expect(v("POINT('ICRS', ra, dec)")).toEqual({
      kind: 'GeometryCall',
      name: 'POINT',
      coordSys: { kind: 'StringLiteral', value: 'ICRS' },
      args: [col('ra'), col('dec')],
    });
    expect(v('POINT(ra, dec)')).toEqual({ kind: 'GeometryCall', name: 'POINT', args: [col('ra'), col('dec')] });
    expect(v('POINT(NULL, 1, 2)')).toMatchObject({ coordSys: { kind: 'Null' } });
    expect(v("CIRCLE('ICRS', 1, 2, 3)")).toMatchObject({ coordSys: { value: 'ICRS' }, args: [num('1'), num('2'), num('3')] });
    expect(v('CIRCLE(1, 2, 3)')).toMatchObject({ args: [num('1'), num('2'), num('3')] });
    expect(v('CIRCLE(p, 3)')).toMatchObject({ args: [col('p'), num('3')] });
    expect(v("CIRCLE('ICRS', POINT(1, 2), 3)").coordSys).toBeDefined();
    expect(v('BOX(1, 2, 3, 4)')).toMatchObject({ name: 'BOX', args: [num('1'), num('2'), num('3'), num('4')] });
    expect(v("BOX('ICRS', 1, 2, 3, 4)")).toMatchObject({ coordSys: { value: 'ICRS' } });
    expect(v('BOX(POINT(1, 2), 3, 4)')).toMatchObject({ args: [{ name: 'POINT' }, num('3'), num('4')] });
    expect(v('POLYGON(1, 2, 3, 4, 5, 6)').args).toHaveLength(6);
    expect(v("POLYGON('', 1, 2, 3, 4, 5, 6, 7, 8)").args).toHaveLength(8);
    expect(v('POLYGON(p1, p2, p3)').args).toHaveLength(3);
    expect(v("REGION('Circle ICRS 1 2 3')")).toMatchObject({ name: 'REGION' });
    for (const f of [
      'CENTROID(c)',
      'AREA(c)',
      'COORD1(p)',
      'COORD2(p)',
      'COORDSYS(p)',
      'CONTAINS(p, c)',
      'INTERSECTS(c, d)',
      'DISTANCE(p, q)',
      'DISTANCE(1, 2, 3, 4)',
    ]) {
      expect(v(f), f).toMatchObject({ kind: 'GeometryCall', name: f.slice(0, f.indexOf('(')) });
    }
  });
  it('parses user-defined functions', () => {
    expect(v('ivo_healpix_index(6, ra, dec)')).toEqual({
      kind: 'UserFunctionCall',
      name: id('ivo_healpix_index'),
      args: [num('6'), col('ra'), col('dec')],
    });
    expect(v('gavo_f()')).toEqual({ kind: 'UserFunctionCall', name: id('gavo_f'), args: [] });
  });
  it('rejects bad calls with positions', () => {
    fails('SELECT ABS(1, 2) FROM t', /ABS takes 1 argument, found 2/, 1, 8);
    fails('SELECT COALESCE() FROM t', /COALESCE takes at least 1 argument/, 1, 8);
    fails('SELECT IN_UNIT(a, b) FROM t', /second argument of IN_UNIT must be a string literal/, 1, 19);
    fails("SELECT a FROM t WHERE CIRCLE('fk5', 2, 3) = x", /CIRCLE takes a centre/, 1, 23);
    fails("SELECT a FROM t WHERE POLYGON('fk5', 2, 3, 3, 0, 23, 0, 45) = x", /POLYGON takes at least three vertices/, 1, 23);
    fails('SELECT POINT(1) FROM t', /POINT takes two coordinates/, 1, 8);
    fails('SELECT DISTANCE(1, 2, 3) FROM t', /DISTANCE takes two points or four coordinates/, 1, 8);
    fails('SELECT REGION(a) FROM t', /argument of REGION must be a string literal/, 1, 8);
    fails('SELECT CAST(a AS FLOAT) FROM t', /FLOAT is not an ADQL CAST type/, 1, 18);
    fails('SELECT CAST(a AS NULL) FROM t', /expected a CAST type/, 1, 18);
    fails('SELECT SUM(*) FROM t', /SUM\(\*\) is not allowed: only COUNT takes \*/, 1, 12);
    fails('SELECT COUNT(DISTINCT *) FROM t', /COUNT\(DISTINCT \*\) is not allowed/, 1, 23);
    fails('SELECT s.f(a) FROM t', /function name must be a single regular identifier/, 1, 10);
  });
});

describe('set operations and WITH', () => {
  it('parses UNION/INTERSECT/EXCEPT [ALL] with INTERSECT binding tighter', () => {
    const q = ok('SELECT a FROM t UNION ALL SELECT a FROM u INTERSECT SELECT a FROM v EXCEPT SELECT a FROM w');
    expect(q).toMatchObject({
      kind: 'SetOperation',
      op: 'EXCEPT',
      all: false,
      left: { op: 'UNION', all: true, right: { op: 'INTERSECT' } },
    });
  });
  it('parses parenthesised operands with their own ORDER BY, and an outer ORDER BY', () => {
    const q = ok('(SELECT TOP 10 a FROM t ORDER BY a ASC) UNION (SELECT TOP 10 a FROM t ORDER BY a DESC) ORDER BY 1 OFFSET 2');
    expect(q).toMatchObject({
      kind: 'SetOperation',
      left: { orderBy: [{ direction: 'ASC' }] },
      right: { orderBy: [{ direction: 'DESC' }] },
      orderBy: [{ expr: num('1') }],
      offset: 2,
    });
  });
  it('parses WITH with several common table expressions', () => {
    const q = ok('WITH x AS (SELECT a FROM t), y AS (SELECT b FROM u) SELECT * FROM x, y');
    expect(q.with).toMatchObject([
      { kind: 'CommonTableExpression', name: id('x'), query: { kind: 'Select' } },
      { kind: 'CommonTableExpression', name: id('y') },
    ]);
  });
  it('rejects WITH in a subquery', () => {
    fails('SELECT * FROM (WITH x AS (SELECT a FROM t) SELECT a FROM x) AS s', /allows WITH only at the start of the whole query/, 1, 16);
  });
});

describe('lexical structure', () => {
  it('ignores any whitespace and -- comments, and keeps the comments', () => {
    const r = parse('-- first\nSELECT\ta\r\n  FROM t -- trailing\n\n');
    expect(r.errors).toEqual([]);
    expect(r.ast!.comments!.map((c) => c.text)).toEqual(['-- first', '-- trailing']);
  });
  it('matches keywords case-insensitively and keeps identifier spelling', () => {
    const q = select('sElEcT MyCol FrOm MyTable');
    expect(q.columns[0]).toMatchObject({ expr: { column: id('MyCol') } });
  });
  it('rejects hex literals and bitwise operators, which were removed before the REC', () => {
    fails('SELECT a FROM t WHERE a = 0x1F', /hexadecimal literals are not part of ADQL 2.1/, 1, 27);
    for (const op of ['&', '|', '^', '~']) fails(`SELECT a ${op} b FROM t`, /bitwise operator .* not part of ADQL 2.1/, 1, 10);
  });
  it('rejects reserved words as names and suggests quoting', () => {
    const e = fails('SELECT value FROM t', /value is a reserved word in ADQL: write it as a delimited identifier \("value"\)/, 1, 8);
    expect(e.range.end.column).toBe(13);
    fails('SELECT distance FROM stars', /distance is a reserved word/, 1, 8);
    fails('SELECT a FROM size', /size is a reserved word/, 1, 15);
    fails('SELECT a AS date FROM t', /date is a reserved word/, 1, 13);
  });
  it('accepts a reserved word as a qualifier (schema "public")', () => {
    expect(select('SELECT a FROM public.zcat').from[0]).toMatchObject({ name: { schema: id('public'), table: id('zcat') } });
  });
  it('reports unterminated strings and names, and stray characters', () => {
    fails("SELECT a FROM t WHERE b = 'abc", /unterminated string/, 1, 27);
    fails('SELECT "abc FROM t', /unterminated delimited identifier/, 1, 8);
    fails('SELECT _x FROM t', /unexpected character "_": a name must start with a letter/, 1, 8);
    fails('SELECT a FROM t WHERE b = #', /unexpected character "#"/, 1, 27);
  });
  it('positions errors on later lines', () => {
    fails('SELECT a\nFROM t\nWHERE b = 1 AND\n  c ==', /expected a value/, 4, 6);
  });
});

describe('ADQL 2.1-only constructs', () => {
  it('rejects scalar subqueries and IS NULL on expressions', () => {
    fails('SELECT (SELECT MAX(a) FROM t) FROM u', /scalar subqueries are not part of ADQL 2.1/, 1, 8);
    fails('SELECT a FROM t WHERE a + 1 IS NULL', /IS \[NOT\] NULL only on a column reference/, 1, 29); // at IS
  });
  it('in 2.0 mode, names each 2.1 construct', () => {
    const cases: Array<[string, RegExp, number]> = [
      ['WITH x AS (SELECT a FROM t) SELECT a FROM x', /WITH .* needs ADQL 2.1/, 6],
      ['SELECT a FROM t UNION SELECT a FROM u', /UNION needs ADQL 2.1/, 1],
      ['SELECT a FROM t OFFSET 3', /OFFSET needs ADQL 2.1/, 1],
      ["SELECT a FROM t WHERE a ILIKE 'x'", /ILIKE needs ADQL 2.1/, 23],
      ['SELECT LOWER(a) FROM t', /LOWER needs ADQL 2.1/, 8],
      ['SELECT CAST(a AS INTEGER) FROM t', /CAST needs ADQL 2.1/, 8],
      ['SELECT COALESCE(a, 1) FROM t', /COALESCE needs ADQL 2.1/, 8],
      ["SELECT IN_UNIT(a, 'deg') FROM t", /IN_UNIT needs ADQL 2.1/, 8],
      ['SELECT POINT(1, 2) FROM t', /POINT without a coordinate system needs ADQL 2.1/, 8],
      ['SELECT DISTANCE(1, 2, 3, 4) FROM t', /DISTANCE with four coordinates needs ADQL 2.1/, 8],
    ] as Array<[string, RegExp, number]>;
    for (const [q, message, column] of cases) fails(q, message, 1, column, { version: '2.0' });
    expect(parse("SELECT POINT('ICRS', 1, 2) FROM t WHERE a LIKE 'x'", { version: '2.0' }).errors).toEqual([]);
  });
});

describe('source ranges', () => {
  it('gives every parsed node an exact range (offset 0-based, line/column 1-based, end exclusive)', () => {
    const text = 'SELECT a,\n  t.b AS x\nFROM t';
    const ast = parse(text).ast as SelectQuery;
    expect(ast.range).toEqual({ start: { offset: 0, line: 1, column: 1 }, end: { offset: text.length, line: 3, column: 7 } });
    const b = ast.columns[1]!;
    expect(text.slice(b.range!.start.offset, b.range!.end.offset)).toBe('t.b AS x');
    expect(b.range!.start).toEqual({ offset: 12, line: 2, column: 3 });
    const expr = (b as { expr: { range: unknown; table: { range: unknown } } }).expr;
    expect(expr.range).toEqual({ start: { offset: 12, line: 2, column: 3 }, end: { offset: 15, line: 2, column: 6 } });
  });
  it('covers multi-line string tokens', () => {
    const text = "SELECT 'a\nb' FROM t";
    const lit = ((parse(text).ast as SelectQuery).columns[0] as { expr: { range: { end: unknown } } }).expr;
    expect(lit.range.end).toEqual({ offset: 12, line: 2, column: 3 });
  });
  it('prints and reparses without ranges changing the tree', () => {
    const q = 'SELECT a FROM t WHERE x BETWEEN 1 AND 2';
    expect(stripPositions(parse(print(parse(q).ast!)).ast!)).toEqual(stripPositions(parse(q).ast!));
  });
});
