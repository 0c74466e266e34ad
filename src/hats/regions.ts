/**
 * Sky regions a query restricts a HATS table to, read from the ADQL AST: `1 = CONTAINS(POINT(ra, dec),
 * CIRCLE|BOX|POLYGON)` (or INTERSECTS of the point) and `DISTANCE(POINT(ra, dec), POINT(a, b)) < r`
 * on the catalogue's own RA/Dec columns with constant shapes. Each reference to the table gets the
 * AND of its WHERE (and inner-join ON) conjuncts; OR becomes a union, and anything else (NOT,
 * non-constant shapes, outer-join ON clauses, unknown columns) restricts nothing. A constraint is
 * therefore always implied by the query: pruning with it reads a superset of the rows needed.
 */
import type * as A from '../adql/index.js';
import { constantValue, walk } from '../adql/index.js';
import type { Cap } from './healpix.js';

export type Region = { kind: 'cap'; cap: Cap } | { kind: 'polygon'; vertices: Array<[number, number]> };

/** A sky constraint: undefined means the whole sky. */
export type Constraint = Region | { kind: 'and'; parts: Constraint[] } | { kind: 'or'; parts: Constraint[] } | undefined;

/** The RA/Dec columns of a HATS table the resolver recognised. */
export interface HatsColumns {
  key: string;
  ra: string;
  dec: string;
}

/** Which HATS table (if any) a FROM-clause table name denotes. */
export type HatsResolver = (name: A.TableName) => HatsColumns | undefined;

/**
 * For each HATS table the query names, the union of the constraints of its references: reading the
 * partitions that may hold a row of that union is enough to answer the query.
 */
export function constraintsByTable(ast: A.QueryExpression, resolve: HatsResolver): Map<string, Constraint> {
  const perTable = new Map<string, Constraint[]>();
  walk(ast, (node) => {
    if (node.kind !== 'Select') return;
    const refs: A.TableRef[] = [];
    const conjuncts: A.Condition[] = node.where ? [node.where] : [];
    collectFrom(node.from, refs, conjuncts);
    const single = refs.length === 1 && node.from.length === 1 && node.from[0]!.kind === 'TableRef';
    for (const ref of refs) {
      const hats = resolve(ref.name);
      if (!hats) continue;
      const target: Target = { names: exposedNames(ref), ra: hats.ra, dec: hats.dec, single };
      const list = perTable.get(hats.key) ?? [];
      list.push(and(conjuncts.map((c) => constraintOf(c, target))));
      perTable.set(hats.key, list);
    }
  });
  const out = new Map<string, Constraint>();
  for (const [key, list] of perTable) out.set(key, or(list));
  return out;
}

/** Table references of a FROM list, and the ON conditions of its inner joins (filters like WHERE). */
function collectFrom(items: A.TableReference[], refs: A.TableRef[], conjuncts: A.Condition[]): void {
  for (const item of items) {
    if (item.kind === 'TableRef') refs.push(item);
    else if (item.kind === 'Join') {
      collectFrom([item.left, item.right], refs, conjuncts);
      const inner = item.joinType === undefined || item.joinType === 'INNER';
      if (inner && item.condition?.kind === 'JoinOn') conjuncts.push(item.condition.condition);
    }
  }
}

interface Target {
  /** Names a column may be qualified with (the alias, else the table name), lower-cased. */
  names: string[];
  ra: string;
  dec: string;
  /** The query has this one table only, so unqualified columns are its. */
  single: boolean;
}

function exposedNames(ref: A.TableRef): string[] {
  return [ref.alias ? ref.alias.name : ref.name.table.name].map((n) => n.toLowerCase());
}

function and(parts: Constraint[]): Constraint {
  const known = parts.filter((p) => p !== undefined);
  if (known.length === 0) return undefined;
  return known.length === 1 ? known[0] : { kind: 'and', parts: known };
}

function or(parts: Constraint[]): Constraint {
  if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
  return parts.length === 1 ? parts[0] : { kind: 'or', parts };
}

function constraintOf(c: A.Condition, t: Target): Constraint {
  switch (c.kind) {
    case 'ParenCondition':
      return constraintOf(c.condition, t);
    case 'Logical':
      return c.op === 'AND'
        ? and([constraintOf(c.left, t), constraintOf(c.right, t)])
        : or([constraintOf(c.left, t), constraintOf(c.right, t)]);
    case 'Comparison':
      return comparison(c, t);
    default:
      return undefined;
  }
}

function comparison(c: A.Comparison, t: Target): Constraint {
  const left = unparen(c.left);
  const right = unparen(c.right);
  if (c.op === '=') {
    const call = constant(left) === 1 ? right : constant(right) === 1 ? left : undefined;
    if (call?.kind === 'GeometryCall' && (call.name === 'CONTAINS' || call.name === 'INTERSECTS')) return containment(call, t);
    return undefined;
  }
  // DISTANCE(...) < r, DISTANCE(...) <= r, r > DISTANCE(...), r >= DISTANCE(...)
  const [distance, limit] = c.op === '<' || c.op === '<=' ? [left, right] : c.op === '>' || c.op === '>=' ? [right, left] : [];
  const radius = limit ? constant(limit) : undefined;
  if (distance?.kind !== 'GeometryCall' || distance.name !== 'DISTANCE' || radius === undefined) return undefined;
  const args = distance.args.map(unparen);
  const points =
    args.length === 4
      ? [
          [args[0]!, args[1]!],
          [args[2]!, args[3]!],
        ]
      : args.length === 2
        ? args.map(pointArgs)
        : [];
  const [p, q] = points;
  if (!p || !q) return undefined;
  const centre = isOwnPoint(p, t) ? constPoint(q) : isOwnPoint(q, t) ? constPoint(p) : undefined;
  return centre ? { kind: 'cap', cap: { ra: centre[0], dec: centre[1], radius: Math.max(0, radius) } } : undefined;
}

function containment(call: A.GeometryCall, t: Target): Constraint {
  const [pointArg, shapeArg] = call.args.map(unparen);
  const point = pointArg ? pointArgs(pointArg) : undefined;
  if (!point || !isOwnPoint(point, t) || shapeArg?.kind !== 'GeometryCall') return undefined;
  const shape = shapeArg;
  const args = shape.args.map(unparen);
  const nums = args.map(constant);
  if (shape.name === 'CIRCLE') {
    const centre =
      args.length === 2
        ? constPoint(pointArgs(args[0]!))
        : args.length === 3 && nums[0] !== undefined && nums[1] !== undefined
          ? [nums[0], nums[1]]
          : undefined;
    const radius = nums.at(-1);
    if (!centre || radius === undefined) return undefined;
    return { kind: 'cap', cap: { ra: centre[0]!, dec: centre[1]!, radius: Math.max(0, radius) } };
  }
  if (shape.name === 'BOX' && args.length === 4 && nums.every((n) => n !== undefined)) {
    const [x, y, w, h] = nums as number[];
    const corner = (sx: number, sy: number): [number, number] => [x! + (sx * w!) / 2, y! + (sy * h!) / 2];
    return { kind: 'polygon', vertices: [corner(-1, -1), corner(-1, 1), corner(1, 1), corner(1, -1)] };
  }
  if (shape.name === 'POLYGON') {
    const vertices: Array<[number, number]> = [];
    if (args.every((a) => a.kind === 'GeometryCall')) {
      for (const a of args) {
        const v = constPoint(pointArgs(a));
        if (!v) return undefined;
        vertices.push(v);
      }
    } else {
      if (nums.some((n) => n === undefined) || nums.length % 2 !== 0) return undefined;
      for (let i = 0; i < nums.length; i += 2) vertices.push([nums[i]!, nums[i + 1]!]);
    }
    return vertices.length >= 3 ? { kind: 'polygon', vertices } : undefined;
  }
  return undefined;
}

function pointArgs(e: A.ValueExpression): [A.ValueExpression, A.ValueExpression] | undefined {
  const p = unparen(e);
  return p.kind === 'GeometryCall' && p.name === 'POINT' && p.args.length === 2 ? [unparen(p.args[0]!), unparen(p.args[1]!)] : undefined;
}

function constPoint(p: [A.ValueExpression, A.ValueExpression] | A.ValueExpression[] | undefined): [number, number] | undefined {
  if (!p || p.length !== 2) return undefined;
  const ra = constant(p[0]!);
  const dec = constant(p[1]!);
  return ra !== undefined && dec !== undefined ? [ra, dec] : undefined;
}

function isOwnPoint(p: A.ValueExpression[], t: Target): boolean {
  return p.length === 2 && isColumn(p[0]!, t.ra, t) && isColumn(p[1]!, t.dec, t);
}

function isColumn(e: A.ValueExpression, name: string, t: Target): boolean {
  const c = unparen(e);
  if (c.kind !== 'ColumnRef') return false;
  const same = c.column.delimited ? c.column.name === name : c.column.name.toLowerCase() === name.toLowerCase();
  if (!same) return false;
  return c.table ? t.names.includes(c.table.table.name.toLowerCase()) : t.single;
}

const constant = (e: A.ValueExpression): number | undefined => constantValue(e)?.value;

function unparen(e: A.ValueExpression): A.ValueExpression {
  let v = e;
  while (v.kind === 'Paren') v = v.expr;
  return v;
}
