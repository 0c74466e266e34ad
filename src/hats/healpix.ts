/**
 * HEALPix in the NESTED scheme (Górski et al. 2005), the pixelisation HATS partitions by: angle <->
 * pixel, and conservative pixel coverage of discs and polygons. Angles are ICRS degrees (RA, Dec).
 *
 * Pixels of order k (nside = 2^k) are numbers for k <= 24 (12·4^24 < 2^53); the order-29 pixel that
 * HATS stores as `_healpix_29` needs a bigint (`ang2pix29`). A pixel p of order k holds the order-29
 * pixels [p·4^(29-k), (p+1)·4^(29-k)).
 */

export const MAX_ORDER = 29;
/** Highest order whose pixel numbers are exact JavaScript numbers. */
export const MAX_NUMBER_ORDER = 24;

export class HealpixError extends Error {
  override name = 'HealpixError';
}

const HALF_PI = Math.PI / 2;
const RAD = Math.PI / 180;
/** Ring offset and longitude offset of each base face (faces 0-3 north, 4-7 equator, 8-11 south). */
const JRLL = [2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4];
const JPLL = [1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7];

function checkOrder(order: number, max: number): void {
  if (!Number.isInteger(order) || order < 0 || order > max) {
    throw new HealpixError(`HEALPix order ${order} is out of range: use an integer from 0 to ${max}`);
  }
}

function checkAngle(ra: number, dec: number): void {
  if (!Number.isFinite(ra) || !Number.isFinite(dec) || dec < -90 || dec > 90) {
    throw new HealpixError(`(${ra}, ${dec}) is not a sky position: RA must be finite and Dec within [-90, 90] degrees`);
  }
}

/** Face and in-face coordinates (x, y < 2^order) of the pixel holding (ra, dec). */
function angToXyf(order: number, ra: number, dec: number): [face: number, ix: number, iy: number] {
  checkAngle(ra, dec);
  const nside = 2 ** order;
  // The same arithmetic as healpy (colatitude, radians, then z = cos θ) so points within an ulp of a
  // pixel edge, e.g. RA 360 - 1e-12, land in the same pixel.
  const theta = HALF_PI - dec * RAD;
  const z = Math.cos(theta);
  const za = Math.abs(z);
  const turns = (ra * RAD) / HALF_PI;
  let tt = turns >= 0 && turns < 4 ? turns : turns - 4 * Math.floor(turns / 4); // in [0, 4)
  if (tt >= 4) tt = 0;
  if (za <= 2 / 3) {
    const t1 = nside * (0.5 + tt);
    const t2 = nside * z * 0.75;
    const jp = Math.floor(t1 - t2); // ascending edge line index
    const jm = Math.floor(t1 + t2); // descending edge line index
    const ifp = Math.floor(jp / nside);
    const ifm = Math.floor(jm / nside);
    const face = ifp === ifm ? (ifp % 4) + 4 : ifp < ifm ? ifp % 4 : (ifm % 4) + 8;
    return [face, jm % nside, nside - (jp % nside) - 1];
  }
  const ntt = Math.min(3, Math.floor(tt));
  const tp = tt - ntt;
  // nside·sqrt(3(1-|z|)); near the poles written with sin θ so it stays accurate.
  const tmp = za < 0.99 ? nside * Math.sqrt(3 * (1 - za)) : (nside * Math.sin(theta)) / Math.sqrt((1 + za) / 3);
  const jp = Math.min(nside - 1, Math.floor(tp * tmp));
  const jm = Math.min(nside - 1, Math.floor((1 - tp) * tmp));
  return z >= 0 ? [ntt, nside - jm - 1, nside - jp - 1] : [ntt + 8, jp, jm];
}

/** Interleaves the bits of x (even positions) and y (odd): returned as [high, low 32 bits]. */
function interleave(x: number, y: number): [number, number] {
  const lo = spread16(x & 0xffff) + 2 * spread16(y & 0xffff);
  const hi = spread16(Math.floor(x / 65536)) + 2 * spread16(Math.floor(y / 65536));
  return [hi, lo];
}

/** The bits of a 16-bit integer spread to even positions (0b1011 -> 0b1000101). */
function spread16(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

/** The inverse of spread16: the even bits of a value below 2^32, packed. */
function compact32(v: number): number {
  let x = (v >>> 0) & 0x55555555;
  x = (x | (x >>> 1)) & 0x33333333;
  x = (x | (x >>> 2)) & 0x0f0f0f0f;
  x = (x | (x >>> 4)) & 0x00ff00ff;
  x = (x | (x >>> 8)) & 0x0000ffff;
  return x;
}

/** NESTED pixel of order <= 24 holding (ra, dec) in degrees. */
export function ang2pix(order: number, ra: number, dec: number): number {
  checkOrder(order, MAX_NUMBER_ORDER);
  const [face, ix, iy] = angToXyf(order, ra, dec);
  const [hi, lo] = interleave(ix, iy);
  return face * 4 ** order + hi * 2 ** 32 + lo;
}

/** The order-29 NESTED pixel (HATS `_healpix_29`) holding (ra, dec) in degrees. */
export function ang2pix29(ra: number, dec: number): bigint {
  const [face, ix, iy] = angToXyf(MAX_ORDER, ra, dec);
  const [hi, lo] = interleave(ix, iy);
  return (BigInt(face) << 58n) + (BigInt(hi) << 32n) + BigInt(lo);
}

function pixToXyf(order: number, pix: number | bigint): [face: number, ix: number, iy: number] {
  checkOrder(order, MAX_ORDER);
  const npface = 4 ** order;
  if (typeof pix === 'number' && Number.isSafeInteger(pix)) {
    if (pix < 0 || pix >= 12 * npface) throw new HealpixError(`pixel ${pix} does not exist at order ${order} (0 to ${12 * npface - 1})`);
    const face = Math.floor(pix / npface);
    const rem = pix - face * npface;
    const lo = rem % 2 ** 32;
    const hi = Math.floor(rem / 2 ** 32);
    return [face, compact32(lo) + 65536 * compact32(hi), compact32(Math.floor(lo / 2)) + 65536 * compact32(Math.floor(hi / 2))];
  }
  const big = BigInt(pix);
  const bigFace = 1n << BigInt(2 * order);
  if (big < 0n || big >= 12n * bigFace)
    throw new HealpixError(`pixel ${pix} does not exist at order ${order} (0 to ${12n * bigFace - 1n})`);
  const face = Number(big / bigFace);
  const rem = big % bigFace;
  const lo = Number(rem & 0xffffffffn);
  const hi = Number(rem >> 32n);
  return [face, compact32(lo) + 65536 * compact32(hi), compact32(Math.floor(lo / 2)) + 65536 * compact32(Math.floor(hi / 2))];
}

/**
 * Centres of the order-`fine` pixels along the edge of pixel `pix` of order `order` (fine > order):
 * every point of the pixel's boundary lies within maxPixelRadius(fine) of one of them.
 */
export function boundaryCentres(order: number, pix: number, fine: number): Array<[ra: number, dec: number]> {
  checkOrder(fine, MAX_NUMBER_ORDER);
  if (fine <= order) throw new HealpixError(`boundary order ${fine} must be finer than the pixel's order ${order}`);
  const [face, ix, iy] = pixToXyf(order, pix);
  const s = 2 ** (fine - order);
  const [x0, y0] = [ix * s, iy * s];
  const out: Array<[number, number]> = [];
  const add = (x: number, y: number) => {
    const [hi, lo] = interleave(x, y);
    out.push(pix2ang(fine, face * 4 ** fine + hi * 2 ** 32 + lo));
  };
  for (let i = 0; i < s; i++) {
    add(x0 + i, y0);
    add(x0 + i, y0 + s - 1);
    if (i > 0 && i < s - 1) {
      add(x0, y0 + i);
      add(x0 + s - 1, y0 + i);
    }
  }
  return out;
}

/** Centre of a NESTED pixel as [ra, dec] in degrees (ra in [0, 360)). */
export function pix2ang(order: number, pix: number | bigint): [ra: number, dec: number] {
  const [face, ix, iy] = pixToXyf(order, pix);
  const nside = 2 ** order;
  const jr = JRLL[face]! * nside - ix - iy - 1;
  let nr: number;
  let dec: number;
  if (jr < nside) {
    nr = jr;
    dec = 90 - (2 * Math.asin(nr / (Math.sqrt(6) * nside))) / RAD; // z = 1 - nr²/(3 nside²)
  } else if (jr > 3 * nside) {
    nr = 4 * nside - jr;
    dec = -90 + (2 * Math.asin(nr / (Math.sqrt(6) * nside))) / RAD;
  } else {
    nr = nside;
    dec = Math.asin(((2 * nside - jr) * 2) / (3 * nside)) / RAD;
  }
  let t = JPLL[face]! * nr + ix - iy;
  if (t < 0) t += 8 * nr;
  const phi = (HALF_PI * t) / (2 * nr);
  const ra = (phi / RAD) % 360;
  return [ra, dec];
}

/**
 * An upper bound (degrees) of the distance from a pixel's centre to any point of it at this order:
 * the largest centre-to-corner distance over the sphere (Healpix_Base::max_pixrad), widened by 10%
 * because pixel edges are curves, so coverage stays conservative.
 */
export function maxPixelRadius(order: number): number {
  checkOrder(order, MAX_ORDER);
  const nside = 2 ** order;
  const a = vec(2 / 3, Math.PI / (4 * nside));
  const t1 = (1 - 1 / nside) ** 2;
  const b = vec(1 - t1 / 3, 0);
  return 1.1 * angle(a, b);
}

type Vec3 = [number, number, number];

function vec(z: number, phi: number): Vec3 {
  const s = Math.sqrt(Math.max(0, 1 - z * z));
  return [s * Math.cos(phi), s * Math.sin(phi), z];
}

function toVec(ra: number, dec: number): Vec3 {
  const c = Math.cos(dec * RAD);
  return [c * Math.cos(ra * RAD), c * Math.sin(ra * RAD), Math.sin(dec * RAD)];
}

/** Angle between two unit vectors in degrees (atan2 form: accurate at 0 and 180). */
function angle(a: Vec3, b: Vec3): number {
  const cx = a[1] * b[2] - a[2] * b[1];
  const cy = a[2] * b[0] - a[0] * b[2];
  const cz = a[0] * b[1] - a[1] * b[0];
  return Math.atan2(Math.hypot(cx, cy, cz), a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / RAD;
}

/** Great-circle distance in degrees between two sky positions. */
export function angularDistance(ra1: number, dec1: number, ra2: number, dec2: number): number {
  return angle(toVec(ra1, dec1), toVec(ra2, dec2));
}

/** A sky disc: centre and radius in degrees. */
export interface Cap {
  ra: number;
  dec: number;
  radius: number;
}

/**
 * The NESTED pixels of `order` that may hold a point of the disc, sorted: every pixel that
 * intersects it is listed (some that only come near may be too). Walks down from the 12 base
 * pixels, keeping a pixel while the disc reaches within its bounding radius.
 */
export function coverCap(order: number, cap: Cap): number[] {
  checkOrder(order, MAX_NUMBER_ORDER);
  checkAngle(cap.ra, cap.dec);
  if (!(cap.radius >= 0)) throw new HealpixError(`disc radius ${cap.radius} must be a non-negative number of degrees`);
  if (cap.radius >= 180) return allPixels(order);
  const centre = toVec(cap.ra, cap.dec);
  const inside: number[] = [];
  let level = Array.from({ length: 12 }, (_, i) => i);
  for (let o = 0; ; o++) {
    const pixrad = maxPixelRadius(o);
    const next: number[] = [];
    for (const p of level) {
      const [ra, dec] = pix2ang(o, p);
      const d = angle(centre, toVec(ra, dec));
      if (d + pixrad <= cap.radius) {
        // Wholly inside: all its descendants are, without testing them.
        const scale = 4 ** (order - o);
        for (let q = p * scale; q < (p + 1) * scale; q++) inside.push(q);
      } else if (d <= cap.radius + pixrad) next.push(p);
    }
    if (o === order) return [...inside, ...next].sort((a, b) => a - b);
    level = next.flatMap((p) => [4 * p, 4 * p + 1, 4 * p + 2, 4 * p + 3]);
  }
}

/** Every pixel of an order (a full-sky coverage). */
export function allPixels(order: number): number[] {
  checkOrder(order, MAX_NUMBER_ORDER);
  return Array.from({ length: 12 * 4 ** order }, (_, i) => i);
}

/**
 * A disc holding a spherical polygon (edges are great-circle arcs, the polygon is the smaller region
 * they bound): centred on the normalised mean of the vertices, reaching the farthest one. A polygon
 * inside a hemisphere lies in the convex hull of its vertices, which such a cap contains while its
 * radius is below 90 degrees; beyond that the whole sky is returned.
 */
export function polygonCap(vertices: Array<[ra: number, dec: number]>): Cap {
  if (vertices.length < 3) throw new HealpixError('a polygon needs at least three vertices');
  const vs = vertices.map(([ra, dec]) => {
    checkAngle(ra, dec);
    return toVec(ra, dec);
  });
  const sum = vs.reduce<Vec3>((s, v) => [s[0] + v[0], s[1] + v[1], s[2] + v[2]], [0, 0, 0]);
  const norm = Math.hypot(...sum);
  if (norm < 1e-9) return { ra: 0, dec: 0, radius: 180 };
  const c: Vec3 = [sum[0] / norm, sum[1] / norm, sum[2] / norm];
  const radius = Math.max(...vs.map((v) => angle(c, v)));
  const ra = (((Math.atan2(c[1], c[0]) / RAD) % 360) + 360) % 360;
  const dec = Math.asin(Math.max(-1, Math.min(1, c[2]))) / RAD;
  return radius < 90 ? { ra, dec, radius } : { ra, dec, radius: 180 };
}

/** Pixels of `order` that may hold a point of the polygon (conservative, sorted). */
export function coverPolygon(order: number, vertices: Array<[ra: number, dec: number]>): number[] {
  return coverCap(order, polygonCap(vertices));
}

/** The order-29 pixels a pixel of `order` holds, as a half-open range [first, end). */
export function pixelRange29(order: number, pix: number): [first: bigint, end: bigint] {
  checkOrder(order, MAX_ORDER);
  const shift = BigInt(2 * (MAX_ORDER - order));
  return [BigInt(pix) << shift, (BigInt(pix) + 1n) << shift];
}
