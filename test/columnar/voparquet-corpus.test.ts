/**
 * astropy's own VOParquet test files (../shared/corpora/voparquet/): a VOTable whose DATA is a
 * <PARQUET type="VOTable-remote-file"> pointing at a Parquet file, and that Parquet file alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { readTable, readTableFile } from '../../src/columnar/index.js';

const CORPUS = new URL('../../../shared/corpora/voparquet/', import.meta.url).pathname;
const VOTABLE = `${CORPUS}parquet_binary.xml`;
const PARQUET = `${CORPUS}parquet_binary.xml.parquet`;
const present = existsSync(VOTABLE) && existsSync(PARQUET);
if (!present)
  console.warn(`[VOParquet corpus tests skipped] ${CORPUS} is absent (the shared corpora are not checked out beside the repository)`);

async function duckRows(): Promise<unknown[][]> {
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    return (await con.runAndReadAll(`SELECT id, z, mass, sfr FROM '${PARQUET}'`)).getRowsJS();
  } finally {
    con.closeSync();
  }
}

describe.skipIf(!present)('astropy VOParquet files', () => {
  it('the VOTable-remote-file form: the VOTable FIELDs describe the Parquet rows', async () => {
    const doc = await readTableFile(VOTABLE);
    const t = doc.tables[0]!;
    expect(t.columns.map((c) => [c.name, c.datatype, c.arraysize, c.unit, c.ucd])).toEqual([
      ['id', 'unicodeChar', '10', '---', 'meta.id'],
      ['z', 'double', undefined, '---', 'src.redshift'],
      ['mass', 'double', undefined, 'solMass', 'phys.mass'],
      ['sfr', 'double', undefined, 'solMass.yr-1', 'phys.SFR'],
    ]);
    expect(doc.report.warnings).toEqual([]);
    expect(t.rowArrays()).toEqual(await duckRows());
    expect(t.rowCount).toBeGreaterThan(0);
  });

  it('the Parquet file alone: FIELDs from its column types, the same rows', async () => {
    const t = (await readTable(new Uint8Array(readFileSync(PARQUET)))).tables[0]!;
    expect(t.columns.map((c) => [c.name, c.datatype])).toEqual([
      ['id', 'char'],
      ['z', 'double'],
      ['mass', 'double'],
      ['sfr', 'double'],
    ]);
    expect(t.rowArrays()).toEqual(await duckRows());
  });

  it('a remote-file VOTable read from bytes needs to be told how to fetch a relative href', async () => {
    await expect(readTable(new Uint8Array(readFileSync(VOTABLE)))).rejects.toThrow(
      /file:parquet_binary\.xml\.parquet.*cannot be read.*loadHref/,
    );
    const doc = await readTable(new Uint8Array(readFileSync(VOTABLE)), { loadHref: async () => new Uint8Array(readFileSync(PARQUET)) });
    expect(doc.tables[0]!.columns[0]!.ucd).toBe('meta.id');
  });
});
