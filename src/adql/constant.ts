/**
 * Constant arithmetic as a service evaluates it: an exact integer divided by an exact integer is an
 * integer, truncated towards zero (PostgreSQL under DaCHS, and the embedded engine's DuckDB, do so:
 * `3/2` is 1, `-7/2` is -3), anything else is a double. The engine, partition pruning and the
 * cross-match planner read radii and bounds through this one definition, so a region used to prune
 * is the region the query tests.
 */
import type { Binary, NumericLiteral, ValueExpression } from './ast.js';

export interface Constant {
  value: number;
  /** An exact integer (an integer literal, or integers combined by + - * /). */
  integral: boolean;
}

/** An exact integer literal has no point and no exponent: `12`; `12.0` and `1e3` are approximate. */
export function literalConstant(e: NumericLiteral): Constant {
  return { value: e.value, integral: !/[.eE]/.test(e.text) };
}

/** `a op b`, or undefined for a division by zero or a result that is not finite. */
export function foldConstant(op: Binary['op'], a: Constant, b: Constant): Constant | undefined {
  const integral = a.integral && b.integral;
  let value: number;
  switch (op) {
    case '+':
      value = a.value + b.value;
      break;
    case '-':
      value = a.value - b.value;
      break;
    case '*':
      value = a.value * b.value;
      break;
    case '/':
      if (b.value === 0) return undefined;
      value = integral ? Math.trunc(a.value / b.value) : a.value / b.value;
      break;
    default:
      return undefined; // || is not arithmetic
  }
  return Number.isFinite(value) ? { value, integral } : undefined;
}

/**
 * The value of a constant numeric expression (literals, signs, parentheses, + - * /), else
 * undefined. A loop over an explicit stack, so generated chains of any length are safe.
 */
export function constantValue(root: ValueExpression): Constant | undefined {
  const stack: Array<{ e: ValueExpression; expanded: boolean }> = [{ e: root, expanded: false }];
  const values: Constant[] = [];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const x = frame.e;
    if (x.kind === 'NumericLiteral') values.push(literalConstant(x));
    else if (x.kind === 'Paren') stack.push({ e: x.expr, expanded: false });
    else if (x.kind === 'Unary' && !frame.expanded) stack.push({ e: x, expanded: true }, { e: x.operand, expanded: false });
    else if (x.kind === 'Unary') {
      const v = values.pop()!;
      values.push(x.op === '-' ? { value: -v.value, integral: v.integral } : v);
    } else if (x.kind === 'Binary' && x.op !== '||' && !frame.expanded)
      stack.push({ e: x, expanded: true }, { e: x.right, expanded: false }, { e: x.left, expanded: false });
    else if (x.kind === 'Binary' && x.op !== '||') {
      const b = values.pop()!;
      const folded = foldConstant(x.op, values.pop()!, b);
      if (folded === undefined) return undefined;
      values.push(folded);
    } else return undefined;
  }
  return values[0];
}
