/** The builder prints (and validates) 100,000-term chains without overflowing the stack (issue 15). */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/adql/index.js';
import { queryBuilder } from '../../src/builder/index.js';

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
});
