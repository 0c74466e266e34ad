import type { ColumnInfo } from './translate/catalog.js';

/** Column metadata a user can attach to a loaded table (kept for TAP_SCHEMA and result FIELDs). */
export type ColumnMetadata = Partial<Omit<ColumnInfo, 'name'>>;

/** Where a table's rows come from. Give exactly one of `file` or `rows`. */
export interface TableSource {
  /** ADQL name: `schema.table` or `table`. */
  name: string;
  /** A CSV/TSV (optionally .gz), Parquet, JSON (array or newline-delimited) or VOTable file. */
  file?: string;
  /** Defaults to the file extension. */
  format?: TableFormat;
  /** Inline rows (objects keyed by column name). */
  rows?: Record<string, unknown>[];
  description?: string;
  /**
   * Column metadata by column name. When absent and `file` has a sidecar `<file>.meta.json`
   * (`{ "description": ..., "columns": { "ra": { "unit": "deg", ... } } }`), that is used.
   * VOTable files carry their own metadata.
   */
  columns?: Record<string, ColumnMetadata>;
  /** Explicit SQL column types for CSV/JSON (DuckDB type names), overriding detection. */
  types?: Record<string, string>;
}

export type TableFormat = 'csv' | 'tsv' | 'parquet' | 'json' | 'votable';

/** A column of a query result, with the metadata of the table column it comes from when known. */
export interface ResultColumn extends ColumnInfo {
  /** VOTable datatype. */
  datatype: string;
  /** The engine's SQL type, e.g. DOUBLE, VARCHAR, DOUBLE[]. */
  sqlType: string;
}

/** Row values: number, bigint (BIGINT), string, boolean, Date (TIMESTAMP), number[] (geometry), or null. */
export type ResultValue = number | bigint | string | boolean | Date | number[] | null;

export interface QueryResult {
  columns: ResultColumn[];
  rows: ResultValue[][];
  /** True when more rows exist than MAXREC allowed (the result was truncated to MAXREC). */
  overflow: boolean;
  /** The SQL that ran, for debugging. */
  sql: string;
  /** How the query ran where the caller should know (a HATS cross-match: partition by partition, margins used or not). */
  notes?: string[];
}
