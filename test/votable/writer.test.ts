/** Writer: TABLEDATA and BINARY2 from rows, row arrays, typed columns or a read table; round trips. */
import { describe, expect, it } from 'vitest';
import { readVOTable, writeVOTable, type VOTableColumnSpec, type VOTableDatatype } from '../../src/votable/index.js';
import { f32, plain, readFixture } from './helpers.js';

const encodings = ['tabledata', 'binary', 'binary2'] as const;

/** Deterministic PRNG for the generated round-trip tables. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('writeVOTable', () => {
  for (const source of ['tabledata', 'binary', 'binary2']) {
    for (const enc of encodings) {
      it(`round trip of every datatype: read ${source} → write ${enc} → read back identically`, async () => {
        const original = (await readVOTable(readFixture(`types-${source}.vot`), { xtypes: 'raw' })).tables[0]!;
        const xml = writeVOTable(original, { encoding: enc });
        const back = (await readVOTable(xml, { xtypes: 'raw' })).tables[0]!;
        expect(back.encoding).toBe(enc);
        // BINARY declares a VALUES null for integer columns holding nulls (it has no null flags).
        const nullOf = (c: (typeof original.columns)[number], i: number) =>
          enc === 'binary' && original.columns[i]!.values?.null === undefined ? undefined : c.values?.null;
        expect(back.columns.map((c, i) => [c.name, c.datatype, c.arraysize, c.unit, c.ucd, c.xtype, c.description, nullOf(c, i)])).toEqual(
          original.columns.map((c, i) => [c.name, c.datatype, c.arraysize, c.unit, c.ucd, c.xtype, c.description, nullOf(c, i)]),
        );
        const a = plain(original.rowArrays()) as unknown[][];
        // BINARY has no way to mark a null bit (VOTable 1.4 section 6): it reads back as 0.
        if (enc === 'binary') {
          original.columns.forEach((c, ci) => {
            if (c.datatype !== 'bit' || c.variable) return;
            const zero = c.shape.length === 0 ? false : new Array(c.shape.reduce((x, y) => x * y, 1)).fill(false);
            for (const row of a) row[ci] ??= zero;
          });
        }
        const b = plain(back.rowArrays()) as unknown[][];
        a.forEach((row, r) => row.forEach((v, c) => expect(b[r]![c], `row ${r} column ${original.columns[c]!.name}`).toEqual(v)));
        // Signed zeros survive too.
        expect(Object.is(back.column('f').get(3), -0)).toBe(true);
      });
    }
  }

  const scalarTypes: Array<[VOTableDatatype, (r: () => number) => unknown]> = [
    ['boolean', (r) => r() < 0.5],
    ['bit', (r) => r() < 0.5],
    ['unsignedByte', (r) => Math.floor(r() * 256)],
    ['short', (r) => Math.floor(r() * 65536) - 32768],
    ['int', (r) => Math.floor(r() * 2 ** 32) - 2 ** 31],
    ['long', (r) => BigInt(Math.floor(r() * 2 ** 53)) * 1024n - 2n ** 62n],
    ['float', (r) => Math.fround((r() - 0.5) * 10 ** Math.floor(r() * 60 - 30))],
    ['double', (r) => (r() - 0.5) * 10 ** Math.floor(r() * 600 - 300)],
    ['floatComplex', (r) => [Math.fround(r()), Math.fround(-r())]],
    ['doubleComplex', (r) => [r() * 1e10, -r()]],
    ['char', (r) => `s${Math.floor(r() * 1e6)} <&>"'`],
    ['unicodeChar', (r) => `ü${String.fromCharCode(0x4e00 + Math.floor(r() * 100))}\u{1F600}`],
  ];
  for (const enc of encodings) {
    it(`${enc}: generated tables, every scalar datatype, random null patterns`, async () => {
      const r = prng(7);
      const columns: VOTableColumnSpec[] = scalarTypes.map(([dt]) => ({
        name: `c_${dt}`,
        datatype: dt,
        ...(dt === 'char' || dt === 'unicodeChar' ? { arraysize: '*' } : {}),
      }));
      const rows = Array.from({ length: 300 }, () =>
        scalarTypes.map(([dt, gen]) => (r() < (dt === 'bit' && enc === 'tabledata' ? 0.2 : 0.2) ? null : gen(r))),
      );
      const back = (await readVOTable(writeVOTable({ columns, rows }, { encoding: enc }))).tables[0]!;
      expect(back.rowCount).toBe(300);
      // BINARY has no way to mark a null bit (VOTable 1.4 section 6): it reads back as 0.
      if (enc === 'binary') for (const row of rows) row[1] ??= false;
      // float columns compare as float32 (rows show the shortest decimal of the stored float32).
      const asF32 = (table: unknown[][]) => table.map((row) => row.map((v, c) => (scalarTypes[c]![0].startsWith('float') ? f32(v) : v)));
      expect(asF32(plain(back.rowArrays()) as unknown[][])).toEqual(asF32(plain(rows) as unknown[][]));
    });

    it(`${enc}: arrays (fixed, variable, multi-dimensional) with nulls`, async () => {
      const columns: VOTableColumnSpec[] = [
        { name: 'dv', datatype: 'double', arraysize: '*' },
        { name: 'f3', datatype: 'float', arraysize: '3' },
        { name: 'i2x2', datatype: 'int', arraysize: '2x2' },
        { name: 'sv', datatype: 'short', arraysize: '2x*' },
        { name: 'lv', datatype: 'long', arraysize: '*' },
        { name: 'bv', datatype: 'boolean', arraysize: '*' },
        { name: 'bits', datatype: 'bit', arraysize: '*' },
        { name: 'cv', datatype: 'doubleComplex', arraysize: '*' },
        { name: 'strs', datatype: 'char', arraysize: '3x*' },
      ];
      const rows = [
        [
          new Float64Array([1.5, -2]),
          new Float32Array([1, 2, 3]),
          new Int32Array([1, 2, 3, 4]),
          new Int16Array([5, 6, 7, 8]),
          new BigInt64Array([1n, -(2n ** 63n)]),
          [true, null, false],
          [true, false, true],
          [
            [1, 2],
            [3, 4],
          ],
          ['ab', 'xyz'],
        ],
        [null, null, null, null, null, null, null, null, null],
        [[0.25], [4, 5, 6], [9, 9, 9, 9], [1, 2], [3n], [false], [false], [[0, -1]], ['a']],
      ];
      const back = (await readVOTable(writeVOTable({ columns, rows }, { encoding: enc }))).tables[0]!;
      expect(plain(back.rowArrays())).toEqual(plain(rows));
    });
  }

  it('infers datatypes from row objects and writes units, UCDs, descriptions', async () => {
    const when = new Date('2024-02-03T04:05:06.789Z');
    const rows = [
      {
        id: 1,
        big: 2n ** 60n,
        ra: 10.25,
        name: 'M 31',
        uni: 'Andrómeda',
        ok: true,
        when,
        pos: { type: 'point' as const, lon: 10, lat: 41 },
        vec: new Float32Array([1, 2]),
      },
      { id: 3000000000, big: null, ra: null, name: null, uni: null, ok: null, when: null, pos: null, vec: null },
    ];
    const xml = writeVOTable(
      { name: 'upload', columns: [{ name: 'ra', unit: 'deg', ucd: 'pos.eq.ra', description: 'Right ascension' }], rows },
      { encoding: 'binary2' },
    );
    const t = (await readVOTable(xml)).tables[0]!;
    expect(t.name).toBe('upload');
    expect(t.columns.map((c) => [c.name, c.datatype, c.arraysize, c.xtype])).toEqual([['ra', 'double', undefined, undefined]]);
    expect(t.columns[0]).toMatchObject({ unit: 'deg', ucd: 'pos.eq.ra', description: 'Right ascension' });
    const all = (await readVOTable(writeVOTable({ rows }))).tables[0]!;
    expect(all.columns.map((c) => [c.name, c.datatype, c.arraysize ?? '', c.xtype ?? ''])).toEqual([
      ['id', 'long', '', ''],
      ['big', 'long', '', ''],
      ['ra', 'double', '', ''],
      ['name', 'char', '*', ''],
      ['uni', 'unicodeChar', '*', ''],
      ['ok', 'boolean', '', ''],
      ['when', 'char', '*', 'timestamp'],
      ['pos', 'double', '2', 'point'],
      ['vec', 'float', '*', ''],
    ]);
    expect(plain(all.row(0))).toEqual({
      id: 1,
      big: '1152921504606846976',
      ra: 10.25,
      name: 'M 31',
      uni: 'Andrómeda',
      ok: true,
      when: when.toISOString(),
      pos: { type: 'point', lon: 10, lat: 41 },
      vec: [1, 2],
    });
    expect(Object.values(all.row(1)).slice(1)).toEqual([null, null, null, null, null, null, null, null]);
  });

  it('writes typed columns and row arrays', async () => {
    const xml = writeVOTable(
      {
        columns: [{ name: 'x', unit: 'm' }, { name: 'n' }],
        columnData: { x: new Float64Array([1, NaN, 3]), n: new Int16Array([1, 2, 3]) },
      },
      { encoding: 'binary2' },
    );
    const t = (await readVOTable(xml)).tables[0]!;
    expect(t.columns.map((c) => c.datatype)).toEqual(['double', 'short']);
    expect(t.rowArrays()).toEqual([
      [1, 1],
      [null, 2],
      [3, 3],
    ]);
    const arrays = (
      await readVOTable(
        writeVOTable({
          columns: ['a', { name: 'b', datatype: 'float' }],
          rows: [
            [1, 0.5],
            [2, null],
          ],
        }),
      )
    ).tables[0]!;
    expect(arrays.rows()).toEqual([
      { a: 1, b: 0.5 },
      { a: 2, b: null },
    ]);
  });

  it('XML specials, unicode, whitespace and line breaks survive TABLEDATA', async () => {
    const tricky = [' <a href="x">&amp;</a> ', 'line1\nline2\r\nline3\ttab', ']]> <![CDATA[', 'emoji \u{1F30C} and ü', '&lt;'];
    for (const enc of encodings) {
      const t = (
        await readVOTable(
          writeVOTable({ columns: [{ name: 's', datatype: 'unicodeChar' }], rows: tricky.map((s) => [s]) }, { encoding: enc }),
        )
      ).tables[0]!;
      expect(t.column('s').toArray(), enc).toEqual(tricky);
    }
  });

  it('writes INFOs, PARAMs and a valid document astropy-style readers accept', () => {
    const xml = writeVOTable(
      { name: 't', params: [{ name: 'epoch', datatype: 'double', value: '2000' }], rows: [{ a: 1 }] },
      { infos: [{ name: 'QUERY_STATUS', value: 'OK' }] },
    );
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<VOTABLE version="1.4" xmlns="http:\/\/www.ivoa.net\/xml\/VOTable\/v1.3">/,
    );
    expect(xml).toContain('<INFO name="QUERY_STATUS" value="OK"/>');
    expect(xml).toContain('<PARAM name="epoch" datatype="double" value="2000"/>');
  });
});
