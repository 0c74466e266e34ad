/**
 * A local copy of the DaCHS test tables (zcat.main, zcat.truth_match, zcat.photometry): rows and
 * column metadata fetched from the live service, so both sides hold exactly the same data.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  LocalColumnMetadata as ColumnMetadata,
  LocalForeignKey as ForeignKey,
  LocalTableSource as TableSource,
} from '../../src/engine/index.js';
import { syncCsv } from './support.js';

/** DuckDB types matching the DaCHS column types (integer, real, smallint, timestamp...). */
export const ZCAT_TYPES: Record<string, Record<string, string>> = {
  'zcat.main': {
    id: 'INTEGER',
    name: 'VARCHAR',
    ra: 'DOUBLE',
    dec: 'DOUBLE',
    bmag: 'FLOAT',
    radial_velocity: 'FLOAT',
    radial_velocity_error: 'FLOAT',
    morph_type: 'VARCHAR',
    obs_date: 'TIMESTAMP',
  },
  'zcat.truth_match': { zcat_id: 'INTEGER', true_z: 'DOUBLE', true_class: 'VARCHAR', match_sep: 'FLOAT', match_flag: 'SMALLINT' },
  'zcat.photometry': { phot_id: 'INTEGER', zcat_id: 'INTEGER', band: 'VARCHAR', MagAB: 'FLOAT', MagErr: 'FLOAT', Dec: 'DOUBLE' },
};

export const ZCAT_KEYS: ForeignKey[] = [{ from: 'zcat.truth_match', target: 'zcat.main', columns: [['zcat_id', 'id']] }];

/** Units, UCDs and descriptions of a table, from the service's TAP_SCHEMA. */
export async function remoteColumnMetadata(tapUrl: string, table: string): Promise<Record<string, ColumnMetadata>> {
  const { rows } = await syncCsv(
    tapUrl,
    `SELECT column_name, unit, ucd, description, indexed FROM TAP_SCHEMA.columns WHERE table_name = '${table}'`,
  );
  const out: Record<string, ColumnMetadata> = {};
  for (const [name, unit, ucd, description, indexed] of rows) {
    const meta: ColumnMetadata = {};
    if (unit) meta.unit = unit;
    if (ucd) meta.ucd = ucd;
    if (description) meta.description = description;
    if (indexed === '1') meta.indexed = true;
    out[name!.replace(/^"(.*)"$/, '$1')] = meta;
  }
  return out;
}

/** Downloads the zcat tables into `dir` as CSV and returns their table sources. */
export async function mirrorZcat(tapUrl: string, dir: string): Promise<TableSource[]> {
  const tables: TableSource[] = [];
  for (const [name, types] of Object.entries(ZCAT_TYPES)) {
    const res = await fetch(`${tapUrl}/sync`, {
      method: 'POST',
      body: new URLSearchParams({ LANG: 'ADQL', QUERY: `SELECT * FROM ${name}`, RESPONSEFORMAT: 'csv', MAXREC: '100000' }),
    });
    if (!res.ok) throw new Error(`${tapUrl}: HTTP ${res.status} fetching ${name}`);
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, await res.text());
    const description = (await syncCsv(tapUrl, `SELECT description FROM TAP_SCHEMA.tables WHERE table_name = '${name}'`)).rows[0]?.[0];
    const source: TableSource = { name, file, types, columns: await remoteColumnMetadata(tapUrl, name) };
    if (description) source.description = description;
    tables.push(source);
  }
  return tables;
}
