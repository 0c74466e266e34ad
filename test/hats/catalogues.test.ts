/**
 * The shared HATS test catalogues through LocalEngine: every one loads (or is refused with a clear
 * reason), and cone, box and polygon searches and cross-matches equal a brute-force scan of all rows,
 * also under OR, NOT, subqueries and joins, while reading only the partitions the region touches.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError, LocalEngine } from '../../src/engine/index.js';
import { seeded } from '../support/seeded.js';
import { HATS_CORPUS, type Row, allDataFiles, bruteForceRows, convexMargin, corpusProblem, separation } from './corpus.js';

if (corpusProblem) console.log(`skipping the HATS catalogue tests: ${corpusProblem}`);
const withCorpus = corpusProblem ? describe.skip : describe;
const at = (rel: string) => path.join(HATS_CORPUS, rel);

/** Catalogues with rows, by the table name the tests give them. */
const LOADABLE: Record<string, string> = {
  small: 'small_sky',
  healpix13: 'small_sky_healpix13',
  nested: 'small_sky_nested',
  alt_suffix: 'small_sky_npix_alt_suffix',
  as_dir: 'small_sky_npix_as_dir',
  collection: 'small_sky_o1_collection',
  order1: 'small_sky_o1_collection/small_sky_order1',
  margin: 'small_sky_o1_collection/small_sky_order1_margin',
  margin_10arcs: 'small_sky_o1_collection/small_sky_order1_margin_10arcs',
  id_index: 'small_sky_o1_collection/small_sky_order1_id_index',
  source: 'small_sky_source',
  source_index: 'small_sky_source_object_index',
  square_map: 'square_map',
};

withCorpus('HATS test catalogues', () => {
  let engine: LocalEngine;
  beforeAll(async () => {
    engine = await LocalEngine.create({
      hats: Object.entries(LOADABLE).map(([name, rel]) => ({ name: `hats.${name}`, location: at(rel) })),
    });
  });
  afterAll(async () => engine?.close());

  it('every catalogue with data loads, with its row count and columns in TAP_SCHEMA', async () => {
    for (const [name, rel] of Object.entries(LOADABLE)) {
      // A collection reads as its primary table.
      const files = allDataFiles(at(rel === LOADABLE.collection ? LOADABLE.order1! : rel));
      const { rows } = await engine.query(`SELECT COUNT(*) FROM hats.${name}`);
      const expected = files.length ? await countRows(files) : 0;
      expect(Number(rows[0]![0]), name).toBe(expected);
    }
    const cols = await engine.query(
      "SELECT column_name, unit, ucd FROM TAP_SCHEMA.columns WHERE table_name = 'hats.source' AND column_name = 'source_ra'",
    );
    expect(cols.rows).toEqual([['source_ra', 'deg', 'pos.eq.ra;meta.main']]);
  });

  it('refuses what is not a readable catalogue, saying why', async () => {
    const e = await LocalEngine.create();
    await expect(e.loadHats('x.info', at('info_only/catalog'))).rejects.toThrow(/partition_info\.csv is missing/);
    await expect(e.loadHats('x.assoc', at('small_sky_to_small_sky_order1'))).rejects.toThrow(
      /partition Norder=1 Npix=44 has no data \(dataset\/Norder=1\/Dir=0\/Npix=44\.parquet is missing\)/,
    );
    await expect(e.loadHats('x.none', at('.'))).rejects.toThrow(EngineError);
    await expect(e.loadHats('x.none', at('.'))).rejects.toThrow(/not a HATS catalogue/);
    await e.close();
  });

  describe('searches equal a brute-force scan of every row', () => {
    const cases: Record<string, { table: string; ra: string; dec: string; id: string; rel: string }> = {
      object: { table: 'hats.order1', ra: 'ra', dec: 'dec', id: 'id', rel: LOADABLE.order1! },
      source: { table: 'hats.source', ra: 'source_ra', dec: 'source_dec', id: 'source_id', rel: LOADABLE.source! },
      healpix13: { table: 'hats.healpix13', ra: 'ra', dec: 'dec', id: 'id', rel: LOADABLE.healpix13! },
    };
    for (const [label, c] of Object.entries(cases)) {
      it(`${label}: random cones (CONTAINS and DISTANCE), boxes and polygons`, async () => {
        const all = await bruteForceRows(at(c.rel), c.id, c.ra, c.dec);
        const random = seeded(label.length * 101);
        const totalFiles = (await engine.query(`SELECT COUNT(*) FROM ${c.table}`)).sql.split('.parq').length - 1;
        let pruned = 0;
        for (let i = 0; i < 15; i++) {
          const anchor = all[Math.floor(random() * all.length)]!;
          const ra = anchor.ra + (random() - 0.5) * 10;
          const dec = Math.max(-89, Math.min(89, anchor.dec + (random() - 0.5) * 10));
          const r = 0.2 + random() * (i % 5 === 0 ? 40 : 6);
          const inCone = (row: Row) => separation(row.ra, row.dec, ra, dec);
          const expected = all.filter((row) => inCone(row) <= r).map((row) => row.id);
          const ambiguous = new Set(all.filter((row) => Math.abs(inCone(row) - r) < 1e-9).map((row) => row.id));
          const contains = await ids(
            `SELECT ${c.id} FROM ${c.table} WHERE 1 = CONTAINS(POINT(${c.ra}, ${c.dec}), CIRCLE(${ra}, ${dec}, ${r}))`,
          );
          expect(without(contains.ids, ambiguous), `cone ${ra} ${dec} ${r}`).toEqual(without(expected, ambiguous));
          const distance = await ids(
            `SELECT t.${c.id} FROM ${c.table} AS t WHERE DISTANCE(POINT(t.${c.ra}, t.${c.dec}), POINT(${ra}, ${dec})) < ${r}`,
          );
          expect(without(distance.ids, ambiguous)).toEqual(without(expected, ambiguous));
          if (contains.files < totalFiles) pruned++;

          const [w, h] = [0.5 + random() * 8, 0.5 + random() * 8];
          const box: Array<[number, number]> = [
            [ra - w / 2, dec - h / 2],
            [ra - w / 2, dec + h / 2],
            [ra + w / 2, dec + h / 2],
            [ra + w / 2, dec - h / 2],
          ];
          if (box.every(([, d]) => Math.abs(d) < 90)) {
            await expectRegion(`BOX(${ra}, ${dec}, ${w}, ${h})`, box);
            const tri: Array<[number, number]> = [
              [ra - w, dec - h / 2],
              [ra + w, dec - h / 2],
              [ra, dec + h / 2],
            ];
            await expectRegion(`POLYGON(${tri.flat().join(', ')})`, tri);
          }
        }
        // Small cones must have skipped partitions in most cases (a catalogue with one partition cannot).
        if (totalFiles > 1) expect(pruned).toBeGreaterThan(4);

        async function expectRegion(shape: string, vertices: Array<[number, number]>) {
          const margin = (row: Row) => convexMargin(vertices, row.ra, row.dec);
          const ambiguous = new Set(all.filter((row) => Math.abs(margin(row)) < 1e-9).map((row) => row.id));
          const expected = all.filter((row) => margin(row) >= 0).map((row) => row.id);
          const got = await ids(`SELECT ${c.id} FROM ${c.table} WHERE 1 = CONTAINS(POINT(${c.ra}, ${c.dec}), ${shape})`);
          expect(without(got.ids, ambiguous), shape).toEqual(without(expected, ambiguous));
        }
      });
    }
  });

  it('OR, NOT, subqueries, joins and outer references keep the right answer', async () => {
    const all = await bruteForceRows(at(LOADABLE.order1!), 'id', 'ra', 'dec');
    const near = (ra: number, dec: number, r: number) => new Set(all.filter((x) => separation(x.ra, x.dec, ra, dec) < r).map((x) => x.id));
    const a = near(315, -30, 4);
    const b = near(345, -60, 3);
    const sorted = (s: Iterable<string>) => [...s].sort();
    const cone = (t: string, ra: number, dec: number, r: number) => `1 = CONTAINS(POINT(${t}ra, ${t}dec), CIRCLE(${ra}, ${dec}, ${r}))`;

    expect((await ids(`SELECT id FROM hats.order1 WHERE ${cone('', 315, -30, 4)} OR ${cone('', 345, -60, 3)}`)).ids).toEqual(
      sorted(new Set([...a, ...b])),
    );
    expect((await ids(`SELECT id FROM hats.order1 WHERE NOT (${cone('', 315, -30, 4)})`)).ids).toEqual(
      sorted(all.map((x) => x.id).filter((id) => !a.has(id))),
    );
    expect((await ids(`SELECT id FROM hats.order1 WHERE ${cone('', 315, -30, 4)} OR dec > -25`)).ids).toEqual(
      sorted(new Set([...a, ...all.filter((x) => x.dec > -25).map((x) => x.id)])),
    );
    // The table twice: one reference constrained, one not (the union of what both need is read).
    expect(
      (await ids(`SELECT id FROM hats.order1 WHERE id IN (SELECT s.id FROM hats.order1 AS s WHERE ${cone('s.', 315, -30, 4)})`)).ids,
    ).toEqual(sorted(a));
    expect(
      (
        await ids(
          `SELECT o.id FROM hats.order1 AS o WHERE EXISTS (SELECT 1 FROM hats.small AS s WHERE s.id = o.id AND ${cone('o.', 315, -30, 4)})`,
        )
      ).ids,
    ).toEqual(sorted(a));
    // A join: the constraint on one side prunes that side only.
    const joined = await ids(`SELECT o.id FROM hats.order1 AS o JOIN hats.small AS s ON s.id = o.id WHERE ${cone('s.', 345, -60, 3)}`);
    expect(joined.ids).toEqual(sorted(b));
    const left = await engine.query(
      `SELECT COUNT(*) FROM hats.order1 AS o LEFT JOIN hats.small AS s ON s.id = o.id AND ${cone('s.', 345, -60, 3)}`,
    );
    expect(Number(left.rows[0]![0])).toBe(all.length);
    // Integer division is the engine's: 7/2 is 3 there, so the centre is not guessed.
    const intDiv = await ids(`SELECT id FROM hats.order1 WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(630/2, -30, 4))`);
    expect(intDiv.ids).toEqual(sorted(a));
  });
  it('a cross-match of two HATS catalogues equals a brute-force pairing of every row', async () => {
    const objects = await bruteForceRows(at(LOADABLE.order1!), 'id', 'ra', 'dec');
    const sources = await bruteForceRows(at(LOADABLE.source!), 'source_id', 'source_ra', 'source_dec');
    for (const r of [0.05, 0.4]) {
      const expected: string[] = [];
      const ambiguous = new Set<string>();
      for (const o of objects) {
        for (const s of sources) {
          const d = separation(o.ra, o.dec, s.ra, s.dec);
          if (Math.abs(d - r) < 1e-9) ambiguous.add(`${o.id}-${s.id}`);
          if (d <= r) expected.push(`${o.id}-${s.id}`);
        }
      }
      expect(expected.length, `radius ${r}`).toBeGreaterThan(0);
      for (const adql of [
        `SELECT o.id, s.source_id FROM hats.order1 AS o JOIN hats.source AS s ON 1 = CONTAINS(POINT(s.source_ra, s.source_dec), CIRCLE(o.ra, o.dec, ${r}))`,
        `SELECT o.id, s.source_id FROM hats.source AS s JOIN hats.order1 AS o ON DISTANCE(POINT(o.ra, o.dec), POINT(s.source_ra, s.source_dec)) <= ${r}`,
      ]) {
        const got = (await engine.query(adql)).rows.map((row) => `${row[0]}-${row[1]}`);
        expect(without(got, ambiguous), adql).toEqual(without(expected, ambiguous));
      }
    }
  });

  async function ids(adql: string): Promise<{ ids: string[]; files: number }> {
    const r = await engine.query(adql);
    return { ids: r.rows.map((row) => String(row[0])).sort(), files: r.sql.split('.parq').length - 1 };
  }
});

function without(list: string[], drop: Set<string>): string[] {
  return list.filter((x) => !drop.has(x)).sort();
}

async function countRows(files: string[]): Promise<number> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const r = await conn.runAndReadAll(`SELECT COUNT(*) FROM read_parquet([${files.map((f) => `'${f}'`).join(', ')}], union_by_name = true)`);
  const n = Number(r.getRowsJS()[0]![0]);
  conn.closeSync();
  db.closeSync();
  return n;
}
