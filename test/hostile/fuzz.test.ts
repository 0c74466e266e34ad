/**
 * The standing fuzz suite, bounded for `npm test` (about a second per target, fixed seeds so a
 * failure replays); `npm run fuzz` is the long run. Also the regression cases the fuzzers found.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TapProtocolError } from '../../src/dal/errors.js';
import { parseXml } from '../../src/dal/xml.js';
import { readVOTable, VOTableError } from '../../src/votable/index.js';
import { closeFuzzedService, FUZZ_TARGETS, fuzzTarget, type FuzzFinding } from './support/fuzz.js';

const MS_PER_TARGET = 800;

describe('fuzz (bounded)', () => {
  afterAll(closeFuzzedService);

  for (const target of FUZZ_TARGETS) {
    it(`${target.name}: every mutated input ends with a result or a typed error, in time`, async () => {
      const findings: FuzzFinding[] = [];
      const stats = await fuzzTarget(target, 23, {
        cases: 5000,
        deadline: performance.now() + MS_PER_TARGET,
        caseBudgetMs: 1500,
        findings,
      });
      expect(stats.cases).toBeGreaterThan(5);
      expect(findings.map((f) => f.message)).toEqual([]);
    });
  }
});

describe('fuzz findings, kept as regression cases', () => {
  it('a bit array of arraysize 2^31 in BINARY2 is an incomplete row, not a 2^31-element loop', async () => {
    const doc =
      '<VOTABLE><RESOURCE><TABLE><FIELD name="x" datatype="bit" arraysize="2147483648"/><DATA><BINARY2><STREAM encoding="base64">AAAAAAAAAAAA</STREAM></BINARY2></DATA></TABLE></RESOURCE></VOTABLE>';
    const started = performance.now();
    const err = await readVOTable(doc).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VOTableError);
    expect((err as VOTableError).code).toBe('truncated');
    expect(performance.now() - started).toBeLessThan(500);
  });

  for (const [name, doc] of [
    [
      'TABLEDATA, char arraysize="0x3"',
      '<VOTABLE><RESOURCE><TABLE><FIELD name="s" datatype="char" arraysize="0x3"/><DATA><TABLEDATA><TR><TD>abc</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>',
    ],
    [
      'BINARY2, char arraysize="0x*"',
      `<VOTABLE><RESOURCE><TABLE><FIELD name="s" datatype="char" arraysize="0x*"/><DATA><BINARY2><STREAM encoding="base64">${Buffer.from([0, 0, 0, 0, 3, 97, 98, 99]).toString('base64')}</STREAM></BINARY2></DATA></TABLE></RESOURCE></VOTABLE>`,
    ],
  ] as const) {
    it(`strings of 0 characters holding text (${name}) are a VOTableError, not an endless split`, async () => {
      const started = performance.now();
      await expect(readVOTable(doc)).rejects.toBeInstanceOf(VOTableError);
      expect(performance.now() - started).toBeLessThan(500);
    });
  }

  for (const [name, xml] of [
    ['nesting beyond the parser’s limit', `<job>${'<x>'.repeat(20_000)}${'</x>'.repeat(20_000)}</job>`],
    ['a malformed DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><!DOCTYPE y><job/>'],
  ] as const) {
    it(`XML the validator passes and the parser refuses (${name}) is a TapProtocolError`, () => {
      expect(() => parseXml(xml, 'job document', 'http://127.0.0.1/job')).toThrow(TapProtocolError);
    });
  }
});
