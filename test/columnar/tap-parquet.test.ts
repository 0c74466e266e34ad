/**
 * TAP with format 'parquet' against adqlkit's own local service (DaCHS offers no Parquet output):
 * the service lists VOParquet, the result is the same TapResult as with a VOTable, overflow included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParquet } from '../../src/columnar/index.js';
import { createLocalService, type LocalService } from '../../src/engine/index.js';
import { TapService } from '../../src/tap/index.js';
import { comparable } from './support.js';

let local: LocalService;
let tap: TapService;

beforeAll(async () => {
  local = await createLocalService();
  tap = new TapService(local.url);
}, 60_000);
afterAll(async () => {
  await local?.close();
});

const QUERY = 'SELECT TOP 20 * FROM sample.galaxies ORDER BY 1';

describe('TAP results as VOParquet', () => {
  it('the local service declares the Parquet output format', async () => {
    const caps = await tap.capabilities();
    expect(caps.parquetFormat).toBe('application/vnd.apache.parquet');
  });

  it("format: 'parquet' gives the same columns, metadata and rows as the VOTable result", async () => {
    const [votable, parquet] = [await tap.query(QUERY), await tap.query(QUERY, { format: 'parquet' })];
    expect(parquet.contentType).toBe('application/vnd.apache.parquet');
    expect(votable.contentType).toMatch(/votable/);
    expect(
      parquet.columns.map(({ name, datatype, arraysize, unit, ucd, xtype, description }) => ({
        name,
        datatype,
        arraysize,
        unit,
        ucd,
        xtype,
        description,
      })),
    ).toEqual(
      votable.columns.map(({ name, datatype, arraysize, unit, ucd, xtype, description }) => ({
        name,
        datatype,
        arraysize,
        unit,
        ucd,
        xtype,
        description,
      })),
    );
    expect(parquet.rowCount).toBe(20);
    expect(comparable(parquet.rowArrays())).toEqual(comparable(votable.rowArrays()));
    expect(parquet.status).toBe('OK');
    expect(parquet.overflow).toBe(false);
  });

  it('an overflow is judged from the QUERY_STATUS the VOParquet header carries', async () => {
    const r = await tap.query(QUERY, { format: 'parquet', maxrec: 5 });
    expect(r.status).toBe('OVERFLOW');
    expect(r.overflow).toBe(true);
    expect(r.rowCount).toBe(5);
  });

  it('an async job result in Parquet reads the same', async () => {
    const job = await tap.submit(QUERY, { format: 'parquet' });
    await job.run();
    await job.wait({ timeoutMs: 30_000 });
    const r = await job.fetchResult();
    expect(r.contentType).toBe('application/vnd.apache.parquet');
    expect(r.rowCount).toBe(20);
    await job.delete();
  });

  it('result.toParquet() keeps the rows handed out and the OVERFLOW status; result.toArrow() too', async () => {
    const r = await tap.query(QUERY, { maxrec: 7 });
    expect(r.overflow).toBe(true);
    const back = await readParquet(r.toParquet());
    expect(back.status).toBe('OVERFLOW');
    expect(back.tables[0]!.rowCount).toBe(7);
    expect(comparable(back.tables[0]!.rowArrays())).toEqual(comparable(r.rowArrays()));
    const arrow = r.toArrow();
    expect(arrow.numRows).toBe(7);
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(r.columnNames);
  });

  it('a query error still comes back as a TapQueryError', async () => {
    await expect(tap.query('SELECT nosuchcolumn FROM sample.galaxies', { format: 'parquet' })).rejects.toMatchObject({
      name: 'TapQueryError',
    });
  });
});
