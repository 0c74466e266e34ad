import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from '../../src/validate/index.js';

/** Plain full-matrix optimal-string-alignment distance, the reference the banded one must agree with. */
function reference(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('agrees with the full matrix, with and without a limit, on random names', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n;
    const word = () => Array.from({ length: rnd(12) }, () => 'abcAB_'[rnd(6)]).join('');
    for (let k = 0; k < 3000; k++) {
      const a = word();
      const b = rnd(2) ? word() : a.slice(0, rnd(a.length + 1)) + word().slice(0, 2);
      const exact = reference(a, b);
      expect(editDistance(a, b)).toBe(exact);
      for (const limit of [0, 1, 2, 3]) expect(editDistance(a, b, limit)).toBe(Math.min(exact, limit + 1));
    }
  });

  it('counts an adjacent transposition as one edit and ignores case', () => {
    expect(editDistance('FORM', 'from')).toBe(1);
    expect(editDistance('zcat.mian', 'zcat.main', 1)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('closestNames', () => {
  it('finds the closest of 10,000 qualified table names, best first', () => {
    const names = Array.from({ length: 10_000 }, (_, t) => `survey${t % 100}.table_${t}`);
    expect(closestNames('survey7.table_5O07', names, (n) => n)).toContain('survey7.table_5007');
    expect(closestNames('survey7.tabel_5007', names, (n) => n)[0]).toBe('survey7.table_5007');
    expect(closestNames('survey7.table_50', names, (n) => n)[0]).toBe('survey7.table_507');
  });
});
