/** Shared by the columnar tests: a table with every VOTable datatype, and a comparable form of cells. */
import type { VOTableTable, VOTableValue } from '../../src/votable/index.js';
import { writeVOTable } from '../../src/votable/index.js';
import { comparable } from './comparable.js';

export { comparable };

/** Every VOTable datatype as a scalar and as arrays (fixed, variable, 2-D), with metadata; row 2 is all null. */
export function everyDatatypeVOTable(encoding: 'binary2' | 'tabledata'): string {
  const columns = [
    { name: 'source_id', datatype: 'long' as const, ucd: 'meta.id;meta.main', description: 'Gaia DR3 source <id> & "more"' },
    { name: 'ra', datatype: 'double' as const, unit: 'deg', ucd: 'pos.eq.ra', utype: 'stc:Position.ra' },
    { name: 'mag', datatype: 'float' as const, unit: 'mag', ucd: 'phot.mag;em.opt.V' },
    { name: 'flag', datatype: 'boolean' as const },
    { name: 'bit', datatype: 'bit' as const },
    { name: 'ubyte', datatype: 'unsignedByte' as const },
    { name: 'small', datatype: 'short' as const },
    { name: 'count', datatype: 'int' as const, nullValue: -999 },
    { name: 'name', datatype: 'char' as const, arraysize: '*' },
    { name: 'fixed_name', datatype: 'char' as const, arraysize: '8' },
    { name: 'uname', datatype: 'unicodeChar' as const, arraysize: '*', description: 'unicode' },
    { name: 'cf', datatype: 'floatComplex' as const },
    { name: 'cd', datatype: 'doubleComplex' as const },
    { name: 'obs_time', datatype: 'char' as const, arraysize: '*', xtype: 'timestamp' },
    { name: 'pos', datatype: 'double' as const, arraysize: '2', xtype: 'point', unit: 'deg' },
    { name: 'vec3', datatype: 'double' as const, arraysize: '3' },
    { name: 'fvar', datatype: 'float' as const, arraysize: '*' },
    { name: 'ivar', datatype: 'int' as const, arraysize: '*' },
    { name: 'lvar', datatype: 'long' as const, arraysize: '*' },
    { name: 'svar', datatype: 'short' as const, arraysize: '4*' },
    { name: 'bvar', datatype: 'boolean' as const, arraysize: '*' },
    { name: 'matrix', datatype: 'double' as const, arraysize: '2x2' },
    { name: 'labels', datatype: 'char' as const, arraysize: '3x*' },
    { name: 'cvar', datatype: 'doubleComplex' as const, arraysize: '*' },
  ];
  const rows = [
    [
      -9007199254740993n,
      359.99999999999994,
      12.25,
      true,
      true,
      255,
      -32768,
      2147483647,
      'NGC 1068',
      'M31',
      'Ångström ✓ 星',
      [1.5, -2.5],
      [3.25, 4.125],
      '2024-02-29T23:59:59.123',
      { type: 'point', lon: 10.5, lat: -20.25 },
      [1, 2, 3],
      [0.5, 1.5],
      [1, -2, 3],
      [9223372036854775807n, -9223372036854775808n],
      [1, 2],
      [true, false, true],
      [1, 2, 3, 4],
      ['ab', 'xyz'],
      [
        [1, 2],
        [3, -4],
      ],
    ],
    [
      0n,
      -0.0001,
      -1.5,
      false,
      false,
      0,
      32767,
      -2147483647,
      'a"b<c>&d',
      'short',
      'e\u0301',
      [0, 0],
      [-1, 1],
      '1970-01-01T00:00:00',
      { type: 'point', lon: 0, lat: 90 },
      [0.1, 0.2, 0.3],
      [2],
      [7],
      [5n],
      [3],
      [false],
      [0, 0, 0, 1],
      ['q'],
      [[0, 1]],
    ],
    columns.map(() => null),
  ];
  return writeVOTable(
    {
      name: 'every',
      description: 'every datatype',
      columns,
      rows,
      params: [{ name: 'survey', datatype: 'char', arraysize: '*', value: 'test & more' }],
    },
    { encoding },
  );
}

export function rowsOf(table: VOTableTable): unknown[][] {
  return table.rowArrays().map((r) => r.map(comparable));
}

/** The FIELD metadata a round trip must keep. */
export function fieldsOf(table: VOTableTable): unknown[] {
  return table.columns.map(({ name, datatype, arraysize, unit, ucd, utype, xtype, description, values }) => ({
    name,
    datatype,
    arraysize,
    unit,
    ucd,
    utype,
    xtype,
    description,
    null: values?.null,
  }));
}
