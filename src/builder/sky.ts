/**
 * Sky helpers: positions, regions and the standard ADQL idioms for cone searches and
 * crossmatches. Positions are `{ ra, dec }`, `[ra, dec]` or a point expression/column; numbers are
 * degrees; strings are column references. Radii and sizes must carry a unit (`deg`, `arcmin`,
 * `arcsec`) or be a column/expression in degrees, so `0.5` can never silently mean arcminutes.
 */
import type { GeometryCall, ValueExpression } from '../adql/index.js';
import { AdqlBuilderError } from './errors.js';
import { Condition, Expression, GeometryPredicate } from './expression.js';
import { numberNode } from './nodes.js';
import { operandNode } from './operands.js';
import type { SkyCircle, SkyPoint, SkyPolygon } from './types.js';

/** An angle with an explicit unit; `degrees` is what ADQL geometry functions take. */
export class Angle {
  private constructor(readonly degrees: number) {}
  static of(value: number, unit: AngleUnit): Angle {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new AdqlBuilderError(`an angle must be a finite number, got ${String(value)}`);
    if (value < 0) throw new AdqlBuilderError(`an angle (radius or size) cannot be negative, got ${value} ${unit}`);
    return new Angle(unit === 'deg' ? value : unit === 'arcmin' ? value / 60 : value / 3600);
  }
}

export type AngleUnit = 'deg' | 'arcmin' | 'arcsec';

/** `deg(0.5)`: an angle in degrees. */
export const deg = (value: number): Angle => Angle.of(value, 'deg');
/** `arcmin(30)`: an angle in arcminutes (printed in degrees). */
export const arcmin = (value: number): Angle => Angle.of(value, 'arcmin');
/** `arcsec(5)`: an angle in arcseconds (printed in degrees). */
export const arcsec = (value: number): Angle => Angle.of(value, 'arcsec');

/** Coordinate-system option: `'ICRS'` by default (accepted by ADQL 2.0 and 2.1), `null` omits it. */
export interface FrameOption {
  frame?: string | null;
}

const ICRS: ValueExpression = { kind: 'StringLiteral', value: 'ICRS' };

function frameNode(options: FrameOption | undefined): ValueExpression | undefined {
  const frame = options?.frame;
  if (frame === undefined) return ICRS;
  if (frame === null) return undefined;
  return { kind: 'StringLiteral', value: frame };
}

function call(name: GeometryCall['name'], args: ValueExpression[], coordSys?: ValueExpression): ValueExpression {
  const node: GeometryCall = { kind: 'GeometryCall', name, args };
  if (coordSys !== undefined) node.coordSys = coordSys;
  return node;
}

/** Converts a position argument to a POINT node (or a point-valued expression/column). */
export function positionNode(pos: unknown, options?: FrameOption): ValueExpression {
  if (pos instanceof Expression || typeof pos === 'string') return operandNode(pos);
  if (Array.isArray(pos)) {
    if (pos.length !== 2) throw new AdqlBuilderError(`a position array must be [ra, dec], got ${pos.length} elements`);
    return call('POINT', [operandNode(pos[0]), operandNode(pos[1])], frameNode(options));
  }
  if (pos !== null && typeof pos === 'object' && 'ra' in pos && 'dec' in pos) {
    const p = pos as { ra: unknown; dec: unknown };
    return call('POINT', [operandNode(p.ra), operandNode(p.dec)], frameNode(options));
  }
  throw new AdqlBuilderError('a position must be { ra, dec }, [ra, dec], a point expression or a point column');
}

/** Converts a radius/size argument: an Angle, or a column/expression already in degrees. */
export function angleNode(angle: unknown, what: string): ValueExpression {
  if (angle instanceof Angle) return numberNode(angle.degrees);
  if (angle instanceof Expression || typeof angle === 'string') return operandNode(angle);
  if (typeof angle === 'number')
    throw new AdqlBuilderError(`${what} ${angle} has no unit: write deg(${angle}), arcmin(${angle}) or arcsec(${angle})`);
  throw new AdqlBuilderError(`${what} must be deg(x), arcmin(x), arcsec(x), or a column/expression in degrees`);
}

function coordsOf(pos: unknown): [ValueExpression, ValueExpression] | undefined {
  if (Array.isArray(pos) && pos.length === 2) return [operandNode(pos[0]), operandNode(pos[1])];
  if (pos !== null && typeof pos === 'object' && !(pos instanceof Expression) && 'ra' in pos && 'dec' in pos) {
    const p = pos as { ra: unknown; dec: unknown };
    return [operandNode(p.ra), operandNode(p.dec)];
  }
  return undefined;
}

/** The runtime of the sky helpers (typed views are in expression-builder.ts). */
export const skyRuntime = {
  point(a: unknown, b?: unknown, c?: unknown): Expression<SkyPoint> {
    // point(ra, dec[, options]) or point(position[, options])
    if (b !== undefined && (typeof b !== 'object' || b instanceof Expression)) {
      return new Expression(call('POINT', [operandNode(a), operandNode(b)], frameNode(c as FrameOption)));
    }
    return new Expression(positionNode(a, b as FrameOption));
  },
  circle(center: unknown, radius: unknown, options?: FrameOption): Expression<SkyCircle> {
    const r = angleNode(radius, 'the circle radius');
    const coords = coordsOf(center);
    if (coords) return new Expression(call('CIRCLE', [...coords, r], frameNode(options)));
    return new Expression(call('CIRCLE', [positionNode(center), r], frameNode(options)));
  },
  box(center: unknown, width: unknown, height: unknown, options?: FrameOption): Expression<SkyPolygon> {
    const w = angleNode(width, 'the box width');
    const h = angleNode(height, 'the box height');
    const coords = coordsOf(center);
    if (coords) return new Expression(call('BOX', [...coords, w, h], frameNode(options)));
    return new Expression(call('BOX', [positionNode(center), w, h], frameNode(options)));
  },
  polygon(vertices: readonly unknown[], options?: FrameOption): Expression<SkyPolygon> {
    if (!Array.isArray(vertices) || vertices.length < 3)
      throw new AdqlBuilderError(`a polygon needs at least 3 vertices, got ${Array.isArray(vertices) ? vertices.length : 0}`);
    const args: ValueExpression[] = [];
    for (const v of vertices) {
      const coords = coordsOf(v);
      if (coords) args.push(...coords);
      else args.push(positionNode(v));
    }
    return new Expression(call('POLYGON', args, frameNode(options)));
  },
  contains(inner: unknown, outer: unknown): GeometryPredicate {
    return new GeometryPredicate(call('CONTAINS', [positionNode(inner), positionNode(outer)]));
  },
  intersects(a: unknown, b: unknown): GeometryPredicate {
    return new GeometryPredicate(call('INTERSECTS', [positionNode(a), positionNode(b)]));
  },
  distance(a: unknown, b: unknown): Expression<number> {
    return new Expression(call('DISTANCE', [positionNode(a), positionNode(b)]));
  },
  coord1(p: unknown): Expression<number> {
    return new Expression(call('COORD1', [positionNode(p)]));
  },
  coord2(p: unknown): Expression<number> {
    return new Expression(call('COORD2', [positionNode(p)]));
  },
  area(region: unknown): Expression<number> {
    return new Expression(call('AREA', [positionNode(region)]));
  },
  centroid(region: unknown): Expression<SkyPoint> {
    return new Expression(call('CENTROID', [positionNode(region)]));
  },
  /** `1 = CONTAINS(POINT(position), CIRCLE(center, radius))`: rows within `radius` of `center`. */
  coneSearch(position: unknown, center: unknown, radius: unknown, options?: FrameOption): Condition {
    return skyRuntime.contains(new Expression(positionNode(position, options)), skyRuntime.circle(center, radius, options)).toCondition();
  },
  /**
   * `1 = CONTAINS(POINT(a), CIRCLE(b, radius))`: pairs of rows closer than `radius`, the standard
   * crossmatch idiom (services index it). `radius` may be a column (per-row radius, degrees).
   */
  crossmatch(a: unknown, b: unknown, radius: unknown, options?: FrameOption): Condition {
    return skyRuntime.contains(new Expression(positionNode(a, options)), skyRuntime.circle(b, radius, options)).toCondition();
  },
};
