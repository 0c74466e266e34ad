/**
 * Sky geometry of the local engine checked against independent reference computations in JavaScript,
 * on deterministic random points concentrated where mistakes hide: around both poles and across RA 0/360.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEngine } from '../../src/engine/index.js';

const RAD = Math.PI / 180;
let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

interface P {
  id: number;
  ra: number;
  dec: number;
}

function makePoints(): P[] {
  const pts: P[] = [];
  const around = (ra0: number, dec0: number, spread: number, n: number) => {
    for (let i = 0; i < n; i++) {
      const dec = Math.max(-90, Math.min(90, dec0 + (rand() - 0.5) * 2 * spread));
      const ra = (((ra0 + ((rand() - 0.5) * 2 * spread) / Math.max(0.05, Math.cos(dec * RAD))) % 360) + 360) % 360;
      pts.push({ id: pts.length + 1, ra: Number(ra.toFixed(6)), dec: Number(dec.toFixed(6)) });
    }
  };
  around(0, 0, 3, 600); // across RA 0/360
  around(123, 88.5, 1.5, 600); // north pole
  around(250, -89, 1, 600); // south pole
  for (let i = 0; i < 600; i++)
    pts.push({ id: pts.length + 1, ra: Number((360 * rand()).toFixed(6)), dec: Number((Math.asin(2 * rand() - 1) / RAD).toFixed(6)) });
  return pts;
}

const vec = (ra: number, dec: number): [number, number, number] => [
  Math.cos(dec * RAD) * Math.cos(ra * RAD),
  Math.cos(dec * RAD) * Math.sin(ra * RAD),
  Math.sin(dec * RAD),
];
/** Angular distance by the vector cross/dot product (atan2 form, accurate at all separations). */
function sep(a: P | { ra: number; dec: number }, b: P | { ra: number; dec: number }): number {
  const u = vec(a.ra, a.dec);
  const v = vec(b.ra, b.dec);
  const c = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
  return Math.atan2(Math.hypot(c[0]!, c[1]!, c[2]!), u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / RAD;
}

/** Point in a spherical polygon (smaller than a hemisphere): gnomonic projection about the vertex mean turns edges into straight lines. */
function inPolygon(p: P, verts: [number, number][]): boolean {
  const vs = verts.map(([ra, dec]) => vec(ra, dec));
  const c = vs.reduce((s, v) => [s[0] + v[0], s[1] + v[1], s[2] + v[2]], [0, 0, 0]);
  const n = Math.hypot(...c);
  const cc = c.map((x) => x / n) as [number, number, number];
  // tangent-plane basis at cc
  const e1 = Math.abs(cc[2]) < 0.9 ? [-cc[1], cc[0], 0] : [0, -cc[2], cc[1]];
  const l1 = Math.hypot(...e1);
  const ex = e1.map((x) => x / l1);
  const ey = [cc[1] * ex[2]! - cc[2] * ex[1]!, cc[2] * ex[0]! - cc[0] * ex[2]!, cc[0] * ex[1]! - cc[1] * ex[0]!];
  const proj = (v: number[]) => {
    const d = v[0]! * cc[0] + v[1]! * cc[1] + v[2]! * cc[2];
    return d <= 0
      ? undefined
      : [(v[0]! * ex[0]! + v[1]! * ex[1]! + v[2]! * ex[2]!) / d, (v[0]! * ey[0]! + v[1]! * ey[1]! + v[2]! * ey[2]!) / d];
  };
  const q = proj(vec(p.ra, p.dec));
  if (!q) return false;
  const poly = vs.map((v) => proj(v)!);
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi! > q[1]! !== yj! > q[1]! && q[0]! < ((xj! - xi!) * (q[1]! - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

const points = makePoints();
let engine: LocalEngine;

beforeAll(async () => {
  engine = await LocalEngine.create({ tables: [{ name: 'pts', rows: points as unknown as Record<string, unknown>[] }] });
});
afterAll(async () => engine?.close());

async function ids(adql: string): Promise<number[]> {
  const r = await engine.query(adql);
  return r.rows.map((row) => Number(row[0])).sort((a, b) => a - b);
}

/** Points so close to a boundary that float rounding may legitimately decide either way. */
const margin = 1e-7;

describe('cones', () => {
  const cones: [number, number, number][] = [
    [0.5, 0.5, 2],
    [359.5, -1, 2.5],
    [123, 89, 2],
    [303, 88, 3],
    [250, -89.5, 1.2],
    [10, -88.7, 1.5],
    [200, 10, 40],
  ];
  it.each(cones)('CIRCLE(%f, %f, %f) matches the reference', async (ra, dec, r) => {
    const got = await ids(`SELECT id FROM pts WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(${ra}, ${dec}, ${r}))`);
    const want = points.filter((p) => sep(p, { ra, dec }) <= r).map((p) => p.id);
    const unsure = new Set(points.filter((p) => Math.abs(sep(p, { ra, dec }) - r) < margin).map((p) => p.id));
    expect(got.filter((i) => !unsure.has(i))).toEqual(want.filter((i) => !unsure.has(i)));
    expect(want.length).toBeGreaterThan(0);
  });

  it('DISTANCE matches the reference to 1e-9 deg', async () => {
    const r = await engine.query('SELECT id, DISTANCE(POINT(ra, dec), POINT(0.2, 89.9)) AS d FROM pts');
    for (const [id, d] of r.rows) expect(Math.abs((d as number) - sep(points[Number(id) - 1]!, { ra: 0.2, dec: 89.9 }))).toBeLessThan(1e-9);
  });
});

describe('polygons', () => {
  const polygons: [string, [number, number][]][] = [
    [
      'across RA 0',
      [
        [358, -2],
        [2, -2],
        [2, 2],
        [358, 2],
      ],
    ],
    [
      'around the north pole',
      [
        [0, 87],
        [90, 87],
        [180, 87],
        [270, 87],
      ],
    ],
    [
      'triangle around the south pole',
      [
        [0, -88],
        [120, -88],
        [240, -88],
      ],
    ],
    [
      'concave, across RA 0',
      [
        [357, -3],
        [3, -3],
        [3, 3],
        [0, 0],
        [357, 3],
      ],
    ],
    [
      'clockwise',
      [
        [358, 2],
        [2, 2],
        [2, -2],
        [358, -2],
      ],
    ],
  ];
  it.each(polygons)('%s matches the reference', async (_label, verts) => {
    const got = await ids(`SELECT id FROM pts WHERE 1 = CONTAINS(POINT(ra, dec), POLYGON(${verts.flat().join(', ')}))`);
    const want = points.filter((p) => inPolygon(p, verts)).map((p) => p.id);
    expect(want.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });

  it('AREA of an octant, a polar cap circle and a BOX', async () => {
    const r = await engine.query(
      'SELECT AREA(POLYGON(0, 0, 90, 0, 0, 90)) AS o, AREA(CIRCLE(0, 90, 10)) AS c, AREA(BOX(180, 0, 2, 2)) AS b FROM pts WHERE id = 1',
    );
    const [o, c, b] = r.rows[0] as number[];
    expect(o).toBeCloseTo(41252.96125 / 8, 6);
    expect(c).toBeCloseTo((2 * Math.PI * (1 - Math.cos(10 * RAD))) / RAD ** 2, 6);
    expect(b).toBeGreaterThan(3.99);
    expect(b).toBeLessThan(4.01);
  });

  it('CENTROID, COORD1 normalisation and geometry values', async () => {
    const r = await engine.query(
      'SELECT COORD1(POINT(370, 10)) AS c1, COORD1(CENTROID(POLYGON(359, -1, 1, -1, 1, 1, 359, 1))) AS cx, COORD2(CENTROID(CIRCLE(5, -60, 1))) AS cy, POINT(-10, 5) AS p FROM pts WHERE id = 1',
    );
    const [c1, cx, cy, p] = r.rows[0] as [number, number, number, number[]];
    expect(c1).toBeCloseTo(10, 12);
    expect(Math.min(cx, 360 - cx)).toBeLessThan(1e-9);
    expect(cy).toBe(-60);
    expect(p).toEqual([350, 5]);
  });
});

describe('crossmatch joins', () => {
  it.each([0.05, 0.3, 1.5])('self-crossmatch within %f deg finds exactly the reference pairs', async (r) => {
    const got = await engine.query(
      `SELECT a.id, b.id FROM pts AS a JOIN pts AS b ON DISTANCE(POINT(a.ra, a.dec), POINT(b.ra, b.dec)) < ${r} WHERE a.id < b.id`,
    );
    let want = 0;
    let unsure = 0;
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const d = sep(points[i]!, points[j]!);
        if (Math.abs(d - r) < margin) unsure++;
        else if (d < r) want++;
      }
    }
    expect(want).toBeGreaterThan(100);
    expect(Math.abs(got.rows.length - want)).toBeLessThanOrEqual(unsure);
    // no duplicates from the cell expansion
    expect(new Set(got.rows.map((row) => `${row[0]}-${row[1]}`)).size).toBe(got.rows.length);
  });

  it('the CONTAINS form and SELECT * (cell columns stay hidden)', async () => {
    const r = await engine.query(
      'SELECT * FROM pts AS a JOIN pts AS b ON 1 = CONTAINS(POINT(a.ra, a.dec), CIRCLE(b.ra, b.dec, 0.2)) WHERE a.id = 1',
    );
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'ra', 'dec', 'id', 'ra', 'dec']);
    const want = points.filter((p) => sep(p, points[0]!) <= 0.2).length;
    expect(r.rows.length).toBe(want);
  });
});
