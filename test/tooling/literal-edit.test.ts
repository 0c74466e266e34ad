/** A number edit patched into the previous AST must give exactly the AST a fresh parse gives. */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/adql/index.js';
import { isNumberEdit, patchNumericEdit } from '../../src/tooling/literal-edit.js';
import { seeded } from '../support/seeded.js';

// Numbers in many roles: TOP, select list, geometry arguments, BETWEEN, IN lists, ORDER BY
// positions, OFFSET, exponents, leading and trailing dots, on several lines.
const QUERIES = [
  'SELECT TOP 10 ra, dec, 2.5 * z AS z2\nFROM zcat.main\nWHERE z BETWEEN 0.1 AND 1.5e0 AND id IN (1, 22, 333)\nORDER BY 1 DESC\nOFFSET 5',
  "SELECT id FROM zcat.main AS m\nWHERE 1 = CONTAINS(POINT('ICRS', m.ra, m.dec), CIRCLE('ICRS', 150.25, 2, .5))\n  AND m.z > 3. AND m.id <> -7",
  'SELECT COUNT(*) AS n, FLOOR(z * 10) / 10 AS bin FROM zcat.main GROUP BY FLOOR(z * 10) / 10 HAVING COUNT(*) > 100',
];

/** A random edit inside or at the edge of a random number: digits, a dot, an exponent, a sign, a letter. */
function numberEdit(text: string, next: () => number): string {
  const numbers = [...text.matchAll(/\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+/g)];
  const m = numbers[Math.floor(next() * numbers.length)]!;
  const at = m.index + Math.floor(next() * (m[0].length + 1));
  const cut = next() < 0.5 ? 0 : Math.min(text.length - at, Math.floor(next() * 3));
  const inserts = ['7', '0', '42', '.', 'e3', 'E-2', '', '', '-', 'a', ' '];
  return text.slice(0, at) + inserts[Math.floor(next() * inserts.length)]! + text.slice(at + cut);
}

describe('patchNumericEdit', () => {
  it('gives the AST of a fresh parse, positions included, whenever it applies', () => {
    let patched = 0;
    let declined = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const next = seeded(seed);
      let text = QUERIES[seed % QUERIES.length]!;
      for (let step = 0; step < 25; step++) {
        const after = numberEdit(text, next);
        const before = parse(text);
        const fresh = parse(after);
        if (before.errors.length === 0 && before.ast !== null) {
          const result = patchNumericEdit(before.ast, text, after, undefined);
          if (result === undefined) declined++;
          else {
            patched++;
            expect(fresh.errors, `seed ${seed}: ${JSON.stringify(text)} -> ${JSON.stringify(after)}`).toEqual([]);
            expect(result, `seed ${seed}: ${JSON.stringify(text)} -> ${JSON.stringify(after)}`).toEqual(fresh.ast);
          }
        }
        // Keep editing from a text that parses, so that most steps can take the fast path.
        if (fresh.errors.length === 0) text = after;
      }
    }
    // Both paths are exercised: most digit edits are patched, edits that change the token are not.
    expect(patched).toBeGreaterThan(500);
    expect(declined).toBeGreaterThan(100);
  });

  it('declines edits that join the number to a name, or touch anything but one number', () => {
    const text = 'SELECT TOP 10 ra FROM zcat.main WHERE z > 0.5';
    const ast = () => parse(text).ast!;
    expect(patchNumericEdit(ast(), text, text.replace('TOP 10', 'TOP 10a'), undefined)).toBeUndefined();
    expect(patchNumericEdit(ast(), text, text.replace('z > 0.5', 'z > 0.5e'), undefined)).toBeUndefined();
    expect(patchNumericEdit(ast(), text, text.replace('ra', 'dec'), undefined)).toBeUndefined();
    expect(patchNumericEdit(ast(), text, text.replace('TOP 10 ra', 'TOP 11 rb'), undefined)).toBeUndefined();
    expect(patchNumericEdit(ast(), text, text.replace('0.5', '0.75'), undefined)).toEqual(parse(text.replace('0.5', '0.75')).ast);
  });
});

describe('isNumberEdit', () => {
  it('tells an edit inside a number from other edits, digits in names included', () => {
    const text = 'SELECT col_3 FROM zcat.main WHERE z > 0.5';
    const number = (after: string): boolean => isNumberEdit(parse(after).ast!, text, after);
    expect(number(text.replace('0.5', '0.55'))).toBe(true);
    expect(number(text.replace('0.5', '7'))).toBe(true);
    expect(number(text.replace('col_3', 'col_4'))).toBe(false);
    expect(number(text.replace('> 0.5', '< 0.5'))).toBe(false);
  });
});
