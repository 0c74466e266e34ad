/**
 * Node construction for the builder: literals from JS values (the only place values enter a query)
 * and composite nodes that get parentheses where ADQL precedence needs them, so any tree the
 * builder makes prints to text that parses back to the same tree.
 */
import type { Binary, Condition, NumericLiteral, StringLiteral, Unary, ValueExpression } from '../adql/index.js';
import { AdqlBuilderError } from './errors.js';

/** JS values the builder accepts as literals. */
export type LiteralValue = number | bigint | string | boolean | Date | null;

function numberText(value: number): string {
  // String() gives the shortest round-tripping form: `0.1`, `1e-7`, `1.5e+300`, all valid ADQL.
  return String(value);
}

/** A numeric literal; negative values become unary minus, as the parser reads `-1.5`. */
export function numberNode(value: number | bigint): NumericLiteral | Unary {
  if (typeof value === 'bigint') {
    const negative = value < 0n;
    const lit: NumericLiteral = {
      kind: 'NumericLiteral',
      text: (negative ? -value : value).toString(),
      value: Number(negative ? -value : value),
    };
    return negative ? { kind: 'Unary', op: '-', operand: lit } : lit;
  }
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new AdqlBuilderError(`cannot use ${String(value)} as an ADQL number: only finite numbers can be written`);
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = negative ? -value : value;
  const lit: NumericLiteral = { kind: 'NumericLiteral', text: numberText(magnitude), value: magnitude };
  return negative && magnitude !== 0 ? { kind: 'Unary', op: '-', operand: lit } : lit;
}

export function stringNode(value: string): StringLiteral {
  if (typeof value !== 'string') throw new AdqlBuilderError(`expected a string, got ${typeof value}`);
  return { kind: 'StringLiteral', value };
}

/** The literal for any accepted JS value. Booleans are 1/0 (ADQL has no boolean literal). */
export function literalNode(value: LiteralValue): ValueExpression {
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return numberNode(value);
    case 'string':
      return stringNode(value);
    case 'boolean':
      return numberNode(value ? 1 : 0);
    case 'object':
      if (value === null) return { kind: 'Null' };
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new AdqlBuilderError('cannot use an invalid Date as an ADQL value');
        return stringNode(value.toISOString());
      }
  }
  throw new AdqlBuilderError(`cannot use ${describe(value)} as an ADQL value: use a number, bigint, string, boolean, Date or null`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

// ---------------------------------------------------------------------------------------------
// Precedence: parentheses only where the tree would otherwise print ambiguously.

const ARITH_PRECEDENCE: Record<Binary['op'], number> = { '||': 1, '+': 2, '-': 2, '*': 3, '/': 3 };

function valuePrecedence(node: ValueExpression): number {
  if (node.kind === 'Binary') return ARITH_PRECEDENCE[node.op];
  if (node.kind === 'Unary') return 4;
  return 5;
}

function paren(expr: ValueExpression): ValueExpression {
  return { kind: 'Paren', expr };
}

export function binaryNode(op: Binary['op'], left: ValueExpression, right: ValueExpression): Binary {
  const p = ARITH_PRECEDENCE[op];
  // Left-associative: the left side needs parentheses only when it binds looser, the right side
  // also when it binds equally (a - (b - c)).
  return {
    kind: 'Binary',
    op,
    left: valuePrecedence(left) < p ? paren(left) : left,
    right: valuePrecedence(right) <= p ? paren(right) : right,
  };
}

export function unaryNode(op: '+' | '-', operand: ValueExpression): Unary {
  return { kind: 'Unary', op, operand: valuePrecedence(operand) < 5 ? paren(operand) : operand };
}

function conditionPrecedence(node: Condition): number {
  if (node.kind === 'Logical') return node.op === 'OR' ? 1 : 2;
  if (node.kind === 'Not') return 3;
  return 4;
}

export function logicalNode(op: 'AND' | 'OR', operands: readonly Condition[]): Condition {
  if (operands.length === 0) throw new AdqlBuilderError(`${op} needs at least one condition`);
  const p = op === 'OR' ? 1 : 2;
  const wrap = (c: Condition): Condition => (conditionPrecedence(c) < p ? { kind: 'ParenCondition', condition: c } : c);
  let node = wrap(operands[0]!);
  for (let i = 1; i < operands.length; i++) {
    const right = operands[i]!;
    node = {
      kind: 'Logical',
      op,
      left: node,
      right: conditionPrecedence(right) <= p ? { kind: 'ParenCondition', condition: right } : right,
    };
  }
  return node;
}

export function notNode(operand: Condition): Condition {
  return {
    kind: 'Not',
    operand: conditionPrecedence(operand) < 4 ? { kind: 'ParenCondition', condition: operand } : operand,
  };
}
