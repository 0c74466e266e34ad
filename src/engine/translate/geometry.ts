/**
 * ADQL geometry -> DuckDB SQL. Geometry is compiled structurally (see sphere.ts): a POINT, CIRCLE,
 * POLYGON or BOX in the query becomes a shape whose coordinates are SQL scalars, and CONTAINS,
 * INTERSECTS and DISTANCE become plain arithmetic conditions with a cheap bounding prefilter in front.
 */
import type * as A from '../../adql/index.js';
import { geometryOf } from './catalog.js';
import type { NotTranslatable } from './coverage.js';
import { TranslateError } from './errors.js';
import type { Scope } from './scope.js';
import * as S from './sphere.js';
import { type Cond, type Num, not, sql as numSql } from './sql-num.js';
import { type Value, type ValueTranslator, unparen } from './values.js';

/** Translates one geometry call; `arg(i)` translates argument i (an error when it is missing). */
type GeometryTranslation = (e: A.GeometryCall, arg: (i: number) => Value, t: ValueTranslator, scope: Scope) => Value;

/** One entry per ADQL geometry function: how the local engine computes it, or why it cannot. */
export const GEOMETRY_TRANSLATIONS: Record<A.GeometryFunctionName, GeometryTranslation | NotTranslatable> = {
  POINT: (e, arg) => {
    arity(e, 2);
    return { kind: 'shape', shape: { type: 'point', lon: num(arg(0)), lat: num(arg(1)) } };
  },
  CIRCLE: (e, arg) => {
    if (e.args.length === 2) return { kind: 'shape', shape: { type: 'circle', center: point(arg(0), e), radius: num(arg(1)) } };
    arity(e, 3);
    const center: S.SkyPoint = { type: 'point', lon: num(arg(0)), lat: num(arg(1)) };
    return { kind: 'shape', shape: { type: 'circle', center, radius: num(arg(2)) } };
  },
  BOX: (e, arg) => {
    if (e.args.length === 3) throw new TranslateError('BOX with a POINT centre is not supported; use BOX(ra, dec, width, height)', e.range);
    arity(e, 4);
    const [x, y, w, h] = [0, 1, 2, 3].map((i) => num(arg(i))) as [Num, Num, Num, Num];
    return { kind: 'shape', shape: box(x, y, w, h) };
  },
  POLYGON: (e, arg) => {
    const values = e.args.map((_, i) => arg(i));
    const vertices: S.SkyPoint[] = values.every((v) => v.kind === 'shape')
      ? values.map((v) => point(v, e))
      : pairs(
          values.map((v) => num(v)),
          e,
        );
    if (vertices.length < 3) throw new TranslateError('POLYGON needs at least three vertices', e.range);
    return { kind: 'shape', shape: { type: 'polygon', vertices } };
  },
  DISTANCE: (e, _arg, t, scope) => {
    const [p, q] = distancePoints(e, t, scope);
    return { kind: 'scalar', sql: numSql(S.distance(p, q)) };
  },
  CONTAINS: (e, arg) => {
    arity(e, 2);
    return { kind: 'predicate', cond: S.contains(shape(arg(0), e), shape(arg(1), e)) };
  },
  INTERSECTS: (e, arg) => {
    arity(e, 2);
    return { kind: 'predicate', cond: S.intersects(shape(arg(0), e), shape(arg(1), e)) };
  },
  AREA: (e, arg) => ({ kind: 'scalar', sql: numSql(S.area(shape(arg(0), e))) }),
  CENTROID: (e, arg) => ({ kind: 'shape', shape: S.centroid(shape(arg(0), e)) }),
  COORD1: (e, arg) => ({ kind: 'scalar', sql: numSql(S.normalizedLon(point(arg(0), e).lon)) }),
  COORD2: (e, arg) => ({ kind: 'scalar', sql: numSql(point(arg(0), e).lat) }),
  COORDSYS: () => ({ kind: 'scalar', sql: `'ICRS'` }),
  REGION: { notTranslatable: 'REGION is not supported by the local engine: write the shape with POINT, CIRCLE, BOX or POLYGON' },
};

export function translateGeometryCall(e: A.GeometryCall, t: ValueTranslator, scope: Scope): Value {
  const translation = GEOMETRY_TRANSLATIONS[e.name];
  if (typeof translation !== 'function') throw new TranslateError(translation.notTranslatable, e.range);
  const arg = (i: number) => {
    const a = e.args[i];
    if (!a) throw new TranslateError(`${e.name} needs more arguments`, e.range);
    return t.value(a, scope);
  };
  try {
    return translation(e, arg, t, scope);
  } catch (err) {
    if (err instanceof S.GeometryError) throw new TranslateError(`${e.name}: ${err.message}`, e.range);
    throw err;
  }
}

/** DISTANCE(p, q) < r and its mirrors: a cone test with a bounding prefilter (DaCHS rewrites it the same way). */
export function distanceComparison(c: A.Comparison, t: ValueTranslator, scope: Scope): Cond | undefined {
  const isDistance = (e: A.ValueExpression): e is A.GeometryCall =>
    unparen(e).kind === 'GeometryCall' && (unparen(e) as A.GeometryCall).name === 'DISTANCE';
  let call: A.GeometryCall;
  let limit: A.ValueExpression;
  let op: string = c.op;
  if (isDistance(c.left)) {
    call = unparen(c.left) as A.GeometryCall;
    limit = c.right;
  } else if (isDistance(c.right)) {
    call = unparen(c.right) as A.GeometryCall;
    limit = c.left;
    op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
  } else return undefined;
  if (!['<', '<=', '>', '>='].includes(op)) return undefined;
  const [p, q] = distancePoints(call, t, scope);
  const r = num(t.value(limit, scope));
  const inside = S.pointInCircle(p, { type: 'circle', center: q, radius: r }, op === '<' || op === '<=');
  return op === '<' || op === '<=' ? inside : not(inside);
}

function distancePoints(e: A.GeometryCall, t: ValueTranslator, scope: Scope): [S.SkyPoint, S.SkyPoint] {
  const v = e.args.map((a) => t.value(a, scope));
  if (v.length === 4) {
    const [a, b, c, d] = v.map((x) => num(x)) as [Num, Num, Num, Num];
    return [
      { type: 'point', lon: a, lat: b },
      { type: 'point', lon: c, lat: d },
    ];
  }
  if (v.length !== 2) throw new TranslateError('DISTANCE takes two points or four numbers', e.range);
  return [point(v[0]!, e), point(v[1]!, e)];
}

function arity(e: A.GeometryCall, n: number): void {
  if (e.args.length !== n) throw new TranslateError(`${e.name} takes ${n} arguments, got ${e.args.length}`, e.range);
}

/** A scalar value as a number or SQL expression for the sphere formulas. */
export function num(v: Value): Num {
  if (v.kind !== 'scalar') throw new TranslateError('a number was expected here, not a geometry');
  return v.constant !== undefined ? v.constant.value : `(${v.sql})`;
}

function shape(v: Value, e: A.GeometryCall): S.Shape {
  if (v.kind === 'shape') return v.shape;
  const xtype = v.kind === 'scalar' ? geometryOf(v.column) : undefined;
  if (v.kind === 'scalar' && xtype === 'point') return { type: 'point', lon: `${v.sql}[1]`, lat: `${v.sql}[2]` };
  if (v.kind === 'scalar' && xtype === 'circle') {
    return { type: 'circle', center: { type: 'point', lon: `${v.sql}[1]`, lat: `${v.sql}[2]` }, radius: `${v.sql}[3]` };
  }
  if (xtype === 'polygon') throw new TranslateError(`${e.name} on polygon-valued columns is not supported by the local engine`, e.range);
  throw new TranslateError(`${e.name} needs geometry arguments (POINT, CIRCLE, BOX, POLYGON or a geometry column)`, e.range);
}

function point(v: Value, e: A.GeometryCall): S.SkyPoint {
  const s = shape(v, e);
  if (s.type !== 'point') throw new TranslateError(`${e.name} needs a POINT here, got a ${s.type.toUpperCase()}`, e.range);
  return s;
}

function box(x: Num, y: Num, w: Num, h: Num): S.SkyPolygon {
  const half = (a: Num) => (typeof a === 'number' ? a / 2 : `((${a}) / 2)`);
  const off = (a: Num, b: Num, sign: 1 | -1): Num =>
    typeof a === 'number' && typeof b === 'number' ? a + sign * b : `(${numSql(a)} ${sign > 0 ? '+' : '-'} ${numSql(b)})`;
  const [hw, hh] = [half(w), half(h)];
  const corner = (sx: 1 | -1, sy: 1 | -1): S.SkyPoint => ({ type: 'point', lon: off(x, hw, sx), lat: off(y, hh, sy) });
  return { type: 'polygon', vertices: [corner(-1, -1), corner(-1, 1), corner(1, 1), corner(1, -1)] };
}

function pairs(nums: Num[], e: A.GeometryCall): S.SkyPoint[] {
  if (nums.length % 2 !== 0) throw new TranslateError('POLYGON needs coordinate pairs (an even number of numbers)', e.range);
  const out: S.SkyPoint[] = [];
  for (let i = 0; i < nums.length; i += 2) out.push({ type: 'point', lon: nums[i]!, lat: nums[i + 1]! });
  return out;
}

/** A geometry as the DOUBLE[] value DaCHS-style VOTables carry (point, circle, polygon xtypes). */
export function shapeSql(s: S.Shape): string {
  const list = (items: Num[]) => `[${items.map((n) => `CAST(${numSql(n)} AS DOUBLE)`).join(', ')}]`;
  switch (s.type) {
    case 'point':
      return list([S.normalizedLon(s.lon), s.lat]);
    case 'circle':
      return list([S.normalizedLon(s.center.lon), s.center.lat, s.radius]);
    case 'polygon':
      return list(s.vertices.flatMap((v) => [S.normalizedLon(v.lon), v.lat]));
  }
}
