/** The AST side of partitioning and the range arithmetic: no service needed. */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/adql/index.js';
import { chunkQuery, prepareQuery } from '../../src/partition/rewrite.js';
import { divideAxis, halve, partsForSize, checkAxis, type Axis } from '../../src/partition/bounds.js';
import { PartitionPlanError } from '../../src/partition/errors.js';

const ids: Axis = { column: 'id', type: 'integer', lo: '1', hi: '100' };

describe('chunk queries (AST rewrite)', () => {
  it('adds the range as a WHERE conjunct, keeping the existing WHERE whole', () => {
    const q = prepareQuery('SELECT id, ra FROM zcat.big WHERE mag < 14 OR mag > 18', ['id']);
    const text = chunkQuery(q, [{ column: 'id', type: 'integer', lo: '1', hi: '51', hiInclusive: false }]);
    expect(text).toBe('SELECT id, ra FROM zcat.big WHERE (mag < 14 OR mag > 18) AND id >= 1 AND id < 51');
    expect(parse(text).errors).toEqual([]);
  });

  it('adds a WHERE when there is none, with negative and inclusive bounds', () => {
    const q = prepareQuery('SELECT * FROM zcat.big', ['dec']);
    expect(chunkQuery(q, [{ column: 'dec', type: 'float', lo: '-90', hi: '-45.5', hiInclusive: true }])).toBe(
      'SELECT * FROM zcat.big WHERE dec >= -90 AND dec <= -45.5',
    );
  });

  it('keeps joins, qualified columns, GROUP BY on the partition column and ORDER BY', () => {
    const adql =
      'SELECT fmo.objID, COUNT(*) AS n FROM a AS fmo JOIN b AS so ON fmo.objID = so.objID WHERE so.x = 1 GROUP BY fmo.objID ORDER BY n DESC';
    const q = prepareQuery(adql, ['fmo.objID']);
    expect(q.order).toEqual([{ name: 'n', descending: true }]);
    const text = chunkQuery(q, [
      { column: 'fmo.objID', type: 'integer', lo: '72000000000000000', hi: '144005000000000000', hiInclusive: false },
    ]);
    expect(text).toContain(
      'WHERE (so.x = 1) AND fmo.objID >= 72000000000000000 AND fmo.objID < 144005000000000000 GROUP BY fmo.objID ORDER BY n DESC',
    );
  });

  it('sky tiles constrain both columns', () => {
    const q = prepareQuery('SELECT id FROM zcat.big', ['ra', 'dec']);
    expect(
      chunkQuery(q, [
        { column: 'ra', type: 'float', lo: '0', hi: '90', hiInclusive: false },
        { column: 'dec', type: 'float', lo: '0', hi: '90', hiInclusive: true },
      ]),
    ).toBe('SELECT id FROM zcat.big WHERE ra >= 0 AND ra < 90 AND dec >= 0 AND dec <= 90');
  });

  it('maps ORDER BY to result columns (name, alias, position)', () => {
    expect(prepareQuery('SELECT TOP 10 id, mag * 2 AS m2 FROM t ORDER BY mag * 2, 1 DESC, id', ['id']).order).toEqual([
      { name: 'm2', descending: false },
      { position: 1, descending: true },
      { name: 'id', descending: false },
    ]);
  });

  const refusals: Array<[string, string[], RegExp]> = [
    ['SELECT TOP 5 id FROM t', ['id'], /TOP 5 without ORDER BY.*add ORDER BY or drop TOP/],
    ['SELECT COUNT(*) FROM t', ['id'], /aggregates \(COUNT\(\*\)\) across chunks/],
    ['SELECT mag, COUNT(*) FROM t GROUP BY mag', ['id'], /groups by the partition column/],
    ['SELECT id FROM t UNION SELECT id FROM u', ['id'], /UNION queries cannot be partitioned/],
    ['SELECT id FROM t ORDER BY id OFFSET 5', ['id'], /OFFSET 5/],
    ['SELECT DISTINCT mag FROM t', ['id'], /DISTINCT could repeat rows/],
    ['SELECT id FROM t ORDER BY ra + dec', ['id'], /ORDER BY ra \+ dec cannot be re-applied/],
    ['SELECT id FROM', ['id'], /does not parse/],
    ['SELECT id FROM t', ['1 + id'], /not a column name/],
  ];
  for (const [adql, columns, message] of refusals) {
    it(`refuses ${adql}`, () => {
      expect(() => prepareQuery(adql, columns)).toThrow(PartitionPlanError);
      expect(() => prepareQuery(adql, columns)).toThrow(message);
    });
  }
});

describe('ranges', () => {
  it('integer ranges cover every id once; the last is padded to include the maximum', () => {
    const parts = divideAxis(ids, 3);
    expect(parts.map((b) => [b.lo, b.hi])).toEqual([
      ['1', '35'],
      ['35', '69'],
      ['69', '101'],
    ]);
    expect(partsForSize(ids, 10)).toBe(10);
  });

  it('64-bit ids are split exactly', () => {
    const big: Axis = { column: 'objID', type: 'integer', lo: '72000000000000000', hi: '216010000000000000' };
    expect(divideAxis(big, 2).map((b) => b.hi)).toEqual(['144005000000000001', '216010000000000001']);
  });

  it('declination bands: the last band includes +90', () => {
    const bands = divideAxis({ column: 'dec', type: 'float', lo: '-90', hi: '90' }, 4);
    expect(bands.map((b) => `${b.lo}..${b.hi}${b.hiInclusive ? ']' : ')'}`)).toEqual(['-90..-45)', '-45..0)', '0..45)', '45..90]']);
  });

  it('halves down to the minimum size', () => {
    expect(halve({ column: 'id', type: 'integer', lo: '10', hi: '14', hiInclusive: false }, 1)?.map((b) => [b.lo, b.hi])).toEqual([
      ['10', '12'],
      ['12', '14'],
    ]);
    expect(halve({ column: 'id', type: 'integer', lo: '10', hi: '11', hiInclusive: false }, 1)).toBeUndefined();
    const [a, b] = halve({ column: 'ra', type: 'float', lo: '0', hi: '10', hiInclusive: true }, 1)!;
    expect([a.hiInclusive, b.hiInclusive, b.lo]).toEqual([false, true, '5']);
    expect(halve({ column: 'ra', type: 'float', lo: '0', hi: '1', hiInclusive: false }, 1)).toBeUndefined();
  });

  it('refuses empty and non-numeric ranges', () => {
    expect(() => checkAxis({ column: 'id', type: 'integer', lo: '10', hi: '5' })).toThrow(/empty range for id: 10 > 5/);
    expect(() => checkAxis({ column: 'id', type: 'integer', lo: 'a', hi: '5' })).toThrow(/"a" is not an integer/);
  });
});
