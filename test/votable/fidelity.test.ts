/**
 * Issue 21, one test per defect: nulls inside arrays, VALUES/TABLE references, the BINARY2
 * variable multidimensional count, the lenient mode, strings longer than their arraysize, the file
 * handle, streamed empty tables, BINARY output, float32 values as written, <TD encoding="base64">.
 */
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVOTable, readVOTableFile, streamVOTable, VOTableError, writeVOTable, type VOTableTable } from '../../src/votable/index.js';
import { ownFixtures, plain, readFixture } from './helpers.js';

const fixture = (name: string) => path.join(ownFixtures, name);

/** The bytes of the first base64 STREAM of a document. */
function streamBytes(xml: string): Buffer {
  return Buffer.from(/<STREAM[^>]*>([^<]*)<\/STREAM>/.exec(xml)![1]!.replace(/\s+/g, ''), 'base64');
}

describe('VALUES null inside arrays (VOTable 1.4 section 6)', () => {
  const expected = [
    // Null elements of float arrays are NaN (the typed array is kept).
    [1, [null, 0, null, 1], [5, null, 7], [1, null, 3], [null, 4], [1.5, NaN], [true, null, false]],
    [2, null, null, null, null, null, null],
    [3, [1, 2, 3, 4], [8], [4, 5, 6], [0, 1], [2.5], [true, true, false]],
  ];
  for (const enc of ['tabledata', 'binary', 'binary2']) {
    it(`${enc}: null elements are null, an array of only nulls is null`, async () => {
      const t = (await readVOTableFile(fixture(`array-nulls-${enc}.vot`))).tables[0]!;
      expect(t.encoding).toBe(enc);
      expect(plain(t.rowArrays())).toEqual(expected);
      // Integer arrays without null elements stay typed arrays.
      expect(t.column('ia').get(2)).toBeInstanceOf(Int32Array);
    });
  }

  it('the writer marks null elements with the VALUES null (chosen when none is declared)', async () => {
    for (const encoding of ['tabledata', 'binary', 'binary2'] as const) {
      const xml = writeVOTable({ columns: [{ name: 'a', datatype: 'int', arraysize: '*' }], rows: [[[1, null, 3]], [[4]]] }, { encoding });
      expect(xml, encoding).toContain('<VALUES null="-2147483648"/>');
      expect(plain((await readVOTable(xml)).tables[0]!.rowArrays()), encoding).toEqual([[[1, null, 3]], [[4]]]);
    }
  });
});

describe('references', () => {
  it('VALUES ref takes the referenced null, limits and options; its own null wins', async () => {
    const doc = await readVOTableFile(fixture('refs.vot'));
    const [i, l, s] = doc.tables[0]!.columns;
    expect(l!.values).toMatchObject({ ref: 'sentinel', null: '-99', min: { value: '-10' }, max: { value: '10', inclusive: false } });
    expect(l!.values!.options.map((o) => o.name)).toEqual(['zero']);
    expect(l!.values!.ID).toBeUndefined();
    expect(s!.values!.null).toBe('-1');
    expect(i!.values!.ID).toBe('sentinel');
    expect(plain(doc.tables[0]!.rowArrays())).toEqual([
      [1, null, [null, -99, 2]],
      [null, 5, null],
    ]);
  });

  it('TABLE ref takes the FIELDs of the referenced table', async () => {
    const again = (await readVOTableFile(fixture('refs.vot'))).tables[1]!;
    expect(again.name).toBe('again');
    expect(again.columns.map((c) => c.name)).toEqual(['i', 'l', 's']);
    expect(plain(again.rowArrays())).toEqual([[7, null, [3]]]);
  });
});

describe('BINARY2 variable multidimensional arrays ("2x*")', () => {
  const rows = [[[1, 2, 3, 4, 5, 6]], [[7, 8]]];
  it('reads the count as all elements (the standard, STIL) and as the last dimension (astropy) when it tells', async () => {
    for (const f of ['binary2-2xstar-tabledata.vot', 'binary2-2xstar-stil.vot', 'binary2-2xstar-astropy.vot']) {
      expect(plain((await readVOTableFile(fixture(f))).tables[0]!.rowArrays()), f).toEqual(rows);
    }
  });

  it('writes the count of all elements, as the standard and STIL do', async () => {
    const table = (await readVOTableFile(fixture('binary2-2xstar-tabledata.vot'))).tables[0]!;
    const bytes = streamBytes(writeVOTable(table, { encoding: 'binary2' }));
    // flag byte, then the 4-byte count of the first row
    expect(bytes.readUInt32BE(1)).toBe(6);
    expect(bytes.equals(streamBytes(readFixture('binary2-2xstar-stil.vot')))).toBe(true);
  });
});

describe("lenient reads ({ invalid: 'null' })", () => {
  it('strictly, the first bad cell fails the document with its position', async () => {
    const strictDoc = readFixture('lenient.vot').replace(
      '<FIELD name="name" datatype="string"/>',
      '<FIELD name="name" datatype="char" arraysize="*"/>',
    );
    await expect(readVOTable(strictDoc)).rejects.toMatchObject({ code: 'bad-value', row: 1, column: 'mag' });
    await expect(readVOTable(readFixture('lenient.vot'))).rejects.toThrow(/unknown datatype "string".*invalid: 'null'/);
  });

  it('leniently, every bad cell is null and counted, with the first positions', async () => {
    const doc = await readVOTable(readFixture('lenient.vot'), { invalid: 'null' });
    const t = doc.tables[0]!;
    expect(plain(t.rowArrays())).toEqual([
      [12.5, 3, 7, [1, 2], 'alpha'],
      [null, null, null, null, 'beta'],
      [13.25, 4, -5, [3, 4], 'gamma'],
    ]);
    expect(t.columns[4]!.datatype).toBe('char');
    expect(doc.report.invalidCells).toBe(5);
    expect(doc.report.firstInvalid.map((c) => [c.row, c.column])).toEqual([
      [1, 'mag'],
      [1, 'n'],
      [1, 's'],
      [1, 'pair'],
      [1, '(extra cell)'],
    ]);
    expect(doc.report.warnings).toEqual([expect.stringMatching(/"string".*read as char/)]);
  });

  it('a bad element of an array becomes a null element; the cell is counted once', async () => {
    const xml =
      '<VOTABLE version="1.4"><RESOURCE><TABLE><FIELD name="l" datatype="long" arraysize="*"/><FIELD name="s" datatype="short" arraysize="3"/><FIELD name="d" datatype="double" arraysize="*"/>' +
      '<DATA><TABLEDATA><TR><TD>NaN 23</TD><TD>1 99999 x</TD><TD>1.5 -</TD></TR><TR><TD>NaN</TD><TD>1 2 3</TD><TD>2</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>';
    await expect(readVOTable(xml)).rejects.toMatchObject({ code: 'bad-value', row: 0, column: 'l' });
    const doc = await readVOTable(xml, { invalid: 'null' });
    expect(plain(doc.tables[0]!.rowArrays())).toEqual([
      [
        [null, 23],
        [1, null, null],
        [1.5, NaN],
      ],
      [null, [1, 2, 3], [2]],
    ]);
    expect(doc.report.invalidCells).toBe(4);
    expect(doc.report.firstInvalid[1]!.message).toBe('element 1: 99999 is out of range for short; element 2: "x" is not an integer');
  });

  it('a bad cell in a row split across input chunks is counted once', async () => {
    const bytes = Buffer.from(readFixture('lenient.vot'));
    const chunks = (async function* () {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    })();
    expect((await readVOTable(chunks, { invalid: 'null' })).report.invalidCells).toBe(5);
  });

  it('streaming reports the same at the end', async () => {
    let report;
    for await (const ev of streamVOTable(readFixture('lenient.vot'), { invalid: 'null', batchSize: 1 }))
      if (ev.type === 'end') report = ev.document.report;
    expect(report).toMatchObject({ invalidCells: 5 });
  });

  it('a clean document reports nothing', async () => {
    expect((await readVOTableFile(fixture('refs.vot'))).report).toEqual({ invalidCells: 0, firstInvalid: [], warnings: [] });
  });
});

describe('strings longer than their arraysize: one policy', () => {
  it('the reader keeps them and warns, once per column', async () => {
    const doc = await readVOTableFile(fixture('long-strings.vot'));
    expect(plain(doc.tables[0]!.rowArrays())).toEqual([
      ['ABCD', 'xy'],
      ['ABCDEFG', 'ünïcode'],
    ]);
    expect(doc.report.warnings).toHaveLength(2);
    expect(doc.report.warnings[0]).toMatch(/"code".*longer than its arraysize 4/);
  });

  it('the writer refuses them unless asked to truncate, in every encoding', async () => {
    const table = (await readVOTableFile(fixture('long-strings.vot'))).tables[0]!;
    for (const encoding of ['tabledata', 'binary', 'binary2'] as const) {
      expect(() => writeVOTable(table, { encoding }), encoding).toThrow(/longer than arraysize 4.*truncateStrings/);
      const back = (await readVOTable(writeVOTable(table, { encoding, truncateStrings: true }))).tables[0]!;
      expect(plain(back.rowArrays()), encoding).toEqual([
        ['ABCD', 'xy'],
        ['ABCD', 'ünï'],
      ]);
    }
  });

  it('unicodeChar counts UTF-16 units and a cut never splits a surrogate pair', () => {
    const spec = { name: 'u', datatype: 'unicodeChar' as const, arraysize: '2' };
    expect(() => writeVOTable({ columns: [spec], rows: [['a\u{1F600}']] })).toThrow(/3 characters/);
    expect(writeVOTable({ columns: [spec], rows: [['a\u{1F600}']] }, { truncateStrings: true })).toContain('<TD>a</TD>');
  });
});

describe('readVOTableFile closes the file on every path', () => {
  const fdDir = '/proc/self/fd';
  if (!fs.existsSync(fdDir))
    console.warn(`[open-descriptor test skipped] ${fdDir} is absent: this system does not list a process's open files there`);
  it.skipIf(!fs.existsSync(fdDir))('no descriptor is left open after a failed read', async () => {
    const before = fs.readdirSync(fdDir).length;
    for (let i = 0; i < 5; i++) await expect(readVOTableFile(fixture('lenient.vot'))).rejects.toBeInstanceOf(VOTableError);
    await expect(readVOTableFile(fixture('lenient.vot'), { invalid: 'null' })).resolves.toBeDefined();
    expect(fs.readdirSync(fdDir).length).toBe(before);
  });
});

describe('streamVOTable announces tables without rows', () => {
  it('a TABLE without DATA and an empty TABLEDATA each get a table event', async () => {
    const xml =
      '<VOTABLE version="1.4"><RESOURCE><TABLE name="a"><FIELD name="x" datatype="int"/></TABLE>' +
      '<TABLE name="b"><FIELD name="y" datatype="int"/><DATA><TABLEDATA></TABLEDATA></DATA></TABLE><TABLE name="c"/></RESOURCE></VOTABLE>';
    const seen: string[] = [];
    let counts: number[] = [];
    for await (const ev of streamVOTable(xml)) {
      if (ev.type === 'table') seen.push(`${ev.tableIndex}:${ev.table.name}:${ev.table.encoding}`);
      if (ev.type === 'end') counts = ev.rowCounts;
    }
    expect(seen).toEqual(['0:a:none', '1:b:tabledata', '2:c:none']);
    expect(counts).toEqual([0, 0, 0]);
  });
});

describe('BINARY output', () => {
  it('integer nulls get a VALUES null no cell uses; every serialisation reads back the same', async () => {
    const input = {
      columns: [
        { name: 'b', datatype: 'unsignedByte' as const },
        { name: 'i', datatype: 'int' as const },
        { name: 's', datatype: 'char' as const },
      ],
      rows: [
        [255, -2147483648, 'x'],
        [null, null, null],
        [0, 1, 'yz'],
      ],
    };
    const xml = writeVOTable(input, { encoding: 'binary' });
    expect(xml).toContain('<BINARY>');
    expect(xml).toContain('<VALUES null="254"/>');
    expect(xml).toContain('<VALUES null="2147483647"/>');
    const back = (await readVOTable(xml)).tables[0]!;
    expect(back.encoding).toBe('binary');
    expect(plain(back.rowArrays())).toEqual(input.rows);
    for (const encoding of ['tabledata', 'binary2', 'binary'] as const) {
      expect(plain((await readVOTable(writeVOTable(back, { encoding }))).tables[0]!.rowArrays()), encoding).toEqual(input.rows);
    }
  });
});

describe('float values as written', () => {
  it('rows, JSON and CSV show the shortest float32 decimal; the typed column keeps the exact float32', async () => {
    const xml =
      '<VOTABLE version="1.4"><RESOURCE><TABLE><FIELD name="f" datatype="float"/><FIELD name="fa" datatype="float" arraysize="2"/>' +
      '<FIELD name="c" datatype="floatComplex"/><DATA><TABLEDATA><TR><TD>15.8</TD><TD>0.1 1e-7</TD><TD>0.3 -2.2</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>';
    for (const doc of [
      await readVOTable(xml),
      await readVOTable(writeVOTable((await readVOTable(xml)).tables[0]!, { encoding: 'binary2' })),
    ]) {
      const t: VOTableTable = doc.tables[0]!;
      expect(t.row(0).f).toBe(15.8);
      expect(t.row(0).c).toEqual([0.3, -2.2]);
      expect((t.column('f').values as Float32Array)[0]).toBe(Math.fround(15.8));
      expect(JSON.parse(JSON.stringify(t)).rows[0]).toEqual([15.8, [0.1, 1e-7], [0.3, -2.2]]);
      expect(t.toCSV({ header: false })).toBe('15.8,0.1 1e-7,0.3 -2.2\r\n');
    }
  });
});

describe('<TD encoding="base64">', () => {
  it('a cell holding its BINARY bytes is decoded like a BINARY cell', async () => {
    const four = Buffer.alloc(8);
    four.writeInt16BE(-3, 0);
    four.writeInt16BE(4, 2);
    four.writeInt16BE(5, 4);
    four.writeInt16BE(6, 6);
    const xml =
      '<VOTABLE version="1.1"><RESOURCE><TABLE><FIELD name="f" datatype="float"/><FIELD name="s" datatype="short" arraysize="*"/><FIELD name="t" datatype="char" arraysize="*"/>' +
      `<DATA><TABLEDATA><TR><TD encoding="base64">P4AAAA==</TD><TD encoding="base64">${four.toString('base64')}</TD><TD encoding="base64">${Buffer.from('hé').toString('base64')}</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;
    expect(plain((await readVOTable(xml)).tables[0]!.rowArrays())).toEqual([[1, [-3, 4, 5, 6], 'hé']]);
    await expect(readVOTable(xml.replace('P4AAAA==', 'P4A!'))).rejects.toMatchObject({ code: 'bad-value', column: 'f' });
  });
});
