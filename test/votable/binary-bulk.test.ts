/**
 * BINARY and BINARY2 of thousands of rows, long enough for the column-at-a-time decoder and the
 * native base64 spans: the values read equal the values written here by an encoder of this test
 * (not the library's writer), whatever the base64 layout, the chunk boundaries or the batch size;
 * a table with one column the bulk decoder does not take (an int array) is read by the per-row
 * decoder and gives the same values; bad cells and bad base64 deep inside a bulk run are reported
 * at the row, column and byte the per-row decoder names.
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { readVOTable, streamVOTable, VOTableError, type VOTableValue } from '../../src/votable/index.js';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Column {
  field: string;
  /** A value for row i (null: a null cell). */
  make: (r: () => number) => unknown;
  /** Bytes of a non-null cell (BINARY: also of a null one, given as null). */
  encode: (v: unknown, binary2: boolean) => Buffer;
}

const be = (size: number, write: (b: Buffer) => void): Buffer => {
  const b = Buffer.alloc(size);
  write(b);
  return b;
};
const maybe = (r: () => number, make: () => unknown): unknown => (r() < 0.05 ? null : make());

// A ubyte first: every later cell sits at an odd offset (no alignment to rely on).
const COLUMNS: Column[] = [
  {
    field: '<FIELD name="u" datatype="unsignedByte"><VALUES null="255"/></FIELD>',
    make: (r) => maybe(r, () => Math.floor(r() * 255)),
    encode: (v) => be(1, (b) => (b[0] = v === null ? 255 : (v as number))),
  },
  {
    field: '<FIELD name="d" datatype="double"/>',
    make: (r) => maybe(r, () => (r() - 0.5) * 1e6),
    encode: (v) => be(8, (b) => b.writeDoubleBE(v === null ? NaN : (v as number))),
  },
  {
    field: '<FIELD name="f" datatype="float"/>',
    make: (r) => maybe(r, () => Math.fround(r() * 100)),
    encode: (v) => be(4, (b) => b.writeFloatBE(v === null ? NaN : (v as number))),
  },
  {
    field: '<FIELD name="i" datatype="int"><VALUES null="-2147483648"/></FIELD>',
    make: (r) => maybe(r, () => Math.floor(r() * 4e9) - 2e9),
    encode: (v) => be(4, (b) => b.writeInt32BE(v === null ? -2147483648 : (v as number))),
  },
  {
    field: '<FIELD name="s" datatype="short"><VALUES null="-32768"/></FIELD>',
    make: (r) => maybe(r, () => Math.floor(r() * 65535) - 32767),
    encode: (v) => be(2, (b) => b.writeInt16BE(v === null ? -32768 : (v as number))),
  },
  {
    field: '<FIELD name="l" datatype="long"><VALUES null="-9223372036854775808"/></FIELD>',
    make: (r) => maybe(r, () => BigInt(Math.floor(r() * 2 ** 31) - 2 ** 30) * 3000000007n),
    encode: (v) => be(8, (b) => b.writeBigInt64BE(v === null ? -9223372036854775808n : (v as bigint))),
  },
  {
    field: '<FIELD name="b" datatype="boolean"/>',
    make: (r) => maybe(r, () => r() < 0.5),
    encode: (v) => Buffer.from(v === null ? '?' : v ? 'T' : 'F', 'latin1'),
  },
  {
    field: '<FIELD name="bit" datatype="bit"/>',
    make: (r) => (r() < 0.5 ? true : false),
    encode: (v) => be(1, (b) => (b[0] = v ? 0x80 : 0)),
  },
  {
    field: '<FIELD name="tag" datatype="char" arraysize="6"/>',
    make: (r) => maybe(r, () => 'abcdef'.slice(0, 1 + Math.floor(r() * 6))),
    encode: (v) => be(6, (b) => b.write((v as string | null) ?? '', 0, 'latin1')),
  },
  {
    field: '<FIELD name="label" datatype="char" arraysize="*"/>',
    // Non-ASCII and NUL (the string ends there) at every position of the 4-byte copy.
    make: (r) =>
      maybe(r, () => {
        const text = 'xyz'.repeat(Math.floor(r() * 5));
        const at = Math.floor(r() * (text.length + 1));
        const odd = r() < 0.1 ? 'é' : r() < 0.1 ? '\0' : '';
        return text.slice(0, at) + odd + text.slice(at);
      }),
    encode: (v) => {
      const text = Buffer.from((v as string | null) ?? '', 'utf8');
      return Buffer.concat([be(4, (b) => b.writeUInt32BE(text.length)), text]);
    },
  },
];

/** The same columns with longs within ±2^53 (readable with { long: 'number' }). */
const SAFE_LONGS: Column[] = COLUMNS.map((c) =>
  c.field.includes('"l"') ? { ...c, make: (r) => maybe(r, () => BigInt(Math.floor((r() - 0.5) * 2 ** 53))) } : c,
);

const ARRAY_COLUMN: Column = {
  field: '<FIELD name="pair" datatype="int" arraysize="2"/>',
  make: (r) => [Math.floor(r() * 100), Math.floor(r() * 100)],
  encode: (v) => be(8, (b) => (v as number[]).forEach((x, k) => b.writeInt32BE(x, 4 * k))),
};

/** The value the reader gives for what `make` produced (char cells end at a NUL; empty strings read as null). */
function expected(v: unknown): unknown {
  const text = typeof v === 'string' ? v.split('\0')[0] : v;
  return text === '' ? null : text;
}

function rowsOf(columns: Column[], n: number, seed: number): unknown[][] {
  const r = prng(seed);
  return Array.from({ length: n }, () => columns.map((c) => c.make(r)));
}

function encodeRows(columns: Column[], rows: unknown[][], binary2: boolean): Buffer {
  const parts: Buffer[] = [];
  for (const row of rows) {
    if (binary2) {
      const flags = Buffer.alloc((columns.length + 7) >> 3);
      row.forEach((v, k) => {
        if (v === null) flags[k >> 3]! |= 0x80 >> (k & 7);
      });
      parts.push(flags);
    }
    columns.forEach((c, k) => parts.push(c.encode(row[k], binary2)));
  }
  return Buffer.concat(parts);
}

type Layout = (b64: string) => string;
const lines =
  (width: number, eol: string, indent = ''): Layout =>
  (b64) =>
    (b64.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).map((l) => indent + l + eol).join('');
const LAYOUTS: Record<string, Layout> = {
  '76-character lines (LF)': lines(76, '\n'),
  '64-character lines (CRLF)': lines(64, '\r\n'),
  'indented lines': lines(72, '\n', '      '),
  'lines of 75 characters (groups across lines)': lines(75, '\n'),
  'one line': (b64) => b64,
  'irregular whitespace': (b64) => {
    const r = prng(7);
    let out = '';
    for (let i = 0; i < b64.length;) {
      const n = 1 + Math.floor(r() * 120);
      out += b64.slice(i, i + n) + (r() < 0.5 ? ' ' : '\n\t');
      i += n;
    }
    return out;
  },
};

function document(columns: Column[], data: Buffer, binary2: boolean, layout: Layout, long = ''): string {
  const tag = binary2 ? 'BINARY2' : 'BINARY';
  return `<?xml version="1.0"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE>
${columns.map((c) => c.field.replace('datatype="long"', `datatype="long"${long}`)).join('\n')}
<DATA><${tag}><STREAM encoding="base64">
${layout(data.toString('base64'))}</STREAM></${tag}></DATA></TABLE></RESOURCE></VOTABLE>
`;
}

async function* chunksOf(bytes: Uint8Array, seed: number): AsyncGenerator<Uint8Array> {
  const r = prng(seed);
  for (let i = 0; i < bytes.length;) {
    const n = 1 + Math.floor(r() ** 2 * 70000);
    yield bytes.slice(i, i + n);
    i += n;
  }
}

/** Cells as comparable values: Float32 display values back to their float32. */
function cellsOf(table: { columnData: readonly { field: { datatype: string }; toArray(): VOTableValue[] }[] }): unknown[][] {
  const columns = table.columnData.map((c) =>
    c.toArray().map((v) => (c.field.datatype === 'float' && typeof v === 'number' ? Math.fround(v) : v)),
  );
  return columns[0]!.map((_, i) => columns.map((c) => c[i]));
}

const N = 3000;

describe('BINARY/BINARY2 read column by column', () => {
  for (const binary2 of [true, false]) {
    const rows = rowsOf(COLUMNS, N, binary2 ? 11 : 12);
    const want = rows.map((row) => row.map(expected));
    const data = encodeRows(COLUMNS, rows, binary2);
    for (const [name, layout] of Object.entries(LAYOUTS)) {
      it(`${binary2 ? 'BINARY2' : 'BINARY'}, ${name}: whole, in random chunks, streamed in small batches`, async () => {
        const bytes = Buffer.from(document(COLUMNS, data, binary2, layout), 'utf8');
        expect(cellsOf((await readVOTable(bytes)).tables[0]!)).toEqual(want);
        expect(cellsOf((await readVOTable(chunksOf(bytes, 3))).tables[0]!)).toEqual(want);
        const streamed: unknown[][] = [];
        for await (const ev of streamVOTable(chunksOf(bytes, 4), { batchSize: 777 }))
          if (ev.type === 'rows') streamed.push(...cellsOf(ev.rows));
        expect(streamed).toEqual(want);
      });
    }
  }

  it('a table with an array column (per-row decoder) reads the same values', async () => {
    const columns = [...COLUMNS, ARRAY_COLUMN];
    const rows = rowsOf(columns, N, 13);
    const doc = document(columns, encodeRows(columns, rows, true), true, LAYOUTS['76-character lines (LF)']!);
    const got = cellsOf((await readVOTable(doc)).tables[0]!);
    expect(got.map((row) => row.slice(0, -1))).toEqual(rows.map((row) => row.slice(0, -1).map(expected)));
    expect(got.map((row) => Array.from(row[row.length - 1] as Int32Array))).toEqual(rows.map((row) => row[row.length - 1]));
  });

  it('long as number: values within 2^53 and the VALUES null', async () => {
    const rows = rowsOf(SAFE_LONGS, N, 14);
    const doc = document(SAFE_LONGS, encodeRows(SAFE_LONGS, rows, false), false, LAYOUTS['one line']!);
    const got = (await readVOTable(doc, { long: 'number' })).tables[0]!.column('l').toArray();
    expect(got).toEqual(rows.map((row) => (row[5] === null ? null : Number(row[5]))));
  });
});

describe('problems inside a bulk run are reported as the per-row decoder does', () => {
  const rows = rowsOf(SAFE_LONGS, N, 21);
  const bad = 2345;
  const base = encodeRows(COLUMNS, rows, true);
  const rowStarts: number[] = [];
  for (let i = 0, at = 0; i < rows.length; i++) {
    rowStarts.push(at);
    at += encodeRows(COLUMNS, [rows[i]!], true).length;
  }
  /** Byte offset of column k's cell in row `bad` (flags: 2 bytes). */
  const cellAt = (k: number): number =>
    rowStarts[bad]! + 2 + COLUMNS.slice(0, k).reduce((n, c, j) => n + c.encode(rows[bad]![j], true).length, 0);
  const failure = async (doc: string, options = {}): Promise<VOTableError> => {
    try {
      await readVOTable(doc, options);
    } catch (e) {
      if (e instanceof VOTableError) return e;
      throw e;
    }
    throw new Error('expected a VOTableError');
  };

  it('a byte that is no boolean: an error at its row, or with invalid: null a null cell reported', async () => {
    const data = Buffer.from(base);
    const at = cellAt(6);
    data[at] = 0x58; // 'X'
    const doc = document(COLUMNS, data, true, LAYOUTS['76-character lines (LF)']!);
    expect(await failure(doc)).toMatchObject({ code: 'bad-value', row: bad, column: 'b' });
    const read = await readVOTable(doc, { invalid: 'null' });
    expect(read.report.invalidCells).toBe(1);
    expect(read.report.firstInvalid[0]).toMatchObject({ row: bad, column: 'b' });
    const values = cellsOf(read.tables[0]!);
    expect(values[bad]![6]).toBeNull();
    expect(values.filter((_, i) => i !== bad)).toEqual(rows.map((row) => row.map(expected)).filter((_, i) => i !== bad));
  });

  it('a long beyond 2^53 read as number: an error at its row', async () => {
    const data = Buffer.from(base);
    data.writeBigInt64BE(2n ** 60n, cellAt(5));
    data[rowStarts[bad]!]! &= ~(0x80 >> 5); // not null
    const doc = document(COLUMNS, data, true, LAYOUTS['one line']!);
    expect(await failure(doc, { long: 'number' })).toMatchObject({ code: 'bad-value', row: bad, column: 'l' });
  });

  it('a string longer than its arraysize: read as it is, with a warning', async () => {
    const columns = COLUMNS.map((c) => (c.field.includes('"label"') ? { ...c, field: c.field.replace('"*"', '"20*"') } : c));
    const long = rows.map((row, i) => (i === bad ? row.map((v, k) => (k === 9 ? 'w'.repeat(30) : v)) : row));
    const read = await readVOTable(document(columns, encodeRows(columns, long, true), true, LAYOUTS['76-character lines (LF)']!));
    expect(read.report.warnings).toEqual([expect.stringMatching(/longer than its arraysize 20\*/)]);
    expect(cellsOf(read.tables[0]!)).toEqual(long.map((row) => row.map(expected)));
  });

  it('a character outside base64, or base64url, deep inside a line span: the error names its byte', async () => {
    const doc = document(COLUMNS, base, true, LAYOUTS['76-character lines (LF)']!);
    const start = doc.indexOf('<STREAM encoding="base64">\n') + 27;
    for (const ch of ['*', '-', '_', '=']) {
      const at = start + 77 * 300 + 40;
      const e = await failure(doc.slice(0, at) + ch + doc.slice(at + 1));
      expect(e).toMatchObject({ code: 'bad-base64', byteOffset: at });
      expect(e.message).toMatch(ch === '=' ? /misplaced '=' padding/ : /invalid character/);
    }
  });

  it('concatenated base64 blocks (padding inside the stream) read as the per-row decoder reads them', async () => {
    const half = rowStarts.find((at, i) => i >= 1500 && at % 3 !== 0)!;
    const b64 = base.subarray(0, half).toString('base64') + base.subarray(half).toString('base64');
    expect(b64.slice(0, -4)).toMatch(/=[A-Za-z0-9+/]/); // the first block ends padded
    const doc = document(COLUMNS, Buffer.alloc(0), true, () => '').replace(
      '</STREAM>',
      `${LAYOUTS['76-character lines (LF)']!(b64)}</STREAM>`,
    );
    expect(cellsOf((await readVOTable(doc)).tables[0]!)).toEqual(rows.map((row) => row.map(expected)));
  });
});
