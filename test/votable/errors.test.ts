/** Malformed input: every problem is a VOTableError naming what and where; nothing is dropped. */
import { describe, expect, it } from 'vitest';
import { readVOTable, streamVOTable, VOTableError, writeVOTable } from '../../src/votable/index.js';
import { asyncChunks, readFixture } from './helpers.js';

const td = (rows: string, fields = '<FIELD name="a" datatype="int"/><FIELD name="x" datatype="double"/>') =>
  `<VOTABLE version="1.4"><RESOURCE><TABLE>${fields}<DATA><TABLEDATA>${rows}</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;

async function failure(input: Parameters<typeof readVOTable>[0]): Promise<VOTableError> {
  try {
    await readVOTable(input);
  } catch (e) {
    expect(e).toBeInstanceOf(VOTableError);
    return e as VOTableError;
  }
  throw new Error('expected readVOTable to fail');
}

describe('malformed input', () => {
  it('a cell that is not a number: row, column and byte offset', async () => {
    const text = td('<TR><TD>1</TD><TD>2.5</TD></TR><TR><TD>2</TD><TD>abc</TD></TR>');
    const e = await failure(text);
    expect(e).toMatchObject({
      code: 'bad-value',
      row: 1,
      column: 'x',
      columnIndex: 1,
      table: 0,
      encoding: 'TABLEDATA',
      byteOffset: text.indexOf('abc'),
    });
    expect(e.message).toMatch(/"abc" is not a number/);
    expect(e.message).toMatch(/row 1, column "x" \(#1\), byte offset \d+/);
    const e2 = await failure(td('<TR><TD>1.5</TD><TD>2</TD></TR>'));
    expect(e2).toMatchObject({ code: 'bad-value', row: 0, column: 'a' });
    expect(e2.message).toMatch(/"1.5" is not an integer/);
  });

  it('integers out of range for their datatype', async () => {
    const e = await failure(td('<TR><TD>2147483648</TD><TD>1</TD></TR>'));
    expect(e).toMatchObject({ code: 'bad-value', column: 'a' });
    expect(e.message).toMatch(/out of range for int/);
  });

  it('more cells than fields, and fewer', async () => {
    const many = td('<TR><TD>1</TD><TD>2</TD><TD>3</TD></TR>');
    expect(await failure(many)).toMatchObject({ code: 'too-many-cells', row: 0, byteOffset: many.lastIndexOf('<TD>3') });
    expect(await failure(td('<TR><TD>1</TD><TD>2</TD></TR><TR><TD>1</TD></TR>'))).toMatchObject({ code: 'too-few-cells', row: 1 });
  });

  it('truncated TABLEDATA, whatever the chunking', async () => {
    const full = Buffer.from(readFixture('types-tabledata.vot'));
    const cut = full.subarray(0, full.indexOf('</TR>', full.indexOf('<TR>') + 10) - 20);
    for (const size of [cut.length, 100, 3]) {
      const e = await failure(asyncChunks(cut, size));
      expect(e.code).toBe('truncated');
      expect(e.row).toBe(0);
      expect(e.byteOffset).toBeGreaterThan(0);
    }
  });

  it('truncated documents after the data', async () => {
    const full = readFixture('types-tabledata.vot');
    expect(await failure(full.slice(0, full.indexOf('</DATA>')))).toMatchObject({
      code: 'truncated',
      message: expect.stringMatching(/before <\/DATA>/),
    });
    expect(await failure(full.slice(0, full.length - 5))).toMatchObject({ code: 'truncated' });
  });

  it('bad base64: the offending character and its offset', async () => {
    const text = readFixture('types-binary2.vot');
    const at = text.indexOf('<STREAM encoding="base64">') + 40;
    const bad = text.slice(0, at) + '*' + text.slice(at + 1);
    const e = await failure(bad);
    expect(e).toMatchObject({ code: 'bad-base64', encoding: 'BINARY2', byteOffset: Buffer.byteLength(text.slice(0, at)) });
    expect(e.message).toMatch(/invalid character "\*"/);
  });

  it('truncated base64 streams: an incomplete group or an incomplete row', async () => {
    const text = readFixture('types-binary2.vot');
    const end = text.indexOf('</STREAM>');
    const incompleteGroup = text.slice(0, end - 3) + text.slice(end);
    expect((await failure(incompleteGroup)).code).toMatch(/bad-base64|truncated/);
    // Remove 8 whole base64 characters (6 bytes): the last row is incomplete.
    const body = text.slice(0, end).trimEnd();
    const cutRow = body.slice(0, body.length - 9) + body.slice(body.length - 1) + text.slice(end);
    const e = await failure(cutRow);
    expect(e).toMatchObject({ code: 'truncated', encoding: 'BINARY2', row: 3 });
    expect(e.message).toMatch(/ends inside a row/);
  });

  it('truncated base64 stream at end of input', async () => {
    const text = readFixture('types-binary.vot');
    expect(await failure(text.slice(0, text.indexOf('</STREAM>') - 10))).toMatchObject({ code: 'truncated' });
  });

  it('stray text in rows and stray markup in STREAMs are errors, comments are skipped', async () => {
    expect(await failure(td('<TR><TD>1</TD>junk<TD>2</TD></TR>'))).toMatchObject({
      code: 'bad-value',
      message: expect.stringMatching(/unexpected text between <TD> cells/),
    });
    const text = readFixture('types-binary2.vot');
    const at = text.indexOf('<STREAM encoding="base64">') + 26 + 77;
    const withComment = text.slice(0, at) + '<!-- note -->' + text.slice(at);
    const a = await readVOTable(withComment, { xtypes: 'raw' });
    const b = await readVOTable(text, { xtypes: 'raw' });
    expect(a.tables[0]!.rowCount).toBe(b.tables[0]!.rowCount);
    expect(await failure(text.slice(0, at) + '<X/>' + text.slice(at))).toMatchObject({
      code: 'xml',
      message: expect.stringMatching(/unexpected markup inside a base64 STREAM/),
    });
  });

  it('not a VOTable, not XML, empty', async () => {
    expect(await failure('<uws:job xmlns:uws="x"/>')).toMatchObject({
      code: 'not-votable',
      message: expect.stringMatching(/root element is <uws:job>/),
    });
    expect(await failure('')).toMatchObject({ code: 'not-votable' });
    expect(await failure('{"json": true}')).toMatchObject({ code: 'not-votable' });
  });

  it('malformed XML in the metadata', async () => {
    expect(await failure('<VOTABLE><RESOURCE><TABLE></RESOURCE></VOTABLE>')).toMatchObject({
      code: 'xml',
      message: expect.stringMatching(/<\/RESOURCE> does not close <TABLE>/),
    });
  });

  it('invalid metadata: unknown datatype, bad arraysize, missing datatype', async () => {
    expect(await failure(td('', '<FIELD name="a" datatype="integer"/>'))).toMatchObject({
      code: 'metadata',
      message: expect.stringMatching(/unknown datatype "integer"/),
    });
    expect(await failure(td('', '<FIELD name="a" datatype="int" arraysize="*x2"/>'))).toMatchObject({
      code: 'metadata',
      message: expect.stringMatching(/invalid arraysize/),
    });
    expect(await failure(td('', '<FIELD name="a"/>'))).toMatchObject({ code: 'metadata', message: expect.stringMatching(/no datatype/) });
  });

  it('fixed-size arrays with the wrong element count', async () => {
    const e = await failure(td('<TR><TD>1 2 3</TD></TR>', '<FIELD name="p" datatype="double" arraysize="2"/>'));
    expect(e).toMatchObject({ code: 'bad-value', column: 'p', message: expect.stringMatching(/expected 2 array elements/) });
  });

  it('streaming reports the error after the rows before it', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `<TR><TD>${i}</TD><TD>${i}.5</TD></TR>`).join('') + '<TR><TD>x</TD><TD>1</TD></TR>';
    const seen: number[] = [];
    let err: unknown;
    try {
      for await (const ev of streamVOTable(td(rows), { batchSize: 4 })) if (ev.type === 'rows') seen.push(ev.rows.rowCount);
    } catch (e) {
      err = e;
    }
    expect(seen).toEqual([4, 4]);
    expect(err).toMatchObject({ code: 'bad-value', row: 10, column: 'a' });
  });

  it('writer errors name row and column', () => {
    expect(() => writeVOTable({ columns: [{ name: 'n', datatype: 'short' }], rows: [{ n: 1 }, { n: 70000 }] })).toThrow(
      expect.objectContaining({ code: 'write', row: 1, column: 'n' }),
    );
    expect(() => writeVOTable({ columns: [{ name: 's', datatype: 'char' }], rows: [['a\u0001b']] })).toThrow(/control character/);
    expect(() => writeVOTable({ columns: [{ name: 'i', datatype: 'int' }], rows: [['x']] })).toThrow(/cannot write "x" as int/);
    expect(() => writeVOTable({ columns: [{ name: 'c', datatype: 'char' }], rows: [['ü']] })).toThrow(
      /char holds ASCII only; declare the column unicodeChar/,
    );
  });
});
