/**
 * The shipped parser skips Chevrotain's grammar validations (they were half of every process's
 * first parse); this runs them, so an ambiguous or left-recursive edit of the grammar still fails here.
 */
import { describe, expect, it } from 'vitest';
import { AdqlParser } from '../../src/adql/grammar/parser.js';

describe("Chevrotain's grammar validations", () => {
  for (const recover of [false, true]) {
    // performSelfAnalysis throws "Parser Definition Errors detected" listing them when any is found.
    it(`find no definition error in the ADQL grammar (recovery ${recover ? 'on' : 'off'})`, () => {
      expect(() => new AdqlParser(recover, true)).not.toThrow();
    });
  }
});
