/** What the translator needs to know about the tables a query may name. */
import type * as A from '../../adql/index.js';
import type { ColumnMeta } from '../../schema/index.js';

export type GeometryXtype = 'point' | 'circle' | 'polygon';

/** A column as the translator sees it: the schema model's column metadata. */
export type ColumnInfo = ColumnMeta;

export interface TableInfo {
  /** ADQL schema name, e.g. `zcat`; absent for unqualified tables. */
  schema?: string;
  /** ADQL table name, e.g. `main`. */
  name: string;
  /** The engine's SQL reference for the table, already quoted. */
  sql: string;
  columns: ColumnInfo[];
  description?: string;
  /** Engine-internal columns of `sql` the query may not see (left out of `*`). */
  hidden?: string[];
}

/**
 * Looks tables up by their ADQL name (regular identifiers match case-insensitively); `ref` is the
 * FROM-clause reference being resolved, for catalogues that give one reference its own SQL.
 */
export interface Catalog {
  findTable(
    schema: string | undefined,
    table: string,
    delimited: { schema: boolean; table: boolean },
    ref?: A.TableRef,
  ): TableInfo | undefined;
}

/** The geometry kind of a column, from its VOTable xtype (DALI point/circle/polygon). */
export function geometryOf(column: ColumnInfo | undefined): GeometryXtype | undefined {
  const x = column?.xtype?.toLowerCase();
  return x === 'point' || x === 'circle' || x === 'polygon' ? x : undefined;
}
