/**
 * The fluent, immutable SELECT builder. Every method returns a new builder, so a base query can be
 * extended many times (e.g. one chunk per ID range). Types: DB is the database interface, S the
 * scope (alias -> row) of the tables in FROM, O the result row built up by `select`.
 */
import type {
  CommonTableExpression,
  Condition as ConditionNode,
  Join,
  JoinType,
  OrderItem,
  QueryExpression,
  SelectItem,
  SelectQuery,
  SetOperation,
  TableReference,
  ValueExpression,
} from '../adql/index.js';
import { AdqlBuilderError } from './errors.js';
import { AliasedExpression, Condition, conditionNodeOf, Expression, type ConditionLike, type GeometryPredicate } from './expression.js';
import { binaryExpression, expressionBuilder, type ExpressionBuilder, type Operand, type OperandType } from './expression-builder.js';
import { columnRefFrom, identifierFor, parseDottedName, tableNameOf } from './identifiers.js';
import { logicalNode, numberNode } from './nodes.js';
import { isQuerySource, operandNode } from './operands.js';
import type { ConditionOperator, RhsFor, Subquery } from './operators.js';
import { QueryBase } from './query-base.js';
import type {
  AnyDatabase,
  ColumnRef,
  DatabaseShape,
  NullableScope,
  RefOutputName,
  RefType,
  CheckedTable,
  TableArg,
  TableScope,
  TableName,
  UnknownColumn,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// Types

/** A subquery with an alias, for FROM and JOIN: `q.as('sq')`. */
export class AliasedSubquery<O, A extends string> {
  declare readonly __row: O;
  constructor(
    readonly query: Subquery<O>,
    readonly alias: A,
  ) {}
}

/** What `from`/`join` accept: `'schema.table'`, `'schema.table as alias'`, or `subquery.as('alias')`. */
export type FromTarget<DB extends DatabaseShape> = TableArg<DB> | AliasedSubquery<any, string>;
/** The scope a FROM target adds. */
export type TargetScope<DB extends DatabaseShape, T> = [FromTarget<DB>] extends [T]
  ? {} // T not inferred yet (its constraint): nothing to expand
  : [T] extends [AliasedSubquery<infer R, infer A>]
    ? { [K in A]: R }
    : [T] extends [string]
      ? TableScope<DB, T>
      : never;

/** Select list items: `'alias.column'`, `'column as name'`, `expr.as('name')`, or a bare expression. */
export type SelectArg<S> = ColumnRef<S> | `${ColumnRef<S>} as ${string}` | AliasedExpression<unknown, string> | Expression<unknown>;

type SelectName<S, K> =
  K extends AliasedExpression<any, infer A> ? A : K extends `${string} as ${infer A}` ? A : K extends string ? RefOutputName<S, K> : never;
type SelectValue<S, K> =
  K extends AliasedExpression<infer T, any>
    ? T
    : K extends `${infer R} as ${string}`
      ? RefType<S, R>
      : K extends string
        ? RefType<S, K>
        : never;

/**
 * A select argument T as written when valid, else a message type naming what is wrong with it.
 * NoInfer: inference of T visits only the valid branch (inferring into the message types would
 * instantiate them, table lookups included, for every call; 7x the instantiations on 500 tables).
 */
export type CheckedSelectArg<DB extends DatabaseShape, S, T> = T extends SelectArg<S> ? T : NoInfer<SelectArgMessage<DB, S, T>>;

type SelectArgMessage<DB extends DatabaseShape, S, T> = T extends `${infer R} as ${string}`
  ? UnknownColumn<DB, S, R>
  : T extends string
    ? UnknownColumn<DB, S, T>
    : SelectArg<S>;

/** The result row contributed by select items I (unaliased expressions contribute nothing). */
export type SelectRow<S, I> = { [K in I as SelectName<S, K>]: SelectValue<S, K> };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type AllColumns<S> = UnionToIntersection<S[keyof S]>;

/** A condition argument: a condition, a CONTAINS/INTERSECTS call, a raw fragment, or a callback. */
export type ConditionArg<DB extends DatabaseShape, S> = ConditionLike | ((eb: ExpressionBuilder<DB, S>) => ConditionLike);

/** The ON/USING part of a join. */
export type JoinSpec<DB extends DatabaseShape, S> = ConditionArg<DB, S> | { readonly using: readonly string[] };
/** After the joined table: an ON/USING spec, or two columns for `ON left = right`. */
export type JoinArgs<DB extends DatabaseShape, S> = [on: JoinSpec<DB, S>] | [left: ColumnRef<S>, right: ColumnRef<S>];

export type OrderDirection = 'asc' | 'desc' | 'ASC' | 'DESC';

/** A database with one more (CTE) table. */
export type WithTable<DB extends DatabaseShape, N extends string, R> = {
  tables: DB['tables'] & { [K in N]: R };
  functions: DB['functions'];
};

// ---------------------------------------------------------------------------------------------
// State

interface SelectState {
  with?: CommonTableExpression[];
  quantifier?: 'DISTINCT';
  top?: number;
  columns: SelectItem[];
  from: TableReference[];
  where?: ConditionNode;
  groupBy?: ValueExpression[];
  having?: ConditionNode;
  orderBy?: OrderItem[];
  offset?: number;
}

const AS = /^(.*?)\s+as\s+(.+)$/is;

function selectItem(item: unknown): SelectItem {
  if (typeof item === 'string') {
    const m = AS.exec(item);
    if (m) return { kind: 'SelectColumn', expr: columnRefFrom(m[1]!.trim()), alias: aliasIdentifier(m[2]!.trim()) };
    if (item.endsWith('.*')) return { kind: 'AllColumns', qualifier: tableNameOf(item.slice(0, -2)) };
    if (item === '*') return { kind: 'AllColumns' };
    return { kind: 'SelectColumn', expr: columnRefFrom(item) };
  }
  if (item instanceof AliasedExpression) return { kind: 'SelectColumn', expr: item.expression.toAST(), alias: item.aliasNode };
  if (item instanceof Expression) return { kind: 'SelectColumn', expr: item.toAST() };
  throw new AdqlBuilderError(
    'a select item must be a column reference string, an expression, or expression.as(alias); conditions are not values in ADQL',
  );
}

function aliasIdentifier(text: string) {
  const parts = parseDottedName(text);
  if (parts.length !== 1) throw new AdqlBuilderError(`an alias is a single name, got ${JSON.stringify(text)}`);
  return parts[0]!;
}

function targetNode(target: unknown): TableReference {
  if (typeof target === 'string') {
    const m = AS.exec(target);
    if (m) return { kind: 'TableRef', name: tableNameOf(m[1]!.trim()), alias: aliasIdentifier(m[2]!.trim()) };
    return { kind: 'TableRef', name: tableNameOf(target) };
  }
  if (target instanceof AliasedSubquery) return { kind: 'DerivedTable', query: target.query.toAST(), alias: aliasIdentifier(target.alias) };
  if (isQuerySource(target)) throw new AdqlBuilderError('a subquery in FROM needs an alias: use query.as("name")');
  throw new AdqlBuilderError('FROM/JOIN takes a table name ("schema.table [as alias]") or subquery.as("alias")');
}

function resolveCondition(arg: unknown): ConditionNode {
  return conditionNodeOf(typeof arg === 'function' ? (arg as (eb: unknown) => ConditionLike)(expressionBuilder) : (arg as ConditionLike));
}

/** Condition from `(lhs, op, rhs)` or `(condition | callback)`. */
function conditionFromArgs(args: unknown[]): ConditionNode {
  if (args.length === 3) {
    const c = binaryExpression(args[0], args[1] as string, args[2]);
    if (!(c instanceof Condition)) throw new AdqlBuilderError(`"${String(args[1])}" does not make a condition`);
    return c.toAST();
  }
  if (args.length !== 1) throw new AdqlBuilderError('expected (condition), (eb => condition) or (left, operator, right)');
  return resolveCondition(args[0]);
}

function andNodes(existing: ConditionNode | undefined, added: ConditionNode): ConditionNode {
  return existing === undefined ? added : logicalNode('AND', [existing, added]);
}

function positiveInteger(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new AdqlBuilderError(`${what} must be a non-negative integer, got ${String(n)}`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Builder

export class SelectQueryBuilder<DB extends DatabaseShape, S, O> extends QueryBase<O> {
  constructor(private readonly state: SelectState) {
    super();
  }

  private with$(patch: Partial<SelectState>): any {
    return new SelectQueryBuilder({ ...this.state, ...patch });
  }

  /** Adds a comma-separated FROM item (a cross join, constrained by WHERE). */
  from<T extends FromTarget<DB>>(target: CheckedTable<DB, T>): SelectQueryBuilder<DB, S & TargetScope<DB, T>, O> {
    return this.with$({ from: [...this.state.from, targetNode(target)] });
  }

  private joined(type: JoinType | undefined, natural: boolean, target: unknown, spec: unknown[]): any {
    const from = this.state.from;
    const left = from[from.length - 1];
    if (left === undefined) throw new AdqlBuilderError('join() needs a table in FROM first: call from() before join()');
    const join: Join = { kind: 'Join', natural, left, right: targetNode(target) };
    if (type !== undefined) join.joinType = type;
    // `LEFT OUTER JOIN` rather than the equivalent `LEFT JOIN`: DaCHS 2.7 only accepts the long form.
    if (type !== undefined && type !== 'INNER') join.outer = true;
    if (!natural) {
      if (spec.length === 0) throw new AdqlBuilderError('a JOIN needs ON or USING (for a cross join add another from() and a WHERE)');
      const first = spec[0];
      if (spec.length === 2) {
        join.condition = {
          kind: 'JoinOn',
          condition: { kind: 'Comparison', op: '=', left: columnRefFrom(first as string), right: columnRefFrom(spec[1] as string) },
        };
      } else if (first !== null && typeof first === 'object' && 'using' in first) {
        const cols = (first as { using: readonly string[] }).using;
        if (cols.length === 0) throw new AdqlBuilderError('USING needs at least one column');
        join.condition = { kind: 'JoinUsing', columns: cols.map((c) => identifierFor(c)) };
      } else {
        join.condition = { kind: 'JoinOn', condition: resolveCondition(first) };
      }
    }
    return this.with$({ from: [...from.slice(0, -1), join] });
  }

  /**
   * `JOIN t ON ...`: with (leftColumn, rightColumn) for an equality, a condition/callback, or { using }.
   * (JS, the joined scope, is a defaulted type parameter so the compiler computes it once from the
   * inferred T instead of from T's constraint, which would expand every table of the database.)
   */
  join<T extends FromTarget<DB>, JS = S & TargetScope<DB, T>>(
    target: CheckedTable<DB, T>,
    ...on: NoInfer<JoinArgs<DB, JS>>
  ): SelectQueryBuilder<DB, S & TargetScope<DB, T>, O>;
  join(target: unknown, ...spec: unknown[]): unknown {
    return this.joined(undefined, false, target, spec);
  }

  /** `LEFT OUTER JOIN`: the joined table's columns become nullable. */
  leftJoin<T extends FromTarget<DB>, JS = S & TargetScope<DB, T>>(
    target: CheckedTable<DB, T>,
    ...on: NoInfer<JoinArgs<DB, JS>>
  ): SelectQueryBuilder<DB, S & NullableScope<TargetScope<DB, T>>, O>;
  leftJoin(target: unknown, ...spec: unknown[]): unknown {
    return this.joined('LEFT', false, target, spec);
  }

  /** `RIGHT OUTER JOIN`: the tables already in FROM become nullable. */
  rightJoin<T extends FromTarget<DB>, JS = S & TargetScope<DB, T>>(
    target: CheckedTable<DB, T>,
    ...on: NoInfer<JoinArgs<DB, JS>>
  ): SelectQueryBuilder<DB, NullableScope<S> & TargetScope<DB, T>, O>;
  rightJoin(target: unknown, ...spec: unknown[]): unknown {
    return this.joined('RIGHT', false, target, spec);
  }

  /** `FULL OUTER JOIN`: every table becomes nullable. */
  fullJoin<T extends FromTarget<DB>, JS = S & TargetScope<DB, T>>(
    target: CheckedTable<DB, T>,
    ...on: NoInfer<JoinArgs<DB, JS>>
  ): SelectQueryBuilder<DB, NullableScope<S & TargetScope<DB, T>>, O>;
  fullJoin(target: unknown, ...spec: unknown[]): unknown {
    return this.joined('FULL', false, target, spec);
  }

  /** `NATURAL JOIN`: joins on the columns both sides share. */
  naturalJoin<T extends FromTarget<DB>>(target: CheckedTable<DB, T>): SelectQueryBuilder<DB, S & TargetScope<DB, T>, O> {
    return this.joined(undefined, true, target, []);
  }

  /** Adds select items: `'m.ra'`, `'m.ra as alpha'`, `eb.fn.count().as('n')`, or a callback returning them. */
  select<const I extends readonly SelectArg<S>[]>(...items: I): SelectQueryBuilder<DB, S, O & SelectRow<S, I[number]>>;
  select<I extends SelectArg<S>>(callback: (eb: ExpressionBuilder<DB, S>) => readonly I[]): SelectQueryBuilder<DB, S, O & SelectRow<S, I>>;
  select<const I extends readonly SelectArg<S>[]>(items: I): SelectQueryBuilder<DB, S, O & SelectRow<S, I[number]>>;
  // Only for calls the overloads above reject, and last because TypeScript 7 reports only the last
  // overload's error: its parameter type is the message naming a misspelled column (CheckedSelectArg).
  // Valid calls resolve on the first overload, so they cost what they did before the messages.
  select<const I extends readonly unknown[]>(
    ...items: { [K in keyof I]: CheckedSelectArg<DB, S, I[K]> }
  ): SelectQueryBuilder<DB, S, O & SelectRow<S, I[number]>>;
  select(...args: unknown[]): unknown {
    let items: unknown[];
    if (args.length === 1 && typeof args[0] === 'function') items = (args[0] as (eb: unknown) => unknown[])(expressionBuilder);
    else if (args.length === 1 && Array.isArray(args[0])) items = args[0];
    else items = args;
    return this.with$({ columns: [...this.state.columns, ...items.map(selectItem)] });
  }

  /** `SELECT *`, or `alias.*` for one table. */
  selectAll(): SelectQueryBuilder<DB, S, O & AllColumns<S>>;
  selectAll<A extends keyof S & string>(alias: A): SelectQueryBuilder<DB, S, O & S[A]>;
  selectAll(alias?: string): unknown {
    const item: SelectItem = alias === undefined ? { kind: 'AllColumns' } : { kind: 'AllColumns', qualifier: tableNameOf(alias) };
    return this.with$({ columns: [...this.state.columns, item] });
  }

  /** `SELECT DISTINCT`. */
  distinct(): SelectQueryBuilder<DB, S, O> {
    return this.with$({ quantifier: 'DISTINCT' });
  }

  /** `TOP n`. */
  top(n: number): SelectQueryBuilder<DB, S, O> {
    return this.with$({ top: positiveInteger(n, 'TOP') });
  }

  /** Adds a WHERE condition (ANDed with earlier ones): `(col, op, value)`, a condition, or a callback. */
  where<L extends Operand<S>, Op extends ConditionOperator>(
    lhs: L,
    op: Op,
    rhs: NoInfer<RhsFor<Op, OperandType<S, L>>>,
  ): SelectQueryBuilder<DB, S, O>;
  where(condition: ConditionArg<DB, S>): SelectQueryBuilder<DB, S, O>;
  where(...args: unknown[]): unknown {
    return this.with$({ where: andNodes(this.state.where, conditionFromArgs(args)) });
  }

  /** `WHERE 1 = CONTAINS(POINT(position), CIRCLE(center, radius))` (ANDed). */
  coneSearch(...args: Parameters<ExpressionBuilder<DB, S>['coneSearch']>): SelectQueryBuilder<DB, S, O> {
    return this.where((expressionBuilder.coneSearch as (...a: unknown[]) => Condition)(...args));
  }

  /** `GROUP BY` columns or expressions. */
  groupBy(...items: (ColumnRef<S> | Expression<unknown>)[]): SelectQueryBuilder<DB, S, O> {
    return this.with$({ groupBy: [...(this.state.groupBy ?? []), ...items.map(operandNode)] });
  }

  /** Adds a HAVING condition (ANDed). */
  having<L extends Operand<S>, Op extends ConditionOperator>(
    lhs: L,
    op: Op,
    rhs: NoInfer<RhsFor<Op, OperandType<S, L>>>,
  ): SelectQueryBuilder<DB, S, O>;
  having(condition: ConditionArg<DB, S>): SelectQueryBuilder<DB, S, O>;
  having(...args: unknown[]): unknown {
    return this.with$({ having: andNodes(this.state.having, conditionFromArgs(args)) });
  }

  /** `ORDER BY` a column, a result column name, an expression or a 1-based column position. */
  orderBy(
    item: ColumnRef<S> | (keyof O & string) | Expression<unknown> | number,
    direction?: OrderDirection,
  ): SelectQueryBuilder<DB, S, O> {
    return this.with$({ orderBy: [...(this.state.orderBy ?? []), orderItem(item, direction)] });
  }

  /** `OFFSET n` (ADQL 2.1). */
  offset(n: number): SelectQueryBuilder<DB, S, O> {
    return this.with$({ offset: positiveInteger(n, 'OFFSET') });
  }

  /** For FROM/JOIN: `(query) AS alias`. */
  as<A extends string>(alias: A): AliasedSubquery<O, A> {
    return new AliasedSubquery(this, alias);
  }

  union(other: Subquery): CompoundQuery<DB, O> {
    return compound('UNION', false, this, other);
  }
  unionAll(other: Subquery): CompoundQuery<DB, O> {
    return compound('UNION', true, this, other);
  }
  intersect(other: Subquery): CompoundQuery<DB, O> {
    return compound('INTERSECT', false, this, other);
  }
  intersectAll(other: Subquery): CompoundQuery<DB, O> {
    return compound('INTERSECT', true, this, other);
  }
  except(other: Subquery): CompoundQuery<DB, O> {
    return compound('EXCEPT', false, this, other);
  }
  exceptAll(other: Subquery): CompoundQuery<DB, O> {
    return compound('EXCEPT', true, this, other);
  }

  toAST(): SelectQuery {
    const s = this.state;
    if (s.from.length === 0) throw new AdqlBuilderError('a query needs FROM: call from() first');
    if (s.columns.length === 0) throw new AdqlBuilderError('a query needs a select list: call select() or selectAll()');
    const node: SelectQuery = { kind: 'Select', columns: s.columns, from: s.from };
    if (s.with !== undefined) node.with = s.with;
    if (s.quantifier !== undefined) node.quantifier = s.quantifier;
    if (s.top !== undefined) node.top = s.top;
    if (s.where !== undefined) node.where = s.where;
    if (s.groupBy !== undefined) node.groupBy = s.groupBy;
    if (s.having !== undefined) node.having = s.having;
    if (s.orderBy !== undefined) node.orderBy = s.orderBy;
    if (s.offset !== undefined) node.offset = s.offset;
    return node;
  }
}

function orderItem(item: unknown, direction: OrderDirection | undefined): OrderItem {
  const expr = typeof item === 'number' ? numberNode(positiveInteger(item, 'an ORDER BY position')) : operandNode(item);
  const node: OrderItem = { kind: 'OrderItem', expr };
  if (direction !== undefined) {
    const d = direction.toUpperCase();
    if (d !== 'ASC' && d !== 'DESC') throw new AdqlBuilderError(`ORDER BY direction must be asc or desc, got ${String(direction)}`);
    node.direction = d;
  }
  return node;
}

function operandQuery(q: Subquery, side: string): QueryExpression {
  if (!isQuerySource(q)) throw new AdqlBuilderError(`the ${side} operand of a set operation must be a query`);
  const node = q.toAST();
  if (node.orderBy !== undefined || node.offset !== undefined || node.with !== undefined)
    throw new AdqlBuilderError(
      'ORDER BY, OFFSET and WITH apply to a whole UNION/INTERSECT/EXCEPT: call orderBy()/offset() on its result and with() first',
    );
  return node;
}

function compound<DB extends DatabaseShape, O>(
  op: SetOperation['op'],
  all: boolean,
  left: Subquery,
  right: Subquery,
): CompoundQuery<DB, O> {
  return new CompoundQuery({ kind: 'SetOperation', op, all, left: operandQuery(left, 'left'), right: operandQuery(right, 'right') });
}

/** The result of union/intersect/except: more set operations, ORDER BY and OFFSET. */
export class CompoundQuery<DB extends DatabaseShape, O> extends QueryBase<O> {
  constructor(
    private readonly node: SetOperation,
    private readonly decorations: { with?: CommonTableExpression[]; orderBy?: OrderItem[]; offset?: number } = {},
  ) {
    super();
  }

  private next(op: SetOperation['op'], all: boolean, other: Subquery): CompoundQuery<DB, O> {
    if (this.decorations.orderBy || this.decorations.offset !== undefined)
      throw new AdqlBuilderError('call union/intersect/except before orderBy()/offset()');
    return new CompoundQuery({ kind: 'SetOperation', op, all, left: this.node, right: operandQuery(other, 'right') }, this.decorations);
  }
  union(other: Subquery): CompoundQuery<DB, O> {
    return this.next('UNION', false, other);
  }
  unionAll(other: Subquery): CompoundQuery<DB, O> {
    return this.next('UNION', true, other);
  }
  intersect(other: Subquery): CompoundQuery<DB, O> {
    return this.next('INTERSECT', false, other);
  }
  intersectAll(other: Subquery): CompoundQuery<DB, O> {
    return this.next('INTERSECT', true, other);
  }
  except(other: Subquery): CompoundQuery<DB, O> {
    return this.next('EXCEPT', false, other);
  }
  exceptAll(other: Subquery): CompoundQuery<DB, O> {
    return this.next('EXCEPT', true, other);
  }
  /** ORDER BY a result column name or position. */
  orderBy(item: (keyof O & string) | number, direction?: OrderDirection): CompoundQuery<DB, O> {
    return new CompoundQuery(this.node, {
      ...this.decorations,
      orderBy: [...(this.decorations.orderBy ?? []), orderItem(item, direction)],
    });
  }
  offset(n: number): CompoundQuery<DB, O> {
    return new CompoundQuery(this.node, { ...this.decorations, offset: positiveInteger(n, 'OFFSET') });
  }
  as<A extends string>(alias: A): AliasedSubquery<O, A> {
    return new AliasedSubquery(this, alias);
  }
  /** @internal used by QueryCreator.with */
  withCtes(ctes: CommonTableExpression[]): CompoundQuery<DB, O> {
    return new CompoundQuery(this.node, { ...this.decorations, with: [...(this.decorations.with ?? []), ...ctes] });
  }
  toAST(): SetOperation {
    const d = this.decorations;
    if (d.with === undefined && d.orderBy === undefined && d.offset === undefined) return this.node;
    const node: SetOperation = { ...this.node };
    if (d.with !== undefined) node.with = d.with;
    if (d.orderBy !== undefined) node.orderBy = d.orderBy;
    if (d.offset !== undefined) node.offset = d.offset;
    return node;
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point

/** Starts queries: `from(...)` and `with(...)`. Create one with `queryBuilder<DB>()`. */
export class QueryCreator<DB extends DatabaseShape> {
  constructor(private readonly ctes: CommonTableExpression[] = []) {}

  /** Starts a SELECT from a table (`'zcat.main'`, `'zcat.main as m'`) or an aliased subquery. */
  from<T extends FromTarget<DB>>(target: CheckedTable<DB, T>): SelectQueryBuilder<DB, TargetScope<DB, T>, {}> {
    const state: SelectState = { columns: [], from: [targetNode(target)] };
    if (this.ctes.length > 0) state.with = this.ctes;
    return new SelectQueryBuilder(state);
  }

  /** `WITH name AS (query)`: later `from(name)` sees the CTE as a table with the query's row type. */
  with<N extends string, R>(name: N, query: Subquery<R> | ((qc: QueryCreator<DB>) => Subquery<R>)): QueryCreator<WithTable<DB, N, R>> {
    const q = typeof query === 'function' ? query(new QueryCreator<DB>()) : query;
    if (!isQuerySource(q)) throw new AdqlBuilderError('with() needs a query (a builder) or a callback returning one');
    return new QueryCreator([...this.ctes, { kind: 'CommonTableExpression', name: aliasIdentifier(name), query: q.toAST() }]);
  }

  /** Set operations of whole queries, carrying this creator's WITH clause. */
  union<O>(left: Subquery<O>, right: Subquery): CompoundQuery<DB, O> {
    return this.withCtes(compound('UNION', false, left, right));
  }
  unionAll<O>(left: Subquery<O>, right: Subquery): CompoundQuery<DB, O> {
    return this.withCtes(compound('UNION', true, left, right));
  }
  private withCtes<O>(q: CompoundQuery<DB, O>): CompoundQuery<DB, O> {
    return this.ctes.length > 0 ? q.withCtes(this.ctes) : q;
  }
}

/**
 * A query builder typed by a database interface (generated by `adqlkit codegen`); without a type
 * argument it is untyped (any table, any column) with the same API.
 */
export function queryBuilder<DB extends DatabaseShape = AnyDatabase>(): QueryCreator<DB> {
  return new QueryCreator<DB>();
}

// Subqueries inside expressions: `eb.from(...)` sees the outer scope (correlated references).
(expressionBuilder as unknown as { from: (t: unknown) => unknown }).from = (target: unknown) =>
  new SelectQueryBuilder({ columns: [], from: [targetNode(target)] });

declare module './expression-builder.js' {
  interface ExpressionBuilder<DB extends DatabaseShape, S> {
    /** A subquery for IN / EXISTS; it sees the outer query's tables (correlated references). */
    from<T extends FromTarget<DB>>(target: CheckedTable<DB, T>): SelectQueryBuilder<DB, S & TargetScope<DB, T>, {}>;
  }
}

export type { GeometryPredicate, TableName };
