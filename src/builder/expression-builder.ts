/**
 * `eb`: the expression builder handed to callbacks (`where(eb => ...)`, `select(eb => [...])`).
 * Its run time is one untyped singleton (references are just names); the interface below types it
 * against the query's scope S so columns, operand types and function arguments are checked.
 */
import type { AggregateName, BuiltinFunctionName, CastTypeName, Condition as ConditionNode, ValueExpression } from '../adql/index.js';
import { AdqlBuilderError } from './errors.js';
import { Condition, conditionNodeOf, Expression, type ConditionLike, type GeometryPredicate } from './expression.js';
import { columnRefFrom, identifierFor } from './identifiers.js';
import { binaryNode, logicalNode, notNode, unaryNode, type LiteralValue } from './nodes.js';
import { isQuerySource, operandNode, valueNode } from './operands.js';
import type { BinaryOperator, RhsFor, ResultFor, Subquery } from './operators.js';
import { skyRuntime, type Angle, type FrameOption } from './sky.js';
import type {
  ColumnRef,
  ColumnRefOf,
  DatabaseShape,
  Numeric,
  RefType,
  SkyCircle,
  SkyPoint,
  SkyPolygon,
  SkyRegion,
  Widen,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// Argument types

/** A left operand: a column reference (string), an expression, or a number. */
export type Operand<S> = ColumnRef<S> | Expression<unknown> | Numeric;
/** The value type of an operand (not distributive, see RefType). */
export type OperandType<S, X> = [X] extends [Expression<infer T>] ? T : [X] extends [string] ? RefType<S, X & string> : Widen<X>;

/** OperandType of each member of a union of operands. */
export type OperandTypes<S, X> = X extends unknown ? OperandType<S, X> : never;

export type NumArg<S> = Numeric | Expression<Numeric | null> | ColumnRefOf<S, Numeric | null>;
export type StrArg<S> = Expression<string | null> | ColumnRefOf<S, string | null>;
/** A sky position: `{ ra, dec }`, `[ra, dec]`, a point expression or a point column. */
export type PosArg<S> =
  | { readonly ra: NumArg<S>; readonly dec: NumArg<S> }
  | readonly [NumArg<S>, NumArg<S>]
  | Expression<SkyPoint | null>
  | ColumnRefOf<S, SkyPoint | null>;
/** A region: a position, a geometry expression or a geometry column. */
export type RegionArg<S> = PosArg<S> | Expression<SkyRegion | null> | ColumnRefOf<S, SkyRegion | null>;
/** A radius or size: `deg(x)`, `arcmin(x)`, `arcsec(x)`, or a column/expression in degrees. */
export type AngleArg<S> = Angle | Expression<Numeric | null> | ColumnRefOf<S, Numeric | null>;

/** An argument of a UDF parameter typed T (strings are column references; use eb.val for text). */
export type UdfArg<S, T> = unknown extends T
  ? any
  : [NonNullable<T>] extends [Numeric]
    ? NumArg<S>
    : Expression<T | null> | ColumnRefOf<S, T | null>;

type Functions<DB extends DatabaseShape> = DB['functions'] extends object ? DB['functions'] : {};
export type UdfName<DB extends DatabaseShape> = keyof Functions<DB> & string;
type UdfArgs<S, F> = F extends (...args: infer P) => any ? { [I in keyof P]: UdfArg<S, P[I]> } : never;
type UdfReturn<F> = F extends (...args: any[]) => infer R ? R : unknown;

/** CAST target types, with `CHAR(n)`/`VARCHAR(n)`. */
export type CastTarget = CastTypeName | `CHAR(${number})` | `VARCHAR(${number})`;
type CastResult<C> = C extends 'SMALLINT' | 'INTEGER' | 'REAL' | 'DOUBLE PRECISION'
  ? number
  : C extends 'BIGINT'
    ? bigint
    : C extends 'TIMESTAMP'
      ? Date
      : C extends 'POINT'
        ? SkyPoint
        : C extends 'CIRCLE'
          ? SkyCircle
          : C extends 'POLYGON'
            ? SkyPolygon
            : string;

/** The value of COUNT: services declare it `int` (DaCHS) or `long` (read as bigint). */
export type CountValue = number | bigint;

// ---------------------------------------------------------------------------------------------
// Typed interfaces

export interface FunctionBuilder<S> {
  /** COUNT(*) with no argument or `'*'`, else COUNT(x). */
  count(x?: '*' | Operand<S>): Expression<CountValue>;
  countDistinct(x: Operand<S>): Expression<CountValue>;
  avg(x: NumArg<S>): Expression<number | null>;
  sum(x: NumArg<S>): Expression<number | null>;
  min<X extends Operand<S>>(x: X): Expression<OperandType<S, X> | null>;
  max<X extends Operand<S>>(x: X): Expression<OperandType<S, X> | null>;
  abs(x: NumArg<S>): Expression<number>;
  ceiling(x: NumArg<S>): Expression<number>;
  floor(x: NumArg<S>): Expression<number>;
  degrees(x: NumArg<S>): Expression<number>;
  radians(x: NumArg<S>): Expression<number>;
  exp(x: NumArg<S>): Expression<number>;
  log(x: NumArg<S>): Expression<number>;
  log10(x: NumArg<S>): Expression<number>;
  sqrt(x: NumArg<S>): Expression<number>;
  mod(x: NumArg<S>, y: NumArg<S>): Expression<number>;
  power(x: NumArg<S>, y: NumArg<S>): Expression<number>;
  pi(): Expression<number>;
  rand(seed?: NumArg<S>): Expression<number>;
  round(x: NumArg<S>, places?: NumArg<S>): Expression<number>;
  truncate(x: NumArg<S>, places?: NumArg<S>): Expression<number>;
  acos(x: NumArg<S>): Expression<number>;
  asin(x: NumArg<S>): Expression<number>;
  atan(x: NumArg<S>): Expression<number>;
  atan2(y: NumArg<S>, x: NumArg<S>): Expression<number>;
  cos(x: NumArg<S>): Expression<number>;
  cot(x: NumArg<S>): Expression<number>;
  sin(x: NumArg<S>): Expression<number>;
  tan(x: NumArg<S>): Expression<number>;
  lower(x: StrArg<S>): Expression<string>;
  upper(x: StrArg<S>): Expression<string>;
  /** COALESCE(a, b, ...): strings are column references; wrap text in eb.val(). */
  coalesce<X extends readonly Operand<S>[]>(...args: X): Expression<OperandTypes<S, X[number]>>;
  /** IN_UNIT(x, 'unit'): x converted to the given VOUnit. */
  inUnit(x: NumArg<S>, unit: string): Expression<number>;
  /** CAST(x AS type). */
  cast<C extends CastTarget>(x: Operand<S>, type: C): Expression<CastResult<C>>;
}

export interface SkyBuilder<S> {
  /** POINT('ICRS', ra, dec) from numbers (degrees) or columns. */
  point(ra: NumArg<S>, dec: NumArg<S>, options?: FrameOption): Expression<SkyPoint>;
  point(position: PosArg<S>, options?: FrameOption): Expression<SkyPoint>;
  circle(center: PosArg<S>, radius: AngleArg<S>, options?: FrameOption): Expression<SkyCircle>;
  box(center: PosArg<S>, width: AngleArg<S>, height: AngleArg<S>, options?: FrameOption): Expression<SkyPolygon>;
  polygon(vertices: readonly PosArg<S>[], options?: FrameOption): Expression<SkyPolygon>;
  /** CONTAINS(a, b); as a condition it is `1 = CONTAINS(a, b)`. */
  contains(inner: RegionArg<S>, outer: RegionArg<S>): GeometryPredicate;
  /** INTERSECTS(a, b); as a condition it is `1 = INTERSECTS(a, b)`. */
  intersects(a: RegionArg<S>, b: RegionArg<S>): GeometryPredicate;
  /** DISTANCE(a, b) in degrees. */
  distance(a: PosArg<S>, b: PosArg<S>): Expression<number>;
  coord1(p: PosArg<S>): Expression<number>;
  coord2(p: PosArg<S>): Expression<number>;
  area(region: RegionArg<S>): Expression<number>;
  centroid(region: RegionArg<S>): Expression<SkyPoint>;
  /** `1 = CONTAINS(POINT(position), CIRCLE(center, radius))`. */
  coneSearch(position: PosArg<S>, center: PosArg<S>, radius: AngleArg<S>, options?: FrameOption): Condition;
  /** `1 = CONTAINS(POINT(a), CIRCLE(b, radius))`: the crossmatch idiom; radius may be a column. */
  crossmatch(a: PosArg<S>, b: PosArg<S>, radius: AngleArg<S>, options?: FrameOption): Condition;
}

type Flat<T> = T | readonly T[];

export interface ExpressionBuilder<DB extends DatabaseShape, S> extends SkyBuilder<S> {
  /** A binary expression: comparison/LIKE/IN/IS give a condition, arithmetic a number, `||` a string. */
  <L extends Operand<S>, Op extends BinaryOperator>(lhs: L, op: Op, rhs: NoInfer<RhsFor<Op, OperandType<S, L>>>): ResultFor<Op>;
  /** A column reference as an expression (for right operands, where strings are values). */
  ref<R extends ColumnRef<S>>(ref: R): Expression<RefType<S, R>>;
  /** A literal value as an expression (for column positions, where strings are references). */
  val<V extends LiteralValue>(value: V): Expression<Widen<V>>;
  and(...conditions: Flat<ConditionLike>[]): Condition;
  or(...conditions: Flat<ConditionLike>[]): Condition;
  not(condition: ConditionLike): Condition;
  between<L extends Operand<S>>(
    x: L,
    low: NoInfer<RhsFor<'<', OperandType<S, L>>>,
    high: NoInfer<RhsFor<'<', OperandType<S, L>>>,
  ): Condition;
  notBetween<L extends Operand<S>>(
    x: L,
    low: NoInfer<RhsFor<'<', OperandType<S, L>>>,
    high: NoInfer<RhsFor<'<', OperandType<S, L>>>,
  ): Condition;
  exists(query: Subquery): Condition;
  notExists(query: Subquery): Condition;
  isNull(ref: ColumnRef<S>): Condition;
  isNotNull(ref: ColumnRef<S>): Condition;
  /** Explicit parentheses (the builder adds the ones precedence needs by itself). */
  parens<T>(x: Expression<T>): Expression<T>;
  parens(x: ConditionLike): Condition;
  /** Unary minus. */
  neg(x: NumArg<S>): Expression<number>;
  fn: FunctionBuilder<S>;
  /** A user-defined function call, typed by the database interface's `functions`. */
  udf<N extends UdfName<DB>>(name: N, ...args: UdfArgs<S, Functions<DB>[N]>): Expression<UdfReturn<Functions<DB>[N]>>;
}

// ---------------------------------------------------------------------------------------------
// Run time

const COMPARISON = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '||']);

/** Builds the node for `lhs op rhs` (shared by eb(...) and where/having/on triples). */
export function binaryExpression(lhs: unknown, op: string, rhs: unknown): Expression<unknown> | Condition {
  const left = operandNode(lhs);
  if (COMPARISON.has(op)) {
    return new Condition({ kind: 'Comparison', op: op as '=', left, right: valueNode(rhs) });
  }
  if (ARITHMETIC.has(op)) return new Expression(binaryNode(op as '+', left, valueNode(rhs)));
  switch (op.toLowerCase()) {
    case 'like':
    case 'not like':
    case 'ilike':
    case 'not ilike': {
      const lower = op.toLowerCase();
      return new Condition({
        kind: 'Like',
        not: lower.startsWith('not'),
        caseInsensitive: lower.endsWith('ilike'),
        expr: left,
        pattern: valueNode(rhs),
      });
    }
    case 'in':
    case 'not in': {
      const not = op.length > 2;
      if (isQuerySource(rhs)) return new Condition({ kind: 'InSubquery', not, expr: left, query: rhs.toAST() });
      if (!Array.isArray(rhs)) throw new AdqlBuilderError(`IN needs an array of values or a subquery`);
      if (rhs.length === 0) throw new AdqlBuilderError('IN needs at least one value (ADQL has no empty IN list)');
      return new Condition({ kind: 'InList', not, expr: left, values: rhs.map(valueNode) });
    }
    case 'is':
    case 'is not':
      if (rhs !== null) throw new AdqlBuilderError(`"${op}" only compares with null`);
      return new Condition({ kind: 'IsNull', not: op.length > 2, expr: left });
  }
  throw new AdqlBuilderError(`unknown operator ${JSON.stringify(op)}`);
}

function flatConditions(args: readonly unknown[]): ConditionNode[] {
  const out: ConditionNode[] = [];
  for (const a of args) {
    if (Array.isArray(a)) for (const c of a) out.push(conditionNodeOf(c));
    else out.push(conditionNodeOf(a as ConditionLike));
  }
  return out;
}

function fnCall(name: BuiltinFunctionName, args: unknown[]): Expression<never> {
  return new Expression({ kind: 'FunctionCall', name, args: args.map(operandNode) });
}

function aggregate(name: AggregateName, x: unknown, distinct = false): Expression<never> {
  const arg: ValueExpression | { kind: 'Star' } = x === undefined || x === '*' ? { kind: 'Star' } : operandNode(x);
  if (arg.kind === 'Star' && name !== 'COUNT') throw new AdqlBuilderError(`${name}(*) is not ADQL; only COUNT(*)`);
  return new Expression(distinct ? { kind: 'Aggregate', name, quantifier: 'DISTINCT', arg } : { kind: 'Aggregate', name, arg });
}

const CAST_PATTERN = /^(CHAR|VARCHAR)\s*\(\s*(\d+)\s*\)$/i;
const CAST_TYPES = new Set([
  'CHAR',
  'VARCHAR',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'REAL',
  'DOUBLE PRECISION',
  'TIMESTAMP',
  'POINT',
  'CIRCLE',
  'POLYGON',
]);

function castExpression(x: unknown, type: string): Expression<never> {
  const m = CAST_PATTERN.exec(type);
  const name = (m ? m[1]! : type).toUpperCase().replace(/\s+/g, ' ');
  if (!CAST_TYPES.has(name))
    throw new AdqlBuilderError(`CAST to ${JSON.stringify(type)} is not ADQL 2.1; use one of ${[...CAST_TYPES].join(', ')}`);
  return new Expression({
    kind: 'Cast',
    expr: operandNode(x),
    type: m ? { kind: 'CastType', name: name as CastTypeName, length: Number(m[2]) } : { kind: 'CastType', name: name as CastTypeName },
  });
}

const fn: FunctionBuilder<any> = {
  count: (x) => aggregate('COUNT', x),
  countDistinct: (x) => aggregate('COUNT', x, true),
  avg: (x) => aggregate('AVG', x),
  sum: (x) => aggregate('SUM', x),
  min: (x) => aggregate('MIN', x),
  max: (x) => aggregate('MAX', x),
  abs: (x) => fnCall('ABS', [x]),
  ceiling: (x) => fnCall('CEILING', [x]),
  floor: (x) => fnCall('FLOOR', [x]),
  degrees: (x) => fnCall('DEGREES', [x]),
  radians: (x) => fnCall('RADIANS', [x]),
  exp: (x) => fnCall('EXP', [x]),
  log: (x) => fnCall('LOG', [x]),
  log10: (x) => fnCall('LOG10', [x]),
  sqrt: (x) => fnCall('SQRT', [x]),
  mod: (x, y) => fnCall('MOD', [x, y]),
  power: (x, y) => fnCall('POWER', [x, y]),
  pi: () => fnCall('PI', []),
  rand: (seed) => fnCall('RAND', seed === undefined ? [] : [seed]),
  round: (x, places) => fnCall('ROUND', places === undefined ? [x] : [x, places]),
  truncate: (x, places) => fnCall('TRUNCATE', places === undefined ? [x] : [x, places]),
  acos: (x) => fnCall('ACOS', [x]),
  asin: (x) => fnCall('ASIN', [x]),
  atan: (x) => fnCall('ATAN', [x]),
  atan2: (y, x) => fnCall('ATAN2', [y, x]),
  cos: (x) => fnCall('COS', [x]),
  cot: (x) => fnCall('COT', [x]),
  sin: (x) => fnCall('SIN', [x]),
  tan: (x) => fnCall('TAN', [x]),
  lower: (x) => fnCall('LOWER', [x]),
  upper: (x) => fnCall('UPPER', [x]),
  coalesce: (...args) => {
    if (args.length < 1) throw new AdqlBuilderError('COALESCE needs at least one argument');
    return fnCall('COALESCE', [...args]);
  },
  inUnit: (x, unit) => new Expression({ kind: 'FunctionCall', name: 'IN_UNIT', args: [operandNode(x), valueNode(String(unit))] }),
  cast: (x, type) => castExpression(x, type),
};

function betweenCondition(not: boolean, x: unknown, low: unknown, high: unknown): Condition {
  return new Condition({ kind: 'Between', not, expr: operandNode(x), low: valueNode(low), high: valueNode(high) });
}

function subqueryNode(q: unknown) {
  if (!isQuerySource(q)) throw new AdqlBuilderError('EXISTS needs a subquery (a query builder)');
  return q.toAST();
}

const ebFunction = (lhs: unknown, op: string, rhs: unknown) => binaryExpression(lhs, op, rhs);

/** The shared run-time expression builder; typed per query through `ExpressionBuilder<DB, S>`. */
export const expressionBuilder = Object.assign(ebFunction, skyRuntime, {
  ref: (ref: string) => new Expression(columnRefFrom(ref)),
  val: (value: LiteralValue) => new Expression(valueNode(value)),
  and: (...c: unknown[]) => new Condition(logicalNode('AND', flatConditions(c))),
  or: (...c: unknown[]) => new Condition(logicalNode('OR', flatConditions(c))),
  not: (c: ConditionLike) => new Condition(notNode(conditionNodeOf(c))),
  between: (x: unknown, low: unknown, high: unknown) => betweenCondition(false, x, low, high),
  notBetween: (x: unknown, low: unknown, high: unknown) => betweenCondition(true, x, low, high),
  exists: (q: unknown) => new Condition({ kind: 'Exists', query: subqueryNode(q) }),
  notExists: (q: unknown) => new Condition(notNode({ kind: 'Exists', query: subqueryNode(q) })),
  isNull: (ref: string) => new Condition({ kind: 'IsNull', not: false, expr: columnRefFrom(ref) }),
  isNotNull: (ref: string) => new Condition({ kind: 'IsNull', not: true, expr: columnRefFrom(ref) }),
  parens: (x: Expression<unknown> | ConditionLike): Expression<unknown> | Condition =>
    x instanceof Expression && !('toCondition' in x)
      ? new Expression({ kind: 'Paren', expr: x.toAST() })
      : new Condition({ kind: 'ParenCondition', condition: conditionNodeOf(x as ConditionLike) }),
  neg: (x: unknown) => new Expression(unaryNode('-', operandNode(x))),
  fn,
  udf: (name: string, ...args: unknown[]) =>
    new Expression({ kind: 'UserFunctionCall', name: identifierFor(name), args: args.map(operandNode) }),
}) as unknown as ExpressionBuilder<any, any>;
