/** A schema like the project's DaCHS service (zcat.main, truth_match, photometry with delimited
 * mixed-case columns) with DaCHS 2.7's declared capabilities, for unit tests. */
import { ServiceSchema } from '../../src/schema/index.js';
import type { ColumnMeta, ServiceCapabilities } from '../../src/schema/index.js';
import { validate, type ValidateOptions, type ValidationResult } from '../../src/validate/index.js';

const c = (name: string, datatype: string, extra: Partial<ColumnMeta> = {}): ColumnMeta => ({ name, datatype, ...extra });

export const GEO = [
  'BOX',
  'POINT',
  'CIRCLE',
  'POLYGON',
  'REGION',
  'CENTROID',
  'COORD1',
  'COORD2',
  'DISTANCE',
  'CONTAINS',
  'INTERSECTS',
  'AREA',
];

export function dachsCapabilities(): ServiceCapabilities {
  return {
    adqlVersions: ['2.0', '2.1'],
    features: {
      'ivo://ivoa.net/std/tapregext#features-adqlgeo': GEO,
      'ivo://ivoa.net/std/tapregext#features-adql-string': ['LOWER', 'ILIKE'],
      'ivo://ivoa.net/std/tapregext#features-adql-offset': ['OFFSET'],
      'ivo://ivoa.net/std/tapregext#features-adql-type': ['CAST'],
      'ivo://ivoa.net/std/tapregext#features-adql-unit': ['IN_UNIT'],
      'ivo://ivoa.net/std/tapregext#features-adql-common-table': ['WITH'],
      'ivo://ivoa.net/std/tapregext#features-adql-sets': ['UNION', 'EXCEPT', 'INTERSECT'],
      'ivo://org.gavo.dc/std/exts#extra-adql-keywords': ['TABLESAMPLE', 'MOC', 'COALESCE', 'VECTORMATH', 'CASE'],
    },
    udfs: [
      {
        name: 'ivo_hasword',
        params: [
          { name: 'haystack', type: 'TEXT' },
          { name: 'needle', type: 'TEXT' },
        ],
        returns: 'INTEGER',
        form: 'ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER',
      },
      {
        name: 'gavo_specconv',
        params: [
          { name: 'expr', type: 'DOUBLE PRECISION' },
          { name: 'dest_unit', type: 'TEXT' },
        ],
        returns: 'DOUBLE PRECISION',
        form: 'gavo_specconv(expr DOUBLE PRECISION, dest_unit TEXT) -> DOUBLE PRECISION',
      },
      {
        name: 'gavo_specconv',
        params: [
          { name: 'expr', type: 'NUMERIC' },
          { name: 'expr_unit', type: 'TEXT' },
          { name: 'dest_unit', type: 'TEXT' },
        ],
        returns: 'NUMERIC',
        form: 'gavo_specconv(expr NUMERIC, expr_unit TEXT dest_unit TEXT) -> NUMERIC',
      },
      {
        name: 'ivo_healpix_center',
        params: [
          { name: 'hpxOrder', type: 'INTEGER' },
          { name: 'hpxIndex', type: 'BIGINT' },
        ],
        returns: 'POINT',
        form: 'ivo_healpix_center(hpxOrder INTEGER, hpxIndex BIGINT) -> POINT',
      },
      {
        name: 'gavo_to_jd',
        params: [{ name: 'd', type: 'TIMESTAMP' }],
        returns: 'DOUBLE PRECISION',
        form: 'gavo_to_jd(d TIMESTAMP) -> DOUBLE PRECISION',
      },
    ],
    uploadMethods: ['ivo://ivoa.net/std/TAPRegExt#upload-inline'],
    outputLimit: { default: { value: 20000, unit: 'row' }, hard: { value: 20000000, unit: 'row' } },
    uploadLimit: { hard: { value: 20000000, unit: 'byte' } },
  };
}

export function zcatSchema(withCaps = true): ServiceSchema {
  return new ServiceSchema({
    schemas: [{ name: 'zcat' }],
    foreignKeys: [{ id: 'fk', fromTable: 'zcat.truth_match', targetTable: 'zcat.main', columns: [{ from: 'zcat_id', target: 'id' }] }],
    tables: [
      {
        name: 'zcat.main',
        description: 'Synthetic galaxies',
        columns: [
          c('id', 'int', { ucd: 'meta.id;meta.main', description: 'Running number' }),
          c('name', 'unicodeChar', { arraysize: '*' }),
          c('ra', 'double', { unit: 'deg', ucd: 'pos.eq.ra;meta.main', description: 'Right ascension, ICRS' }),
          c('dec', 'double', { unit: 'deg', ucd: 'pos.eq.dec;meta.main' }),
          c('bmag', 'float', { unit: 'mag', ucd: 'phot.mag;em.opt.B' }),
          c('radial_velocity', 'float', { unit: 'km/s' }),
          c('morph_type', 'char', { arraysize: '*' }),
          c('obs_date', 'char', { arraysize: '19', xtype: 'timestamp' }),
        ],
      },
      {
        name: 'zcat.truth_match',
        columns: [
          c('zcat_id', 'int'),
          c('true_z', 'double'),
          c('true_class', 'char', { arraysize: '*' }),
          c('match_sep', 'float', { unit: 'arcsec' }),
          c('match_flag', 'short'),
        ],
      },
      {
        name: 'zcat.photometry',
        columns: [
          c('phot_id', 'int'),
          c('zcat_id', 'int'),
          c('band', 'char', { arraysize: '*' }),
          c('MagAB', 'float', { delimited: true, unit: 'mag' }),
          c('Dec', 'double', { delimited: true }),
        ],
      },
      {
        name: 'zcat.fov',
        columns: [
          c('id', 'int'),
          c('center', 'double', { arraysize: '2', xtype: 'point', unit: 'deg' }),
          c('footprint', 'double', { arraysize: '*', xtype: 'polygon' }),
        ],
      },
    ],
    uploads: [
      {
        name: 'mysources',
        columns: [c('name', 'char', { arraysize: '*' }), c('ra', 'double', { unit: 'deg' }), c('dec', 'double', { unit: 'deg' })],
      },
    ],
    ...(withCaps ? { capabilities: dachsCapabilities() } : {}),
  });
}

export const schema = zcatSchema();

export function run(q: string, options: ValidateOptions = {}, s: ServiceSchema | null = schema): ValidationResult {
  return validate(q, s ?? undefined, options);
}

/** The codes of all diagnostics, in order. */
export function codes(q: string, options: ValidateOptions = {}, s: ServiceSchema | null = schema): string[] {
  return run(q, options, s).map((d) => d.code);
}

/** The source text each diagnostic of `code` points at. */
export function at(q: string, code: string, options: ValidateOptions = {}, s: ServiceSchema | null = schema): string[] {
  return run(q, options, s)
    .filter((d) => d.code === code)
    .map((d) => (d.range ? q.slice(d.range.start.offset, d.range.end.offset) : '<no range>'));
}
