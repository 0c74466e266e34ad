/**
 * The project's DaCHS serves the tables the integration tests rely on (scripts/dachs/zcat/*.rd):
 * sizes, keys, metadata, the delimited mixed-case columns of zcat.photometry, and zcat.big's
 * deterministic contents.
 */
import { expect, it } from 'vitest';
import { describeLive } from '../support/dachs.js';
import { csvQuery, errorMessage, sync } from './live.js';

describeLive('DaCHS test tables: zcat.main, zcat.truth_match, zcat.photometry', () => {
  it('have 5000, 4024 and 3000 rows, and the truth table joins on its foreign key', async () => {
    // (DaCHS 2.7 rejects scalar subqueries in the select list, hence three queries)
    const counts = await Promise.all(
      ['main', 'truth_match', 'photometry'].map(async (table) => (await csvQuery(`SELECT COUNT(*) AS n FROM zcat.${table}`)).rows[0]?.[0]),
    );
    expect(counts).toEqual(['5000', '4024', '3000']);
    const joined = await csvQuery('SELECT COUNT(*) AS n FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id');
    expect(joined.rows).toEqual([['4024']]);
  });

  it('declare their foreign keys in TAP_SCHEMA', async () => {
    const t = await csvQuery(`SELECT k.from_table, k.target_table, c.from_column, c.target_column
      FROM tap_schema.keys AS k JOIN tap_schema.key_columns AS c ON c.key_id = k.key_id
      WHERE k.target_table = 'zcat.main' ORDER BY k.from_table`);
    expect(t.rows).toEqual([
      ['zcat.photometry', 'zcat.main', 'zcat_id', 'id'],
      ['zcat.truth_match', 'zcat.main', 'zcat_id', 'id'],
    ]);
  });

  it('carry units, UCDs and descriptions on zcat.main columns', async () => {
    const t = await csvQuery(`SELECT column_name, unit, ucd, description FROM tap_schema.columns
      WHERE table_name = 'zcat.main' ORDER BY column_index`);
    const byName = new Map(t.rows.map((r) => [r[0], r]));
    expect([...byName.keys()]).toEqual([
      'id',
      'name',
      'ra',
      'dec',
      'bmag',
      'radial_velocity',
      'radial_velocity_error',
      'morph_type',
      'obs_date',
    ]);
    expect(byName.get('ra')?.slice(1, 3)).toEqual(['deg', 'pos.eq.ra;meta.main']);
    expect(byName.get('radial_velocity')?.slice(1, 3)).toEqual(['km/s', 'spect.dopplerVeloc.opt']);
    expect(byName.get('bmag')?.slice(1, 3)).toEqual(['mag', 'phot.mag;em.opt.B']);
    for (const row of t.rows) expect(row[3]?.length, `description of ${row[0]}`).toBeGreaterThan(10);
  });

  it("hold the generator's awkward values: NULLs, quotes, non-ASCII and XML specials in names", async () => {
    const t = await csvQuery(`SELECT id, name FROM zcat.main WHERE id IN (499, 997) ORDER BY id`);
    expect(t.rows).toEqual([
      ['499', 'Galáxia 499 <&>'],
      ['997', 'Odd "quoted", name 997'],
    ]);
    const nulls = await csvQuery(`SELECT COUNT(*) AS n FROM zcat.main WHERE radial_velocity_error IS NULL`);
    expect(Number(nulls.rows[0]?.[0])).toBeGreaterThan(100);
  });
});

describeLive('DaCHS test tables: delimited mixed-case column names (zcat.photometry)', () => {
  it('answer queries that write them quoted, in their exact case', async () => {
    const t = await csvQuery(`SELECT TOP 3 phot_id, "MagAB", "MagErr", "Dec" FROM zcat.photometry ORDER BY phot_id`);
    expect(t.columns).toEqual(['phot_id', 'MagAB', 'MagErr', 'Dec']);
    expect(t.rows.map((r) => r[0])).toEqual(['1', '2', '3']);
    for (const row of t.rows) for (const v of row) expect(Number.isFinite(Number(v))).toBe(true);
  });

  it('keep "Dec" distinct from zcat.main.dec in a join, and filter on a delimited column', async () => {
    const t = await csvQuery(`SELECT p."Dec", m.dec FROM zcat.photometry AS p
      JOIN zcat.main AS m ON m.id = p.zcat_id WHERE p."MagAB" < 14.5`);
    expect(t.columns).toEqual(['Dec', 'dec']);
    expect(t.rows.length).toBeGreaterThan(0);
    for (const [det, main] of t.rows) expect(Math.abs(Number(det) - Number(main))).toBeLessThan(0.01);
  });

  it('are not found when written unquoted (case folding), and the error names the column', async () => {
    const res = await sync('SELECT TOP 1 magab FROM zcat.photometry', { RESPONSEFORMAT: 'csv' });
    expect(errorMessage(res.text)).toMatch(/magab/);
  });

  it('appear in TAP_SCHEMA.columns with their quotes, as TAP 1.1 asks for delimited identifiers', async () => {
    const t = await csvQuery(`SELECT column_name FROM tap_schema.columns
      WHERE table_name = 'zcat.photometry' ORDER BY column_index`);
    expect(t.rows.map((r) => r[0])).toEqual(['phot_id', 'zcat_id', 'band', '"MagAB"', '"MagErr"', '"Dec"']);
  });
});

/** zcat.big's generator (scripts/dachs/zcat/big.rd) in JS: fractional parts of id times constants. */
function bigRow(id: number): number[] {
  const frac = (c: number) => (id * c) % 1;
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return [
    id,
    round(360 * frac(0.7548776662466927), 6),
    round((Math.asin(2 * frac(0.5698402909980532) - 1) * 180) / Math.PI, 6),
    round(16 + 3 * frac(0.414213562373095) + 3 * frac(0.7320508075688772) - 3, 3),
  ];
}

describeLive('DaCHS test tables: zcat.big for chunked runs', () => {
  it('has ids 1..N without gaps (N = 1e6 unless DACHS_BIG_ROWS says otherwise)', async () => {
    const t = await csvQuery('SELECT COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM zcat.big');
    const [n, lo, hi] = (t.rows[0] ?? []).map(Number);
    expect(lo).toBe(1);
    expect(hi).toBe(n);
    expect(n).toBe(Number(process.env.DACHS_BIG_ROWS ?? 1_000_000));
  });

  it('is deterministic: rows equal the generator formula recomputed here', async () => {
    const ids = [1, 2, 3, 50, 12345, 999_999];
    const t = await csvQuery(`SELECT id, ra, dec, mag, mag_err FROM zcat.big
      WHERE id IN (${ids.join(', ')}) ORDER BY id`);
    expect(t.rows.map((r) => Number(r[0]))).toEqual(ids);
    for (const row of t.rows) {
      const want = bigRow(Number(row[0]));
      expect(Number(row[1])).toBeCloseTo(want[1] ?? NaN, 5);
      expect(Number(row[2])).toBeCloseTo(want[2] ?? NaN, 5);
      expect(Number(row[3])).toBeCloseTo(want[3] ?? NaN, 2);
    }
    expect(t.rows.find((r) => r[0] === '50')?.[4]).toBe(''); // mag_err NULL for multiples of 50
  });

  it('spreads any id range over the whole sky (so id chunks and sky chunks differ)', async () => {
    const t = await csvQuery(`SELECT MIN(ra), MAX(ra), MIN(dec), MAX(dec) FROM zcat.big WHERE id BETWEEN 1 AND 10000`);
    const [raLo, raHi, decLo, decHi] = (t.rows[0] ?? []).map(Number);
    expect(raLo).toBeLessThan(1);
    expect(raHi).toBeGreaterThan(359);
    expect(decLo).toBeLessThan(-80);
    expect(decHi).toBeGreaterThan(80);
  });

  it('returns a 100000-row id chunk completely when MAXREC allows it, and flags overflow when not', async () => {
    const full = await sync('SELECT id, ra, dec, mag FROM zcat.big WHERE id BETWEEN 200001 AND 300000', {
      RESPONSEFORMAT: 'csv',
      MAXREC: 100_001,
    });
    expect(full.text.trim().split('\r\n')).toHaveLength(100_001); // header + rows
    const capped = await sync('SELECT id FROM zcat.big WHERE id BETWEEN 200001 AND 300000', { RESPONSEFORMAT: 'votable/td', MAXREC: 1000 });
    expect(capped.text).toMatch(/<INFO[^>]*name="QUERY_STATUS"[^>]*value="OVERFLOW"/);
  });
});
