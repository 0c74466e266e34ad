/**
 * The seed workflow on the live DaCHS: examples/rubin-dp02-plots.sh makes the Rubin tutorial's
 * colour-magnitude and colour-colour diagrams of the stars, their sky map and the class histogram
 * with `adql plot`; every star is drawn where its magnitudes (fetched here with the TAP client)
 * put it, and the bars hold the GROUP BY counts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { TapService } from '../../src/tap/index.js';
import { describeLive, TAP_URL } from '../support/dachs.js';

const run = promisify(execFile);
const ADQL = `${process.execPath} --conditions=adqlkit-source --import tsx ${path.resolve('src/cli/main.ts')}`;

type Tick = { px: number; value: number };
function ticks(svg: string, axis: 'x' | 'y'): Tick[] {
  const group = new RegExp(`<g class="axis ${axis}">([\\s\\S]*?)</g>`).exec(svg)![1]!;
  const re =
    axis === 'x'
      ? /<line x1="([-\d.]+)"[^>]*\/><text[^>]*data-value="([^"]+)"/g
      : /<line x1="[-\d.]+" x2="[-\d.]+" y1="([-\d.]+)"[^>]*\/><text[^>]*data-value="([^"]+)"/g;
  return [...group.matchAll(re)].map((m) => ({ px: Number(m[1]), value: Number(m[2]) }));
}
const toPx = (t: Tick[], v: number) =>
  t[0]!.px + ((v - t[0]!.value) * (t[t.length - 1]!.px - t[0]!.px)) / (t[t.length - 1]!.value - t[0]!.value);
const circles = (svg: string) =>
  new Map(
    [...svg.matchAll(/<circle data-row="(\d+)" cx="([-\d.]+)" cy="([-\d.]+)"/g)].map((m) => [
      Number(m[1]),
      [Number(m[2]), Number(m[3])] as const,
    ]),
  );

describeLive('the Rubin tutorial plots with adql plot (live DaCHS)', { timeout: 240_000 }, () => {
  const out = mkdtempSync(path.join(tmpdir(), 'rubin-plots-'));
  const svg = (name: string) => readFileSync(path.join(out, name), 'utf8');
  let stars: Array<{ g: number; r: number; i: number }>;

  beforeAll(async () => {
    const { stderr } = await run('bash', [path.resolve('examples/rubin-dp02-plots.sh'), TAP_URL, out], {
      env: { ...process.env, ADQL },
      timeout: 200_000,
    });
    expect(stderr).toMatch(/wrote .*cmd\.svg \(plot of \d+ rows\)/);
    const query = readFileSync(path.resolve('examples/rubin-dp02-stars.adql'), 'utf8');
    const result = await new TapService(TAP_URL).query(query);
    stars = result.rows().map((r) => ({ g: Number(r.g), r: Number(r.r), i: Number(r.i) }));
    expect(result.column('true_class').every((c) => c === 'star')).toBe(true);
  }, 240_000);

  it('colour-magnitude diagram: every star at (g - r, g), magnitudes growing downwards', () => {
    const cmd = svg('cmd.svg');
    const at = circles(cmd);
    expect(stars.length).toBeGreaterThan(20);
    expect(at.size).toBe(stars.length);
    const [x, y] = [ticks(cmd, 'x'), ticks(cmd, 'y')];
    expect(y[y.length - 1]!.px).toBeGreaterThan(y[0]!.px);
    stars.forEach((s, k) => {
      expect(at.get(k)![0]).toBeCloseTo(toPx(x, s.g - s.r), 0);
      expect(at.get(k)![1]).toBeCloseTo(toPx(y, s.g), 0);
    });
  });

  it('colour-colour diagram: every star at (g - r, r - i), colours upright', () => {
    const cc = svg('colour-colour.svg');
    const at = circles(cc);
    const [x, y] = [ticks(cc, 'x'), ticks(cc, 'y')];
    expect(y[y.length - 1]!.px).toBeLessThan(y[0]!.px);
    stars.forEach((s, k) => {
      expect(at.get(k)![0]).toBeCloseTo(toPx(x, s.g - s.r), 0);
      expect(at.get(k)![1]).toBeCloseTo(toPx(y, s.r - s.i), 0);
    });
  });

  it('sky map and class histogram', async () => {
    expect(circles(svg('sky.svg')).size).toBe(stars.length);
    const counts = await new TapService(TAP_URL).query(
      'SELECT true_class, COUNT(*) AS n FROM zcat.truth_match GROUP BY true_class ORDER BY true_class',
    );
    const bars = [...svg('classes.svg').matchAll(/data-value="(\d+)" data-label="(\w+)"/g)].map((m) => [m[2], Number(m[1])]);
    expect(bars).toEqual(counts.rows().map((r) => [r.true_class, Number(r.n)]));
  });
});
