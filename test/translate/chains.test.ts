/**
 * The translator over long flat chains (issue 15): 100,000 terms of OR, AND, +, || or UNION neither
 * overflow the call stack nor nest in the SQL (each run of one operator is one flat list).
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/adql/index.js';
import { type Catalog, translate } from '../../src/engine/translate/index.js';

const catalog: Catalog = {
  findTable: (schema, table) =>
    table.toLowerCase() === 't'
      ? {
          schema: 'my',
          name: 't',
          sql: '"my"."t"',
          columns: [
            { name: 'id', datatype: 'int' },
            { name: 'x', datatype: 'double' },
            { name: 's', datatype: 'char', arraysize: '*' },
          ],
        }
      : undefined,
};
const N = 100_000;
const terms = (f: (i: number) => string) => Array.from({ length: N }, (_, i) => f(i));
const sqlOf = (adql: string) => translate(parse(adql).ast!, { catalog }).sql;
/** The deepest parenthesis nesting of a text. */
function depth(sql: string): number {
  let d = 0;
  let max = 0;
  for (const c of sql) {
    if (c === '(') max = Math.max(max, ++d);
    else if (c === ')') d--;
  }
  return max;
}

describe(`translate() of ${N}-term chains`, { timeout: 60_000 }, () => {
  it.each([
    ['OR', `SELECT id FROM t WHERE ${terms((i) => `id = ${i}`).join(' OR ')}`, ' OR '],
    ['AND', `SELECT id FROM t WHERE ${terms((i) => `id <> ${i}`).join(' AND ')}`, ' AND '],
    ['+', `SELECT ${terms(() => 'x').join(' + ')} AS v FROM t`, ' + '],
    ['||', `SELECT ${terms(() => 's').join(' || ')} AS v FROM t`, ' || '],
    ['UNION', terms(() => 'SELECT id FROM t').join(' UNION '), ' UNION '],
  ])('%s: one flat list', (_kind, adql, op) => {
    const sql = sqlOf(adql);
    expect(sql.split(op)).toHaveLength(N);
    expect(depth(sql)).toBeLessThan(10);
  });
  it('keeps the meaning of mixed operators: a - (b - c), a OR b AND c, INTERSECT before UNION', () => {
    expect(sqlOf('SELECT x - (x - 1) - 2 AS v FROM t')).toContain('("x" - (("x" - 1)) - 2)');
    expect(sqlOf('SELECT id FROM t WHERE id = 1 OR id = 2 AND id = 3 OR id = 4')).toContain(
      '(("id" = 1) OR (("id" = 2) AND ("id" = 3)) OR ("id" = 4))',
    );
    const s = '(SELECT "id" AS "id" FROM "my"."t" AS "t")';
    expect(sqlOf('SELECT id FROM t UNION SELECT id FROM t INTERSECT SELECT id FROM t EXCEPT SELECT id FROM t')).toBe(
      `${s} UNION (${s} INTERSECT ${s}) EXCEPT ${s}`,
    );
  });
});
