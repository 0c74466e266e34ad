/**
 * ADQL 2.0 mode, GROUP BY and ORDER BY: ADQL 2.0 groups by column references only and sorts by a
 * column name or a position (2.0 BNF <grouping_column_reference>, <sort_key>); sorting by a
 * qualified column or an expression, and grouping by an expression, are new in 2.1 (ADQL 2.1,
 * appendix "Changes from 2.0": "ORDER BY accepts qualified column names", "accepts expressions").
 */
import type { OrderItem, QueryExpression, SourceRange, ValueExpression } from './ast.js';
import { AdqlVersionError } from './errors.js';
import { walk } from './visitor.js';

function groupByProblem(e: ValueExpression): string | undefined {
  return e.kind === 'ColumnRef' ? undefined : 'GROUP BY an expression';
}

function orderByProblem(item: OrderItem): string | undefined {
  const e = item.expr;
  if (e.kind === 'NumericLiteral') return undefined;
  if (e.kind === 'ColumnRef') return e.table === undefined ? undefined : 'ORDER BY a qualified column';
  return 'ORDER BY an expression';
}

export function checkClauses20(ast: QueryExpression): AdqlVersionError[] {
  const errors: AdqlVersionError[] = [];
  const report = (what: string | undefined, range: SourceRange | undefined) => {
    if (what !== undefined && range !== undefined) errors.push(new AdqlVersionError(`${what} needs ADQL 2.1`, range));
  };
  walk(ast, (node) => {
    if (node.kind === 'Select') for (const g of node.groupBy ?? []) report(groupByProblem(g), g.range);
    if (node.kind === 'Select' || node.kind === 'SetOperation') for (const o of node.orderBy ?? []) report(orderByProblem(o), o.expr.range);
  });
  return errors;
}
