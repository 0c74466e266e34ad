import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A zcat-like schema file (adqlkit schema-file format) for lint and editor tests. */
export const ZCAT_SCHEMA = {
  format: 'adqlkit-schema',
  version: 1,
  schemas: [{ name: 'zcat' }],
  tables: [
    {
      name: 'zcat.main',
      schema: 'zcat',
      description: 'Galaxy redshift catalogue',
      columns: [
        { name: 'id', datatype: 'long', ucd: 'meta.id;meta.main', description: 'Galaxy identifier' },
        { name: 'ra', datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra;meta.main', description: 'Right ascension (ICRS)' },
        { name: 'dec', datatype: 'double', unit: 'deg', ucd: 'pos.eq.dec;meta.main', description: 'Declination (ICRS)' },
        { name: 'z', datatype: 'double', ucd: 'src.redshift', description: 'Spectroscopic redshift' },
        { name: 'name', datatype: 'char', arraysize: '*', description: 'Catalogue name' },
      ],
    },
    {
      name: 'zcat.truth_match',
      schema: 'zcat',
      columns: [
        { name: 'id', datatype: 'long' },
        { name: 'z_true', datatype: 'double', description: 'True redshift' },
      ],
    },
  ],
  foreignKeys: [],
};

/** A temporary project directory with a schema file and optional extra files. */
export function tempProject(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'adql-cli-'));
  writeFileSync(path.join(dir, 'schema.json'), JSON.stringify(ZCAT_SCHEMA, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
