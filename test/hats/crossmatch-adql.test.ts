/**
 * The cross-match of two HATS tables written in ADQL (JOIN ... ON CONTAINS / DISTANCE, or the same
 * test in WHERE) runs partition by partition through LocalEngine; with other conditions, TOP, ORDER
 * BY, COUNT and GROUP BY its answers equal a brute-force pairing of every row (corpus.ts, no HATS or
 * pruning code), whether the right side's margin catalogue is used, missing or too narrow: only the
 * notes differ. Progress events show each step holding one left partition and a few right ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEngine, createLocalService, importHats } from '../../src/engine/index.js';
import type { HatsCrossmatchProgress } from '../../src/engine/index.js';
import { HATS_CORPUS, type Row, bruteForceRows, corpusProblem, separation } from './corpus.js';
import { pairing } from './pairing.js';

if (corpusProblem) console.log(`skipping the ADQL HATS cross-match tests: ${corpusProblem}`);
const withCorpus = corpusProblem ? describe.skip : describe;
const collection = path.join(HATS_CORPUS, 'small_sky_o1_collection');
const order1 = path.join(collection, 'small_sky_order1');
const sourceDir = path.join(HATS_CORPUS, 'small_sky_source');

const key = (row: unknown[]) => `${row[0]}-${row[1]}`;
const sorted = (keys: string[]) => [...keys].sort();

withCorpus('ADQL cross-match of two HATS tables, partition by partition', () => {
  let engine: LocalEngine;
  let objects: Row[];
  let sources: Row[];
  let fine: Row[];
  let scratch: string;
  let fineCollection: string;

  beforeAll(async () => {
    // A catalogue with finer partitions than the order-1 one and a margin 2 degrees wide, so left
    // partitions are split among several right ones.
    scratch = mkdtempSync(path.join(tmpdir(), 'hats-xm-'));
    fineCollection = path.join(scratch, 'fine');
    await importHats({
      input: path.join(order1, 'dataset/Norder=1/Dir=0/Npix=44.parquet'),
      output: fineCollection,
      ra: 'ra',
      dec: 'dec',
      maxRows: 8,
      marginArcsec: 7200,
      name: 'fine',
    });
    engine = await LocalEngine.create({
      hats: [
        { name: 'sky.objects', location: collection },
        { name: 'sky.bare', location: order1 },
        { name: 'sky.sources', location: sourceDir },
        { name: 'sky.fine', location: fineCollection },
      ],
    });
    objects = await bruteForceRows(order1, 'id', 'ra', 'dec');
    sources = await bruteForceRows(sourceDir, 'source_id', 'source_ra', 'source_dec');
    fine = await bruteForceRows(path.join(fineCollection, 'fine'), 'id', 'ra', 'dec');
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function run(adql: string) {
    const events: HatsCrossmatchProgress[] = [];
    const result = await engine.query(adql, { onProgress: (e) => events.push(e) });
    return { result, events, notes: result.notes ?? [] };
  }

  it('both forms, ON or WHERE, either argument order, equal a brute-force pairing', async () => {
    const r = 0.4;
    const { pairs, ambiguous } = pairing(objects, sources, r);
    expect(pairs.length).toBeGreaterThan(1000);
    const expected = sorted(pairs.map(([o, s]) => `${o.id}-${s.id}`));
    for (const adql of [
      `SELECT o.id, s.source_id FROM sky.objects AS o JOIN sky.sources AS s ON 1 = CONTAINS(POINT(s.source_ra, s.source_dec), CIRCLE(o.ra, o.dec, ${r}))`,
      `SELECT o.id, s.source_id FROM sky.sources AS s JOIN sky.objects AS o ON CONTAINS(POINT(o.ra, o.dec), CIRCLE(s.source_ra, s.source_dec, ${r})) = 1`,
      `SELECT o.id, s.source_id FROM sky.objects AS o JOIN sky.sources AS s ON DISTANCE(POINT(o.ra, o.dec), POINT(s.source_ra, s.source_dec)) <= ${r}`,
      `SELECT o.id, s.source_id FROM sky.objects AS o, sky.sources AS s WHERE ${r} > DISTANCE(POINT(s.source_ra, s.source_dec), POINT(o.ra, o.dec))`,
      `SELECT sky.objects.id, s.source_id FROM sky.objects, sky.sources AS s WHERE 1 = CONTAINS(POINT(sky.objects.ra, sky.objects.dec), CIRCLE(s.source_ra, s.source_dec, ${r}))`,
    ]) {
      const { result, notes, events } = await run(adql);
      expect(notes[0], adql).toMatch(/ran partition by partition/);
      expect(events.length, adql).toBeGreaterThan(1);
      expect(sorted(result.rows.map(key).filter((k) => !ambiguous.has(k))), adql).toEqual(expected);
    }
  });

  it('other WHERE terms, a cone on one side, SELECT expressions, TOP and ORDER BY act on the pairs as in the plain join', async () => {
    const r = 0.4;
    const cone = (x: Row) => separation(x.ra, x.dec, 315, -66) < 3;
    const { pairs, ambiguous } = pairing(objects, sources, r, (o, s) => Number(o.id) % 2 === 1 && cone(s) && Number(s.id) > 70100);
    expect(pairs.length).toBeGreaterThan(10);
    const filtered = await run(
      `SELECT o.id, s.source_id, DISTANCE(POINT(o.ra, o.dec), POINT(s.source_ra, s.source_dec)) * 3600 AS sep FROM sky.objects AS o
       JOIN sky.sources AS s ON 1 = CONTAINS(POINT(s.source_ra, s.source_dec), CIRCLE(o.ra, o.dec, ${r})) AND MOD(o.id, 2) = 1
       WHERE 1 = CONTAINS(POINT(s.source_ra, s.source_dec), CIRCLE(315, -66, 3)) AND s.source_id > 70100`,
    );
    expect(filtered.notes[0]).toMatch(/ran partition by partition/);
    // The cone prunes the sources' partitions: fewer steps than their 14 partitions.
    expect(filtered.events.length).toBeGreaterThan(0);
    expect(filtered.events.length).toBeLessThan(14);
    const rows = filtered.result.rows.filter((row) => !ambiguous.has(key(row)));
    expect(sorted(rows.map(key))).toEqual(sorted(pairs.map(([o, s]) => `${o.id}-${s.id}`)));
    for (const row of rows) {
      const [o, s] = [objects.find((x) => x.id === String(row[0]))!, sources.find((x) => x.id === String(row[1]))!];
      expect(row[2] as number).toBeCloseTo(separation(o.ra, o.dec, s.ra, s.dec) * 3600, 6);
    }

    const all = pairing(objects, sources, r);
    expect(all.ambiguous.size).toBe(0);
    const byIds = all.pairs.map(([o, s]) => [BigInt(o.id), BigInt(s.id)] as const);
    byIds.sort((a, b) => (a[0] === b[0] ? Number(a[1] - b[1]) : Number(b[0] - a[0])));
    const top = await run(
      `SELECT TOP 25 o.id, s.source_id FROM sky.objects AS o JOIN sky.sources AS s
       ON 1 = CONTAINS(POINT(s.source_ra, s.source_dec), CIRCLE(o.ra, o.dec, ${r})) ORDER BY o.id DESC, s.source_id`,
    );
    expect(top.result.rows).toEqual(byIds.slice(0, 25).map(([o, s]) => [o, s]));
  });

  it('COUNT, GROUP BY and HAVING over the join equal the brute-force counts', async () => {
    const r = 0.4;
    const { pairs, ambiguous } = pairing(objects, sources, r);
    expect(ambiguous.size).toBe(0);
    const counts = new Map<string, number>();
    for (const [o] of pairs) counts.set(o.id, (counts.get(o.id) ?? 0) + 1);
    const total = await run(
      `SELECT COUNT(*) FROM sky.objects AS o JOIN sky.sources AS s ON 1 = CONTAINS(POINT(s.source_ra, s.source_dec), CIRCLE(o.ra, o.dec, ${r}))`,
    );
    expect(total.result.rows).toEqual([[BigInt(pairs.length)]]);
    const grouped = await run(
      `SELECT o.id, COUNT(*) AS n FROM sky.objects AS o, sky.sources AS s
       WHERE DISTANCE(POINT(o.ra, o.dec), POINT(s.source_ra, s.source_dec)) < ${r}
       GROUP BY o.id HAVING COUNT(*) > 100 ORDER BY o.id`,
    );
    const expected = [...counts].filter(([, n]) => n > 100).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(expected.length).toBeGreaterThan(2);
    expect(grouped.result.rows).toEqual(expected.map(([id, n]) => [BigInt(id), BigInt(n)]));
  });

  it('a self-match with the margin catalogue, without one, and with one narrower than the radius: same pairs, different notes', async () => {
    const self = (table: string, r: number) =>
      `SELECT a.id, b.id FROM ${table} AS a JOIN ${table} AS b ON 1 = CONTAINS(POINT(a.ra, a.dec), CIRCLE(b.ra, b.dec, ${r}))`;
    const within = pairing(objects, objects, 1.05);
    expect(within.pairs.length).toBeGreaterThan(objects.length); // pairs across partition borders too
    const expected = sorted(within.pairs.map(([a, b]) => `${a.id}-${b.id}`));

    const margin = await run(self('sky.objects', 1.05));
    expect(margin.notes).toHaveLength(1);
    expect(margin.notes[0]).toMatch(/with the right side's margin catalogue .*small_sky_order1_margin$/);
    expect(sorted(margin.result.rows.map(key).filter((k) => !within.ambiguous.has(k)))).toEqual(expected);

    const none = await run(self('sky.bare', 1.05));
    expect(none.notes[0]).toMatch(/with neighbouring right partitions across borders/);
    expect(none.notes[1]).toMatch(/has no margin catalogue: neighbouring right partitions are read instead/);
    expect(sorted(none.result.rows.map(key).filter((k) => !within.ambiguous.has(k)))).toEqual(expected);

    const wide = pairing(objects, objects, 3.05);
    const narrow = await run(self('sky.objects', 3.05));
    expect(narrow.notes[1]).toMatch(/is 7200 arcsec wide, less than the 10980 arcsec radius/);
    expect(sorted(narrow.result.rows.map(key).filter((k) => !wide.ambiguous.has(k)))).toEqual(
      sorted(wide.pairs.map(([a, b]) => `${a.id}-${b.id}`)),
    );
  });

  it('left partitions split among finer right partitions with margins: each pair once', async () => {
    const r = 1.5;
    const { pairs, ambiguous } = pairing(objects, fine, r);
    const { result, notes, events } = await run(
      `SELECT o.id, f.id FROM sky.objects AS o JOIN sky.fine AS f ON 1 = CONTAINS(POINT(o.ra, o.dec), CIRCLE(f.ra, f.dec, ${r}))`,
    );
    expect(notes[0]).toMatch(/margin catalogue .*fine_7200arcs$/);
    // More units than left partitions: a left partition goes with each finer right partition in turn.
    expect(events.length).toBeGreaterThan(4);
    expect(sorted(result.rows.map(key).filter((k) => !ambiguous.has(k)))).toEqual(sorted(pairs.map(([o, f]) => `${o.id}-${f.id}`)));
  });

  it('holds a few partitions at a time: each step reads one left partition with the right ones overlapping it', async () => {
    const { events } = await run(
      `SELECT COUNT(*) FROM sky.objects AS o JOIN sky.sources AS s ON 1 = CONTAINS(POINT(s.source_ra, s.source_dec), CIRCLE(o.ra, o.dec, 0.4))`,
    );
    const held = events.map((e) => e.read.left + e.read.right + e.read.margin);
    expect(events.map((e) => e.done)).toEqual(events.map((_, i) => i + 1));
    // The sources (14 partitions, no margin) drive; the objects (4 partitions) come with their margin.
    expect(events.length).toBe(14);
    expect(events.every((e) => e.left === 'sky.sources' && e.read.left === 1)).toBe(true);
    // Where the objects' partitions cover a source partition: that one object partition and its margin.
    const aligned = events.filter((e) => e.read.margin > 0);
    expect(aligned.length).toBeGreaterThan(10);
    expect(aligned.every((e) => e.read.right === 1 && e.read.margin === 1)).toBe(true);
    // Elsewhere (a source partition wider than the objects' ones) its neighbours: never everything at once.
    expect(Math.max(...held)).toBeLessThanOrEqual(5);
    expect(events.at(-1)!.pairs).toBe(pairing(objects, sources, 0.4).pairs.length);
  });

  it('row for row the plain join: *, t.*, DISTINCT, aggregates over other columns, ORDER BY with TOP', async () => {
    // `+ 0` on a position column is a form the cross-match does not recognise: the plain join, as a reference.
    const cone = (plain: boolean) => `1 = CONTAINS(POINT(s.source_ra${plain ? ' + 0' : ''}, s.source_dec), CIRCLE(o.ra, o.dec, 0.4))`;
    const queries = (plain: boolean) => [
      `SELECT * FROM sky.objects AS o JOIN sky.sources AS s ON ${cone(plain)} ORDER BY s.source_id, o.id`,
      `SELECT TOP 40 o.*, s.mag FROM sky.objects AS o JOIN sky.sources AS s ON ${cone(plain)} WHERE s.band = 'r' ORDER BY s.mag DESC, s.source_id, o.id`,
      `SELECT DISTINCT s.band FROM sky.objects AS o, sky.sources AS s WHERE ${cone(plain)} ORDER BY s.band`,
      `SELECT o.id, s.band, COUNT(*) AS n, AVG(s.mag) AS mag, MIN(s.mjd) AS earliest FROM sky.objects AS o JOIN sky.sources AS s
       ON ${cone(plain)} AND s.mag < 20 GROUP BY o.id, s.band HAVING COUNT(*) > 3 ORDER BY o.id, s.band`,
    ];
    const aligned = queries(false);
    const plain = queries(true);
    for (const [i, adql] of aligned.entries()) {
      const got = await run(adql);
      const reference = await run(plain[i]!);
      expect(got.notes[0], adql).toMatch(/ran partition by partition/);
      expect(reference.notes, plain[i]).toEqual([]);
      expect(got.result.rows.length, adql).toBeGreaterThan(1);
      expect(
        got.result.columns.map((c) => c.name),
        adql,
      ).toEqual(reference.result.columns.map((c) => c.name));
      // Sums (AVG) may add in another order: floats compare to 12 digits.
      const digits = (rows: unknown[][]) => rows.map((row) => row.map((v) => (typeof v === 'number' ? +v.toPrecision(12) : v)));
      expect(digits(got.result.rows), adql).toEqual(digits(reference.result.rows));
    }
  });

  it('a column error (ambiguous here) is reported before any partition is paired', async () => {
    const events: HatsCrossmatchProgress[] = [];
    const adql = `SELECT "_healpix_29" FROM sky.objects AS o JOIN sky.sources AS s ON 1 = CONTAINS(POINT(s.source_ra, s.source_dec), CIRCLE(o.ra, o.dec, 0.4))`;
    await expect(engine.query(adql, { onProgress: (e) => events.push(e) })).rejects.toThrow(/ambiguous/i);
    expect(events).toEqual([]);
  });

  it('forms it does not recognise run as the plain join, with the same answers and no notes', async () => {
    const r = 0.4;
    const { pairs, ambiguous } = pairing(objects, sources, r);
    const expected = sorted(pairs.map(([o, s]) => `${o.id}-${s.id}`));
    for (const adql of [
      // not the catalogue's own position column
      `SELECT o.id, s.source_id FROM sky.objects AS o JOIN sky.sources AS s ON 1 = CONTAINS(POINT(s.source_ra + 0, s.source_dec), CIRCLE(o.ra, o.dec, ${r}))`,
      // an outer join
      `SELECT o.id, s.source_id FROM sky.objects AS o LEFT JOIN sky.sources AS s ON 1 = CONTAINS(POINT(s.source_ra, s.source_dec), CIRCLE(o.ra, o.dec, ${r})) WHERE s.source_id IS NOT NULL`,
      // a test under OR
      `SELECT o.id, s.source_id FROM sky.objects AS o, sky.sources AS s WHERE (DISTANCE(POINT(o.ra, o.dec), POINT(s.source_ra, s.source_dec)) < ${r} OR 1 = 0)`,
    ]) {
      const { result, notes, events } = await run(adql);
      expect(notes, adql).toEqual([]);
      expect(events, adql).toEqual([]);
      expect(sorted(result.rows.map(key).filter((k) => !ambiguous.has(k))), adql).toEqual(expected);
    }
  });

  it('a TAP result of the cross-match carries the notes as INFO name="NOTE"', async () => {
    const service = await createLocalService({ engine });
    try {
      const query = `SELECT COUNT(*) AS n FROM sky.bare AS a JOIN sky.bare AS b ON 1 = CONTAINS(POINT(a.ra, a.dec), CIRCLE(b.ra, b.dec, 1.05))`;
      const url = `${service.url}/sync?REQUEST=doQuery&LANG=ADQL&RESPONSEFORMAT=votable&QUERY=${encodeURIComponent(query)}`;
      const text = await (await fetch(url)).text();
      expect(text).toContain('<INFO name="QUERY_STATUS" value="OK"');
      expect(text).toMatch(
        /<INFO name="NOTE" value="cross-match of sky.bare with sky.bare at 3780 arcsec ran partition by partition: \d+ join units/,
      );
      expect(text).toMatch(/<INFO name="NOTE" value="[^"]*has no margin catalogue: neighbouring right partitions are read instead"/);
    } finally {
      await service.close();
    }
  });
});
