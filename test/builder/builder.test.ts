/**
 * Every builder feature: the built AST equals the parse of the ADQL written by hand (modulo
 * formatting), and the printed text parses back to it.
 */
import { describe, expect, test } from 'vitest';
import { parse, type QueryExpression } from '../../src/adql/index.js';
import { AdqlBuilderError, adql, arcmin, arcsec, deg, queryBuilder, sky, type QueryBase } from '../../src/builder/index.js';
import { normalizeAst } from './normalize.js';
import type { Database } from './zcat-db.js';

const db = queryBuilder<Database>();
const anyDb = queryBuilder();

function parsed(text: string): QueryExpression {
  const { ast, errors } = parse(text);
  expect(errors.map(String), text).toEqual([]);
  return ast!;
}

function same(query: QueryBase<unknown>, text: string) {
  const expected = normalizeAst(parsed(text));
  expect(normalizeAst(query.toAST())).toEqual(expected);
  expect(normalizeAst(parsed(query.toADQL()))).toEqual(expected);
}

describe('select list, FROM, clauses', () => {
  test('distinct, top, aliases, where triples, order by alias, offset', () => {
    same(
      db
        .from('zcat.main as m')
        .distinct()
        .top(10)
        .select('m.id', 'm.ra as alpha')
        .where('m.bmag', '<', 14)
        .orderBy('alpha', 'desc')
        .offset(5),
      'SELECT DISTINCT TOP 10 m.id, m.ra AS alpha FROM zcat.main AS m WHERE m.bmag < 14 ORDER BY alpha DESC OFFSET 5',
    );
  });
  test('selectAll for one table, select callbacks, group by/having with aggregates', () => {
    same(
      db
        .from('zcat.main as m')
        .select((eb) => ['m.morph_type', eb.fn.count().as('n'), eb.fn.avg('m.bmag').as('b'), eb.fn.countDistinct('m.name').as('names')])
        .groupBy('m.morph_type')
        .having((eb) => eb(eb.fn.count(), '>', 10))
        .orderBy(2, 'desc'),
      'SELECT m.morph_type, COUNT(*) AS n, AVG(m.bmag) AS b, COUNT(DISTINCT m.name) AS "names" FROM zcat.main AS m GROUP BY m.morph_type HAVING COUNT(*) > 10 ORDER BY 2 DESC',
    );
    same(db.from('zcat.main as m').selectAll('m'), 'SELECT m.* FROM zcat.main AS m');
    same(
      db.from('zcat.main').select((eb) => [eb.fn.min('bmag').as('lo'), eb.fn.max('bmag').as('hi'), eb.fn.sum('radial_velocity').as('s')]),
      'SELECT MIN(bmag) AS lo, MAX(bmag) AS hi, SUM(radial_velocity) AS s FROM zcat.main',
    );
  });
  test('conditions: AND/OR/NOT with the parentheses precedence needs, BETWEEN, LIKE, ILIKE, IN, IS NULL', () => {
    same(
      db
        .from('zcat.main as m')
        .selectAll()
        .where((eb) => eb.or(eb('m.bmag', '<', 12), eb.and(eb('m.bmag', '<', 14), eb('m.name', 'ilike', 'ngc%'))))
        .where((eb) => eb.not(eb.or(eb('m.id', 'in', [1, 2, 3]), eb.isNull('m.morph_type'))))
        .where((eb) => eb.notBetween('m.dec', -5, 5))
        .where('m.name', 'not like', '%x%')
        .where('m.radial_velocity_error', 'is not', null),
      "SELECT * FROM zcat.main AS m WHERE (m.bmag < 12 OR (m.bmag < 14 AND m.name ILIKE 'ngc%')) AND NOT (m.id IN (1, 2, 3) OR m.morph_type IS NULL) AND m.dec NOT BETWEEN -5 AND 5 AND m.name NOT LIKE '%x%' AND m.radial_velocity_error IS NOT NULL",
    );
  });
  test('arithmetic keeps grouping: (a - b) * c, a - (b - c), unary minus, ||', () => {
    same(
      db
        .from('zcat.main as m')
        .select((eb) => [
          eb(eb('m.ra', '-', 1), '*', 2).as('x'),
          eb('m.ra', '-', eb(eb.ref('m.dec'), '-', 3)).as('y'),
          eb.neg(eb('m.ra', '+', 1)).as('z'),
          eb('m.name', '||', eb.ref('m.morph_type')).as('label'),
        ]),
      'SELECT (m.ra - 1) * 2 AS x, m.ra - (m.dec - 3) AS y, -(m.ra + 1) AS z, m.name || m.morph_type AS label FROM zcat.main AS m',
    );
  });
  test('functions: math, trig, LOWER/UPPER, COALESCE, IN_UNIT, CAST', () => {
    same(
      db
        .from('zcat.main as m')
        .select((eb) => [
          eb.fn.round(eb.fn.log10('m.radial_velocity'), 3).as('a'),
          eb.fn.atan2('m.dec', 'm.ra').as('b'),
          eb.fn.mod('m.id', 7).as('c'),
          eb.fn.upper(eb.fn.lower('m.name')).as('d'),
          eb.fn.coalesce('m.morph_type', eb.val('unknown')).as('e'),
          eb.fn.inUnit('m.radial_velocity', 'm/s').as('f'),
          eb.fn.cast('m.id', 'VARCHAR(12)').as('g'),
          eb.fn.cast('m.bmag', 'DOUBLE PRECISION').as('h'),
          eb.fn.truncate(eb.fn.degrees(eb.fn.radians('m.ra'))).as('i'),
          eb.fn.rand().as('j'),
        ]),
      "SELECT ROUND(LOG10(m.radial_velocity), 3) AS a, ATAN2(m.dec, m.ra) AS b, MOD(m.id, 7) AS c, UPPER(LOWER(m.name)) AS d, COALESCE(m.morph_type, 'unknown') AS e, IN_UNIT(m.radial_velocity, 'm/s') AS f, CAST(m.id AS VARCHAR(12)) AS g, CAST(m.bmag AS DOUBLE PRECISION) AS h, TRUNCATE(DEGREES(RADIANS(m.ra))) AS i, RAND() AS j FROM zcat.main AS m",
    );
  });
  test('typed UDF calls', () => {
    same(
      db
        .from('zcat.main as m')
        .select((eb) => [eb.udf('gavo_ipix', 'm.ra', 'm.dec').as('ipix')])
        .where((eb) => eb(eb.udf('ivo_hasword', 'm.name', eb.val('NGC')), '=', 1)),
      "SELECT gavo_ipix(m.ra, m.dec) AS ipix FROM zcat.main AS m WHERE ivo_hasword(m.name, 'NGC') = 1",
    );
  });
});

describe('joins', () => {
  test('inner/left/right/full with ON (pair, callback) and USING; natural; nested', () => {
    same(
      db.from('zcat.main as m').join('zcat.truth_match as t', 't.zcat_id', 'm.id').select('m.id', 't.true_z'),
      'SELECT m.id, t.true_z FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id',
    );
    same(
      db
        .from('zcat.main as m')
        .leftJoin('zcat.truth_match as t', (eb) => eb.and(eb('t.zcat_id', '=', eb.ref('m.id')), eb('t.match_flag', '=', 1)))
        .select('m.id'),
      'SELECT m.id FROM zcat.main AS m LEFT OUTER JOIN zcat.truth_match AS t ON t.zcat_id = m.id AND t.match_flag = 1',
    );
    same(
      db
        .from('zcat.truth_match as t')
        .rightJoin('zcat.photometry as p', { using: ['zcat_id'] })
        .select('p.band'),
      'SELECT p.band FROM zcat.truth_match AS t RIGHT OUTER JOIN zcat.photometry AS p USING (zcat_id)',
    );
    same(
      db
        .from('zcat.main as m')
        .fullJoin('zcat.truth_match as t', 't.zcat_id', 'm.id')
        .join('zcat.photometry as p', 'p.zcat_id', 'm.id')
        .select('m.id', 'p."MagAB"'),
      'SELECT m.id, p."MagAB" FROM zcat.main AS m FULL OUTER JOIN zcat.truth_match AS t ON t.zcat_id = m.id JOIN zcat.photometry AS p ON p.zcat_id = m.id',
    );
    same(db.from('zcat.main').naturalJoin('zcat.truth_match').selectAll(), 'SELECT * FROM zcat.main NATURAL JOIN zcat.truth_match');
  });
});

describe('subqueries, CTEs and set operations', () => {
  test('subquery in FROM, IN (subquery), EXISTS, NOT EXISTS with correlation', () => {
    const good = db.from('zcat.truth_match').select('zcat_id').where('match_flag', '=', 1);
    same(
      db
        .from(good.as('g'))
        .join('zcat.main as m', 'm.id', 'g.zcat_id')
        .select('m.id')
        .where('m.id', 'in', db.from('zcat.photometry').select('zcat_id'))
        .where((eb) =>
          eb.exists(
            eb
              .from('zcat.truth_match as t')
              .select('t.zcat_id')
              .where((e2) => e2('t.zcat_id', '=', e2.ref('m.id'))),
          ),
        )
        .where((eb) => eb.notExists(eb.from('zcat.photometry as p').selectAll().where('p.band', '=', 'x'))),
      "SELECT m.id FROM (SELECT zcat_id FROM zcat.truth_match WHERE match_flag = 1) AS g JOIN zcat.main AS m ON m.id = g.zcat_id WHERE m.id IN (SELECT zcat_id FROM zcat.photometry) AND EXISTS (SELECT t.zcat_id FROM zcat.truth_match AS t WHERE t.zcat_id = m.id) AND NOT EXISTS (SELECT * FROM zcat.photometry AS p WHERE p.band = 'x')",
    );
  });
  test('WITH (CTEs), one referring to another', () => {
    same(
      db
        .with('bright', (qc) => qc.from('zcat.main').select('id', 'ra', 'dec').where('bmag', '<', 14))
        .with('brightest', (qc) => qc.from('bright').select('id').where('ra', '>', 100))
        .from('brightest as b')
        .select('b.id'),
      'WITH bright AS (SELECT id, ra, dec FROM zcat.main WHERE bmag < 14), brightest AS (SELECT id FROM bright WHERE ra > 100) SELECT b.id FROM brightest AS b',
    );
  });
  test('UNION/INTERSECT/EXCEPT [ALL] with ORDER BY and OFFSET on the whole', () => {
    const a = db.from('zcat.main').select('id');
    const b = db.from('zcat.truth_match').select('zcat_id as id');
    const c = db.from('zcat.photometry').select('zcat_id as id');
    same(
      a.union(b).orderBy('id', 'desc').offset(3),
      'SELECT id FROM zcat.main UNION SELECT zcat_id AS id FROM zcat.truth_match ORDER BY id DESC OFFSET 3',
    );
    same(
      a.unionAll(b).exceptAll(c),
      'SELECT id FROM zcat.main UNION ALL SELECT zcat_id AS id FROM zcat.truth_match EXCEPT ALL SELECT zcat_id AS id FROM zcat.photometry',
    );
    same(
      a.intersect(b).union(c),
      'SELECT id FROM zcat.main INTERSECT SELECT zcat_id AS id FROM zcat.truth_match UNION SELECT zcat_id AS id FROM zcat.photometry',
    );
    // INTERSECT binds tighter: (a UNION b) INTERSECT c needs its parentheses in the text.
    const q = a.union(b).intersect(c);
    expect(normalizeAst(parsed(q.toADQL()))).toEqual(normalizeAst(q.toAST()));
    same(
      a.except(b).intersectAll(c),
      '(SELECT id FROM zcat.main EXCEPT SELECT zcat_id AS id FROM zcat.truth_match) INTERSECT ALL SELECT zcat_id AS id FROM zcat.photometry',
    );
  });
  test('ORDER BY inside a set operand is refused with a hint', () => {
    const a = db.from('zcat.main').select('id').orderBy('id');
    expect(() => a.union(db.from('zcat.main').select('id'))).toThrow(/call orderBy\(\)\/offset\(\) on its result/);
  });
});

describe('sky helpers', () => {
  test('coneSearch expands to 1=CONTAINS(POINT, CIRCLE) with the radius in degrees', () => {
    same(
      db.from('zcat.main as m').select('m.id').coneSearch({ ra: 'm.ra', dec: 'm.dec' }, { ra: 150, dec: 2 }, arcmin(30)),
      "SELECT m.id FROM zcat.main AS m WHERE 1 = CONTAINS(POINT('ICRS', m.ra, m.dec), CIRCLE('ICRS', 150, 2, 0.5))",
    );
    same(
      db
        .from('zcat.main as m')
        .select('m.id')
        .where((eb) => eb.coneSearch(['m.ra', 'm.dec'], [150, 2], arcsec(36))),
      "SELECT m.id FROM zcat.main AS m WHERE 1 = CONTAINS(POINT('ICRS', m.ra, m.dec), CIRCLE('ICRS', 150, 2, 0.01))",
    );
  });
  test('crossmatch with a fixed and a per-row radius', () => {
    same(
      anyDb
        .from('zcat.main as a')
        .from('tap_upload.src as b')
        .select('a.id', 'b.name')
        .where((eb) => eb.crossmatch({ ra: 'a.ra', dec: 'a.dec' }, { ra: 'b.ra', dec: 'b.dec' }, arcsec(5))),
      `SELECT a.id, b.name FROM zcat.main AS a, tap_upload.src AS b WHERE 1 = CONTAINS(POINT('ICRS', a.ra, a.dec), CIRCLE('ICRS', b.ra, b.dec, ${5 / 3600}))`,
    );
    same(
      db
        .from('zcat.main as m')
        .join('zcat.truth_match as t', 't.zcat_id', 'm.id')
        .select('m.id')
        .where((eb) => eb.crossmatch(['m.ra', 'm.dec'], [150, 2], 't.match_sep')),
      "SELECT m.id FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id WHERE 1 = CONTAINS(POINT('ICRS', m.ra, m.dec), CIRCLE('ICRS', 150, 2, t.match_sep))",
    );
  });
  test('point/circle/box/polygon/distance/coord1/coord2/area/centroid/intersects, frames', () => {
    same(
      db
        .from('zcat.main as m')
        .select((eb) => [
          eb.distance(eb.point('m.ra', 'm.dec'), eb.point(150, 2)).as('d'),
          eb.coord1(eb.point({ ra: 'm.ra', dec: 'm.dec' }, { frame: null })).as('c1'),
          eb.coord2(['m.ra', 'm.dec']).as('c2'),
          eb.area(eb.box([150, 2], deg(1), arcmin(30))).as('a'),
          eb.centroid(eb.polygon([[150, 2], [151, 2], { ra: 151, dec: 3 }], { frame: 'GALACTIC' })).as('ce'),
        ])
        .where((eb) => eb.intersects(eb.circle([150, 2], deg(2)), eb.box([150, 2], deg(1), deg(1)))),
      "SELECT DISTANCE(POINT('ICRS', m.ra, m.dec), POINT('ICRS', 150, 2)) AS d, COORD1(POINT(m.ra, m.dec)) AS c1, COORD2(POINT('ICRS', m.ra, m.dec)) AS c2, AREA(BOX('ICRS', 150, 2, 1, 0.5)) AS a, CENTROID(POLYGON('GALACTIC', 150, 2, 151, 2, 151, 3)) AS ce FROM zcat.main AS m WHERE 1 = INTERSECTS(CIRCLE('ICRS', 150, 2, 2), BOX('ICRS', 150, 2, 1, 1))",
    );
  });
  test('standalone sky helpers (untyped) and point columns', () => {
    same(
      anyDb
        .from('demo.positions as p')
        .selectAll()
        .where(sky.contains('p.pos', sky.circle([10, 20], sky.deg(1)))),
      "SELECT * FROM demo.positions AS p WHERE 1 = CONTAINS(p.pos, CIRCLE('ICRS', 10, 20, 1))",
    );
  });
  test('radii need units; bad positions and polygons are refused', () => {
    const eb = sky.eb;
    expect(() => (eb.circle as (...a: unknown[]) => unknown)([1, 2], 0.5)).toThrow(
      /has no unit: write deg\(0.5\), arcmin\(0.5\) or arcsec\(0.5\)/,
    );
    expect(() => deg(-1)).toThrow(AdqlBuilderError);
    expect(() => arcmin(Number.NaN)).toThrow(/finite/);
    expect(() =>
      eb.polygon([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(/at least 3 vertices/);
    expect(() => (eb.point as (...a: unknown[]) => unknown)({ x: 1 })).toThrow(/position must be/);
  });
});

describe('raw adql`` fragments', () => {
  test('as conditions and values, with values as literals and names as identifiers', () => {
    const name = "O'Brien";
    same(
      db
        .from('zcat.main as m')
        .select(adql<number>`m.bmag - ${1.5}`.as('b'), adql`${adql.ref('m.ra')} * 2`.as('r2'))
        .where(adql`m.name = ${name} OR m.id IN (${[1, 2, 3]})`)
        .where(adql`m.id IN (${db.from('zcat.truth_match').select('zcat_id')})`)
        .where((eb) => eb(adql<number>`m.bmag + ${eb.fn.abs('m.dec')}`, '<', 20)),
      "SELECT m.bmag - 1.5 AS b, m.ra * 2 AS r2 FROM zcat.main AS m WHERE (m.name = 'O''Brien' OR m.id IN (1, 2, 3)) AND m.id IN (SELECT zcat_id FROM zcat.truth_match) AND m.bmag + ABS(m.dec) < 20",
    );
  });
  test('whole queries with table slots', () => {
    same(adql.query`SELECT TOP 5 * FROM ${adql.table('zcat.main')} WHERE bmag < ${14}`, 'SELECT TOP 5 * FROM zcat.main WHERE bmag < 14');
    expect(() => adql.query`SELECT TOP ${5} * FROM t`.toAST()).toThrow(/TOP needs a non-negative integer/);
  });
  test('errors: invalid fragments, slots where no value can stand, reserved names delimited', () => {
    expect(() => adql`m.bmag <`.toConditionNode()).toThrow(/is not a valid ADQL condition/);
    expect(() => adql`${'COUNT'}(x)`.toAST()).toThrow(AdqlBuilderError);
    expect(() => adql`m.id IN (${[]})`.toConditionNode()).toThrow(/at least one value/);
    same(anyDb.from('t').select(adql`${adql.ref('select')} + 1`.as('x')), 'SELECT "select" + 1 AS x FROM t');
  });
});

describe('safety', () => {
  test('strings are escaped, names delimited, bad numbers and values refused', () => {
    const q = anyDb
      .from('my schema.select as "odd ""alias"""')
      .select('"odd ""alias""".from')
      .where('"odd ""alias""".from', '=', "'; DROP TABLE x --");
    expect(q.toADQL()).toBe(
      `SELECT "odd ""alias"""."from" FROM "my schema"."select" AS "odd ""alias""" WHERE "odd ""alias"""."from" = '''; DROP TABLE x --'`,
    );
    same(q, q.toADQL());
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      expect(() => anyDb.from('t').selectAll().where('x', '=', bad)).toThrow(/only finite numbers/);
    }
    expect(() =>
      anyDb
        .from('t')
        .selectAll()
        .where('x', '=', { a: 1 } as never),
    ).toThrow(/cannot use an object/);
    expect(() =>
      anyDb
        .from('t')
        .selectAll()
        .where('x', '=', undefined as never),
    ).toThrow(/cannot use undefined/);
    expect(() => anyDb.from('t').selectAll().top(1.5)).toThrow(/TOP must be a non-negative integer/);
    expect(() => anyDb.from('t').selectAll().where('x', 'in', [])).toThrow(/at least one value/);
    expect(() => anyDb.from('t').select('x').toAST() && anyDb.from('t').toAST()).toThrow(/select list/);
    expect(() =>
      anyDb
        .from('t')
        .selectAll()
        .where('x', 'drop' as never, 1 as never),
    ).toThrow(/unknown operator/);
  });
  test('bigint, negative, tiny and huge numbers, booleans and dates become literals', () => {
    same(
      anyDb
        .from('t')
        .selectAll()
        .where('a', '=', -0.5)
        .where('b', '=', 123456789012345678901234567890n)
        .where('c', '<', 1e-300)
        .where('d', '>', 1.5e300)
        .where('e', '=', true)
        .where('f', '>', new Date('2020-01-02T03:04:05Z')),
      "SELECT * FROM t WHERE a = -0.5 AND b = 123456789012345678901234567890 AND c < 1e-300 AND d > 1.5e300 AND e = 1 AND f > '2020-01-02T03:04:05.000Z'",
    );
  });
  test('builders are immutable: a base query can be extended independently', () => {
    const base = db.from('zcat.main').select('id');
    const a = base.where('bmag', '<', 12);
    const b = base.where('bmag', '>', 16);
    expect(base.toADQL()).toBe('SELECT id FROM zcat.main');
    expect(a.toADQL()).toBe('SELECT id FROM zcat.main WHERE bmag < 12');
    expect(b.toADQL()).toBe('SELECT id FROM zcat.main WHERE bmag > 16');
  });
  test('pretty printing', () => {
    expect(db.from('zcat.main').select('id').where('bmag', '<', 12).toADQL({ pretty: true })).toBe(
      'SELECT id\nFROM zcat.main\nWHERE bmag < 12',
    );
  });
});
