/** A chunk's overflow, by the one overflow rule of src/dal/overflow.ts (partition kept its own copy before). */
import { describe, expect, it } from 'vitest';
import { overflows } from '../../src/partition/plan.js';

describe('overflows (chunk results)', () => {
  it('a result that fills MAXREC may be missing rows, even when the service did not flag it', () => {
    expect(overflows(99, false, 100, undefined)).toBe(false);
    expect(overflows(100, false, 100, undefined)).toBe(true);
    expect(overflows(100, undefined, 100, undefined)).toBe(true);
  });

  it('a flagged result overflows unless the query TOP (not MAXREC) bounds it', () => {
    expect(overflows(3, true, 100, undefined)).toBe(true);
    expect(overflows(50, true, 100, 50)).toBe(false);
    expect(overflows(100, false, 100, 100)).toBe(false);
    expect(overflows(100, true, 100, 200)).toBe(true);
  });
});
