/**
 * Fast positional crossmatch joins: `A JOIN B ON DISTANCE(POINT(a.ra, a.dec), POINT(b.ra, b.dec)) < r`
 * (or `1 = CONTAINS(POINT(a...), CIRCLE(b.ra, b.dec, r))`) with a constant radius r.
 *
 * A plain band join on declination still pairs every row with a whole strip of sky. Instead both sides
 * get sky cells: zones of height h = 2r in declination, cut in right ascension into buckets at least as
 * wide as the cone around any point of the zone. Each row of B lists the (at most four) cells its
 * r-cone touches, each row of A its own cell, and the engine runs a hash equi-join on the cell number
 * followed by the exact distance test. Correct at the poles (polar zones are a single cell) and across
 * RA 0/360 (buckets are taken modulo 360).
 */
import type * as A from '../../adql/index.js';
import { constantValue } from '../../adql/index.js';

/**
 * Sky cells for a crossmatch of radius r: zones of height h (at least 2r, so an r-cone touches at
 * most two zones), cut into RA buckets at least twice as wide as the RA half-width of an r-cone
 * anywhere in or next to the zone (so it touches at most two buckets per zone). Zones reaching
 * within 0.1 deg of a pole are one cell.
 */
export class CellGrid {
  readonly h: number;
  private readonly zones: number;

  constructor(readonly r: number) {
    // Cells no smaller than 0.05 deg keep the per-row work small for arcsecond radii.
    this.h = Math.max(2.0001 * r, 0.05);
    this.zones = Math.ceil(180 / this.h);
  }

  private d = (x: number) => `CAST(${x} AS DOUBLE)`;

  zone(lat: string): string {
    return `least(${this.zones - 1}, greatest(0, CAST(floor((${lat} + 90) / ${this.d(this.h)}) AS BIGINT)))`;
  }

  private maxDec(z: string): string {
    return `least(90, greatest(abs(${z} * ${this.d(this.h)} - 90), abs((${z} + 1) * ${this.d(this.h)} - 90)) + ${this.d(this.r)})`;
  }

  /** RA half-width (deg) of an r-cone whose centre is in or next to zone z; 180 means "whole zone". */
  halfWidth(z: string): string {
    const ratio = `${this.d(Math.sin((this.r * Math.PI) / 180))} / cos(radians(${this.maxDec(z)}))`;
    return `(CASE WHEN ${this.maxDec(z)} >= 89.9 OR ${ratio} >= 0.8 THEN 180 ELSE degrees(asin(${ratio})) * 1.000001 END)`;
  }

  /** Number of RA buckets of zone z, given its half-width expression w. */
  buckets(z: string, w: string): string {
    const n = `floor(360 / greatest(2.002 * ${w}, ${this.d(this.h)} / cos(radians(${this.maxDec(z)}))))`;
    return `(CASE WHEN ${w} >= 180 OR ${n} < 3 THEN 1 ELSE CAST(${n} AS BIGINT) END)`;
  }

  /** Cell number of a position in zone z with `n` buckets. */
  cellIn(z: string, lon: string, n: string): string {
    return `(${z} * 4294967296 + CAST(floor((((${lon}) % 360 + 360) % 360) * ${n} / 360) AS BIGINT) % ${n})`;
  }

  /** Cell number of a position (the left side of the join). */
  cell(lon: string, lat: string): string {
    const z = this.zone(lat);
    return this.cellIn(z, lon, this.buckets(z, this.halfWidth(z)));
  }

  /**
   * `from` with one row per cell its rows' r-cones touch, the cell number in column `cell`. Written
   * as stacked projections so every intermediate is computed once per row.
   */
  expand(from: string, lon: string, lat: string, cell: string): string {
    const c = (n: string) => `"${cell}_${n}"`;
    const cells = [
      this.cellIn(c('z1'), `${lon} - ${c('w1')}`, c('n1')),
      this.cellIn(c('z1'), `${lon} + ${c('w1')}`, c('n1')),
      this.cellIn(c('z2'), `${lon} - ${c('w2')}`, c('n2')),
      this.cellIn(c('z2'), `${lon} + ${c('w2')}`, c('n2')),
    ];
    const zones = `SELECT *, ${this.zone(`${lat} - ${this.d(this.r)}`)} AS ${c('z1')}, ${this.zone(`${lat} + ${this.d(this.r)}`)} AS ${c('z2')} FROM ${from}`;
    const widths = `SELECT *, ${this.halfWidth(c('z1'))} AS ${c('w1')}, ${this.halfWidth(c('z2'))} AS ${c('w2')} FROM (${zones})`;
    const counts = `SELECT *, ${this.buckets(c('z1'), c('w1'))} AS ${c('n1')}, ${this.buckets(c('z2'), c('w2'))} AS ${c('n2')} FROM (${widths})`;
    const hidden = ['z1', 'z2', 'w1', 'w2', 'n1', 'n2'].map(c).join(', ');
    return `SELECT * EXCLUDE (${hidden}), unnest(list_distinct([${cells.join(', ')}])) AS "${cell}" FROM (${counts})`;
  }
}

/** The hidden column carrying B's cell numbers (excluded from `*`). */
export const CELL_COLUMN = '__adql_cell';

export interface CrossmatchPlan {
  /** Coordinates (column names) of the right-hand table's point. */
  right: { lon: string; lat: string };
  /** Coordinates (SQL) of the left-hand point, translated in the join's scope. */
  left: { lon: A.ValueExpression; lat: A.ValueExpression };
  radius: number;
}

/** The conjuncts of a condition, in order (an explicit stack: AND chains of any length). */
export function conjuncts(root: A.Condition): A.Condition[] {
  const out: A.Condition[] = [];
  const stack: A.Condition[] = [root];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c.kind === 'ParenCondition') stack.push(c.condition);
    else if (c.kind === 'Logical' && c.op === 'AND') stack.push(c.right, c.left);
    else out.push(c);
  }
  return out;
}

const unparen = (e: A.ValueExpression): A.ValueExpression => (e.kind === 'Paren' ? unparen(e.expr) : e);

const constant = (e: A.ValueExpression): number | undefined => constantValue(e)?.value;

export type Point = { lon: A.ValueExpression; lat: A.ValueExpression };

function point(e: A.ValueExpression): Point | undefined {
  const x = unparen(e);
  if (x.kind !== 'GeometryCall' || x.name !== 'POINT' || x.args.length !== 2) return undefined;
  return { lon: x.args[0]!, lat: x.args[1]! };
}

/** The (point, point, radius) a conjunct tests, when it is a constant-radius proximity test. */
export function proximity(c: A.Condition): { p: Point; q: Point; r: number } | undefined {
  if (c.kind !== 'Comparison') return undefined;
  const l = unparen(c.left);
  const rr = unparen(c.right);
  // DISTANCE(p, q) < r  /  r > DISTANCE(p, q)
  const dist = (d: A.ValueExpression, limit: A.ValueExpression, ops: string[]) => {
    if (d.kind !== 'GeometryCall' || d.name !== 'DISTANCE' || !ops.includes(c.op)) return undefined;
    const r = constant(limit);
    if (r === undefined || d.args.length !== 2) return undefined;
    const p = point(d.args[0]!);
    const q = point(d.args[1]!);
    return p && q ? { p, q, r } : undefined;
  };
  // CONTAINS(POINT, CIRCLE(lon, lat, r)) = 1  /  1 = CONTAINS(...)
  const cone = (g: A.ValueExpression, one: A.ValueExpression) => {
    if (g.kind !== 'GeometryCall' || g.name !== 'CONTAINS' || c.op !== '=' || constant(one) !== 1) return undefined;
    const p = point(g.args[0]!);
    const circle = unparen(g.args[1]!);
    if (!p || circle.kind !== 'GeometryCall' || circle.name !== 'CIRCLE') return undefined;
    if (circle.args.length === 3) {
      const r = constant(circle.args[2]!);
      return r === undefined ? undefined : { p, q: { lon: circle.args[0]!, lat: circle.args[1]! }, r };
    }
    const q = circle.args.length === 2 ? point(circle.args[0]!) : undefined;
    const r = circle.args.length === 2 ? constant(circle.args[1]!) : undefined;
    return q && r !== undefined ? { p, q, r } : undefined;
  };
  return dist(l, rr, ['<', '<=']) ?? dist(rr, l, ['>', '>=']) ?? cone(l, rr) ?? cone(rr, l);
}

/** A plain column of the table called `alias` (qualified with it), or undefined. */
function columnOf(e: A.ValueExpression, alias: string): string | undefined {
  const x = unparen(e);
  if (x.kind !== 'ColumnRef' || !x.table || x.table.schema) return undefined;
  return x.table.table.name.toLowerCase() === alias.toLowerCase() ? x.column.name : undefined;
}

/** Does the expression (maybe) read a column of `alias`? An explicit stack: chains of any length. */
function mentions(root: A.ValueExpression, alias: string): boolean {
  const stack: A.ValueExpression[] = [root];
  while (stack.length > 0) {
    const x = unparen(stack.pop()!);
    if (x.kind === 'ColumnRef') {
      if (!x.table || x.table.table.name.toLowerCase() === alias.toLowerCase()) return true;
    } else if (x.kind === 'Binary') stack.push(x.right, x.left);
    else if (x.kind === 'Unary') stack.push(x.operand);
    else if (x.kind !== 'NumericLiteral') return true;
  }
  return false;
}

/**
 * A crossmatch plan for `... JOIN right ON cond`, when one conjunct of `cond` tests the distance
 * between a point of `right` (plain qualified columns) and a point not involving it, with a constant
 * radius below 10 degrees.
 */
export function planCrossmatch(condition: A.Condition, rightAlias: string): CrossmatchPlan | undefined {
  for (const c of conjuncts(condition)) {
    const m = proximity(c);
    if (!m || !(m.r > 0 && m.r < 10)) continue;
    for (const [mine, other] of [
      [m.q, m.p],
      [m.p, m.q],
    ] as const) {
      const lon = columnOf(mine.lon, rightAlias);
      const lat = columnOf(mine.lat, rightAlias);
      if (lon && lat && !mentions(other.lon, rightAlias) && !mentions(other.lat, rightAlias)) {
        return { right: { lon, lat }, left: other, radius: m.r };
      }
    }
  }
  return undefined;
}
