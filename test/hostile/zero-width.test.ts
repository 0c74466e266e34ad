/**
 * The Critical finding of the hostile pass: BINARY/BINARY2 tables whose rows are 0 bytes wide
 * (every FIELD arraysize="0", or no FIELD at all) looped forever, growing memory. Each must now be
 * a VOTableError at once, through readVOTable, streamVOTable and a TAP query.
 */
import { describe, expect, it } from 'vitest';
import { readVOTable, streamVOTable, VOTableError } from '../../src/votable/index.js';
import { binaryDoc, ZERO_WIDTH_CASES } from './support/cases.js';

describe('zero-width binary rows', () => {
  for (const [name, doc] of ZERO_WIDTH_CASES) {
    it(`readVOTable stops with a VOTableError: ${name}`, async () => {
      const started = performance.now();
      const err = await readVOTable(doc).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VOTableError);
      expect((err as Error).message).toMatch(/0 bytes wide/);
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it(`streamVOTable stops with a VOTableError: ${name}`, async () => {
      const err = await (async () => {
        for await (const _ of streamVOTable(doc, { batchSize: 10 })) {
          /* drain */
        }
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VOTableError);
    });
  }

  it('an empty STREAM of zero-width rows is an empty table, not an error', async () => {
    const doc = await readVOTable(binaryDoc('<FIELD name="a" datatype="int" arraysize="0"/>', 'BINARY', ''));
    expect(doc.tables[0]!.rowCount).toBe(0);
  });

  it('BINARY2 rows of null flags only still decode (one flag byte per row)', async () => {
    // Two rows, each one flag byte (0x80: the 0-wide column is null).
    const doc = await readVOTable(
      binaryDoc('<FIELD name="a" datatype="int" arraysize="0"/>', 'BINARY2', Buffer.from([0x80, 0x80]).toString('base64')),
    );
    expect(doc.tables[0]!.rowCount).toBe(2);
  });
});

describe('declared nrows against the rows read', () => {
  const doc = (nrows: number, rows: number, serialization: 'TABLEDATA' | 'BINARY2') => {
    const data =
      serialization === 'TABLEDATA'
        ? `<TABLEDATA>${'<TR><TD>1</TD></TR>'.repeat(rows)}</TABLEDATA>`
        : `<BINARY2><STREAM encoding="base64">${Buffer.alloc(rows * 5).toString('base64')}</STREAM></BINARY2>`;
    return `<VOTABLE version="1.4"><RESOURCE><TABLE nrows="${nrows}"><FIELD name="a" datatype="int"/><DATA>${data}</DATA></TABLE></RESOURCE></VOTABLE>`;
  };

  for (const serialization of ['TABLEDATA', 'BINARY2'] as const) {
    it(`${serialization}: fewer rows than declared is a VOTableError by default, a report warning with invalid: 'null'`, async () => {
      const err = await readVOTable(doc(100, 49, serialization)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VOTableError);
      expect((err as VOTableError).code).toBe('truncated');
      expect((err as Error).message).toMatch(/declares nrows="100" but 49 rows were read/);
      const lenient = await readVOTable(doc(100, 49, serialization), { invalid: 'null' });
      expect(lenient.tables[0]!.rowCount).toBe(49);
      expect(lenient.report.warnings.join()).toMatch(/nrows="100" but 49 rows/);
      expect((await readVOTable(doc(49, 49, serialization))).report.warnings).toEqual([]);
    });
  }
});
