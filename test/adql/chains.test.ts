/**
 * Long flat chains (generated ID lists: `id = 1 OR id = 2 OR ...`, long sums, concatenations,
 * UNIONs of many blocks): every pass over the tree must take 100,000 terms without overflowing the
 * call stack, and in time linear in the query's size.
 */
import { describe, expect, it } from 'vitest';
import { parse, print, stripPositions, transform, usedFeatures, walk, type QueryExpression } from '../../src/adql/index.js';

const N = 100_000;
const terms = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

export const CHAINS: Record<string, (n: number) => string> = {
  OR: (n) => `SELECT a FROM t WHERE ${terms(n, (i) => `a = ${i}`).join(' OR ')}`,
  AND: (n) => `SELECT a FROM t WHERE ${terms(n, (i) => `a <> ${i}`).join(' AND ')}`,
  '+': (n) => `SELECT ${terms(n, (i) => `a${i % 7}`).join(' + ')} AS s FROM t`,
  '||': (n) => `SELECT ${terms(n, (i) => `'x${i}'`).join(' || ')} AS s FROM t`,
  UNION: (n) => terms(n, (i) => `SELECT a FROM t${i % 3}`).join(' UNION '),
};

// Trees this deep are compared through their canonical text: deep-equal helpers recurse.
describe.each(Object.keys(CHAINS))(`a chain of ${N} terms of %s`, { timeout: 60_000 }, (kind) => {
  const make = CHAINS[kind]!;
  const text = make(N);
  let ast: QueryExpression;
  it('parses', () => {
    const parsed = parse(text);
    expect(parsed.errors).toEqual([]);
    ast = parsed.ast!;
  });
  it('prints (canonical and pretty) text that parses back to the same tree', () => {
    const printed = print(ast);
    expect(printed).toBe(text);
    const pretty = print(ast, { pretty: true });
    expect(print(parse(pretty).ast!)).toBe(text);
    expect(print(stripPositions(ast))).toBe(text);
  });
  it('walks, transforms and lists features', () => {
    let nodes = 0;
    walk(ast, () => void nodes++);
    expect(nodes).toBeGreaterThan(N);
    const renamed = transform(ast, (n) =>
      n.kind === 'ColumnRef' && n.column.name === 'a' ? { ...n, column: { ...n.column, name: 'b' } } : undefined,
    );
    expect(print(renamed)).toBe(print(ast).replace(/\ba\b/g, 'b'));
    expect(print(ast)).toBe(text); // the input tree is untouched
    expect(usedFeatures(ast).length).toBeGreaterThanOrEqual(0);
  });
});

describe('linear time', { timeout: 60_000 }, () => {
  // print() of a UNION chain used to copy every operand's lines at every level (61 s for 20,000).
  it('prints 5 times as many UNION operands in well under 25 times the time', () => {
    const timeOf = (n: number) => {
      const ast = parse(CHAINS.UNION!(n)).ast!;
      print(ast, { pretty: true }); // warm up
      const t0 = performance.now();
      for (let i = 0; i < 3; i++) {
        print(ast);
        print(ast, { pretty: true });
      }
      return performance.now() - t0;
    };
    const small = timeOf(10_000);
    const large = timeOf(50_000);
    expect(large / small).toBeLessThan(15);
  });
});
