/**
 * Walking and rewriting ADQL trees.
 *
 * Children are found generically (every property holding a node or an array of nodes, except
 * `range`), so the walker never falls behind the AST types.
 */
import type { AdqlNode, NodeKind, NodeOfKind } from './ast.js';

function isNode(v: unknown): v is AdqlNode {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
}

/** The direct children of a node, in source order (property order of the node types). */
export function childrenOf(node: AdqlNode): AdqlNode[] {
  const out: AdqlNode[] = [];
  for (const key in node) {
    if (key === 'range') continue;
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const item of v) if (isNode(item)) out.push(item);
    } else if (isNode(v)) {
      out.push(v);
    }
  }
  return out;
}

/**
 * Per-kind callbacks for {@link walk}. Returning `false` from a callback skips that node's children.
 * `enter` runs for every node before its kind callback; `leave` after its children.
 */
export type AdqlVisitor = {
  [K in NodeKind]?: (node: NodeOfKind<K>, parent: AdqlNode | undefined) => void | false;
} & {
  enter?: (node: AdqlNode, parent: AdqlNode | undefined) => void | false;
  leave?: (node: AdqlNode, parent: AdqlNode | undefined) => void;
};

/** Depth-first, pre-order walk. Iterative, so arbitrarily deep trees cannot overflow the stack. */
export function walk(root: AdqlNode, visitor: AdqlVisitor | ((node: AdqlNode, parent: AdqlNode | undefined) => void | false)): void {
  const v: AdqlVisitor = typeof visitor === 'function' ? { enter: visitor } : visitor;
  type Frame = { node: AdqlNode; parent: AdqlNode | undefined; leaving: boolean };
  const stack: Frame[] = [{ node: root, parent: undefined, leaving: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.leaving) {
      v.leave?.(frame.node, frame.parent);
      continue;
    }
    const { node, parent } = frame;
    let descend = v.enter?.(node, parent) !== false;
    if (descend) {
      const byKind = v[node.kind] as ((n: AdqlNode, p: AdqlNode | undefined) => void | false) | undefined;
      if (byKind && byKind(node, parent) === false) descend = false;
    }
    if (v.leave) stack.push({ node, parent, leaving: true });
    if (descend) {
      const kids = childrenOf(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, parent: node, leaving: false });
    }
  }
}

/** All nodes of one kind under (and including) root, in pre-order. */
export function findAll<K extends NodeKind>(root: AdqlNode, kind: K): NodeOfKind<K>[] {
  const out: NodeOfKind<K>[] = [];
  walk(root, (n) => {
    if (n.kind === kind) out.push(n as NodeOfKind<K>);
  });
  return out;
}

/**
 * Rebuilds a tree bottom-up. `fn` sees each node after its children were transformed and returns
 * a replacement (or the same node, or undefined to keep it). Unchanged subtrees are shared, not
 * copied; the input tree is never mutated.
 */
export function transform<T extends AdqlNode>(root: T, fn: (node: AdqlNode) => AdqlNode | undefined | void): T {
  // Post-order with an explicit stack (a chain of 100,000 ORs must not overflow the call stack).
  // A frame's children are rewritten before the frame is finished; results wait on `done`.
  type Frame = { node: AdqlNode; expanded: boolean };
  const stack: Frame[] = [{ node: root, expanded: false }];
  const done: AdqlNode[] = [];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const src = frame.node as unknown as Record<string, unknown>;
    if (!frame.expanded) {
      frame.expanded = true;
      const kids = childrenOf(frame.node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, expanded: false });
      continue;
    }
    stack.pop();
    // The rewritten children are the last results, in childrenOf order.
    let next = done.length - childCount(frame.node);
    let copy: Record<string, unknown> | undefined;
    for (const key in src) {
      if (key === 'range') continue;
      const v = src[key];
      if (Array.isArray(v)) {
        let changed = false;
        const items = v.map((item) => {
          if (!isNode(item)) return item;
          const r = done[next++]!;
          if (r !== item) changed = true;
          return r;
        });
        if (changed) (copy ??= { ...src })[key] = items;
      } else if (isNode(v)) {
        const r = done[next++]!;
        if (r !== v) (copy ??= { ...src })[key] = r;
      }
    }
    done.length -= childCount(frame.node);
    const current = (copy ?? frame.node) as AdqlNode;
    const replaced: AdqlNode | undefined | void = fn(current);
    done.push(replaced ? replaced : current);
  }
  return done[0] as T;
}

function childCount(node: AdqlNode): number {
  let n = 0;
  for (const key in node) {
    if (key === 'range') continue;
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const item of v) if (isNode(item)) n++;
    } else if (isNode(v)) n++;
  }
  return n;
}

/** A deep copy without source ranges or comments (what "equal ignoring positions" compares). */
export function stripPositions<T extends AdqlNode>(node: T): T {
  // Copies with an explicit stack of (source, target) pairs: long chains must not overflow.
  const copyOf = (v: unknown, pending: Array<[unknown, Record<string, unknown> | unknown[]]>): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> | unknown[] = Array.isArray(v) ? new Array<unknown>(v.length) : {};
    pending.push([v, out]);
    return out;
  };
  const pending: Array<[unknown, Record<string, unknown> | unknown[]]> = [];
  const root = copyOf(node, pending);
  while (pending.length > 0) {
    const [from, to] = pending.pop()!;
    if (Array.isArray(from)) {
      from.forEach((item, i) => ((to as unknown[])[i] = copyOf(item, pending)));
      continue;
    }
    for (const [k, val] of Object.entries(from as Record<string, unknown>)) {
      if (k === 'range' || k === 'comments') continue;
      (to as Record<string, unknown>)[k] = copyOf(val, pending);
    }
  }
  return root as T;
}
