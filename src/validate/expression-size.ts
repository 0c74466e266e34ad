/**
 * The size of a value expression (its nodes, parentheses not counted), remembered per node.
 *
 * GROUP BY matching compares an expression's structural key with the GROUP BY keys; an expression
 * whose size differs from every GROUP BY expression cannot match, so its key is never built. Without
 * this, every level of a long `a + b + ...` chain would build the key of everything below it.
 */
import type { ValueExpression } from './adql.js';

const sizes = new WeakMap<ValueExpression, number>();

/** The operands a structural key reads (a geometry's coordinate system is not part of its key). */
export function keyedOperands(e: ValueExpression): ValueExpression[] {
  switch (e.kind) {
    case 'Binary':
      return [e.left, e.right];
    case 'Paren':
      return [e.expr];
    case 'Unary':
      return [e.operand];
    case 'Aggregate':
      return e.arg.kind === 'Star' ? [] : [e.arg];
    case 'FunctionCall':
    case 'GeometryCall':
    case 'UserFunctionCall':
      return e.args;
    case 'Cast':
      return [e.expr];
    default:
      return [];
  }
}

export function expressionSize(root: ValueExpression): number {
  const known = sizes.get(root);
  if (known !== undefined) return known;
  // Post-order with an explicit stack: chains of any length are safe.
  const stack: Array<{ node: ValueExpression; expanded: boolean }> = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const operands = keyedOperands(frame.node);
    if (!frame.expanded) {
      frame.expanded = true;
      for (const o of operands) if (!sizes.has(o)) stack.push({ node: o, expanded: false });
      continue;
    }
    stack.pop();
    let size = frame.node.kind === 'Paren' ? 0 : 1;
    for (const o of operands) size += sizes.get(o)!;
    sizes.set(frame.node, size);
  }
  return sizes.get(root)!;
}
