/**
 * Sky geometry on the unit sphere, in degrees, emitted as SQL through the symbolic scalars of
 * sql-num.ts. Shapes follow ADQL/pgSphere semantics: polygon edges are great-circle arcs, a polygon
 * is the smaller of the two regions its edges bound (vertex order does not matter), BOX is the
 * polygon of its four corners (as DaCHS does), boundaries count as inside.
 */
import {
  type Cond,
  type Num,
  add,
  and,
  asin,
  atan2,
  cmp,
  cos,
  degrees,
  div,
  isConstant,
  least,
  mul,
  not,
  or,
  radians,
  sin,
  sqrt,
  sub,
  sum,
  abs,
  sql as sqlNum,
} from './sql-num.js';

export interface SkyPoint {
  type: 'point';
  lon: Num;
  lat: Num;
}
export interface SkyCircle {
  type: 'circle';
  center: SkyPoint;
  radius: Num;
}
export interface SkyPolygon {
  type: 'polygon';
  vertices: SkyPoint[];
}
export type Shape = SkyPoint | SkyCircle | SkyPolygon;

type Vec = [Num, Num, Num];

export class GeometryError extends Error {
  override name = 'GeometryError';
}

const sq = (a: Num): Num => mul(a, a);

export function vec(p: SkyPoint): Vec {
  const lon = radians(p.lon);
  const lat = radians(p.lat);
  const cl = cos(lat);
  return [mul(cl, cos(lon)), mul(cl, sin(lon)), sin(lat)];
}

const dot = (a: Vec, b: Vec): Num => sum([mul(a[0], b[0]), mul(a[1], b[1]), mul(a[2], b[2])]);
const cross = (a: Vec, b: Vec): Vec => [
  sub(mul(a[1], b[2]), mul(a[2], b[1])),
  sub(mul(a[2], b[0]), mul(a[0], b[2])),
  sub(mul(a[0], b[1]), mul(a[1], b[0])),
];
const vadd = (a: Vec, b: Vec): Vec => [add(a[0], b[0]), add(a[1], b[1]), add(a[2], b[2])];
const isConstVec = (v: Vec): v is [number, number, number] => v.every(isConstant);
const isConstPoint = (p: SkyPoint): boolean => isConstant(p.lon) && isConstant(p.lat);

/** Haversine term of the angular distance: hav(d) = sin^2(d/2). Accurate at small separations. */
function hav(p: SkyPoint, q: SkyPoint): Num {
  const dLat = sin(mul(radians(sub(q.lat, p.lat)), 0.5));
  const dLon = sin(mul(radians(sub(q.lon, p.lon)), 0.5));
  return add(sq(dLat), mul(mul(cos(radians(p.lat)), cos(radians(q.lat))), sq(dLon)));
}

/** sin^2(r/2) for a radius in degrees: the haversine threshold of a circle. */
const havOfRadius = (r: Num): Num => sq(sin(mul(radians(r), 0.5)));

/** Angular distance in degrees. */
export function distance(p: SkyPoint, q: SkyPoint): Num {
  return degrees(mul(2, asin(sqrt(least(1, hav(p, q))))));
}

/** Longitude normalised into [0, 360) as pgSphere reports it. */
export function normalizedLon(lon: Num): Num {
  if (isConstant(lon)) return ((lon % 360) + 360) % 360;
  return `CASE WHEN (${lon}) >= 0 AND (${lon}) < 360 THEN (${lon}) ELSE ((${lon}) % 360 + 360) % 360 END`;
}

// -------------------------------------------------------------------------------------------
// Cheap bounding prefilters: conjuncts that use only comparisons on the point's coordinates, so the
// engine can skip row groups and use range joins; the exact test follows them.

/** Rows whose point may lie in the cap (center, radius); empty when nothing cheap applies. */
export function capPrefilter(p: SkyPoint, center: SkyPoint, radius: Num): Cond[] {
  if (isConstant(p.lat) && isConstant(p.lon)) return [];
  const conds: Cond[] = [cmp(p.lat, '>=', sub(center.lat, radius)), cmp(p.lat, '<=', add(center.lat, radius))];
  if (isConstant(center.lat) && isConstant(center.lon) && isConstant(radius)) {
    const top = Math.abs(center.lat) + radius;
    if (top < 89.9 && radius < 90) {
      const halfWidth =
        (Math.asin(Math.min(1, Math.sin((radius * Math.PI) / 180) / Math.cos((center.lat * Math.PI) / 180))) * 180) / Math.PI + 1e-9;
      const lo = center.lon - halfWidth;
      // (lon - lo) mod 360 in [0, 2*halfWidth]: right across RA 0/360 and for any longitude range.
      conds.push(`((((${p.lon}) - ${sqlNum(lo)}) % 360) + 360) % 360 <= ${sqlNum(2 * halfWidth)}`);
    }
  }
  return conds;
}

// -------------------------------------------------------------------------------------------
// Polygons

interface PolygonInfo {
  vectors: Vec[];
  /** Sum of the vertex vectors: points the way of the polygon's (smaller) side. */
  inward: Vec;
  /** For constant convex polygons: orientation sign making every edge normal point inwards. */
  convexSign?: 1 | -1;
}

function polygonInfo(poly: SkyPolygon): PolygonInfo {
  if (poly.vertices.length < 3) throw new GeometryError('a POLYGON needs at least three vertices');
  const vectors = poly.vertices.map(vec);
  const inward = vectors.reduce(vadd);
  if (!vectors.every(isConstVec)) return { vectors, inward };
  const v = vectors as [number, number, number][];
  const n = v.length;
  const crossN = (a: [number, number, number], b: [number, number, number]) => cross(a, b) as [number, number, number];
  const dotN = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  for (let i = 0; i < n; i++) {
    if (dotN(v[i]!, v[(i + 1) % n]!) < -1 + 1e-12) {
      throw new GeometryError('a POLYGON edge joins antipodal vertices; its great circle is undefined');
    }
  }
  checkSimple(v);
  let sign: 1 | -1 | undefined;
  for (let i = 0; i < n; i++) {
    const normal = crossN(v[i]!, v[(i + 1) % n]!);
    for (let j = 0; j < n; j++) {
      if (j === i || j === (i + 1) % n) continue;
      const s = dotN(normal, v[j]!);
      if (Math.abs(s) < 1e-15) continue;
      const here: 1 | -1 = s > 0 ? 1 : -1;
      if (sign === undefined) sign = here;
      else if (sign !== here) return { vectors, inward };
    }
  }
  if (sign === undefined) throw new GeometryError('a POLYGON with all vertices on one great circle has no area');
  return { vectors, inward, convexSign: sign };
}

/** Rejects self-crossing constant polygons (pgSphere refuses them too). */
function checkSimple(v: [number, number, number][]): void {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const c = arcsCross(v[i]!, v[(i + 1) % n]!, v[j]!, v[(j + 1) % n]!);
      if (c === true) throw new GeometryError(`POLYGON edges ${i + 1} and ${j + 1} cross: the polygon is not simple`);
    }
  }
}

/** True when the minor arcs a1-a2 and b1-b2 properly cross. */
function arcsCross(a1: Vec, a2: Vec, b1: Vec, b2: Vec): Cond {
  const n1 = cross(a1, a2);
  const n2 = cross(b1, b2);
  const x = cross(n1, n2);
  return and([
    cmp(mul(dot(n1, b1), dot(n1, b2)), '<', 0),
    cmp(mul(dot(n2, a1), dot(n2, a2)), '<', 0),
    cmp(mul(dot(x, vadd(a1, a2)), dot(x, vadd(b1, b2))), '>', 0),
  ]);
}

function vectorInPolygon(p: Vec, info: PolygonInfo): Cond {
  const { vectors } = info;
  const n = vectors.length;
  if (info.convexSign !== undefined) {
    const s = info.convexSign;
    return and(vectors.map((v, i) => cmp(mul(s, dot(cross(v, vectors[(i + 1) % n]!), p)), '>=', 0)));
  }
  // Winding angle of the boundary seen from p (on the tangent plane at p): +-2pi when the boundary
  // separates p from its antipode, 0 otherwise; the inward test picks the smaller region's side.
  const angles = vectors.map((v, i) => {
    const w = vectors[(i + 1) % n]!;
    return atan2(dot(cross(v, w), p), sub(dot(v, w), mul(dot(v, p), dot(w, p))));
  });
  return and([cmp(abs(sum(angles)), '>', Math.PI), cmp(dot(p, info.inward), '>', 0)]);
}

/** A bounding cap of a constant polygon: its normalised vertex mean and the largest vertex distance. */
function polygonCap(poly: SkyPolygon, info: PolygonInfo): { center: SkyPoint; radius: number } | undefined {
  if (!isConstVec(info.inward)) return undefined;
  const [x, y, z] = info.inward;
  const norm = Math.hypot(x, y, z);
  if (norm < 1e-9) return undefined;
  const center: SkyPoint = {
    type: 'point',
    lon: ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360,
    lat: (Math.asin(Math.max(-1, Math.min(1, z / norm))) * 180) / Math.PI,
  };
  let radius = 0;
  for (const v of poly.vertices) radius = Math.max(radius, distance(center, v) as number);
  return radius < 89 ? { center, radius: radius + 1e-7 } : undefined;
}

/** True when the minor arc a-b comes within r degrees of the point p. */
function arcNear(a: SkyPoint, b: SkyPoint, p: SkyPoint, r: Num): Cond {
  const h = havOfRadius(r);
  const va = vec(a);
  const vb = vec(b);
  const vp = vec(p);
  const n = cross(va, vb);
  const nLength = sqrt(dot(n, n));
  return or([
    cmp(hav(a, p), '<=', h),
    cmp(hav(b, p), '<=', h),
    and([
      cmp(abs(dot(n, vp)), '<=', mul(sin(radians(r)), nLength)),
      cmp(dot(cross(va, vp), n), '>=', 0),
      cmp(dot(cross(vp, vb), n), '>=', 0),
    ]),
  ]);
}

const edges = (poly: SkyPolygon): [SkyPoint, SkyPoint][] =>
  poly.vertices.map((v, i) => [v, poly.vertices[(i + 1) % poly.vertices.length]!]);

// -------------------------------------------------------------------------------------------
// Predicates

export function pointInCircle(p: SkyPoint, c: SkyCircle, prefilter = true): Cond {
  const exact = cmp(hav(p, c.center), '<=', havOfRadius(c.radius));
  return and([...(prefilter ? capPrefilter(p, c.center, c.radius) : []), exact]);
}

export function pointInPolygon(p: SkyPoint, poly: SkyPolygon): Cond {
  const info = polygonInfo(poly);
  const cap = isConstPoint(p) ? undefined : polygonCap(poly, info);
  const pre = cap ? capPrefilter(p, cap.center, cap.radius) : [];
  return and([...pre, vectorInPolygon(vec(p), info)]);
}

/** CONTAINS(a, b): a lies inside b. */
export function contains(a: Shape, b: Shape): Cond {
  switch (b.type) {
    case 'point':
      return a.type === 'point' ? cmp(hav(a, b), '<=', 1e-22) : false;
    case 'circle':
      switch (a.type) {
        case 'point':
          return pointInCircle(a, b);
        case 'circle':
          return cmp(add(distance(a.center, b.center), a.radius), '<=', b.radius);
        case 'polygon':
          return and(a.vertices.map((v) => pointInCircle(v, b, false)));
      }
      break;
    case 'polygon':
      switch (a.type) {
        case 'point':
          return pointInPolygon(a, b);
        case 'circle':
          return and([pointInPolygon(a.center, b), not(or(edges(b).map(([u, v]) => arcNear(u, v, a.center, a.radius))))]);
        case 'polygon': {
          const info = polygonInfo(b);
          const inside = a.vertices.map((v) => vectorInPolygon(vec(v), info));
          const crossings = edges(a).flatMap(([a1, a2]) => edges(b).map(([b1, b2]) => arcsCross(vec(a1), vec(a2), vec(b1), vec(b2))));
          return and([...inside, not(or(crossings))]);
        }
      }
  }
  throw new GeometryError('unsupported CONTAINS arguments');
}

/** INTERSECTS(a, b): the shapes share at least one point. */
export function intersects(a: Shape, b: Shape): Cond {
  if (a.type === 'point') return contains(a, b);
  if (b.type === 'point') return contains(b, a);
  if (a.type === 'circle' && b.type === 'circle') {
    return cmp(distance(a.center, b.center), '<=', add(a.radius, b.radius));
  }
  if (a.type === 'polygon' && b.type === 'circle') return intersects(b, a);
  if (a.type === 'circle' && b.type === 'polygon') {
    return or([pointInPolygon(a.center, b), ...edges(b).map(([u, v]) => arcNear(u, v, a.center, a.radius))]);
  }
  const pa = a as SkyPolygon;
  const pb = b as SkyPolygon;
  const infoA = polygonInfo(pa);
  const infoB = polygonInfo(pb);
  return or([
    ...pa.vertices.map((v) => vectorInPolygon(vec(v), infoB)),
    ...pb.vertices.map((v) => vectorInPolygon(vec(v), infoA)),
    ...edges(pa).flatMap(([a1, a2]) => edges(pb).map(([b1, b2]) => arcsCross(vec(a1), vec(a2), vec(b1), vec(b2)))),
  ]);
}

// -------------------------------------------------------------------------------------------
// Measures

const SQDEG_PER_SR = (180 / Math.PI) ** 2;

/** AREA in square degrees (the smaller region for polygons). */
export function area(s: Shape): Num {
  switch (s.type) {
    case 'point':
      return 0;
    case 'circle':
      return mul(2 * Math.PI * SQDEG_PER_SR, sub(1, cos(radians(s.radius))));
    case 'polygon': {
      const v = polygonInfo(s).vectors;
      const v0 = v[0]!;
      // Fan of spherical triangles (Van Oosterom & Strackee's tangent formula for each).
      const parts: Num[] = [];
      for (let i = 1; i + 1 < v.length; i++) {
        const a = v[i]!;
        const b = v[i + 1]!;
        const den = sum([1, dot(v0, a), dot(a, b), dot(b, v0)]);
        parts.push(mul(2, atan2(dot(v0, cross(a, b)), den)));
      }
      const sr = abs(sum(parts));
      return mul(SQDEG_PER_SR, least(sr, sub(4 * Math.PI, sr)));
    }
  }
}

/** CENTROID: a point itself, a circle's centre, a polygon's normalised vertex mean. */
export function centroid(s: Shape): SkyPoint {
  switch (s.type) {
    case 'point':
      return s;
    case 'circle':
      return s.center;
    case 'polygon': {
      const [x, y, z] = polygonInfo(s).inward;
      const norm = sqrt(sum([mul(x, x), mul(y, y), mul(z, z)]));
      return {
        type: 'point',
        lon: normalizedLon(degrees(atan2(y, x))),
        lat: degrees(asin(div(z, norm))),
      };
    }
  }
}
