/**
 * Builder queries against the project's DaCHS service, typed by the generated interface
 * (fixtures/codegen/zcat.ts): each validates against the service's schema, executes, and returns
 * rows whose values check out against independent computations.
 */
import { beforeAll, expect, test } from 'vitest';
import { arcmin, deg, queryBuilder, type InferRow } from '../../src/builder/index.js';
import { loadSchema, type ServiceSchema } from '../../src/schema/index.js';
import { TapService } from '../../src/tap/index.js';
import type { Database } from '../../fixtures/codegen/zcat.js';
import { describeLive, TAP_URL } from '../support/dachs.js';

const db = queryBuilder<Database>();

/** Great-circle distance in degrees. */
function separation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const r = Math.PI / 180;
  const s = Math.sin(((dec2 - dec1) * r) / 2) ** 2 + Math.cos(dec1 * r) * Math.cos(dec2 * r) * Math.sin(((ra2 - ra1) * r) / 2) ** 2;
  return (2 * Math.asin(Math.sqrt(s))) / r;
}

describeLive('builder queries on DaCHS', () => {
  let service: TapService;
  let schema: ServiceSchema;
  beforeAll(async () => {
    service = new TapService(TAP_URL);
    schema = await loadSchema(service, { cache: false });
  });

  function valid(q: {
    validate: (s: ServiceSchema) => { ok: boolean; map: (f: (d: { message: string }) => string) => string[] };
    toADQL: () => string;
  }) {
    const result = q.validate(schema);
    expect(
      result.map((d) => d.message),
      q.toADQL(),
    ).toEqual([]);
    expect(result.ok).toBe(true);
  }

  test('cone search: every row lies within the radius, none outside is missed', async () => {
    const center = { ra: 150, dec: 2 };
    const q = db
      .from('zcat.main as m')
      .select((eb) => ['m.id', 'm.ra', 'm.dec', 'm.bmag', eb.distance(eb.point('m.ra', 'm.dec'), center).as('dist')])
      .coneSearch({ ra: 'm.ra', dec: 'm.dec' }, center, arcmin(60))
      .orderBy('dist');
    valid(q);
    const rows = await q.execute(service);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(typeof r.ra).toBe('number');
      expect(separation(r.ra, r.dec, 150, 2)).toBeLessThanOrEqual(1 + 1e-9);
      expect(r.dist).toBeCloseTo(separation(r.ra, r.dec, 150, 2), 6);
    }
    // the box around the cone, filtered client-side, gives the same ids
    const box = await db
      .from('zcat.main')
      .select('id', 'ra', 'dec')
      .where((eb) => eb.between('dec', 0.9, 3.1))
      .where((eb) => eb.between('ra', 148.9, 151.1))
      .execute(service);
    const inside = box
      .filter((r) => separation(r.ra, r.dec, 150, 2) <= 1)
      .map((r) => r.id)
      .sort((a, b) => a - b);
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(inside);
  });

  test('join with the truth table, typed rows, Date and nullable values', async () => {
    const q = db
      .from('zcat.main as m')
      .join('zcat.truth_match as t', 't.zcat_id', 'm.id')
      .select((eb) => ['m.id', 'm.obs_date', 'm.radial_velocity', 't.true_z', eb('m.radial_velocity', '/', 299792.458).as('z_meas')])
      .where('t.match_flag', '=', 1)
      .where('m.radial_velocity', 'is not', null)
      .orderBy('m.id')
      .top(50);
    valid(q);
    const rows: InferRow<typeof q>[] = await q.execute(service);
    expect(rows.length).toBe(50);
    for (const r of rows) {
      // radial_velocity is a float (32-bit) column: rows show its shortest decimal, Math.fround gives back the value the service divided.
      expect(r.z_meas).toBeCloseTo(Math.fround(r.radial_velocity!) / 299792.458, 9);
      if (r.obs_date !== null) expect(r.obs_date).toBeInstanceOf(Date);
    }
  });

  test('GROUP BY with COUNT, HAVING; totals match COUNT(*)', async () => {
    const perType = db
      .from('zcat.truth_match')
      .select((eb) => ['true_class', eb.fn.count().as('n')])
      .groupBy('true_class')
      .having((eb) => eb(eb.fn.count(), '>', 0))
      .orderBy('true_class');
    valid(perType);
    const groups = await perType.execute(service);
    const total = await db
      .from('zcat.truth_match')
      .select((eb) => [eb.fn.count().as('n')])
      .execute(service);
    // COUNT is an int on DaCHS (a long on other services): typed number | bigint.
    expect(['number', 'bigint']).toContain(typeof total[0]!.n);
    expect(groups.reduce((a, g) => a + Number(g.n), 0)).toBe(Number(total[0]!.n));
    expect(groups.map((g) => g.true_class)).toEqual(['galaxy', 'qso', 'star']);
  });

  test('delimited columns, IN subquery, EXISTS, CTE and UNION run and agree', async () => {
    const phot = db
      .from('zcat.photometry as p')
      .select('p.zcat_id', 'p."MagAB"', 'p.band')
      .where('p.band', '=', 'r')
      .where('p."MagAB"', '<', 20);
    valid(phot);
    const photRows = await phot.execute(service);
    expect(photRows.length).toBeGreaterThan(0);
    for (const r of photRows) expect(r.MagAB).toBeLessThan(20);

    const withPhot = db
      .from('zcat.main as m')
      .select('m.id')
      .where('m.id', 'in', db.from('zcat.photometry').select('zcat_id'))
      .orderBy('m.id');
    const viaExists = db
      .from('zcat.main as m')
      .select('m.id')
      .where((eb) =>
        eb.exists(
          eb
            .from('zcat.photometry as p')
            .select('p.zcat_id')
            .where((e) => e('p.zcat_id', '=', e.ref('m.id'))),
        ),
      )
      .orderBy('m.id');
    const viaCte = db
      .with('measured', (qc) => qc.from('zcat.photometry').select('zcat_id'))
      .from('zcat.main as m')
      .join('measured as x', 'x.zcat_id', 'm.id')
      .distinct()
      .select('m.id')
      .orderBy('m.id');
    for (const q of [withPhot, viaExists, viaCte]) valid(q);
    const [a, b, c] = await Promise.all([withPhot.execute(service), viaExists.execute(service), viaCte.execute(service)]);
    expect(a.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a.every((r) => r.id % 5 === 1)).toBe(true);

    const u = db
      .from('zcat.main')
      .select('id')
      .where('id', '<', 5)
      .union(db.from('zcat.truth_match').select('zcat_id as id').where('zcat_id', '<', 5))
      .orderBy('id');
    valid(u);
    const ids = (await u.execute(service)).map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort((x, y) => x - y));
    expect(ids.length).toBeLessThanOrEqual(4);
  });

  test('a UDF, a self-crossmatch and async execution', async () => {
    const q = db
      .from('zcat.main as a')
      .join('zcat.truth_match as t', 't.zcat_id', 'a.id')
      .from('zcat.main as b')
      .select((eb) => [
        'a.id',
        eb('b.id', '+', 0).as('other'),
        eb.udf('gavo_match', eb.val('^[A-Z]'), eb.fn.coalesce('a.name', eb.val(''))).as('starts_upper'),
      ])
      .where((eb) => eb.crossmatch(['a.ra', 'a.dec'], ['b.ra', 'b.dec'], deg(0.05)))
      .where((eb) => eb('a.id', '<', eb.ref('b.id')))
      .where('a.id', '<', 400)
      .orderBy('a.id');
    valid(q);
    const rows = await q.execute(service, { mode: 'async', timeoutMs: 60_000 });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.other).toBeGreaterThan(r.id);
      expect([0, 1]).toContain(r.starts_upper);
    }
  });

  test('values with quotes and non-ASCII characters round-trip through the service', async () => {
    const names = await db
      .from('zcat.main')
      .select('name')
      .where((eb) => eb.or(eb('name', 'like', '%"%'), eb('name', 'like', 'Gal%')))
      .where((eb) => eb.or(eb('name', 'like', '%,%'), eb('name', 'like', '%<&>%')))
      .top(4)
      .execute(service);
    expect(names.length).toBe(4);
    expect(names.some((n) => n.name!.includes('"')) || names.some((n) => /[^\x00-\x7f]/.test(n.name!))).toBe(true);
    for (const { name } of names) {
      const back = await db.from('zcat.main').select('name').where('name', '=', name!).execute(service);
      expect(back.map((r) => r.name)).toContain(name);
    }
  });

  test('a truncated result is refused unless allowed', async () => {
    const q = db.from('zcat.main').select('id');
    await expect(q.execute(service, { maxrec: 5 })).rejects.toThrow(/truncated the result to 5 rows.*raise maxrec/);
    expect(await q.execute(service, { maxrec: 5, overflow: 'allow' })).toHaveLength(5);
  });
});
