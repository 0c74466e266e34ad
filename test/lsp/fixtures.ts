import { editorSchemaFromTables, type EditorSchema } from '../../src/tooling/editor-schema.js';

/** A small zcat-like schema for editor-feature tests. */
export const zcatSchema: EditorSchema = editorSchemaFromTables(
  [
    {
      name: 'zcat.main',
      description: 'Galaxy redshift catalogue',
      columns: [
        { name: 'id', datatype: 'long', ucd: 'meta.id;meta.main', description: 'Galaxy identifier' },
        { name: 'ra', datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra;meta.main', description: 'Right ascension (ICRS)' },
        { name: 'dec', datatype: 'double', unit: 'deg', ucd: 'pos.eq.dec;meta.main', description: 'Declination (ICRS)' },
        { name: 'z', datatype: 'double', ucd: 'src.redshift', description: 'Spectroscopic redshift' },
      ],
    },
    {
      name: 'zcat.truth_match',
      description: 'Truth table',
      columns: [
        { name: 'id', datatype: 'long' },
        { name: 'z_true', datatype: 'double', description: 'True redshift' },
      ],
    },
    { name: 'zcat.photometry', columns: [{ name: 'MagAB', delimited: true, datatype: 'float', unit: 'mag' }] },
  ],
  [{ name: 'ivo_hasword', params: [{ name: 'haystack', type: 'TEXT' }, { name: 'needle', type: 'TEXT' }], returns: 'INTEGER', description: 'Word search' }],
);
