/**
 * The AST side of partitioning: which queries can be split and merged back into the same answer,
 * and the chunk query (the original with one more WHERE conjunct). Never string concatenation.
 */
import { parse, print, walk } from '../adql/index.js';
import type { AdqlNode, Aggregate, ColumnRef, Condition, OrderItem, SelectQuery, ValueExpression } from '../adql/index.js';
import type { Bound } from './bounds.js';
import { PartitionPlanError } from './errors.js';

/** A sort key of the merged result: a result column by 1-based position or by name. */
export interface OrderKey {
  position?: number;
  name?: string;
  descending: boolean;
}

/** A query checked for partitioning. */
export interface PartitionableQuery {
  /** The parsed SELECT (do not mutate: chunk queries are built from clones). */
  ast: SelectQuery;
  /** ORDER BY re-applied when merging. */
  order: OrderKey[];
  /** TOP re-applied when merging (with ORDER BY only). */
  top: number | undefined;
}

/** A column (or qualified column) given as text, as a column reference node. */
export function columnExpression(column: string): ColumnRef {
  const { ast, errors } = parse(`SELECT ${column} FROM t`);
  const item = errors.length === 0 && ast?.kind === 'Select' && ast.columns.length === 1 ? ast.columns[0] : undefined;
  if (item?.kind !== 'SelectColumn' || item.expr.kind !== 'ColumnRef') {
    throw new PartitionPlanError(`"${column}" is not a column name; give a column such as id or t.ra`);
  }
  return item.expr;
}

function same(a: AdqlNode, b: AdqlNode): boolean {
  return print(a).toLowerCase() === print(b).toLowerCase();
}

/** Aggregates of this SELECT itself (not of its subqueries). */
function ownAggregates(query: SelectQuery): Aggregate[] {
  const found: Aggregate[] = [];
  const scan = (node: AdqlNode | undefined): void => {
    if (node === undefined) return;
    walk(node, (n) => {
      if (n.kind === 'Select' || n.kind === 'SetOperation') return false;
      if (n.kind === 'Aggregate') found.push(n);
      return undefined;
    });
  };
  for (const c of query.columns) scan(c);
  scan(query.having);
  for (const o of query.orderBy ?? []) scan(o);
  return found;
}

function orderKey(item: OrderItem, query: SelectQuery): OrderKey {
  const descending = item.direction === 'DESC';
  const e = item.expr;
  if (e.kind === 'NumericLiteral') return { position: e.value, descending };
  const selected = query.columns.find((c) => c.kind === 'SelectColumn' && c.alias !== undefined && same(c.expr, e));
  if (selected?.kind === 'SelectColumn' && selected.alias !== undefined) return { name: selected.alias.name, descending };
  if (e.kind === 'ColumnRef') return { name: e.column.name, descending };
  throw new PartitionPlanError(
    `ORDER BY ${print(e)} cannot be re-applied when merging chunks: order by a selected column, its alias or its position`,
  );
}

/**
 * Parses and checks a query for partitioning by `columns`. Refused, with the reason: set
 * operations, OFFSET, TOP without ORDER BY, aggregates or GROUP BY whose groups could span
 * chunks, and DISTINCT over rows that could repeat across chunks.
 */
export function prepareQuery(adql: string, columns: readonly string[]): PartitionableQuery {
  const { ast, errors } = parse(adql);
  if (ast === null || errors.length > 0) {
    const e = errors[0];
    throw new PartitionPlanError(
      `the query does not parse${e ? ` (line ${e.range.start.line}, column ${e.range.start.column}: ${e.message})` : ''}; fix it first`,
    );
  }
  if (ast.kind !== 'Select') {
    throw new PartitionPlanError(`${ast.op} queries cannot be partitioned as a whole; partition each SELECT on its own`);
  }
  if (ast.offset !== undefined)
    throw new PartitionPlanError(`OFFSET ${ast.offset} cannot be applied per chunk; remove it and skip rows after merging`);
  const partition = columns.map(columnExpression);
  const grouped = (ast.groupBy ?? []).length > 0;
  const groupedByPartition = partition.every((p) => (ast.groupBy ?? []).some((g) => same(g, p)));
  const aggregates = ownAggregates(ast);
  if ((aggregates.length > 0 || ast.having !== undefined || grouped) && !groupedByPartition) {
    const what = aggregates.length > 0 ? `aggregates (${print(aggregates[0]!)})` : grouped ? 'GROUP BY' : 'HAVING';
    throw new PartitionPlanError(
      `${what} across chunks would give one partial answer per chunk; aggregates are refused unless the query groups by the partition column (${columns.join(', ')})`,
    );
  }
  if (ast.quantifier === 'DISTINCT') {
    const all = ast.columns.some((c) => c.kind === 'AllColumns');
    const kept = all || partition.every((p) => ast.columns.some((c) => c.kind === 'SelectColumn' && same(c.expr, p)));
    if (!kept)
      throw new PartitionPlanError(
        `SELECT DISTINCT could repeat rows across chunks; select the partition column (${columns.join(', ')}) too`,
      );
  }
  if (ast.top !== undefined && (ast.orderBy ?? []).length === 0) {
    throw new PartitionPlanError(
      `TOP ${ast.top} without ORDER BY: which ${ast.top} rows the service returns is undefined, so chunks cannot be merged into the same answer; add ORDER BY or drop TOP`,
    );
  }
  return { ast, order: (ast.orderBy ?? []).map((o) => orderKey(o, ast)), top: ast.top };
}

function boundComparisons(b: Bound): Condition[] {
  const col = columnExpression(b.column);
  const num = (text: string) => ({ kind: 'NumericLiteral' as const, text, value: Number(text) });
  const literal = (text: string): ValueExpression =>
    text.startsWith('-') ? { kind: 'Unary', op: '-', operand: num(text.slice(1)) } : num(text);
  return [
    { kind: 'Comparison', op: '>=', left: col, right: literal(b.lo) },
    { kind: 'Comparison', op: b.hiInclusive ? '<=' : '<', left: structuredClone(col), right: literal(b.hi) },
  ];
}

/** The query restricted to a chunk: its WHERE (kept whole, in parentheses) AND the bounds. */
export function chunkQuery(query: PartitionableQuery, bounds: readonly Bound[]): string {
  const ast = structuredClone(query.ast);
  const conditions: Condition[] = ast.where === undefined ? [] : [{ kind: 'ParenCondition', condition: ast.where }];
  for (const b of bounds) conditions.push(...boundComparisons(b));
  // Left-deep, so that the printer needs no parentheses: (where) AND a AND b ...
  ast.where = conditions.reduce((left, right) => ({ kind: 'Logical', op: 'AND', left, right }));
  delete ast.comments;
  return print(ast);
}

/** `SELECT MIN(col) AS lo, MAX(col) AS hi` over the rows the query selects: the extent of an axis. */
export function extentQuery(query: PartitionableQuery, column: string): string {
  const ast = structuredClone(query.ast);
  const col = columnExpression(column);
  const aggregate = (name: 'MIN' | 'MAX', alias: string) => ({
    kind: 'SelectColumn' as const,
    expr: { kind: 'Aggregate' as const, name, arg: structuredClone(col) },
    alias: { kind: 'Identifier' as const, name: alias, delimited: false },
  });
  ast.columns = [aggregate('MIN', 'lo'), aggregate('MAX', 'hi')];
  delete ast.top;
  delete ast.quantifier;
  delete ast.orderBy;
  delete ast.groupBy;
  delete ast.having;
  delete ast.comments;
  return print(ast);
}
