/**
 * ADQL value types as the validator sees them, and their mapping from service metadata
 * (VOTable datatype/arraysize/xtype of TAP 1.1, or the ADQL type names TAP 1.0 services use).
 */
import type { ColumnMeta } from '../schema/index.js';

export type TypeKind =
  | 'numeric'
  | 'string'
  | 'timestamp'
  | 'geometry'
  | 'boolean'
  /** An array, interval, MOC, binary or other value ADQL has no operators for. */
  | 'other'
  | 'null'
  | 'unknown';

export type GeometryShape = 'POINT' | 'CIRCLE' | 'BOX' | 'POLYGON' | 'REGION' | 'MOC' | 'GEOMETRY';

export interface VOTableType {
  datatype: string;
  arraysize?: string;
  xtype?: string;
}

export interface ValueType {
  kind: TypeKind;
  /** ADQL type name: SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, CHAR, VARCHAR, TIMESTAMP, POINT... */
  adql: string;
  /** The VOTable FIELD type a TAP service would give the value. */
  votable: VOTableType;
  /** Exact numeric (SMALLINT/INTEGER/BIGINT). */
  integer?: boolean;
  geometry?: GeometryShape;
  /** Result of CONTAINS/INTERSECTS: an INTEGER that is 0 or 1. */
  predicate?: boolean;
}

const T = (kind: TypeKind, adql: string, votable: VOTableType, extra: Partial<ValueType> = {}): ValueType => ({
  kind,
  adql,
  votable,
  ...extra,
});

export const TYPES = {
  smallint: T('numeric', 'SMALLINT', { datatype: 'short' }, { integer: true }),
  integer: T('numeric', 'INTEGER', { datatype: 'int' }, { integer: true }),
  bigint: T('numeric', 'BIGINT', { datatype: 'long' }, { integer: true }),
  real: T('numeric', 'REAL', { datatype: 'float' }),
  double: T('numeric', 'DOUBLE', { datatype: 'double' }),
  varchar: T('string', 'VARCHAR', { datatype: 'char', arraysize: '*' }),
  unicode: T('string', 'VARCHAR', { datatype: 'unicodeChar', arraysize: '*' }),
  timestamp: T('timestamp', 'TIMESTAMP', { datatype: 'char', arraysize: '*', xtype: 'timestamp' }),
  boolean: T('boolean', 'BOOLEAN', { datatype: 'boolean' }),
  predicate: T('numeric', 'INTEGER', { datatype: 'int' }, { integer: true, predicate: true }),
  point: geometryType('POINT'),
  circle: geometryType('CIRCLE'),
  box: geometryType('BOX'),
  polygon: geometryType('POLYGON'),
  region: geometryType('REGION'),
  moc: T('other', 'MOC', { datatype: 'char', arraysize: '*', xtype: 'moc' }),
  null: T('null', 'NULL', { datatype: 'char', arraysize: '*' }),
  unknown: T('unknown', 'UNKNOWN', { datatype: 'char', arraysize: '*' }),
} as const;

function geometryType(shape: GeometryShape): ValueType {
  const votable: VOTableType =
    shape === 'POINT'
      ? { datatype: 'double', arraysize: '2', xtype: 'point' }
      : shape === 'CIRCLE'
        ? { datatype: 'double', arraysize: '3', xtype: 'circle' }
        : shape === 'POLYGON' || shape === 'BOX'
          ? { datatype: 'double', arraysize: '*', xtype: 'polygon' }
          : { datatype: 'char', arraysize: '*', xtype: shape === 'MOC' ? 'moc' : 'adql:REGION' };
  return T('geometry', shape === 'GEOMETRY' ? 'REGION' : shape, votable, { geometry: shape });
}

const VOTABLE_NUMERIC: Record<string, ValueType> = {
  short: TYPES.smallint,
  unsignedbyte: TYPES.smallint,
  bit: TYPES.smallint,
  int: TYPES.integer,
  long: TYPES.bigint,
  float: TYPES.real,
  double: TYPES.double,
};

const GEOMETRY_XTYPES: Record<string, GeometryShape> = {
  point: 'POINT',
  circle: 'CIRCLE',
  polygon: 'POLYGON',
  box: 'BOX',
  region: 'REGION',
  shape: 'GEOMETRY',
  moc: 'MOC',
};

/** TAP 1.0 (and TAP_SCHEMA `adql:` prefixed) type names. */
const ADQL_TYPE_NAMES: Record<string, ValueType> = {
  smallint: TYPES.smallint,
  integer: TYPES.integer,
  int: TYPES.integer,
  bigint: TYPES.bigint,
  real: TYPES.real,
  float: TYPES.real,
  double: TYPES.double,
  'double precision': TYPES.double,
  numeric: TYPES.double,
  decimal: TYPES.double,
  char: TYPES.varchar,
  varchar: TYPES.varchar,
  text: TYPES.varchar,
  clob: TYPES.varchar,
  timestamp: TYPES.timestamp,
  point: TYPES.point,
  circle: TYPES.circle,
  polygon: TYPES.polygon,
  box: TYPES.box,
  region: TYPES.region,
  boolean: TYPES.boolean,
};

/** Column types by (datatype, arraysize, xtype): a service has few distinct ones, so columns share them. */
const columnTypes = new Map<string, ValueType>();
const MAX_CACHED_COLUMN_TYPES = 4096;

/** The validator's type for a column described by service metadata (shared: never mutate it). */
export function columnType(col: ColumnMeta): ValueType {
  const key = `${col.datatype ?? ''}\u0000${col.arraysize ?? ''}\u0000${col.xtype ?? ''}`;
  let t = columnTypes.get(key);
  if (t === undefined) {
    t = computeColumnType(col);
    if (columnTypes.size < MAX_CACHED_COLUMN_TYPES) columnTypes.set(key, t);
  }
  return t;
}

function computeColumnType(col: ColumnMeta): ValueType {
  const raw = (col.datatype ?? '').trim();
  const datatype = raw.toLowerCase().replace(/^adql:/, '');
  const xtype = (col.xtype ?? '').toLowerCase().replace(/^adql:/, '');
  const votable: VOTableType = { datatype: raw === '' ? 'char' : raw };
  if (col.arraysize !== undefined && col.arraysize !== '') votable.arraysize = col.arraysize;
  if (col.xtype !== undefined && col.xtype !== '') votable.xtype = col.xtype;

  if (xtype === 'timestamp' || datatype === 'timestamp') return { ...TYPES.timestamp, votable };
  const shape = GEOMETRY_XTYPES[xtype] ?? GEOMETRY_XTYPES[datatype];
  if (shape !== undefined) {
    if (shape === 'MOC') return { ...TYPES.moc, votable };
    return { ...geometryType(shape), votable };
  }
  if (xtype === 'interval') return T('other', 'INTERVAL', votable);
  if (datatype === 'char' || datatype === 'unicodechar') {
    return T('string', col.arraysize === undefined || /^\d+$/.test(col.arraysize) ? 'CHAR' : 'VARCHAR', votable);
  }
  if (datatype === 'boolean') return { ...TYPES.boolean, votable };
  const numeric = VOTABLE_NUMERIC[datatype];
  if (numeric !== undefined) {
    const isArray = col.arraysize !== undefined && col.arraysize !== '' && col.arraysize !== '1';
    if (isArray) return T('other', `${numeric.adql}[]`, votable);
    return { ...numeric, votable };
  }
  if (datatype === 'floatcomplex' || datatype === 'doublecomplex') return T('other', datatype.toUpperCase(), votable);
  if (datatype === 'binary' || datatype === 'varbinary' || datatype === 'blob') return T('other', datatype.toUpperCase(), votable);
  const named = ADQL_TYPE_NAMES[datatype.replace(/\s*\(.*$/, '')];
  if (named !== undefined) return { ...named, votable: named.votable };
  return { ...TYPES.unknown, votable };
}

/** The validator's type for a UDF type name from a TAPRegExt signature (`DOUBLE PRECISION`, `TEXT`, `INTEGER[]`). */
export function typeFromName(name: string): ValueType {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/\s*\(.*\)$/, '');
  if (n.endsWith('[]')) return T('other', name.toUpperCase(), { datatype: 'char', arraysize: '*' });
  if (n === 'geometry' || n === 'shape') return geometryType('GEOMETRY');
  if (n === 'moc') return TYPES.moc;
  if (n === 'interval') return T('other', 'INTERVAL', { datatype: 'double', arraysize: '2', xtype: 'interval' });
  return ADQL_TYPE_NAMES[n] ?? TYPES.unknown;
}

/** Numeric result type of arithmetic on two numerics (SQL promotion). */
export function promoteNumeric(a: ValueType, b: ValueType): ValueType {
  if (a.kind !== 'numeric') return b.kind === 'numeric' ? b : TYPES.double;
  if (b.kind !== 'numeric') return a;
  const rank = (t: ValueType): number => ['SMALLINT', 'INTEGER', 'BIGINT', 'REAL', 'DOUBLE'].indexOf(t.adql);
  const ra = rank(a);
  const rb = rank(b);
  if (a.integer && b.integer) return ra >= rb ? stripPredicate(a) : stripPredicate(b);
  if (!a.integer && !b.integer) return ra >= rb ? stripPredicate(a) : stripPredicate(b);
  // integer with floating: the floating type wins, but BIGINT with REAL goes to DOUBLE
  const fl = a.integer ? b : a;
  return fl.adql === 'REAL' && (a.adql === 'BIGINT' || b.adql === 'BIGINT') ? TYPES.double : stripPredicate(fl);
}

function stripPredicate(t: ValueType): ValueType {
  if (!t.predicate) return t;
  const { predicate: _predicate, ...rest } = t;
  return rest;
}

/** Types that can be used where a value of `kind` is expected without an explicit CAST. */
export function isLoose(t: ValueType): boolean {
  return t.kind === 'unknown' || t.kind === 'null';
}

export function describeType(t: ValueType): string {
  switch (t.kind) {
    case 'numeric':
      return t.predicate ? 'a 0/1 predicate result' : `a number (${t.adql})`;
    case 'string':
      return `a string (${t.adql})`;
    case 'timestamp':
      return 'a TIMESTAMP';
    case 'geometry':
      return `a geometry (${t.geometry ?? t.adql})`;
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'NULL';
    case 'other':
      return `a value of type ${t.adql}`;
    default:
      return 'a value of unknown type';
  }
}
