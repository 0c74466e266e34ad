import { describe, expect, it } from 'vitest';
import {
  parsePlotShorthand,
  plot,
  plotTable,
  preparePlot,
  rowsInRect,
  PlotError,
  PlotExpressionError,
  type PlotSpec,
  type PreparedPoints,
} from '../../src/plot/index.js';
import { lcg, tableOf } from './fixture.js';

interface Circle {
  row: number;
  cx: number;
  cy: number;
}
const circles = (svg: string): Circle[] =>
  [...svg.matchAll(/<circle data-row="(\d+)" cx="([-\d.]+)" cy="([-\d.]+)"/g)].map((m) => ({
    row: Number(m[1]),
    cx: Number(m[2]),
    cy: Number(m[3]),
  }));

/** Tick label -> pixel position, read from the SVG's axis group. */
function ticks(svg: string, axis: 'x' | 'y'): Array<{ value: number; px: number }> {
  const group = new RegExp(`<g class="axis ${axis}">([\\s\\S]*?)</g>`).exec(svg)![1]!;
  const re =
    axis === 'x'
      ? /<line x1="([-\d.]+)"[^>]*\/><text[^>]*data-value="([^"]+)"/g
      : /<line x1="[-\d.]+" x2="[-\d.]+" y1="([-\d.]+)"[^>]*\/><text[^>]*data-value="([^"]+)"/g;
  return [...group.matchAll(re)].map((m) => ({ px: Number(m[1]), value: Number(m[2]) }));
}

/** The pixel a value should have, interpolated between the first and last tick (linear axes). */
function expectedPx(t: Array<{ value: number; px: number }>, v: number): number {
  const [a, b] = [t[0]!, t[t.length - 1]!];
  return a.px + ((v - a.value) * (b.px - a.px)) / (b.value - a.value);
}

const mags = [
  { name: 'id', datatype: 'int' as const },
  { name: 'ra', datatype: 'double' as const, ucd: 'pos.eq.ra;meta.main', unit: 'deg' },
  { name: 'dec', datatype: 'double' as const, ucd: 'pos.eq.dec;meta.main', unit: 'deg' },
  { name: 'g', datatype: 'float' as const, ucd: 'phot.mag;em.opt.B', unit: 'mag' },
  { name: 'r', datatype: 'float' as const, ucd: 'phot.mag;em.opt.R', unit: 'mag' },
  { name: 'kind', datatype: 'char' as const, arraysize: '*' },
];

async function sample(n: number) {
  const rnd = lcg(7);
  const rows = Array.from({ length: n }, (_, i) => {
    const g = 14 + rnd() * 10;
    return [i, rnd() * 360, Math.asin(2 * rnd() - 1) * (180 / Math.PI), g, g - 0.2 - rnd() * 1.5, i % 3 === 0 ? 'star' : 'galaxy'];
  });
  return { rows, table: await tableOf(mags, rows) };
}

describe('plot (SVG): scatter', () => {
  it('places each point where its values say, with the magnitude axis reversed', async () => {
    const { rows, table } = await sample(200);
    const svg = plot(table, { kind: 'scatter', x: 'g - r', y: 'g' });
    const pts = circles(svg);
    expect(pts).toHaveLength(200);
    const xt = ticks(svg, 'x');
    const yt = ticks(svg, 'y');
    expect(xt.length).toBeGreaterThan(2);
    // Magnitudes: larger values lower down (pixel y grows downwards), so the ticks' px increase with the value.
    expect(yt[yt.length - 1]!.px).toBeGreaterThan(yt[0]!.px);
    for (const p of pts) {
      const [g, r] = [rows[p.row]![3] as number, rows[p.row]![4] as number];
      // float32 storage: compare at float32 precision of the inputs.
      expect(p.cx).toBeCloseTo(expectedPx(xt, Math.fround(g) - Math.fround(r)), 0);
      expect(p.cy).toBeCloseTo(expectedPx(yt, Math.fround(g)), 0);
    }
    const bright = pts.reduce((a, b) => ((rows[a.row]![3] as number) < (rows[b.row]![3] as number) ? a : b));
    expect(bright.cy).toBe(Math.min(...pts.map((p) => p.cy)));
  });

  it('keeps a non-magnitude y axis upright, and reverse: none / explicit reversal', async () => {
    const { table } = await sample(50);
    const up = ticks(plot(table, { kind: 'scatter', x: 'ra', y: 'dec' }), 'y');
    expect(up[up.length - 1]!.px).toBeLessThan(up[0]!.px);
    const notReversed = ticks(plot(table, parsePlotShorthand('scatter:r,g', { reverse: 'none' })), 'y');
    expect(notReversed[notReversed.length - 1]!.px).toBeLessThan(notReversed[0]!.px);
    const xReversed = ticks(plot(table, parsePlotShorthand('scatter:ra,dec', { reverse: 'x' })), 'x');
    expect(xReversed[xReversed.length - 1]!.px).toBeLessThan(xReversed[0]!.px);
  });

  it('puts decades at equal distances on a log axis and leaves out values <= 0', async () => {
    const table = await tableOf(
      [
        { name: 'a', datatype: 'double' },
        { name: 'b', datatype: 'double' },
      ],
      [
        [1, 1],
        [10, 2],
        [100, 3],
        [1000, 4],
        [0, 5],
        [-3, 6],
      ],
    );
    const svg = plot(table, parsePlotShorthand('scatter:a,b', { log: 'x' }));
    const pts = circles(svg).sort((p, q) => p.row - q.row);
    expect(pts.map((p) => p.row)).toEqual([0, 1, 2, 3]);
    const d = pts.slice(1).map((p, i) => p.cx - pts[i]!.cx);
    for (const step of d) expect(step).toBeCloseTo(d[0]!, 1);
    expect(svg).toContain('data-drawn="4"');
  });

  it('colours by a text column with one legend entry per category', async () => {
    const { table } = await sample(30);
    const svg = plot(table, { kind: 'scatter', x: 'g - r', y: 'g', color: 'kind' });
    const fills = new Set([...svg.matchAll(/<circle data-row="\d+"[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
    expect(fills.size).toBe(2);
    expect(svg).toMatch(/<g class="legend">[\s\S]*star[\s\S]*galaxy/);
  });

  it('draws a large result as density cells whose counts add up to the rows drawn', async () => {
    const { table } = await sample(30000);
    const svg = plot(table, { kind: 'scatter', x: 'ra', y: 'dec' });
    const counts = [...svg.matchAll(/data-count="(\d+)"/g)].reduce((s, m) => s + Number(m[1]), 0);
    expect(counts).toBe(30000);
    expect(svg.length).toBeLessThan(8_000_000);
  });
});

describe('plot (SVG): sky', () => {
  const sky = async (projection: 'aitoff' | 'mollweide') => {
    const rows = [
      [0, 0, 0],
      [1, 10, 0],
      [2, 20, 0],
      [3, 350, 0],
      [4, 0, 60],
      [5, 0, -60],
      [6, 180, 0],
    ];
    const table = await tableOf(
      [
        { name: 'id', datatype: 'int' },
        { name: 'ra', datatype: 'double' },
        { name: 'dec', datatype: 'double' },
      ],
      rows,
    );
    const svg = plot(table, { kind: 'sky', projection });
    return { svg, at: new Map(circles(svg).map((p) => [p.row, p])) };
  };
  for (const projection of ['aitoff', 'mollweide'] as const) {
    it(`${projection}: RA increases to the left, north is up, RA 0 in the middle`, async () => {
      const { svg, at } = await sky(projection);
      const [c, r10, r20, r350, n60, s60] = [0, 1, 2, 3, 4, 5].map((i) => at.get(i)!) as [Circle, Circle, Circle, Circle, Circle, Circle];
      expect(r10.cx).toBeLessThan(c.cx);
      expect(r20.cx).toBeLessThan(r10.cx);
      expect(r350.cx).toBeGreaterThan(c.cx);
      expect(r350.cx - c.cx).toBeCloseTo(c.cx - r10.cx, 1);
      expect(n60.cy).toBeLessThan(c.cy);
      expect(s60.cy - c.cy).toBeCloseTo(c.cy - n60.cy, 1);
      expect(r10.cy).toBeCloseTo(c.cy, 1);
      expect(svg).toContain('class="graticule"');
      // The map's centre (RA 0, Dec 0) is the middle of the outline.
      const xs = [...svg.matchAll(/class="outline" d="([^"]+)"/g)][0]![1]!.match(/[ML]([-\d.]+) /g)!.map((s) => Number(s.slice(1)));
      expect((Math.min(...xs) + Math.max(...xs)) / 2).toBeCloseTo(c.cx, 0);
    });
  }

  it('mollweide: equal areas (Dec ±30 bands hold half the sphere: the projected area between them is half)', async () => {
    const { projection } = await import('../../src/plot/index.js');
    const p = projection('mollweide');
    // Area of an ellipse segment through y(30°): with y = √2 sin θ the strip |y| < y30 has area fraction (2θ + sin 2θ)/π.
    const y30 = p.project(0, 30)[1] / Math.SQRT2;
    const theta = Math.asin(y30);
    expect((2 * theta + Math.sin(2 * theta)) / Math.PI).toBeCloseTo(Math.sin(Math.PI / 6), 6);
  });

  it('finds RA/Dec by UCD and says what to do when there are none', async () => {
    const t = await tableOf(
      [
        { name: 'alpha', datatype: 'double', ucd: 'pos.eq.ra' },
        { name: 'delta', datatype: 'double', ucd: 'pos.eq.dec' },
      ],
      [[10, 10]],
    );
    expect(circles(plot(t, { kind: 'sky' }))).toHaveLength(1);
    const none = await tableOf([{ name: 'x', datatype: 'double' }], [[1]]);
    expect(() => plot(none, { kind: 'sky' })).toThrow(/RA and Dec columns.*sky:RA,DEC.*columns are x/);
  });
});

describe('plot (SVG): histogram and bar', () => {
  it('has bins whose heights are the counts computed independently', async () => {
    const { rows, table } = await sample(1000);
    const svg = plot(table, { kind: 'histogram', x: 'g', bins: 12 });
    const bars = [...svg.matchAll(/data-value="(\d+)" data-label="[^"]+" data-lo="([^"]+)" data-hi="([^"]+)"/g)].map((m) => ({
      n: Number(m[1]),
      lo: Number(m[2]),
      hi: Number(m[3]),
    }));
    expect(bars).toHaveLength(12);
    const gs = rows.map((r) => Math.fround(r[3] as number));
    bars.forEach((b, i) => {
      const last = i === bars.length - 1;
      expect(b.n).toBe(gs.filter((v) => v >= b.lo && (last ? v <= b.hi : v < b.hi)).length);
    });
    expect(bars.reduce((s, b) => s + b.n, 0)).toBe(1000);
    expect(bars[0]!.lo).toBe(Math.min(...gs));
    expect(bars[11]!.hi).toBeCloseTo(Math.max(...gs), 9);
  });

  it('draws one bar per GROUP BY row with its count, in the result order', async () => {
    const t = await tableOf(
      [
        { name: 'true_class', datatype: 'char', arraysize: '*' },
        { name: 'n', datatype: 'long' },
      ],
      [
        ['galaxy', 2425n],
        ['qso', 802n],
        ['star', 797n],
      ],
    );
    const svg = plot(t, parsePlotShorthand('bar:true_class,n'));
    const bars = [...svg.matchAll(/<rect x="([\d.]+)"[^>]*height="([\d.]+)"[^>]*data-value="(\d+)" data-label="(\w+)"/g)].map((m) => ({
      x: Number(m[1]),
      h: Number(m[2]),
      n: Number(m[3]),
      label: m[4],
    }));
    expect(bars.map((b) => [b.label, b.n])).toEqual([
      ['galaxy', 2425],
      ['qso', 802],
      ['star', 797],
    ]);
    expect(bars[0]!.h / bars[1]!.h).toBeCloseTo(2425 / 802, 2);
    expect(bars[0]!.x).toBeLessThan(bars[1]!.x);
  });
});

describe('plot (SVG): axis ranges', () => {
  it('draws only the points within a given range, and a FROM > TO range reverses the axis', async () => {
    const { rows, table } = await sample(500);
    const svg = plot(table, parsePlotShorthand('scatter:ra,g', { xRange: [100, 200], yRange: [24, 16], reverse: 'none' }));
    const expected = rows
      .filter(
        (r) => (r[1] as number) >= 100 && (r[1] as number) <= 200 && Math.fround(r[3] as number) >= 16 && Math.fround(r[3] as number) <= 24,
      )
      .map((r) => r[0]);
    expect(circles(svg).map((p) => p.row)).toEqual(expected);
    const y = ticks(svg, 'y');
    expect(y[y.length - 1]!.px).toBeGreaterThan(y[0]!.px);
    expect(y[0]!.value).toBe(16);
  });

  it('bins a histogram over the given range only', async () => {
    const { rows, table } = await sample(1000);
    const svg = plot(table, { kind: 'histogram', x: { expr: 'g', min: 16, max: 20 }, bins: 4 });
    const bars = [...svg.matchAll(/data-value="(\d+)" data-label="[^"]+" data-lo="([^"]+)" data-hi="([^"]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
    ]);
    expect(bars.map((b) => [b[1], b[2]])).toEqual([
      [16, 17],
      [17, 18],
      [18, 19],
      [19, 20],
    ]);
    const gs = rows.map((r) => Math.fround(r[3] as number));
    bars.forEach(([n, lo, hi], i) => expect(n).toBe(gs.filter((v) => v >= lo! && (i === 3 ? v <= hi! : v < hi!)).length));
  });
});

describe('plot specs and selection', () => {
  it('reads the command-line forms', () => {
    expect(parsePlotShorthand('sky')).toEqual({ kind: 'sky' });
    expect(parsePlotShorthand('scatter:pow(g, 2),r', { log: 'y', color: 'kind' })).toEqual({
      kind: 'scatter',
      x: { expr: 'pow(g, 2)' },
      y: { expr: 'r', log: true },
      color: 'kind',
    });
    expect(parsePlotShorthand('hist:g', { bins: 5 })).toEqual({ kind: 'histogram', x: { expr: 'g' }, bins: 5 });
    expect(() => parsePlotShorthand('pie:g')).toThrow(PlotError);
    expect(() => parsePlotShorthand('scatter:g')).toThrow(/scatter takes 2/);
  });

  it('names the bad part of an expression', async () => {
    const { table } = await sample(3);
    expect(() => plot(table, { kind: 'scatter', x: 'g - rr', y: 'g' })).toThrow(PlotExpressionError);
    expect(() => plot(table, { kind: 'scatter', x: 'g - rr', y: 'g' })).toThrow(
      /at column 5: no column "rr".*columns are id, ra, dec, g, r, kind/,
    );
    expect(() => plot(table, { kind: 'scatter', x: 'g -', y: 'g' })).toThrow(/ends too early/);
    expect(() => plot(table, { kind: 'scatter', x: 'sin(g)', y: 'g' })).toThrow(/unknown function sin/);
  });

  it('a brush on a scatter plot selects exactly the rows within the bounds it covers', async () => {
    const { rows, table } = await sample(2000);
    const prepared = preparePlot(plotTable(table), { kind: 'scatter', x: 'ra', y: 'dec' } satisfies PlotSpec) as PreparedPoints;
    const rect = { x0: 200, y0: 120, x1: 420, y1: 300 };
    const selected = [...rowsInRect(prepared, rect)];
    const xs = [prepared.xScale!.toData(rect.x0), prepared.xScale!.toData(rect.x1)].sort((a, b) => a - b);
    const ys = [prepared.yScale!.toData(rect.y0), prepared.yScale!.toData(rect.y1)].sort((a, b) => a - b);
    const expected = rows
      .filter((r) => (r[1] as number) >= xs[0]! && (r[1] as number) <= xs[1]! && (r[2] as number) >= ys[0]! && (r[2] as number) <= ys[1]!)
      .map((r) => r[0]);
    expect(expected.length).toBeGreaterThan(50);
    expect(selected).toEqual(expected);
  });

  it('leaves null cells out of the plot', async () => {
    const t = await tableOf(
      [
        { name: 'a', datatype: 'double' },
        { name: 'b', datatype: 'int' },
      ],
      [
        [1, 1],
        [null, 2],
        [3, null],
        [4, 4],
      ],
      'tabledata',
    );
    expect(circles(plot(t, { kind: 'scatter', x: 'a', y: 'b' })).map((p) => p.row)).toEqual([0, 3]);
  });
});
