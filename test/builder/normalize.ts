/**
 * AST comparison "modulo formatting": drops positions and comments, compares numbers by value
 * (not spelling: `1.0` and `1`), and removes explicit parentheses (the tree already encodes the
 * grouping they express).
 */
export function normalizeAst(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalizeAst);
  if (node === null || typeof node !== 'object') return node;
  const n = node as Record<string, unknown>;
  if (n.kind === 'Paren') return normalizeAst(n.expr);
  if (n.kind === 'ParenCondition') return normalizeAst(n.condition);
  if (n.kind === 'NumericLiteral') return { kind: 'NumericLiteral', value: n.value };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(n).sort()) {
    if (key === 'range' || key === 'comments') continue;
    out[key] = normalizeAst(n[key]);
  }
  return out;
}
