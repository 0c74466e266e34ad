/**
 * crossmatchHats (partition by partition, margins used when wide enough) against a brute-force pairing
 * of every row of the shared catalogues; it says when a margin is missing or narrower than the radius.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossmatchHats } from '../../src/engine/index.js';
import { HATS_CORPUS, bruteForceRows, corpusProblem, separation } from './corpus.js';

if (corpusProblem) console.log(`skipping the HATS cross-match tests: ${corpusProblem}`);
const withCorpus = corpusProblem ? describe.skip : describe;
const collection = path.join(HATS_CORPUS, 'small_sky_o1_collection');
const sources = path.join(HATS_CORPUS, 'small_sky_source');

async function pairs(left: string, right: string, leftCols: [string, string, string], rightCols: [string, string, string], radius: number) {
  const a = await bruteForceRows(left, ...leftCols);
  const b = await bruteForceRows(right, ...rightCols);
  // The test catalogues sit on a half-degree grid: radii are chosen off the grid's separations.
  const out: string[] = [];
  for (const x of a) for (const y of b) if (separation(x.ra, x.dec, y.ra, y.dec) <= radius) out.push(`${x.id}-${y.id}`);
  return out.sort();
}

async function run(left: string, right: string, radiusArcsec: number, leftId: string, rightId: string, rightMargin?: false) {
  const got: string[] = [];
  const progress: number[] = [];
  const result = await crossmatchHats({
    left,
    right,
    radiusArcsec,
    ...(rightMargin === false ? { rightMargin } : {}),
    onRows: (rows, columns) => {
      const [li, ri] = [columns.indexOf(`l_${leftId}`), columns.indexOf(`r_${rightId}`)];
      for (const row of rows) got.push(`${row[li]}-${row[ri]}`);
    },
    onProgress: (done) => progress.push(done),
  });
  return { result, got: got.sort(), progress };
}

withCorpus('crossmatchHats', () => {
  const order1 = path.join(collection, 'small_sky_order1');

  it('with the margin catalogue: the pairs a brute-force scan finds, partition by partition', async () => {
    const expected = await pairs(order1, order1, ['id', 'ra', 'dec'], ['id', 'ra', 'dec'], 1.05);
    expect(expected.length).toBeGreaterThan(131); // self pairs and pairs across partition borders
    const { result, got, progress } = await run(collection, collection, 3780, 'id', 'id');
    expect(result.margin).toContain('small_sky_order1_margin');
    expect(result.notes).toEqual([]);
    expect(got).toEqual(expected);
    expect(result.pairs).toBe(expected.length);
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('without a margin (or one narrower than the radius) it reads neighbours instead, says so, and finds the same pairs', async () => {
    const none = await run(collection, collection, 3780, 'id', 'id', false);
    expect(none.got).toEqual(await pairs(order1, order1, ['id', 'ra', 'dec'], ['id', 'ra', 'dec'], 1.05));
    expect(none.result.notes[0]).toMatch(/no margin catalogue asked for/);
    const wide = await run(collection, collection, 10980, 'id', 'id');
    expect(wide.result.notes[0]).toMatch(/7200 arcsec wide, less than the 10980 arcsec radius/);
    expect(wide.got).toEqual(await pairs(order1, order1, ['id', 'ra', 'dec'], ['id', 'ra', 'dec'], 3.05));
    const missing = await run(order1, sources, 1980, 'id', 'source_id');
    expect(missing.result.notes[0]).toMatch(/has no margin catalogue/);
    expect(missing.got).toEqual(await pairs(order1, sources, ['id', 'ra', 'dec'], ['source_id', 'source_ra', 'source_dec'], 0.55));
  });

  it('refuses a radius that is not positive', async () => {
    await expect(crossmatchHats({ left: collection, right: collection, radiusArcsec: 0 })).rejects.toThrow(/positive number of arcseconds/);
  });
});
