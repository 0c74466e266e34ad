/**
 * validate() over long flat chains (generated ID lists, long sums, concatenations, UNIONs): 100,000
 * terms must neither overflow the call stack nor take time quadratic in the query size.
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const N = 100_000;
const terms = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

describe(`validate() of ${N}-term chains`, { timeout: 60_000 }, () => {
  it.each([
    ['OR', `SELECT id FROM zcat.main WHERE ${terms(N, (i) => `id = ${i}`).join(' OR ')}`],
    ['AND', `SELECT id FROM zcat.main WHERE ${terms(N, (i) => `id <> ${i}`).join(' AND ')}`],
    ['+', `SELECT ${terms(N, () => 'bmag').join(' + ')} AS s FROM zcat.main`],
    ['||', `SELECT ${terms(N, () => 'name').join(' || ')} AS s FROM zcat.main`],
    ['UNION', terms(N, () => 'SELECT id FROM zcat.main').join(' UNION ')],
  ])('%s is valid', (_kind, q) => {
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual([]);
    expect(r.columns).toHaveLength(1);
  });

  it('types the chain: an error deep inside a long sum is found once, at its operand', () => {
    const parts = terms(N, () => 'bmag');
    parts[N / 2] = 'name';
    const q = `SELECT ${parts.join(' + ')} AS s FROM zcat.main`;
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['arithmetic-type']);
    expect(r[0]!.range!.start.offset).toBe(q.indexOf('name'));
  });

  it('matches a long GROUP BY expression with the same select expression', () => {
    const sum = terms(N, () => 'bmag').join(' + ');
    expect(run(`SELECT ${sum} AS s, COUNT(*) AS n FROM zcat.main GROUP BY ${sum}`).map((d) => d.code)).toEqual([]);
    expect(run(`SELECT ${sum} + ra AS s, COUNT(*) AS n FROM zcat.main GROUP BY ${sum}`).map((d) => d.code)).toEqual(['ungrouped-column']);
  });

  it('compares the column count of every UNION operand', () => {
    const blocks = terms(N, () => 'SELECT id FROM zcat.main');
    blocks[N - 10] = 'SELECT id, ra FROM zcat.main';
    const q = blocks.join(' UNION ');
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['set-operand-columns']);
    expect(r[0]!.range!.start.offset).toBe(q.indexOf('SELECT id, ra'));
  });
});
