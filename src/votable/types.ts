/** Public metadata types of the VOTable model (VOTable 1.1 to 1.5). */

export type VOTableDatatype =
  | 'boolean'
  | 'bit'
  | 'unsignedByte'
  | 'short'
  | 'int'
  | 'long'
  | 'char'
  | 'unicodeChar'
  | 'float'
  | 'double'
  | 'floatComplex'
  | 'doubleComplex';

export const VOTABLE_DATATYPES: readonly VOTableDatatype[] = [
  'boolean',
  'bit',
  'unsignedByte',
  'short',
  'int',
  'long',
  'char',
  'unicodeChar',
  'float',
  'double',
  'floatComplex',
  'doubleComplex',
];

/** A `<LINK>` element. */
export interface VOTableLink {
  ID?: string;
  contentRole?: string;
  contentType?: string;
  title?: string;
  value?: string;
  href?: string;
  action?: string;
}

/** `<MIN>`/`<MAX>` of a VALUES element. */
export interface VOTableLimit {
  value: string;
  inclusive: boolean;
}

export interface VOTableOption {
  name?: string;
  value: string;
  options: VOTableOption[];
}

/** `<VALUES>`: the null sentinel, range and enumerated options of a FIELD or PARAM. */
export interface VOTableValues {
  ID?: string;
  type?: string;
  /** The `null` attribute, verbatim (e.g. "-2147483648"). */
  null?: string;
  ref?: string;
  min?: VOTableLimit;
  max?: VOTableLimit;
  options: VOTableOption[];
}

/** A `<FIELD>` (column) with all its metadata. */
export interface VOTableField {
  name: string;
  ID?: string;
  datatype: VOTableDatatype;
  /** The arraysize attribute verbatim ("*", "10", "10*", "2x3*"), undefined for scalars. */
  arraysize?: string;
  width?: number;
  precision?: string;
  unit?: string;
  ucd?: string;
  utype?: string;
  xtype?: string;
  ref?: string;
  type?: string;
  description?: string;
  values?: VOTableValues;
  links: VOTableLink[];
  /**
   * Parsed arraysize: dimensions, first varying fastest; the last is -1 when unbounded ("*").
   * Empty for scalars.
   */
  shape: number[];
  /** True when the last dimension is variable ("*" or "n*"). */
  variable: boolean;
}

/** A `<PARAM>`: a FIELD with a constant value. */
export interface VOTableParam extends VOTableField {
  /** The value attribute verbatim. */
  value: string;
}

export interface VOTableFieldRef {
  ref: string;
  ucd?: string;
  utype?: string;
}

/** A `<GROUP>` with its FIELDref/PARAMref/PARAM members and nested groups. */
export interface VOTableGroup {
  ID?: string;
  name?: string;
  ref?: string;
  ucd?: string;
  utype?: string;
  description?: string;
  fieldRefs: VOTableFieldRef[];
  paramRefs: VOTableFieldRef[];
  params: VOTableParam[];
  groups: VOTableGroup[];
}

/** An `<INFO>` element; `content` is its text (the server message for QUERY_STATUS). */
export interface VOTableInfo {
  name: string;
  value: string;
  ID?: string;
  unit?: string;
  ucd?: string;
  utype?: string;
  xtype?: string;
  ref?: string;
  content: string;
}

export interface VOTableCoosys {
  ID?: string;
  system?: string;
  equinox?: string;
  epoch?: string;
  refposition?: string;
}

export interface VOTableTimesys {
  ID?: string;
  timeorigin?: string;
  timescale?: string;
  refposition?: string;
}

/** The serialization a table's data was read from. */
export type VOTableEncoding = 'tabledata' | 'binary' | 'binary2' | 'none';

/** Metadata of a `<TABLE>` (shared by materialised tables and streamed batches). */
export interface VOTableTableMeta {
  ID?: string;
  name?: string;
  ucd?: string;
  utype?: string;
  ref?: string;
  /** The nrows attribute when given by the writer. */
  nrows?: number;
  description?: string;
  columns: VOTableField[];
  params: VOTableParam[];
  groups: VOTableGroup[];
  links: VOTableLink[];
  infos: VOTableInfo[];
  encoding: VOTableEncoding;
}

/** A `<RESOURCE>`, possibly nested. Tables appear here and, flattened, in document.tables. */
export interface VOTableResource<T = unknown> {
  ID?: string;
  name?: string;
  type?: string;
  utype?: string;
  description?: string;
  infos: VOTableInfo[];
  params: VOTableParam[];
  groups: VOTableGroup[];
  links: VOTableLink[];
  coosys: VOTableCoosys[];
  timesys: VOTableTimesys[];
  tables: T[];
  resources: VOTableResource<T>[];
}

/** Convenient values for DALI xtypes (returned when `xtypes: 'convert'`, the default). */
export interface VOTablePoint {
  type: 'point';
  lon: number;
  lat: number;
}
export interface VOTableCircle {
  type: 'circle';
  lon: number;
  lat: number;
  radius: number;
}
export interface VOTablePolygon {
  type: 'polygon';
  vertices: Array<[number, number]>;
}
export interface VOTableInterval {
  type: 'interval';
  lower: number;
  upper: number;
}
export type VOTableGeometry = VOTablePoint | VOTableCircle | VOTablePolygon | VOTableInterval;

export type VOTableComplex = [re: number, im: number];

export type VOTableNumericArray = Float64Array | Float32Array | Int32Array | Int16Array | Uint8Array | BigInt64Array;

/**
 * A cell value. `null` is the only null representation (VALUES null, empty TABLEDATA cells,
 * NaN floats, BINARY2 null flags, empty strings/arrays).
 */
export type VOTableValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | VOTableComplex
  | VOTableNumericArray
  /** An integer array with null elements (VALUES null applies per element). */
  | Array<number | null>
  | Array<bigint | null>
  | Array<boolean | null>
  | VOTableComplex[]
  | string[]
  | Date
  | VOTableGeometry;
