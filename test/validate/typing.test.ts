/**
 * The typing rules of src/adql/language/typing.ts, as the validator applies them: cases from each
 * rule's source, and every category pair of the tables checked against the validator.
 */
import { describe, expect, it } from 'vitest';
import {
  CAST_CONVERSIONS,
  COMPATIBLE_CATEGORIES,
  CONCATENATION_OPERANDS,
  ORDER_BY_ALIAS,
  categoriesCompatible,
  type TypeCategory,
} from '../../src/adql/index.js';
import { at, codes } from './helpers.js';

/** A value of each category on zcat.main, and a CAST target of that category. */
const SAMPLE: Partial<Record<TypeCategory, { value: string; target: string }>> = {
  numeric: { value: 'bmag', target: 'INTEGER' },
  string: { value: 'name', target: 'VARCHAR(20)' },
  timestamp: { value: 'obs_date', target: 'TIMESTAMP' },
  geometry: { value: 'POINT(ra, dec)', target: 'POINT' },
};
const categories = Object.keys(SAMPLE) as TypeCategory[];
const pairs = categories.flatMap((a) => categories.map((b) => [a, b] as const));

describe('every rule names its source', () => {
  it.each([CONCATENATION_OPERANDS, COMPATIBLE_CATEGORIES, CAST_CONVERSIONS, ORDER_BY_ALIAS].map((r) => [r.source]))('%s', (source) => {
    expect(source).toMatch(/ADQL 2\.1|SQL-92|common practice/);
  });
});

describe('CAST (ADQL 2.1 "CAST allowed types")', () => {
  it.each(pairs)('%s to %s follows the table', (from, to) => {
    const q = `SELECT CAST(${SAMPLE[from]!.value} AS ${SAMPLE[to]!.target}) AS c FROM zcat.main`;
    const allowed = CAST_CONVERSIONS.rule[from].includes(to);
    expect(codes(q).includes('argument-type'), q).toBe(!allowed);
  });
  it('a number never becomes a TIMESTAMP; a string does', () => {
    expect(at('SELECT CAST(ra AS TIMESTAMP) AS t FROM zcat.main', 'argument-type')).toEqual(['ra']);
    expect(codes("SELECT CAST('2015-01-01' AS TIMESTAMP) AS t FROM zcat.main")).toEqual([]);
  });
});

describe('|| (ADQL 2.1 BNF <concatenation>)', () => {
  it.each(categories)('a %s operand', (c) => {
    const q = `SELECT name || ${SAMPLE[c]!.value} AS s FROM zcat.main`;
    expect(codes(q)).toEqual(CONCATENATION_OPERANDS.rule.includes(c) ? [] : ['concat-type']);
  });
  it('ra || dec: both operands are reported', () => {
    expect(at('SELECT ra || dec AS s FROM zcat.main', 'concat-type')).toEqual(['ra', 'dec']);
  });
});

describe('compatible categories: comparisons, COALESCE, set operations (SQL-92 8.2, 6.9, 7.10)', () => {
  it.each(pairs)('%s with %s', (a, b) => {
    const ok = categoriesCompatible(a, b);
    const coalesce = `SELECT COALESCE(${SAMPLE[a]!.value}, ${SAMPLE[b]!.value}) AS c FROM zcat.main`;
    expect(codes(coalesce).includes('argument-type'), coalesce).toBe(!ok);
    const union = `SELECT ${SAMPLE[a]!.value} AS c FROM zcat.main UNION SELECT ${SAMPLE[b]!.value} AS c FROM zcat.main`;
    expect(codes(union).includes('type-mismatch'), union).toBe(!ok);
    if (a !== 'geometry' && b !== 'geometry') {
      const compare = `SELECT id FROM zcat.main WHERE ${SAMPLE[a]!.value} = ${SAMPLE[b]!.value}`;
      expect(codes(compare).includes('type-mismatch'), compare).toBe(!ok);
    }
  });
  it('COALESCE of a number and a string is reported on the call, with both arguments related', () => {
    expect(at('SELECT COALESCE(bmag, name) AS c FROM zcat.main', 'argument-type')).toEqual(['COALESCE(bmag, name)']);
  });
  it('a set operation reports the column on the right, the left one related', () => {
    expect(at('SELECT id, ra FROM zcat.main EXCEPT SELECT id, name FROM zcat.main', 'type-mismatch')).toEqual(['name']);
  });
});

describe('a select alias in ORDER BY (SQL-92 13.1)', () => {
  it('is a whole sort key only', () => {
    expect(codes('SELECT bmag AS b FROM zcat.main ORDER BY b')).toEqual([]);
    expect(at('SELECT bmag AS b FROM zcat.main ORDER BY b + 1', 'alias-in-expression')).toEqual(['b']);
    expect(at('SELECT bmag AS b FROM zcat.main ORDER BY ABS(b) DESC', 'alias-in-expression')).toEqual(['b']);
  });
  it('inside an expression a name is an input column, even when an alias has it too', () => {
    expect(codes('SELECT ra AS bmag FROM zcat.main ORDER BY bmag + 1')).toEqual([]);
  });
});
