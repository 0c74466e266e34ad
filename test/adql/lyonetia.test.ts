/**
 * IVOA lyonetia validation suite (../shared/corpora/lyonetia/ivoa): every case's expected validity.
 * A query is valid when parse() reports no error, given the user-defined functions the test file
 * and the case declare (their <functions> blocks) as parse's `udfs`, as the suite intends.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/adql/index.js';
import { loadLyonetia, lyonetiaDir } from './corpus.js';

const cases = loadLyonetia();

function verdict(c: NonNullable<typeof cases>[number]): { valid: boolean; why: string } {
  const r = parse(c.query, { version: c.version, udfs: c.declaredUdfs });
  if (r.errors.length > 0) return { valid: false, why: r.errors.map((e) => e.toString()).join('; ') };
  return { valid: true, why: 'no error' };
}

if (!cases) {
  console.log(`lyonetia suite skipped: ${lyonetiaDir} is absent (the conformance corpora live in ../shared)`);
  describe.skip('lyonetia suite (../shared absent)', () => {
    it('needs ../shared/corpora/lyonetia', () => {});
  });
} else {
  describe('lyonetia suite', () => {
    it('has the 196 cases', () => {
      expect(cases).toHaveLength(196);
    });

    it.each(cases.map((c) => [`${c.file} ${c.uuid} (${c.valid ? 'valid' : 'invalid'}): ${c.description.slice(0, 80)}`, c] as const))(
      '%s',
      (_name, c) => {
        const { valid, why } = verdict(c);
        expect({ valid, why: valid === c.valid ? 'as expected' : why }).toEqual({ valid: c.valid, why: 'as expected' });
      },
    );

    it('passes 196/196', () => {
      const passed = cases.filter((c) => verdict(c).valid === c.valid).length;
      console.log(`lyonetia: ${passed}/${cases.length} cases as expected`);
      expect(passed).toBe(cases.length);
    });
  });
}
