/**
 * The columnar formats on the command line and around the local engine: `adql query --format
 * parquet|arrow -o FILE`, `adql partition -o big.parquet` (chunks merged into one VOParquet file),
 * Parquet and Arrow uploads, and a VOParquet table served by the engine keeping its metadata.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableFromIPC, tableToIPC } from '@uwdata/flechette';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParquet, readTable, toParquet } from '../../src/columnar/index.js';
import { createLocalService, LocalEngine, type LocalService } from '../../src/engine/index.js';
import { TapService } from '../../src/tap/index.js';
import { readVOTable, writeVOTable } from '../../src/votable/index.js';
import { adql } from '../cli/support/in-process.js';
import { comparable, everyDatatypeVOTable } from './support.js';

let local: LocalService;
let dir: string;

beforeAll(async () => {
  local = await createLocalService();
  dir = mkdtempSync(path.join(tmpdir(), 'adqlkit-columnar-cli-'));
}, 60_000);
afterAll(async () => {
  await local?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const QUERY = 'SELECT TOP 25 id, name, ra, dec, gmag, redshift FROM sample.galaxies ORDER BY id';

describe('adql query --format parquet|arrow', () => {
  it('writes VOParquet with the FIELDs and rows of the VOTable result', async () => {
    const out = path.join(dir, 'q.parquet');
    const r = await adql(['query', '-s', local.url, '--format', 'parquet', '-o', out, QUERY]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote .*q\.parquet \(25 rows, .*VOParquet\)/);
    const fromFile = (await readParquet(readFileSync(out))).tables[0]!;
    const direct = await new TapService(local.url).query(QUERY);
    expect(fromFile.columns.map((c) => [c.name, c.datatype, c.unit, c.ucd])).toEqual(
      direct.columns.map((c) => [c.name, c.datatype, c.unit, c.ucd]),
    );
    expect(comparable(fromFile.rowArrays())).toEqual(comparable(direct.rowArrays()));
  });

  it('writes an Arrow IPC file other Arrow readers open', async () => {
    const out = path.join(dir, 'q.arrow');
    const r = await adql(['query', '-s', local.url, '--format', 'arrow', '-o', out, QUERY]);
    expect(r.code, r.stderr).toBe(0);
    const arrow = tableFromIPC(readFileSync(out));
    expect(arrow.numRows).toBe(25);
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(['id', 'name', 'ra', 'dec', 'gmag', 'redshift']);
    expect(arrow.schema.metadata?.get('IVOA.VOTable-Parquet.version')).toBe('1.0');
  });

  it('asks for a file: binary output never goes to stdout', async () => {
    const r = await adql(['query', '-s', local.url, '--format', 'parquet', QUERY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format parquet writes a binary file.*-o FILE/s);
  });
});

describe('adql partition -o big.parquet', () => {
  it('merges the chunks into one VOParquet file holding every row once', async () => {
    const run = path.join(dir, 'run');
    const out = path.join(dir, 'big.parquet');
    const query = 'SELECT id, ra, dec, gmag FROM sample.galaxies WHERE id <= 900';
    const r = await adql(['partition', '-s', local.url, query, '--by', 'id', '--chunks', '3', '-j', '2', '--dir', run, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote (\d+) rows to .*big\.parquet \(parquet\)/);
    const merged = (await readParquet(readFileSync(out))).tables[0]!;
    const whole = await new TapService(local.url).query(`${query} ORDER BY id`, { maxrec: 100000 });
    const ids = Array.from(merged.column('id').toArray(), Number).sort((a, b) => a - b);
    expect(ids).toEqual(whole.column('id').map(Number));
    expect(merged.columns.map((c) => [c.name, c.unit])).toEqual(whole.columns.map((c) => [c.name, c.unit]));
  }, 120_000);
});

describe('uploads and served tables', () => {
  it('a Parquet file, Parquet bytes and an Arrow table upload as TAP_UPLOAD tables', async () => {
    // The local service stages uploads as JSON rows (no 64-bit integer arrays, longs beyond 2^53 rounded):
    // scalar columns here; the exact 64-bit round trip is roundtrip.test.ts's.
    const table = (
      await readVOTable(
        writeVOTable(
          {
            columns: [
              { name: 'source_id', datatype: 'long' },
              { name: 'name', datatype: 'char', arraysize: '*' },
              { name: 'small', datatype: 'short', unit: 'adu' },
            ],
            rows: [
              [-1234567890123n, 'NGC 1068', -32768],
              [0n, 'M 31', 7],
              [null, null, null],
            ],
          },
          { encoding: 'binary2' },
        ),
      )
    ).tables[0]!;
    const file = path.join(dir, 'up.parquet');
    writeFileSync(file, toParquet(table));
    const tap = new TapService(local.url);
    const q = 'SELECT source_id, name, small FROM TAP_UPLOAD.t';
    const expected = [0, 1, 2].map((i) => ['source_id', 'name', 'small'].map((c) => comparable(table.column(c).get(i))));
    for (const source of [{ file }, readFileSync(file), { arrow: table.toArrow() }, tableToIPC(table.toArrow(), { format: 'file' })!]) {
      const r = await tap.query(q, { uploads: { t: source } });
      expect(comparable(r.rowArrays())).toEqual(expected);
    }
    const cli = await adql(['query', '-s', local.url, '-u', `t=${file}`, '--format', 'csv', q]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toMatch(/upload t: .*up\.parquet \(PARQUET, converted to VOTable\), 3 rows: source_id long, name char, small short/);
  });

  it('a VOParquet file served by the engine keeps its units, UCDs and descriptions', async () => {
    const table = (await readVOTable(everyDatatypeVOTable('binary2'))).tables[0]!;
    const file = path.join(dir, 'served.parquet');
    writeFileSync(file, toParquet(table));
    const engine = await LocalEngine.create({ tables: [{ name: 'mine.every', file }] });
    try {
      const info = engine.listTables().find((t) => t.name === 'every')!;
      expect(info.description).toBe('every datatype');
      const col = (name: string) => info.columns.find((c) => c.name === name)!;
      expect(col('ra')).toMatchObject({ unit: 'deg', ucd: 'pos.eq.ra' });
      expect(col('source_id')).toMatchObject({ ucd: 'meta.id;meta.main', description: 'Gaia DR3 source <id> & "more"' });
      expect(col('obs_time')).toMatchObject({ xtype: 'timestamp' });
    } finally {
      await engine.close();
    }
    const doc = await readTable(readFileSync(file));
    expect(doc.tables[0]!.rowCount).toBe(3);
  });
});
