/** What translating an ADQL value expression gives, and how each kind is written as a SQL scalar. */
import type * as A from '../../adql/index.js';
import type { Constant } from '../../adql/index.js';
import type { ColumnInfo } from './catalog.js';
import { shapeSql } from './geometry.js';
import type { Scope } from './scope.js';
import type * as S from './sphere.js';
import { type Cond, condSql } from './sql-num.js';

/** A translated value: a scalar SQL expression, a geometry, or a geometric predicate (0/1 in ADQL). */
export type Value =
  | { kind: 'scalar'; sql: string; column?: ColumnInfo; constant?: Constant }
  | { kind: 'shape'; shape: S.Shape }
  | { kind: 'predicate'; cond: Cond };

/** What function and geometry translation need from the translator: the value of an argument. */
export interface ValueTranslator {
  value(e: A.ValueExpression, scope: Scope): Value;
}

/** A SQL delimited identifier. */
export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A value as a SQL scalar: predicates become 0/1, shapes DOUBLE[] lists. */
export function scalarSql(v: Value): string {
  switch (v.kind) {
    case 'scalar':
      return v.sql;
    case 'predicate':
      return `CAST(${condSql(v.cond)} AS INTEGER)`;
    case 'shape':
      return shapeSql(v.shape);
  }
}

/** Strips grouping parentheses. */
export function unparen(e: A.ValueExpression): A.ValueExpression {
  return e.kind === 'Paren' ? unparen(e.expr) : e;
}
