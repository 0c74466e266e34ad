import { ServiceSchema, type SchemaDocument } from '../../src/schema/index.js';
import { editorSchemaOf, type EditorSchema } from '../../src/tooling/index.js';

export const zcatDocument: SchemaDocument = {
  schemas: [{ name: 'zcat' }],
  foreignKeys: [],
  tables: [
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
  capabilities: {
    adqlVersions: ['2.1'],
    features: {},
    uploadMethods: [],
    udfs: [
      {
        name: 'ivo_hasword',
        params: [
          { name: 'haystack', type: 'TEXT' },
          { name: 'needle', type: 'TEXT' },
        ],
        returns: 'INTEGER',
        form: 'ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER',
        description: 'Word search',
      },
    ],
  },
};

/** A small zcat-like schema for editor-feature tests: the editor's view of the schema module's model. */
export const zcatSchema: EditorSchema = editorSchemaOf(new ServiceSchema(zcatDocument));
