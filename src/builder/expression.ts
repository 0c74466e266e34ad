/**
 * Typed wrappers around AST nodes. The type parameter is a phantom: it records the value type an
 * expression yields (number, string, Point, ...) so operands and result rows can be checked.
 */
import type { Condition as ConditionNode, Identifier, ValueExpression } from '../adql/index.js';
import { identifierFor } from './identifiers.js';
import { AdqlBuilderError } from './errors.js';
import { logicalNode, notNode } from './nodes.js';

/** An ADQL value expression yielding values of type T. */
export class Expression<T> {
  /** Phantom: the value type. Never set at run time. */
  declare readonly __valueType: T;
  constructor(readonly node: ValueExpression) {}

  toAST(): ValueExpression {
    return this.node;
  }

  /** `expr AS alias` in a select list: the alias becomes the result column name. */
  as<A extends string>(alias: A): AliasedExpression<T, A> {
    return new AliasedExpression(this, alias);
  }
}

/** An expression with a column alias, for select lists. */
export class AliasedExpression<T, A extends string> {
  declare readonly __valueType: T;
  readonly aliasNode: Identifier;
  constructor(
    readonly expression: Expression<T>,
    readonly alias: A,
  ) {
    this.aliasNode = identifierFor(alias);
  }
}

/** An ADQL search condition (WHERE, HAVING, ON): not a value, so never a select item. */
export class Condition {
  declare readonly __condition: true;
  constructor(readonly node: ConditionNode) {}

  toAST(): ConditionNode {
    return this.node;
  }

  and(...others: ConditionLike[]): Condition {
    return new Condition(logicalNode('AND', [this.node, ...others.map(conditionNodeOf)]));
  }

  or(...others: ConditionLike[]): Condition {
    return new Condition(logicalNode('OR', [this.node, ...others.map(conditionNodeOf)]));
  }

  not(): Condition {
    return new Condition(notNode(this.node));
  }
}

/**
 * CONTAINS / INTERSECTS: numeric functions in ADQL (0 or 1). Used as a value they print as the
 * call; used where a condition is expected they expand to the standard idiom `1 = CONTAINS(...)`.
 */
export class GeometryPredicate extends Expression<number> {
  declare readonly __geometryPredicate: true;
  toCondition(): Condition {
    return new Condition({ kind: 'Comparison', op: '=', left: { kind: 'NumericLiteral', text: '1', value: 1 }, right: this.node });
  }
}

/**
 * An expression whose node is produced on demand (raw `adql` fragments are parsed as a value or as
 * a condition depending on where they are used).
 */
export interface ConditionSource {
  toConditionNode(): ConditionNode;
}

export type ConditionLike = Condition | GeometryPredicate | ConditionSource;

export function conditionNodeOf(c: ConditionLike): ConditionNode {
  if (c instanceof Condition) return c.node;
  if (c instanceof GeometryPredicate) return c.toCondition().node;
  if (c !== null && typeof c === 'object' && typeof (c as ConditionSource).toConditionNode === 'function')
    return (c as ConditionSource).toConditionNode();
  throw new AdqlBuilderError(`expected a condition (from eb(...), eb.and/or/not, contains/intersects or adql\`\`), got ${typeof c}`);
}
