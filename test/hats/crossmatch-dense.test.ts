/**
 * Cross-matches between HATS catalogues of one dense synthetic sky (3000 points) imported with
 * different partition sizes and margins: a left partition then meets several finer right partitions
 * whose margins share rows, the case where reading them all together paired a row twice. Both
 * `crossmatchHats` and the ADQL join must equal a brute-force pairing of the points, with margins
 * and without.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEngine, crossmatchHats, importHats } from '../../src/engine/index.js';
import type { Row } from './corpus.js';
import { pairing } from './pairing.js';

const RADIUS_ARCSEC = 1500;
const MARGIN_ARCSEC = 1800;

/** Points on a quasi-random (golden-ratio) grid over 30 x 20 degrees, away from the grid's own spacings. */
function points(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    id: String(i),
    ra: 300 + 30 * ((i * 0.6180339887) % 1),
    dec: -60 + 20 * ((i * 0.7548776662) % 1),
  }));
}

describe('HATS cross-match over partitions of different sizes', () => {
  let dir: string;
  let engine: LocalEngine;
  const rows = points(3000);
  let expected: string[];
  let ambiguous: Set<string>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hats-dense-'));
    const input = path.join(dir, 'points.json');
    writeFileSync(input, JSON.stringify(rows.map((r) => ({ id: Number(r.id), ra: r.ra, dec: r.dec }))));
    for (const [name, maxRows] of [
      ['coarse', 1000],
      ['fine', 60],
    ] as const)
      await importHats({ input, output: path.join(dir, name), ra: 'ra', dec: 'dec', maxRows, marginArcsec: MARGIN_ARCSEC, name });
    engine = await LocalEngine.create({
      hats: [
        { name: 'd.coarse', location: path.join(dir, 'coarse') },
        { name: 'd.fine', location: path.join(dir, 'fine') },
        { name: 'd.coarse_bare', location: path.join(dir, 'coarse', 'coarse') },
        { name: 'd.fine_bare', location: path.join(dir, 'fine', 'fine') },
      ],
    });
    ({ keys: expected, ambiguous } = pairing(rows, rows, RADIUS_ARCSEC / 3600));
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const clean = (keys: string[]) => keys.filter((k) => !ambiguous.has(k)).sort();

  it('crossmatchHats: coarse left, finer right with its margin, each pair once', async () => {
    const got: string[] = [];
    const result = await crossmatchHats({
      left: path.join(dir, 'coarse'),
      right: path.join(dir, 'fine'),
      radiusArcsec: RADIUS_ARCSEC,
      onRows: (batch, columns) => {
        const [a, b] = [columns.indexOf('l_id'), columns.indexOf('r_id')];
        for (const row of batch) got.push(`${row[a]}-${row[b]}`);
      },
    });
    expect(result.margin).toContain('fine_1800arcs');
    expect(expected.length).toBeGreaterThan(rows.length * 2);
    expect(clean(got)).toEqual(expected);
  });

  it('the ADQL join, with the margin, without one, and finer on the left: each pair once', async () => {
    const r = RADIUS_ARCSEC / 3600;
    for (const [left, right, note] of [
      ['d.coarse', 'd.fine', /margin catalogue .*fine_1800arcs/],
      ['d.coarse_bare', 'd.fine_bare', /neighbouring right partitions/],
      ['d.fine', 'd.coarse', /margin catalogue .*coarse_1800arcs/],
    ] as const) {
      const adql = `SELECT a.id, b.id FROM ${left} AS a JOIN ${right} AS b ON 1 = CONTAINS(POINT(a.ra, a.dec), CIRCLE(b.ra, b.dec, ${r}))`;
      const result = await engine.query(adql);
      expect(result.notes?.[0], adql).toMatch(note);
      expect(clean(result.rows.map((row) => `${row[0]}-${row[1]}`)), adql).toEqual(expected);
    }
  });
});
