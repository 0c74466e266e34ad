/** What the translator needs to know about the tables a query may name. */

export type GeometryXtype = 'point' | 'circle' | 'polygon';

export interface ColumnInfo {
  /** Column name as stored (case kept). */
  name: string;
  /** VOTable datatype (double, int, char, ...) when known. */
  datatype?: string;
  arraysize?: string;
  xtype?: string;
  unit?: string;
  ucd?: string;
  utype?: string;
  description?: string;
  /** TAP_SCHEMA "principal", "indexed", "std" flags. */
  principal?: boolean;
  indexed?: boolean;
}

export interface TableInfo {
  /** ADQL schema name, e.g. `zcat`; absent for unqualified tables. */
  schema?: string;
  /** ADQL table name, e.g. `main`. */
  name: string;
  /** The engine's SQL reference for the table, already quoted. */
  sql: string;
  columns: ColumnInfo[];
  description?: string;
}

/** Looks tables up by their ADQL name (regular identifiers match case-insensitively). */
export interface Catalog {
  findTable(schema: string | undefined, table: string, delimited: { schema: boolean; table: boolean }): TableInfo | undefined;
}

/** The geometry kind of a column, from its VOTable xtype (DALI point/circle/polygon). */
export function geometryOf(column: ColumnInfo | undefined): GeometryXtype | undefined {
  const x = column?.xtype?.toLowerCase();
  return x === 'point' || x === 'circle' || x === 'polygon' ? x : undefined;
}
