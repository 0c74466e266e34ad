/**
 * The HEALPix module against healpy (Debian's python3-healpy) on random points and regions, poles
 * and RA 0/360 included: ang2pix/pix2ang NESTED at several orders (29 too), and coverage that holds
 * every pixel healpy finds in the region.
 */
import { describe, expect, it } from 'vitest';
import { HealpixError, ang2pix, ang2pix29, angularDistance, coverCap, coverPolygon, pix2ang, pixelRange29 } from '../../src/hats/index.js';
import { seeded } from '../support/seeded.js';
import { healpyProblem, runHealpy, skyPoints } from './healpy-peer.js';

const problem = healpyProblem();
if (problem) console.log(`skipping the healpy comparisons: ${problem}`);
const withHealpy = problem ? describe.skip : describe;

withHealpy('HEALPix NESTED against healpy', () => {
  const points = skyPoints(3000, seeded(19));

  it('ang2pix matches at orders 0, 1, 5, 12, 18, 24 and 29', () => {
    const orders = [0, 1, 5, 12, 18, 24];
    const theirs = runHealpy<{ small: number[][]; o29: string[] }>(
      `ra = np.array([p[0] for p in data]); dec = np.array([p[1] for p in data])
small = [hp.ang2pix(2**o, ra, dec, nest=True, lonlat=True).tolist() for o in ${JSON.stringify(orders)}]
o29 = [str(int(v)) for v in hp.ang2pix(2**29, ra, dec, nest=True, lonlat=True)]
print(json.dumps({"small": small, "o29": o29}))`,
      points,
    );
    orders.forEach((order, k) => {
      expect(points.map(([ra, dec]) => ang2pix(order, ra, dec))).toEqual(theirs.small[k]);
    });
    const ours29 = points.map(([ra, dec]) => ang2pix29(ra, dec).toString());
    const mismatches = ours29.filter((v, i) => v !== theirs.o29[i]).length;
    // Order-29 pixels are 4e-10 rad wide: a point within an ulp of an edge may round either way.
    expect(mismatches).toBeLessThanOrEqual(1);
  });

  it('pix2ang gives the same pixel centres, at order 29 too', () => {
    const random = seeded(7);
    const cases: Array<[number, number]> = [];
    for (const order of [0, 3, 10, 20, 24]) for (let i = 0; i < 200; i++) cases.push([order, Math.floor(random() * 12 * 4 ** order)]);
    const theirs = runHealpy<number[][]>('print(json.dumps([list(hp.pix2ang(2**o, p, nest=True, lonlat=True)) for o, p in data]))', cases);
    cases.forEach(([order, pix], i) => {
      const [ra, dec] = pix2ang(order, pix);
      expect(angularDistance(ra, dec, theirs[i]![0]!, theirs[i]![1]!)).toBeLessThan(1e-9);
    });
    const big = points.slice(0, 200).map(([ra, dec]) => ang2pix29(ra, dec));
    const theirs29 = runHealpy<number[][]>(
      'print(json.dumps([list(hp.pix2ang(2**29, int(p), nest=True, lonlat=True)) for p in data]))',
      big.map(String),
    );
    big.forEach((pix, i) => {
      const [ra, dec] = pix2ang(29, pix);
      expect(angularDistance(ra, dec, theirs29[i]![0]!, theirs29[i]![1]!)).toBeLessThan(1e-9);
    });
  });

  it('disc coverage holds every pixel healpy finds in the disc (inclusive), and not many more', () => {
    const random = seeded(3);
    const discs: Array<[number, number, number, number]> = [
      [0, 90, 5, 6],
      [359.99, -89.5, 2, 8],
      [0, 0, 1, 10],
      [180, 30, 40, 3],
    ];
    for (let i = 0; i < 40; i++) {
      const [ra, dec] = skyPoints(1, random).at(-1)!;
      discs.push([ra, dec, 0.01 + random() * 20, Math.floor(random() * 11)]);
    }
    const theirs = runHealpy<number[][]>(
      `out = []
for ra, dec, r, o in data:
    v = hp.ang2vec(ra, dec, lonlat=True)
    out.append(hp.query_disc(2**o, v, np.radians(r), inclusive=True, nest=True).tolist())
print(json.dumps(out))`,
      discs,
    );
    discs.forEach(([ra, dec, radius, order], i) => {
      const ours = new Set(coverCap(order, { ra, dec, radius }));
      const missing = theirs[i]!.filter((p) => !ours.has(p));
      expect(missing, `disc ${[ra, dec, radius, order]}`).toEqual([]);
      expect(ours.size).toBeLessThanOrEqual(Math.max(12, 4 * theirs[i]!.length));
    });
  });

  it('polygon coverage holds the pixel of every point healpy draws inside the polygon', () => {
    const random = seeded(11);
    const polygons: Array<{ order: number; vertices: Array<[number, number]> }> = [
      {
        order: 6,
        vertices: [
          [359, -1],
          [1, -1],
          [1, 1],
          [359, 1],
        ],
      },
      {
        order: 4,
        vertices: [
          [0, 80],
          [120, 80],
          [240, 80],
        ],
      },
      {
        order: 5,
        vertices: [
          [10, -89],
          [130, -89],
          [250, -89],
        ],
      },
    ];
    for (let i = 0; i < 20; i++) {
      const [ra, dec] = skyPoints(1, random).at(-1)!;
      const size = 0.1 + random() * 10;
      const decs = [dec - size, dec + size].map((d) => Math.max(-89.9, Math.min(89.9, d)));
      polygons.push({
        order: Math.floor(random() * 10),
        vertices: [
          [ra - size, decs[0]!],
          [ra + size, decs[0]!],
          [ra + size * 0.2, decs[1]!],
        ],
      });
    }
    const theirs = runHealpy<number[][]>(
      `out = []
for poly in data:
    vs = np.array([hp.ang2vec(ra, dec, lonlat=True) for ra, dec in poly["vertices"]])
    out.append(hp.query_polygon(2**poly["order"], vs, inclusive=True, nest=True).tolist())
print(json.dumps(out))`,
      polygons,
    );
    polygons.forEach(({ order, vertices }, i) => {
      const ours = new Set(coverPolygon(order, vertices));
      expect(
        theirs[i]!.filter((p) => !ours.has(p)),
        `polygon ${JSON.stringify(vertices)}`,
      ).toEqual([]);
    });
  });
});

describe('HEALPix input checks and ranges', () => {
  it('rejects bad orders, positions and pixels with a clear message', () => {
    expect(() => ang2pix(25, 0, 0)).toThrow(HealpixError);
    expect(() => ang2pix(3, 0, 91)).toThrow(/Dec within \[-90, 90\]/);
    expect(() => pix2ang(0, 12)).toThrow(/does not exist at order 0/);
  });

  it('an order-k pixel holds the order-29 pixels of its points', () => {
    const random = seeded(5);
    for (const [ra, dec] of skyPoints(200, random)) {
      for (const order of [0, 4, 11]) {
        const [first, end] = pixelRange29(order, ang2pix(order, ra, dec));
        const p29 = ang2pix29(ra, dec);
        expect(p29 >= first && p29 < end).toBe(true);
      }
    }
  });
});
