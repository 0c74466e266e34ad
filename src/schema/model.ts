/**
 * The metadata model: what a TAP service says about its tables and its ADQL dialect.
 * Plain JSON-compatible data, so it is also the schema-file and cache format (see file.ts).
 */

/** One column, as TAP_SCHEMA.columns or VOSI /tables describe it. */
export interface ColumnMeta {
  /** Column name without quotes. */
  name: string;
  /** The name must be written delimited (TAP_SCHEMA stored it quoted); case-sensitive then. */
  delimited?: boolean;
  /** VOTable datatype (TAP 1.1: char, unicodeChar, short, int, long, float, double, boolean...)
   *  or a TAP 1.0 ADQL type (VARCHAR, INTEGER, DOUBLE, POINT, REGION, TIMESTAMP...). */
  datatype?: string;
  /** VOTable arraysize: `*`, `19`, `10*`, `2x3`. */
  arraysize?: string;
  /** DALI xtype: timestamp, point, circle, polygon, moc, interval... */
  xtype?: string;
  unit?: string;
  ucd?: string;
  utype?: string;
  description?: string;
  indexed?: boolean;
  principal?: boolean;
  std?: boolean;
}

export type TableType = 'table' | 'view' | 'output' | 'upload';

export interface TableMeta {
  /** Name as TAP_SCHEMA.tables.table_name gives it: usually schema-qualified (`zcat.main`). */
  name: string;
  /** TAP_SCHEMA.tables.schema_name. */
  schema?: string;
  type?: TableType | string;
  description?: string;
  utype?: string;
  /** Absent when the columns have not been loaded yet (lazy loading for huge services). */
  columns?: ColumnMeta[];
}

export interface SchemaMeta {
  name: string;
  description?: string;
  utype?: string;
}

export interface ForeignKeyMeta {
  id: string;
  fromTable: string;
  targetTable: string;
  columns: { from: string; target: string }[];
  description?: string;
}

/** A parsed TAPRegExt UDF signature, e.g. `ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER`. */
export interface UdfSignature {
  name: string;
  params: { name: string; type: string }[];
  /** Declared return type (upper case), e.g. `INTEGER`, `POINT`, `DOUBLE PRECISION`, `INTEGER[]`. */
  returns: string;
  /** The form as the service wrote it. */
  form: string;
  description?: string;
}

export interface Limit {
  value: number;
  unit: 'row' | 'byte' | string;
}

/** The parts of a service's TAPRegExt capabilities the validator needs. */
export interface ServiceCapabilities {
  /** ADQL versions offered, e.g. ['2.0', '2.1']. */
  adqlVersions: string[];
  /**
   * Declared optional language features: feature type IVOID (lower case, e.g.
   * `ivo://ivoa.net/std/tapregext#features-adqlgeo`) to the declared forms (upper case, e.g. `CONTAINS`).
   * UDFs are in `udfs`, not here.
   */
  features: Record<string, string[]>;
  udfs: UdfSignature[];
  /** Upload method IVOIDs; empty when the service takes no uploads. */
  uploadMethods: string[];
  outputLimit?: { default?: Limit; hard?: Limit };
  uploadLimit?: { default?: Limit; hard?: Limit };
  outputFormats?: string[];
}

/** Everything known about one service: the content of a schema file. */
export interface SchemaDocument {
  /** TAP base URL the metadata came from, when it came from a service. */
  service?: string;
  /** ISO time the metadata was fetched. */
  fetchedAt?: string;
  /** Where the table/column metadata came from. */
  source?: 'tap_schema' | 'vosi' | 'file';
  schemas: SchemaMeta[];
  tables: TableMeta[];
  foreignKeys: ForeignKeyMeta[];
  capabilities?: ServiceCapabilities;
  /** Tables the user will send with TAP_UPLOAD, by the name used after `TAP_UPLOAD.`. */
  uploads?: TableMeta[];
}

// The feature type IVOIDs are ADQL language facts, defined in adql/language/features.ts.
export { FEATURE_TYPES } from '../adql/index.js';
