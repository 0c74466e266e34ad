/**
 * Type tests of the builder, checked by `tsc --noEmit` (tsconfig includes test/) and by
 * test/builder/typecheck.test.ts, which compiles this file and fails on any diagnostic. Every
 * `@ts-expect-error` must be a real error: an unused one is itself an error.
 */
import { expectTypeOf } from 'vitest';
import { adql, arcmin, deg, queryBuilder, type InferRow, type SkyPoint } from '../../src/builder/index.js';
import type { Database } from './zcat-db.js';

const db = queryBuilder<Database>();

// ---- tables, aliases, columns
// @ts-expect-error: no such table
db.from('zcat.nope');
// @ts-expect-error: table names are schema-qualified as in TAP_SCHEMA
db.from('main');
// @ts-expect-error: no such table, aliased form
db.from('zcat.nope as m');
// @ts-expect-error: no such table in a join
db.from('zcat.main as m').join('zcat.nope as t', 't.x', 'm.id');
db.from('zcat.main as m').select('m.ra');
// @ts-expect-error: no such column
db.from('zcat.main as m').select('m.nope');
// @ts-expect-error: wrong alias (only m is in scope)
db.from('zcat.main as m').select('t.ra');
// @ts-expect-error: once aliased, the table name is not a qualifier any more
db.from('zcat.main as m').select('zcat.main.ra');
db.from('zcat.main').select('zcat.main.ra', 'dec');
// @ts-expect-error: the joined table's columns need its alias
db.from('zcat.main as m').join('zcat.truth_match as t', 't.zcat_id', 'm.id').select('x.true_z');
// @ts-expect-error: join condition refers to a column that does not exist
db.from('zcat.main as m').join('zcat.truth_match as t', 't.nope', 'm.id');
// @ts-expect-error: where on an unknown column
db.from('zcat.main as m').selectAll().where('m.nope', '=', 1);

// ---- operand types
// @ts-expect-error: string column compared with a number
db.from('zcat.main as m').selectAll().where('m.name', '=', 14);
// @ts-expect-error: number column compared with a string
db.from('zcat.main as m').selectAll().where('m.bmag', '<', '14');
db.from('zcat.main as m').selectAll().where('m.bmag', '<', 14).where('m.name', 'like', 'NGC%');
// @ts-expect-error: LIKE on a number column
db.from('zcat.main as m').selectAll().where('m.bmag', 'like', '1%');
// @ts-expect-error: IN list of the wrong type
db.from('zcat.main as m').selectAll().where('m.id', 'in', ['a', 'b']);
db.from('zcat.main as m').selectAll().where('m.id', 'in', [1, 2, 3]);
// @ts-expect-error: IS only compares with null
db.from('zcat.main as m').selectAll().where('m.bmag', 'is', 3);
db.from('zcat.main as m').selectAll().where('m.obs_date', '>', new Date(0));
db.from('zcat.main as m').selectAll().where((eb) => eb('m.bmag', '<', eb.ref('m.radial_velocity')));
// @ts-expect-error: eb.ref of an unknown column
db.from('zcat.main as m').selectAll().where((eb) => eb('m.bmag', '<', eb.ref('m.nope')));
// @ts-expect-error: arithmetic on a string column
db.from('zcat.main as m').select((eb) => [eb('m.name', '+', 1).as('x')]);
// @ts-expect-error: a condition is not a select item
db.from('zcat.main as m').select((eb) => [eb('m.bmag', '<', 1)]);
// @ts-expect-error: sqrt of a string column
db.from('zcat.main as m').select((eb) => [eb.fn.sqrt('m.name').as('x')]);
// @ts-expect-error: lower of a number column
db.from('zcat.main as m').select((eb) => [eb.fn.lower('m.bmag').as('x')]);

// ---- result rows
const q1 = db
  .from('zcat.main as m')
  .join('zcat.truth_match as t', 't.zcat_id', 'm.id')
  .select('m.id', 'm.ra as alpha', 't.true_z')
  .select((eb) => [
    eb('m.radial_velocity', '/', 299792.458).as('z_meas'),
    eb.fn.count().as('n'),
    eb.fn.avg('m.bmag').as('mean_b'),
    eb.fn.max('m.name').as('last'),
    eb.fn.lower('m.name').as('lname'),
    eb.fn.cast('m.id', 'BIGINT').as('big'),
    eb.fn.cast('m.id', 'VARCHAR(10)').as('text'),
    eb.distance(eb.point('m.ra', 'm.dec'), { ra: 150, dec: 2 }).as('dist'),
    eb.point({ ra: 'm.ra', dec: 'm.dec' }).as('pos'),
    eb.fn.coalesce('m.bmag', 99).as('b'),
  ]);
expectTypeOf<InferRow<typeof q1>>().toEqualTypeOf<{
  id: number;
  alpha: number;
  true_z: number | null;
  z_meas: number;
  n: number | bigint;
  mean_b: number | null;
  last: string | null;
  lname: string;
  big: bigint;
  text: string;
  dist: number;
  pos: SkyPoint;
  b: number | null;
}>();

// LEFT JOIN makes the joined table nullable; RIGHT JOIN the others.
const q2 = db.from('zcat.main as m').leftJoin('zcat.truth_match as t', 't.zcat_id', 'm.id').select('m.id', 't.zcat_id');
expectTypeOf<InferRow<typeof q2>>().toEqualTypeOf<{ id: number; zcat_id: number | null }>();
const q3 = db.from('zcat.main as m').rightJoin('zcat.truth_match as t', 't.zcat_id', 'm.id').select('m.id', 't.zcat_id');
expectTypeOf<InferRow<typeof q3>>().toEqualTypeOf<{ id: number | null; zcat_id: number }>();

// Delimited columns keep their quotes in references, not in result names.
const q4 = db.from('zcat.photometry as p').select('p."MagAB"', 'p.band');
expectTypeOf<InferRow<typeof q4>>().toEqualTypeOf<{ MagAB: number | null; band: string }>();

// selectAll
const q5 = db.from('zcat.truth_match').selectAll();
expectTypeOf<InferRow<typeof q5>>().toEqualTypeOf<{
  zcat_id: number;
  true_z: number | null;
  true_class: string | null;
  match_sep: number | null;
  match_flag: number | null;
}>();

// Subquery in FROM and CTEs are typed by their select lists.
const bright = db.from('zcat.main').select('id', 'bmag').where('bmag', '<', 14);
const q6 = db.from(bright.as('b')).select('b.id', 'b.bmag');
expectTypeOf<InferRow<typeof q6>>().toEqualTypeOf<{ id: number; bmag: number | null }>();
// @ts-expect-error: the subquery has no such column
db.from(bright.as('b')).select('b.ra');
const q7 = db
  .with('bright', (qc) => qc.from('zcat.main').select('id', 'ra'))
  .from('bright as b')
  .select('b.ra');
expectTypeOf<InferRow<typeof q7>>().toEqualTypeOf<{ ra: number }>();

// ORDER BY a column or a result name; not an unknown name.
db.from('zcat.main as m').select((eb) => [eb.fn.abs('m.dec').as('ad')]).orderBy('ad', 'desc').orderBy('m.ra');
// @ts-expect-error: unknown ORDER BY name
db.from('zcat.main as m').select('m.ra').orderBy('nope');

// Set operations keep the left row type.
const q8 = db.from('zcat.main').select('id').union(db.from('zcat.truth_match').select('zcat_id as id'));
expectTypeOf<InferRow<typeof q8>>().toEqualTypeOf<{ id: number }>();

// ---- sky helpers
db.from('zcat.main as m').selectAll().where((eb) => eb.coneSearch({ ra: 'm.ra', dec: 'm.dec' }, { ra: 150, dec: 2 }, arcmin(30)));
// @ts-expect-error: a radius needs a unit
db.from('zcat.main as m').selectAll().where((eb) => eb.coneSearch({ ra: 'm.ra', dec: 'm.dec' }, { ra: 150, dec: 2 }, 0.5));
// @ts-expect-error: a position needs numeric columns
db.from('zcat.main as m').selectAll().where((eb) => eb.contains(eb.point('m.name', 'm.dec'), eb.circle([150, 2], deg(1))));
db.from('demo.positions as p').selectAll().where((eb) => eb.contains('p.pos', eb.circle([150, 2], deg(1))));
db.from('zcat.main as m').join('zcat.truth_match as t', 't.zcat_id', 'm.id').selectAll().where((eb) =>
  eb.crossmatch(['m.ra', 'm.dec'], ['m.ra', 'm.dec'], 't.match_sep'),
);

// ---- UDFs
db.from('zcat.main as m').select((eb) => [eb.udf('ivo_hasword', 'm.name', eb.val('galaxy')).as('hit')]);
// @ts-expect-error: unknown UDF
db.from('zcat.main as m').select((eb) => [eb.udf('nope', 'm.name').as('hit')]);
// @ts-expect-error: UDF argument of the wrong type
db.from('zcat.main as m').select((eb) => [eb.udf('gavo_ipix', 'm.name', 'm.dec').as('ipix')]);
const q9 = db.from('zcat.main as m').select((eb) => [eb.udf('gavo_ipix', 'm.ra', 'm.dec').as('ipix')]);
expectTypeOf<InferRow<typeof q9>>().toEqualTypeOf<{ ipix: bigint }>();

// ---- raw fragments
const q10 = db.from('zcat.main as m').select(adql<number>`m.bmag - ${1}`.as('b1')).where(adql`m.bmag < ${14}`);
expectTypeOf<InferRow<typeof q10>>().toEqualTypeOf<{ b1: number }>();

// ---- untyped mode: any table and column, rows of any
const anyDb = queryBuilder();
const u = anyDb.from('whatever.table as w').select('w.x', 'w.y as z').where('w.x', '=', 'a');
expectTypeOf<InferRow<typeof u>>().toEqualTypeOf<{ x: any; z: any }>();
