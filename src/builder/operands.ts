/**
 * Run-time conversion of builder arguments to AST nodes. Two rules keep values from ever being
 * read as structure:
 * - where a column is expected (left operands, function arguments, positions) a string is a
 *   column reference, parsed as a name and delimited when needed;
 * - where a value is expected (right operands, IN lists, BETWEEN bounds) a string is a string
 *   literal. Use `eb.ref()` for a column there, and `eb.val()` for a literal in column positions.
 */
import type { QueryExpression, ValueExpression } from '../adql/index.js';
import { AdqlBuilderError } from './errors.js';
import { Expression } from './expression.js';
import { columnRefFrom } from './identifiers.js';
import { literalNode, type LiteralValue } from './nodes.js';

/** Anything that can produce a query expression node (builders, compound queries). */
export interface QueryNodeSource {
  toAST(): QueryExpression;
}

export function isQuerySource(x: unknown): x is QueryNodeSource {
  return x !== null && typeof x === 'object' && typeof (x as { toAST?: unknown }).toAST === 'function' && !(x instanceof Expression);
}

/** Column position: strings are column references. */
export function operandNode(x: unknown): ValueExpression {
  if (x instanceof Expression) return x.toAST();
  if (typeof x === 'string') return columnRefFrom(x);
  return valueOnly(x);
}

/** Value position: strings are string literals. */
export function valueNode(x: unknown): ValueExpression {
  if (x instanceof Expression) return x.toAST();
  return valueOnly(x);
}

function valueOnly(x: unknown): ValueExpression {
  if (isQuerySource(x))
    throw new AdqlBuilderError(
      'a subquery cannot be used as a value here (ADQL 2.1 has no scalar subqueries); use it with IN, EXISTS or in FROM',
    );
  return literalNode(x as LiteralValue);
}
