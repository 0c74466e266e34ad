/**
 * Every datatype, arraysize form and null pattern in TABLEDATA, BINARY and BINARY2. The fixtures
 * and expected values come from fixtures/votable/make_type_fixtures.py (an independent encoder).
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readVOTable, streamVOTable, writeVOTable } from '../../src/votable/index.js';
import { asyncChunks, plain, readFixture } from './helpers.js';

const expected = JSON.parse(readFixture('types-expected.json')) as { columns: string[]; rows: Record<string, unknown[][]> };
const encodings = ['tabledata', 'binary', 'binary2'] as const;

describe('all datatypes', () => {
  for (const enc of encodings) {
    it(`${enc}: every cell matches the independent encoder`, async () => {
      const doc = await readVOTable(readFixture(`types-${enc}.vot`), { xtypes: 'raw' });
      const t = doc.tables[0]!;
      expect(t.encoding).toBe(enc);
      expect(t.columns.map((c) => c.name)).toEqual(expected.columns);
      expect(t.rowCount).toBe(expected.rows[enc]!.length);
      t.rowArrays().forEach((row, r) => {
        row.forEach((v, c) => {
          expect(plain(v), `${enc} row ${r} column ${expected.columns[c]}`).toEqual(expected.rows[enc]![r]![c]);
        });
      });
    });

    it(`${enc}: byte-by-byte chunks give the same result as one buffer`, async () => {
      const bytes = Buffer.from(readFixture(`types-${enc}.vot`));
      const whole = await readVOTable(bytes, { xtypes: 'raw' });
      for (const size of [1, 7, 64]) {
        const chunked = await readVOTable(asyncChunks(bytes, size), { xtypes: 'raw' });
        expect(plain(chunked.tables[0]!.rowArrays()), `chunk size ${size}`).toEqual(plain(whole.tables[0]!.rowArrays()));
      }
    });
  }

  it('storage is column-oriented with typed arrays for scalar numbers', async () => {
    const t = (await readVOTable(readFixture('types-binary2.vot'))).tables[0]!;
    expect(t.column('d').values).toBeInstanceOf(Float64Array);
    expect(t.column('f').values).toBeInstanceOf(Float32Array);
    expect(t.column('i').values).toBeInstanceOf(Int32Array);
    expect(t.column('sh').values).toBeInstanceOf(Int16Array);
    expect(t.column('ub').values).toBeInstanceOf(Uint8Array);
    expect(t.column('l').values).toBeInstanceOf(BigInt64Array);
    expect(t.column('b').values).toBeInstanceOf(Uint8Array);
    expect(t.column('cs').values).toBeInstanceOf(Array);
    expect(t.column('d').isNull(1)).toBe(true);
    expect(t.column('d').nulls?.[1]).toBe(1);
    expect(t.column('da').get(0)).toBeInstanceOf(Float64Array);
    expect(t.column('iv').get(0)).toBeInstanceOf(Int32Array);
    expect(t.column('lv').get(0)).toBeInstanceOf(BigInt64Array);
  });

  it('storage is exact-size for small tables and chunked (then joined on request) for large ones', async () => {
    const small = (await readVOTable(readFixture('types-tabledata.vot'))).tables[0]!;
    expect(small.column('d').values.length).toBe(4);
    expect(small.column('cs').values.length).toBe(4);
    const n = 150_000;
    const x = Float64Array.from({ length: n }, (_, i) => (i % 1000 === 7 ? NaN : i * 0.5));
    const id = Int32Array.from({ length: n }, (_, i) => i);
    const label = Array.from({ length: n }, (_, i) => (i % 777 === 0 ? null : `r${i}`));
    for (const encoding of ['tabledata', 'binary2'] as const) {
      const t = (await readVOTable(writeVOTable({ columnData: { id, x, label } }, { encoding }))).tables[0]!;
      expect(t.rowCount).toBe(n);
      const chunks = [...t.column('x').chunks()];
      expect(chunks.map((c) => c.length)).toEqual([65536, 65536, n - 131072]);
      for (const i of [0, 7, 65535, 65536, 65543, 131071, 131072, n - 1]) {
        expect(t.row(i), `${encoding} row ${i}`).toEqual({
          id: i,
          x: i % 1000 === 7 ? null : i * 0.5,
          label: i % 777 === 0 ? null : `r${i}`,
        });
      }
      const joined = t.column('x');
      expect(joined.values).toBeInstanceOf(Float64Array);
      expect(joined.values.length).toBe(n);
      expect(joined.nulls!.reduce((a, b) => a + b, 0)).toBe(150);
      expect(t.column('label').values.length).toBe(n);
      expect(t.column('label').get(777)).toBeNull();
    }
  });

  it('long: bigint by default, exact beyond 2^53', async () => {
    const t = (await readVOTable(readFixture('types-tabledata.vot'))).tables[0]!;
    expect(t.column('l').get(0)).toBe(9007199254740993n);
    expect(t.column('l').get(2)).toBe(-9223372036854775807n);
  });

  it('long: exact 64-bit parsing of TABLEDATA text at the word boundaries, VALUES null, overflow', async () => {
    const values = [
      '0',
      '-1',
      '4294967295',
      '4294967296',
      '-4294967296',
      '-4294967297',
      '9007199254740993',
      '9223372036854775807',
      '-9223372036854775807',
      '+5',
      '0x10',
      '0007',
      ' 12 ',
      '-9223372036854775808',
    ];
    const doc = (extra: string) =>
      `<VOTABLE><RESOURCE><TABLE><FIELD name="l" datatype="long"><VALUES null="-9223372036854775808"/></FIELD><DATA><TABLEDATA>${values.map((v) => `<TR><TD>${v}</TD></TR>`).join('')}${extra}</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;
    const t = (await readVOTable(doc(''))).tables[0]!;
    expect(t.column('l').toArray()).toEqual([
      0n,
      -1n,
      4294967295n,
      4294967296n,
      -4294967296n,
      -4294967297n,
      9007199254740993n,
      9223372036854775807n,
      -9223372036854775807n,
      5n,
      16n,
      7n,
      12n,
      null,
    ]);
    await expect(readVOTable(doc('<TR><TD>9223372036854775808</TD></TR>'))).rejects.toMatchObject({
      code: 'bad-value',
      row: values.length,
      message: expect.stringMatching(/out of range for long/),
    });
    await expect(readVOTable(doc('<TR><TD>12a</TD></TR>'))).rejects.toMatchObject({
      code: 'bad-value',
      message: expect.stringMatching(/"12a" is not an integer/),
    });
  });

  it("long: { long: 'number' } gives numbers and refuses to lose precision", async () => {
    const text = readFixture('types-tabledata.vot');
    await expect(readVOTable(text, { long: 'number' })).rejects.toMatchObject({ code: 'bad-value', column: 'l', row: 0 });
    const small = text
      .replace('9007199254740993', '9007199254740991')
      .replace('-9223372036854775807</TD>', '-12</TD>')
      .replace('-9223372036854775807 9223372036854775807', '1 2');
    const t = (await readVOTable(small, { long: 'number' })).tables[0]!;
    expect(t.column('l').values).toBeInstanceOf(Float64Array);
    expect(t.column('l').get(0)).toBe(9007199254740991);
    expect(t.column('l').get(2)).toBe(-12);
    expect(t.column('lv').get(0)).toEqual(new Float64Array([1, 2]));
    for (const enc of ['binary', 'binary2']) {
      await expect(readVOTable(readFixture(`types-${enc}.vot`), { long: 'number' })).rejects.toMatchObject({
        code: 'bad-value',
        column: 'l',
      });
    }
  });

  it('xtypes become convenient values: timestamp → Date, point/circle/polygon/interval → objects', async () => {
    const t = (await readVOTable(readFixture('types-binary2.vot'))).tables[0]!;
    const row = t.row(0);
    expect(row.ts).toEqual(new Date('2020-01-02T03:04:05.678Z'));
    expect(row.pt).toEqual({ type: 'point', lon: 10.5, lat: -20.25 });
    expect(row.ci).toEqual({ type: 'circle', lon: 10, lat: 20, radius: 0.5 });
    expect(row.po).toEqual({
      type: 'polygon',
      vertices: [
        [0, 0],
        [10, 0],
        [10, 10],
      ],
    });
    expect(row.in).toEqual({ type: 'interval', lower: 1.5, upper: 2.5 });
    expect(t.row(2).ts).toEqual(new Date('1999-12-31T00:00:00Z'));
    expect(t.row(3).ts).toEqual(new Date('2021-06-30T12:00:00Z'));
    expect(t.row(1).ts).toBeNull();
    expect(t.column('ts').field.xtype).toBe('timestamp');
    // raw access is always available
    expect(t.column('ts').raw(0)).toBe('2020-01-02T03:04:05.678');
  });

  it('metadata of FIELDs is complete', async () => {
    const t = (await readVOTable(readFixture('types-tabledata.vot'))).tables[0]!;
    const d = t.columns.find((c) => c.name === 'd')!;
    expect(d).toMatchObject({
      ID: 'col_d',
      datatype: 'double',
      unit: 'deg',
      ucd: 'pos.eq.ra;meta.main',
      description: 'column d',
      shape: [],
      variable: false,
    });
    expect(t.columns.find((c) => c.name === 'mv')).toMatchObject({ arraysize: '2x*', shape: [2, -1], variable: true });
    expect(t.columns.find((c) => c.name === 'iv')).toMatchObject({ arraysize: '5*', shape: [5], variable: true });
    expect(t.columns.find((c) => c.name === 'i')!.values).toEqual({ null: '-2147483648', options: [] });
  });

  it('streams the same rows from a Node Readable and a web ReadableStream', async () => {
    for (const enc of encodings) {
      const bytes = Buffer.from(readFixture(`types-${enc}.vot`));
      const whole = plain((await readVOTable(bytes, { xtypes: 'raw' })).tables[0]!.rowArrays());
      const fromNode: unknown[] = [];
      for await (const ev of streamVOTable(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), {
        batchSize: 1,
        xtypes: 'raw',
      })) {
        if (ev.type === 'rows') {
          expect(ev.rows.rowCount).toBe(1);
          fromNode.push(...ev.rows.rowArrays());
        }
      }
      expect(plain(fromNode)).toEqual(whole);
      const web = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(bytes.subarray(0, 33));
          c.enqueue(bytes.subarray(33));
          c.close();
        },
      });
      const doc = await readVOTable(web, { xtypes: 'raw' });
      expect(plain(doc.tables[0]!.rowArrays())).toEqual(whole);
    }
  });
});
