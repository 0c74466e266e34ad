/**
 * VOTable -> Parquet -> VOTable and VOTable -> Arrow IPC -> VOTable keep every datatype, null and
 * FIELD attribute; DuckDB's own Parquet reader (not adqlkit's) sees the same values and types.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tableToIPC } from '@uwdata/flechette';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParquet, readTable, toParquet } from '../../src/columnar/index.js';
import { readVOTable, readVOTableHeader, VOPARQUET_CONTENT_KEY, VOPARQUET_VERSION_KEY } from '../../src/votable/index.js';
import { comparable, everyDatatypeVOTable, fieldsOf, rowsOf } from './support.js';

let dir: string;
let duck: DuckDBConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adqlkit-columnar-'));
  duck = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => {
  duck?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(['binary2', 'tabledata'] as const)('a %s VOTable with every datatype', (encoding) => {
  it('survives VOTable -> Parquet -> VOTable: FIELDs, PARAMs, every cell and every null', async () => {
    const original = (await readVOTable(everyDatatypeVOTable(encoding))).tables[0]!;
    const back = (await readParquet(toParquet(original))).tables[0]!;
    expect(fieldsOf(back)).toEqual(fieldsOf(original));
    expect(back.params.map((p) => [p.name, p.value])).toEqual([['survey', 'test & more']]);
    expect(back.name).toBe('every');
    expect(back.description).toBe('every datatype');
    expect(rowsOf(back)).toEqual(rowsOf(original));
    // Raw (unconverted) values too: the timestamp text and the point's two numbers as stored.
    expect(back.column('obs_time').raw(0)).toBe('2024-02-29T23:59:59.123');
    expect(comparable(back.column('pos').raw(0))).toEqual([10.5, -20.25]);
  });

  it('survives VOTable -> Arrow IPC -> VOTable', async () => {
    const original = (await readVOTable(everyDatatypeVOTable(encoding))).tables[0]!;
    const ipc = tableToIPC(original.toArrow(), { format: 'stream' })!;
    const back = (await readTable(ipc)).tables[0]!;
    expect(fieldsOf(back)).toEqual(fieldsOf(original));
    expect(rowsOf(back)).toEqual(rowsOf(original));
  });
});

describe('DuckDB reads what adqlkit writes', () => {
  it('with the same column types and values, and the VOParquet key-value metadata', async () => {
    const original = (await readVOTable(everyDatatypeVOTable('binary2'))).tables[0]!;
    const file = join(dir, 'every.parquet');
    writeFileSync(file, toParquet(original));
    const types = await duck.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${file}')`);
    expect(Object.fromEntries(types.getRows())).toMatchObject({
      source_id: 'BIGINT',
      ra: 'DOUBLE',
      mag: 'FLOAT',
      flag: 'BOOLEAN',
      ubyte: 'UTINYINT',
      small: 'SMALLINT',
      count: 'INTEGER',
      name: 'VARCHAR',
      uname: 'VARCHAR',
      obs_time: 'VARCHAR',
      vec3: 'DOUBLE[]',
      ivar: 'INTEGER[]',
      lvar: 'BIGINT[]',
      svar: 'SMALLINT[]',
      bvar: 'BOOLEAN[]',
      labels: 'VARCHAR[]',
      cd: 'DOUBLE[]',
    });
    const rows = (
      await duck.runAndReadAll(
        `SELECT source_id::VARCHAR, ra, mag, flag, ubyte, small, count, name, uname, obs_time, lvar::VARCHAR, labels, cd FROM '${file}'`,
      )
    ).getRowsJS();
    const ours = [0, 1, 2].map((i) => [
      original.column('source_id').raw(i) === null ? null : String(original.column('source_id').raw(i)),
      ...['ra', 'mag', 'flag', 'ubyte', 'small', 'count', 'name', 'uname', 'obs_time'].map((c) => original.column(c).raw(i)),
    ]);
    expect(rows.map((r) => r.slice(0, 10))).toEqual(ours);
    expect(rows[0]![10]).toBe('[9223372036854775807, -9223372036854775808]');
    expect(rows[0]![11]).toEqual(['ab', 'xyz']);
    expect(rows[0]![12]).toEqual([3.25, 4.125]);
    expect(rows[2]!.slice(10)).toEqual([null, null, null]);
    const kv = (await duck.runAndReadAll(`SELECT decode(key), decode(value) FROM parquet_kv_metadata('${file}')`)).getRows();
    const meta = new Map(kv as Array<[string, string]>);
    expect(meta.get(VOPARQUET_VERSION_KEY)).toBe('1.0');
    const header = readVOTableHeader(meta.get(VOPARQUET_CONTENT_KEY)!);
    expect(header.table.meta.columns.map((c) => c.name)).toEqual(original.columns.map((c) => c.name));
    expect(header.table.hasData).toBe(false);
  });
});

describe('Parquet that adqlkit did not write', () => {
  it('reads DuckDB-written files: FIELDs from the column types, the same values DuckDB returns', async () => {
    const file = join(dir, 'duck.parquet');
    await duck.run(`COPY (SELECT i::BIGINT AS id, i * 0.5 AS x, (i % 3)::SMALLINT AS s, CASE WHEN i % 2 = 0 THEN 'even' END AS label,
      TIMESTAMP '2020-01-01 00:00:00' + INTERVAL (i) HOUR AS t, [i, i + 1] AS pair, i > 1 AS big, 4611686018427387904 + i AS huge
      FROM range(5) r(i)) TO '${file}' (FORMAT parquet)`);
    const table = (await readTable(new Uint8Array(readFileSync(file)))).tables[0]!;
    expect(table.columns.map((c) => [c.name, c.datatype, c.arraysize, c.xtype])).toEqual([
      ['id', 'long', undefined, undefined],
      ['x', 'double', undefined, undefined],
      ['s', 'short', undefined, undefined],
      ['label', 'char', '*', undefined],
      ['t', 'char', '*', 'timestamp'],
      ['pair', 'long', '*', undefined],
      ['big', 'boolean', undefined, undefined],
      ['huge', 'long', undefined, undefined],
    ]);
    const duckRows = (
      await duck.runAndReadAll(`SELECT id::VARCHAR, x, s, label, strftime(t, '%Y-%m-%dT%H:%M:%S.000Z'), big, huge::VARCHAR FROM '${file}'`)
    ).getRowsJS();
    const ours = table.rowArrays().map((r) => [String(r[0]), r[1], r[2], r[3], (r[4] as Date).toISOString(), r[6], String(r[7])]);
    expect(ours).toEqual(duckRows);
    expect(comparable(table.column('pair').get(4))).toEqual(['4n', '5n']);
  });

  it('refuses bytes that are not Parquet, naming the problem', async () => {
    await expect(readParquet(new TextEncoder().encode('<VOTABLE/>'))).rejects.toThrow(/not a Parquet file/);
    const truncated = toParquet((await readVOTable(everyDatatypeVOTable('binary2'))).tables[0]!).subarray(0, 200);
    await expect(readParquet(truncated)).rejects.toMatchObject({ name: 'ColumnarError', code: 'not-columnar' });
  });
});

describe('the VOParquet header and the data disagree', () => {
  it('the data wins, the header keeps the units, and a warning says so', async () => {
    const original = (await readVOTable(everyDatatypeVOTable('binary2'))).tables[0]!;
    const arrow = original.toArrow();
    const xml = arrow.schema.metadata!.get(VOPARQUET_CONTENT_KEY)!.replace('name="name" datatype="char"', 'name="name" datatype="int"');
    arrow.schema.metadata!.set(VOPARQUET_CONTENT_KEY, xml);
    const doc = await readTable(tableToIPC(arrow, { format: 'stream' })!);
    const t = doc.tables[0]!;
    expect(t.columns[8]).toMatchObject({ name: 'name', datatype: 'char', arraysize: '*' });
    expect(t.column('name').get(0)).toBe('NGC 1068');
    expect(t.columns[1]).toMatchObject({ name: 'ra', unit: 'deg', ucd: 'pos.eq.ra' });
    expect(doc.report.warnings.join('\n')).toMatch(/"name": the VOParquet header says datatype int.*the data wins/);
  });
});

describe('table.toArrow() shares the VOTable storage', () => {
  it('numbers and UTF-8 strings are views of the same buffers, not copies', async () => {
    const table = (await readVOTable(everyDatatypeVOTable('binary2'))).tables[0]!;
    const arrow = table.toArrow();
    const ra = table.column('ra').values as Float64Array;
    const arrowRa = arrow.getChild('ra').data[0]!.values as Float64Array;
    expect(arrowRa.buffer).toBe(ra.buffer);
    const names = [...table.column('uname').chunks()][0]!;
    expect((arrow.getChild('uname').data[0]!.values as Uint8Array).buffer).toBe(names.utf8!.buffer);
    expect(arrow.getChild('uname').at(0)).toBe('Ångström ✓ 星');
    expect(arrow.getChild('source_id').at(0)).toBe(-9007199254740993n);
    expect(arrow.getChild('flag').toArray()).toEqual([true, false, null]);
  });
});
