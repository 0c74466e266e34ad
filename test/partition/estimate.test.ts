/**
 * The planner's row estimate (issue 22: a declination-band plan predicted 17,240 rows and the run
 * returned 55,503): a chunk's share of the range is its solid angle for declinations, samples come
 * from the middle of the range and a second place, and the plan states how far off it may be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Axis, Bound, PartitionBy } from '../../src/partition/bounds.js';
import { describePlan, estimateRows, fractionOf, planPartition } from '../../src/partition/plan.js';
import { createLocalService, type LocalService } from '../../src/engine/index.js';
import { TapService } from '../../src/tap/index.js';

const axis = (column: string, lo: number, hi: number): Axis => ({ column, type: 'float', lo: String(lo), hi: String(hi) });
const bound = (column: string, lo: number, hi: number): Bound => ({
  column,
  type: 'float',
  lo: String(lo),
  hi: String(hi),
  hiInclusive: false,
});

describe('fractionOf', () => {
  const dec: PartitionBy = { kind: 'dec', column: 'dec' };

  it('weights a declination band by its solid angle, not its width', () => {
    const all = [axis('dec', -90, 90)];
    expect(fractionOf([bound('dec', 0, 90)], all, dec)).toBeCloseTo(0.5, 12);
    expect(fractionOf([bound('dec', 80, 90)], all, dec)).toBeCloseTo((1 - Math.sin((80 * Math.PI) / 180)) / 2, 12);
    // The equatorial band of a 1-degree split holds ~115 times the sky of the polar one (~2/θ).
    const ratio = fractionOf([bound('dec', 0, 1)], all, dec) / fractionOf([bound('dec', 89, 90)], all, dec);
    expect(ratio).toBeCloseTo(Math.sin(Math.PI / 180) / (1 - Math.cos(Math.PI / 180)), 6);
    expect(Math.round(ratio)).toBe(115);
  });

  it('measures against the declination range of the plan, and bands add up to the whole', () => {
    const range = [axis('dec', -30, 30)];
    const bands = [-30, -10, 10, 30].slice(0, -1).map((lo) => fractionOf([bound('dec', lo, lo + 20)], range, dec));
    expect(bands.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(bands[1]).toBeGreaterThan(bands[0]!);
  });

  it('keeps RA ranges and id ranges linear, and multiplies the two axes of a sky tile', () => {
    expect(fractionOf([bound('ra', 0, 90)], [axis('ra', 0, 360)], { kind: 'ra', column: 'ra' })).toBe(0.25);
    const tiles: PartitionBy = { kind: 'tiles', ra: 'ra', dec: 'dec' };
    expect(fractionOf([bound('ra', 0, 180), bound('dec', 0, 90)], [axis('ra', 0, 360), axis('dec', -90, 90)], tiles)).toBeCloseTo(0.25, 12);
  });
});

describe('estimateRows', () => {
  it('pools the samples and gives the range each one implies, with its Poisson error', () => {
    const e = estimateRows([
      { bounds: [], rows: 400, fraction: 0.1 },
      { bounds: [], rows: 25, fraction: 0.025 },
    ]);
    expect(e.total).toBeCloseTo(425 / 0.125, 9);
    // The second sample alone implies 800 +- 200, the first 4000 +- 200.
    expect(e.range[0]).toBeCloseTo((25 - 5) / 0.025, 9);
    expect(e.range[1]).toBeCloseTo((400 + 20) / 0.1, 9);
  });

  it('an empty sample still bounds the total from above', () => {
    const e = estimateRows([{ bounds: [], rows: 0, fraction: 0.01 }]);
    expect(e).toEqual({ total: 0, range: [0, 100] });
  });
});

describe('plans on the local engine (sample catalogue, 3000 galaxies)', () => {
  let local: LocalService;
  let tap: TapService;
  beforeAll(async () => {
    local = await createLocalService();
    tap = new TapService(local.url);
  });
  afterAll(async () => {
    await local.close();
  });

  it.each<PartitionBy>([
    { kind: 'dec', column: 'dec' },
    { kind: 'ra', column: 'ra' },
    { kind: 'tiles', ra: 'ra', dec: 'dec' },
  ])('by %j: chunks cover the sky once, the estimate pools two samples, and the plan shows its range', async (by) => {
    const plan = await planPartition(tap, 'SELECT id, ra, dec FROM sample.galaxies', { by, chunks: 8, maxrec: 2000, schema: false });
    const shares = plan.chunks.map((c) => fractionOf(c.bounds, plan.axes, by));
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const s = plan.sample!;
    expect(s.second).toBeDefined();
    // Samples come from the middle of the range and a second place, not from its first chunk.
    expect(s.bounds).not.toEqual(plan.chunks[0]!.bounds);
    const e = plan.expected!;
    expect(e.totalRows).toBeCloseTo((s.rows + s.second!.rows) / (s.fraction + s.second!.fraction), 6);
    expect(e.totalRowsRange![0]).toBeLessThanOrEqual(e.totalRows);
    expect(e.totalRowsRange![1]).toBeGreaterThanOrEqual(e.totalRows);
    expect(describePlan(plan)).toMatch(/rows \(the samples alone imply \d+ to \d+\) in/);
    expect(describePlan(plan)).toMatch(/\n {2}second sample: .+: \d+ rows\n/);
  });
});
