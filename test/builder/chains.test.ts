/** The builder prints (and validates) 100,000-term chains without overflowing the stack (issue 15). */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/adql/index.js';
import { adql, queryBuilder } from '../../src/builder/index.js';

const N = 100_000;

describe(`builder chains of ${N} terms`, { timeout: 60_000 }, () => {
  it('an OR of equalities (an ID list) prints and parses back', () => {
    const q = queryBuilder()
      .from('zcat.main')
      .select('id')
      .where((eb) => eb.or(...Array.from({ length: N }, (_, i) => eb('id', '=', i))));
    const text = q.toADQL();
    expect(text.split(' OR ')).toHaveLength(N);
    expect(parse(text).errors).toEqual([]);
    expect(q.toADQL({ pretty: true }).split('\n').length).toBeGreaterThanOrEqual(N);
  });
  it('an adql`` fragment with a long chain and a slot fills in without overflowing', () => {
    const parts = [`${Array.from({ length: N }, (_, i) => `id = ${i}`).join(' OR ')} OR name = `, ''];
    const strings = Object.assign([...parts], { raw: [...parts] }) as unknown as TemplateStringsArray;
    const text = queryBuilder().from('zcat.main').select('id').where(adql(strings, 'M 31')).toADQL();
    expect(text.split(' OR ')).toHaveLength(N + 1);
    expect(text.endsWith("OR name = 'M 31'")).toBe(true);
  });
});
