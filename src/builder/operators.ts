/** Operator vocabularies of `eb(lhs, op, rhs)` and `where(lhs, op, rhs)`, and their typing. */
import type { Condition, Expression } from './expression.js';
import type { ComparableValue, Numeric } from './types.js';

export type ComparisonOp = '=' | '<>' | '!=' | '<' | '>' | '<=' | '>=';
export type LikeOp = 'like' | 'not like' | 'ilike' | 'not ilike';
export type InOp = 'in' | 'not in';
export type IsOp = 'is' | 'is not';
export type ArithmeticOp = '+' | '-' | '*' | '/';
export type ConcatOp = '||';

/** Operators that make a condition. */
export type ConditionOperator = ComparisonOp | LikeOp | InOp | IsOp;
/** Every binary operator `eb` accepts. */
export type BinaryOperator = ConditionOperator | ArithmeticOp | ConcatOp;

/** A subquery usable with IN / EXISTS / FROM (any query builder). */
export interface Subquery<O = any> {
  readonly __row: O;
  toAST(): import('../adql/index.js').QueryExpression;
}

/** Shows up in compiler messages when an operator does not fit its left operand's type. */
export interface TypeError<Message extends string> {
  readonly __typeError: Message;
}

type IsNumeric<T> = unknown extends T ? true : [NonNullable<T>] extends [Numeric] ? true : false;
type IsString<T> = unknown extends T ? true : [NonNullable<T>] extends [string] ? true : false;

/** The right operand a left operand of type T accepts with operator Op. */
export type RhsFor<Op, T> = Op extends ComparisonOp
  ? ComparableValue<T> | Expression<ComparableValue<T> | null>
  : Op extends LikeOp
    ? IsString<T> extends true
      ? string | Expression<string | null>
      : TypeError<'LIKE/ILIKE need a string column on the left'>
    : Op extends InOp
      ? readonly ComparableValue<T>[] | Subquery
      : Op extends IsOp
        ? null
        : Op extends ArithmeticOp
          ? IsNumeric<T> extends true
            ? Numeric | Expression<Numeric | null>
            : TypeError<'arithmetic needs a numeric left operand'>
          : Op extends ConcatOp
            ? string | Expression<string | null>
            : never;

/** What `eb(lhs, op, rhs)` yields. */
export type ResultFor<Op> = Op extends ConditionOperator ? Condition : Op extends ConcatOp ? Expression<string> : Expression<number>;
