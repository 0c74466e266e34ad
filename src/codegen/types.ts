/**
 * TypeScript types for TAP columns and UDF signatures, matching what the VOTable reader returns by
 * default (long -> bigint, timestamp -> Date, point/circle/polygon -> objects, numeric arrays ->
 * typed arrays, complex -> [re, im]).
 */
import type { ColumnMeta } from '../schema/index.js';

/** The geometry types a generated file may import from adqlkit. */
export type GeometryImport = 'SkyPoint' | 'SkyCircle' | 'SkyPolygon' | 'SkyRegion';

export interface TsType {
  text: string;
  imports: GeometryImport[];
}

const INTERVAL = "{ type: 'interval'; lower: number; upper: number }";

function isArray(arraysize: string | undefined): boolean {
  return arraysize !== undefined && arraysize !== '' && arraysize !== '1';
}

function dims(arraysize: string | undefined): number {
  return arraysize === undefined ? 0 : arraysize.split('x').length;
}

const TYPED_ARRAYS: Record<string, string> = {
  unsignedbyte: 'Uint8Array',
  short: 'Int16Array',
  int: 'Int32Array',
  long: 'BigInt64Array',
  float: 'Float32Array',
  double: 'Float64Array',
};

/** The value type of a column (without `| null`). */
export function columnType(col: Pick<ColumnMeta, 'datatype' | 'arraysize' | 'xtype'>): TsType {
  const xtype = col.xtype?.toLowerCase();
  const datatype = (col.datatype ?? '').trim();
  const lower = datatype.toLowerCase();
  switch (xtype) {
    case 'timestamp':
    case 'adql:timestamp':
      return { text: 'Date', imports: [] };
    case 'point':
    case 'adql:point':
      return { text: 'SkyPoint', imports: ['SkyPoint'] };
    case 'circle':
      return { text: 'SkyCircle', imports: ['SkyCircle'] };
    case 'polygon':
      return { text: 'SkyPolygon', imports: ['SkyPolygon'] };
    case 'interval':
      return { text: INTERVAL, imports: [] };
  }
  const array = isArray(col.arraysize);
  switch (lower) {
    case 'char':
    case 'unicodechar':
      return { text: dims(col.arraysize) > 1 ? 'string[]' : 'string', imports: [] };
    case 'boolean':
    case 'bit':
      return { text: array ? 'Array<boolean | null>' : 'boolean', imports: [] };
    case 'unsignedbyte':
    case 'short':
    case 'int':
    case 'float':
    case 'double':
      return { text: array ? TYPED_ARRAYS[lower]! : 'number', imports: [] };
    case 'long':
      return { text: array ? 'BigInt64Array' : 'bigint', imports: [] };
    case 'floatcomplex':
    case 'doublecomplex':
      return { text: array ? 'Array<[number, number]>' : '[number, number]', imports: [] };
  }
  // TAP 1.0 ADQL types (adql:INTEGER or INTEGER).
  return adqlType(datatype.replace(/^adql:/i, ''));
}

/** A TS type for an ADQL type name (TAP 1.0 column types, UDF parameter/return types). */
export function adqlType(type: string): TsType {
  const t = type.trim().toUpperCase().replace(/\s+/g, ' ');
  if (t.endsWith('[]')) {
    const inner = adqlType(t.slice(0, -2));
    return { text: `Array<${inner.text}>`, imports: inner.imports };
  }
  const base = t.replace(/\s*\(.*\)$/, '');
  switch (base) {
    case 'SMALLINT':
    case 'INTEGER':
    case 'INT':
    case 'REAL':
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
    case 'FLOAT':
    case 'NUMERIC':
    case 'DECIMAL':
      return { text: 'number', imports: [] };
    case 'BIGINT':
      return { text: 'bigint', imports: [] };
    case 'CHAR':
    case 'VARCHAR':
    case 'CHARACTER':
    case 'CHARACTER VARYING':
    case 'TEXT':
    case 'CLOB':
    case 'UNICODE':
    case 'MOC':
      return { text: 'string', imports: [] };
    case 'TIMESTAMP':
    case 'DATE':
      return { text: 'Date', imports: [] };
    case 'BOOLEAN':
      return { text: 'boolean', imports: [] };
    case 'POINT':
      return { text: 'SkyPoint', imports: ['SkyPoint'] };
    case 'CIRCLE':
      return { text: 'SkyCircle', imports: ['SkyCircle'] };
    case 'POLYGON':
    case 'BOX':
      return { text: 'SkyPolygon', imports: ['SkyPolygon'] };
    case 'REGION':
    case 'GEOMETRY':
      return { text: 'SkyRegion', imports: ['SkyRegion'] };
    case 'BINARY':
    case 'VARBINARY':
    case 'BLOB':
      return { text: 'Uint8Array', imports: [] };
  }
  return { text: 'unknown', imports: [] };
}
