/**
 * The measurement behind the choice of Arrow and Parquet libraries (issue 18): apache-arrow vs
 * @uwdata/flechette, hyparquet(-writer) vs parquet-wasm, on 1M rows x 10 columns (int64, doubles,
 * float, int32, int16, bool, strings, 10% nulls), beside DuckDB's Parquet reader. The losing
 * libraries are not adqlkit dependencies, so this runs as a copy in a scratch directory (imports
 * resolve beside the script; DuckDB comes from the adqlkit checkout named by ADQLKIT_ROOT):
 *
 *   mkdir /tmp/libs && cp bench/columnar/libraries.mjs /tmp/libs && cd /tmp/libs && npm init -y && \
 *     npm install apache-arrow @uwdata/flechette@2.6.0 hyparquet hyparquet-writer parquet-wasm && \
 *     ADQLKIT_ROOT=/path/to/adqlkit node libraries.mjs
 *
 * Bundle sizes: esbuild --bundle --minify --platform=browser of an entry importing the functions
 * used, then gzip -9 (see the README's "Arrow and Parquet").
 */
import * as AA from 'apache-arrow';
import * as F from '@uwdata/flechette';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { parquetReadObjects, parquetRead, parquetMetadata } from 'hyparquet';
import * as PW from 'parquet-wasm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'adqlkit-libs-'));
const N = 1_000_000;
const t = (label, f) => {
  const s = performance.now();
  const r = f();
  const ms = performance.now() - s;
  console.log(label.padEnd(40), ms.toFixed(0).padStart(6), 'ms', (((N / ms) * 1000) / 1e6).toFixed(2), 'M rows/s');
  return r;
};
const ta = async (label, f) => {
  const s = performance.now();
  const r = await f();
  const ms = performance.now() - s;
  console.log(label.padEnd(40), ms.toFixed(0).padStart(6), 'ms', (((N / ms) * 1000) / 1e6).toFixed(2), 'M rows/s');
  return r;
};
// data: id long, ra, dec double, mag float, n int, s short, flag bool(u8), name string, name2 string, x double with nulls
const id = new BigInt64Array(N),
  ra = new Float64Array(N),
  dec = new Float64Array(N),
  mag = new Float32Array(N),
  n = new Int32Array(N),
  sh = new Int16Array(N),
  x = new Float64Array(N),
  fl = new Uint8Array(N);
const nulls = new Uint8Array(N);
const enc = new TextEncoder();
const strs = [];
const offs = new Int32Array(N + 1);
let bytes = [];
let total = 0;
const parts = [];
for (let i = 0; i < N; i++) {
  id[i] = BigInt(i) * 1000003n;
  ra[i] = Math.random() * 360;
  dec[i] = Math.random() * 180 - 90;
  mag[i] = 10 + Math.random() * 10;
  n[i] = i % 1000;
  sh[i] = i % 300;
  x[i] = Math.random();
  fl[i] = i & 1;
  nulls[i] = i % 10 === 0 ? 1 : 0;
  const s = `Gaia DR3 ${i * 7}`;
  strs.push(s);
  total += s.length;
  offs[i + 1] = total;
}
const utf8 = enc.encode(strs.join(''));
const validity = new Uint8Array((N + 7) >> 3);
for (let i = 0; i < N; i++) if (!nulls[i]) validity[i >> 3] |= 1 << (i & 7);
const boolBits = new Uint8Array((N + 7) >> 3);
for (let i = 0; i < N; i++) if (fl[i]) boolBits[i >> 3] |= 1 << (i & 7);
const cols = { id, ra, dec, mag, n, sh, x, fl };
// apache-arrow zero-copy
const aaTable = t('apache-arrow build (makeData)', () => {
  const mk = (type, data, nb) => AA.makeVector(AA.makeData({ type, length: N, data, nullBitmap: nb }));
  return new AA.Table({
    id: mk(new AA.Int64(), id),
    ra: mk(new AA.Float64(), ra),
    dec: mk(new AA.Float64(), dec),
    mag: mk(new AA.Float32(), mag),
    n: mk(new AA.Int32(), n),
    sh: mk(new AA.Int16(), sh),
    x: mk(new AA.Float64(), x, validity),
    fl: AA.makeVector(AA.makeData({ type: new AA.Bool(), length: N, data: boolBits })),
    name: AA.makeVector(AA.makeData({ type: new AA.Utf8(), length: N, data: utf8, valueOffsets: offs })),
    name2: AA.makeVector(AA.makeData({ type: new AA.Utf8(), length: N, data: utf8, valueOffsets: offs, nullBitmap: validity })),
  });
});
const fTable = t('flechette build (Batch)', () => {
  const mk = (type, values, v) =>
    new F.Column([new (F.batchType(type))({ length: N, nullCount: v ? N / 10 : 0, type, values, validity: v ?? new Uint8Array(0) })]);
  return F.tableFromColumns({
    id: mk(F.int64(), id),
    ra: mk(F.float64(), ra),
    dec: mk(F.float64(), dec),
    mag: mk(F.float32(), mag),
    n: mk(F.int32(), n),
    sh: mk(F.int16(), sh),
    x: mk(F.float64(), x, validity),
    fl: mk(F.bool(), boolBits),
    name: new F.Column([
      new (F.batchType(F.utf8()))({ length: N, nullCount: 0, type: F.utf8(), values: utf8, offsets: offs, validity: new Uint8Array(0) }),
    ]),
    name2: new F.Column([
      new (F.batchType(F.utf8()))({ length: N, nullCount: N / 10, type: F.utf8(), values: utf8, offsets: offs, validity }),
    ]),
  });
});
const ipcA = t('apache-arrow tableToIPC', () => AA.tableToIPC(aaTable, 'stream'));
const ipcF = t('flechette tableToIPC', () => F.tableToIPC(fTable, { format: 'stream' }));
console.log('ipc bytes', ipcA.length, ipcF.length);
t('apache-arrow tableFromIPC + sum ra', () => {
  const tb = AA.tableFromIPC(ipcA);
  const v = tb.getChild('ra').toArray();
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
});
t('flechette tableFromIPC + sum ra', () => {
  const tb = F.tableFromIPC(ipcF);
  const v = tb.getChild('ra').toArray();
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
});
t('apache-arrow string column to array', () => aaTable.getChild('name2').toArray());
t('flechette string column to array', () => fTable.getChild('name2').toArray());
// Parquet writes
const strCol = strs.map((s, i) => (nulls[i] ? null : s));
const xs = Array.from(x, (v, i) => (nulls[i] ? null : v));
const pq1 = t('hyparquet-writer write (snappy)', () =>
  parquetWriteBuffer({
    columnData: [
      { name: 'id', data: id, type: 'INT64', nullable: false },
      { name: 'ra', data: ra, type: 'DOUBLE', nullable: false },
      { name: 'dec', data: dec, type: 'DOUBLE', nullable: false },
      { name: 'mag', data: mag, type: 'FLOAT', nullable: false },
      { name: 'n', data: n, type: 'INT32', nullable: false },
      { name: 'sh', data: sh, type: 'INT32', nullable: false },
      { name: 'x', data: xs, type: 'DOUBLE' },
      { name: 'fl', data: Array.from(fl, (b) => b === 1), type: 'BOOLEAN', nullable: false },
      { name: 'name', data: strs, type: 'STRING', nullable: false },
      { name: 'name2', data: strCol, type: 'STRING' },
    ],
    statistics: false,
  }),
);
fs.writeFileSync(path.join(tmp, 'hw.parquet'), new Uint8Array(pq1));

const pq2 = t('parquet-wasm write (from IPC, snappy)', () =>
  PW.writeParquet(PW.Table.fromIPCStream(ipcA), new PW.WriterPropertiesBuilder().setCompression(PW.Compression.SNAPPY).build()),
);
fs.writeFileSync(path.join(tmp, 'pw.parquet'), pq2);
console.log(
  'parquet bytes hyparquet-writer',
  pq1.byteLength,
  'parquet-wasm',
  pq2.byteLength,
  'raw',
  8 * N * 3 + 4 * N * 3 + 2 * N + N + utf8.length * 2,
);
// reads
const ab = pq2.buffer.slice(pq2.byteOffset, pq2.byteOffset + pq2.byteLength);
await ta('hyparquet read (columns, pw file)', async () => {
  const out = {};
  await parquetRead({
    file: ab,
    onChunk: (c) => {
      (out[c.columnName] ??= []).push(c.columnData);
    },
  });
  return out;
});
const ab1 = pq1;
await ta('hyparquet read (columns, hw file)', async () => {
  const out = {};
  await parquetRead({
    file: ab1,
    onChunk: (c) => {
      (out[c.columnName] ??= []).push(c.columnData);
    },
  });
  return out;
});
t('parquet-wasm read -> IPC -> flechette', () => F.tableFromIPC(PW.readParquet(pq2).intoIPCStream()));
t('parquet-wasm read (hw file) -> IPC', () => PW.readParquet(new Uint8Array(pq1)).intoIPCStream());
if (!process.env.ADQLKIT_ROOT) throw new Error('set ADQLKIT_ROOT to the adqlkit checkout (DuckDB is taken from there)');
const { DuckDBInstance } = createRequire(path.join(process.env.ADQLKIT_ROOT, 'package.json'))('@duckdb/node-api');
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await ta('duckdb read_parquet count+sum', async () =>
  (
    await con.runAndReadAll(
      `select count(*), sum(ra), count(name2), sum(length(name)) from read_parquet('${path.join(tmp, 'hw.parquet')}')`,
    )
  ).getRows(),
);
await ta(
  'duckdb read_parquet -> all cols materialised',
  async () => (await con.runAndReadAll(`select * from read_parquet('${path.join(tmp, 'hw.parquet')}')`)).getColumns().length,
);
fs.rmSync(tmp, { recursive: true, force: true });
