/**
 * HATS catalogues as engine tables. A HATS table is never copied into DuckDB: each query reads it
 * through `read_parquet` over just the partitions its sky constraints may touch (see
 * src/hats/regions.ts), with a `_healpix_29` range filter in front so DuckDB skips row groups.
 */
import type * as A from '../adql/index.js';
import { join } from 'node:path';
import {
  HatsError,
  fetchPartitionFile,
  type Constraint,
  type HatsCatalog,
  type HatsResolver,
  constraintsByTable,
  healpixRanges,
  selectPartitions,
} from '../hats/index.js';
import type { ColumnMetadata } from './types.js';

export interface HatsTable {
  catalog: HatsCatalog;
  /** Whether the files carry the order-29 pixel column (HATS's `_healpix_29`). */
  hasHealpixColumn: boolean;
  /** Column names and DuckDB types, in file order. */
  columns: Array<{ name: string; sqlType: string }>;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A DuckDB reader over Parquet files of one catalogue (HATS partitions share a schema, by name). */
export function parquetReader(files: string[]): string {
  return `read_parquet([${files.map(sqlString).join(', ')}], hive_partitioning = false, union_by_name = true)`;
}

/** What a query reads for a HATS table under a sky constraint (undefined: the whole catalogue). */
export function hatsSql(table: HatsTable, constraint: Constraint): string {
  const { catalog } = table;
  if (catalog.partitions.length === 0) return `(SELECT * FROM ${parquetReader(rowFiles(catalog))})`;
  const chosen = selectPartitions(catalog.partitions, constraint);
  if (chosen.length === 0) return `(SELECT * FROM ${parquetReader(catalog.partitions[0]!.files)} WHERE false)`;
  const ranges = table.hasHealpixColumn && constraint ? healpixRanges(constraint, catalog.properties.healpixOrder) : undefined;
  const column = quote(catalog.properties.healpixColumn);
  const where = ranges ? ` WHERE ${ranges.map(([a, b]) => `${column} BETWEEN ${a} AND ${b - 1n}`).join(' OR ')}` : '';
  return `(SELECT * FROM ${parquetReader(chosen.flatMap((p) => p.files))}${where})`;
}

/**
 * Files that give the catalogue's columns: the dataset's `_common_metadata` (the schema every
 * partition shares, as the HATS Note requires) when there is one, so opening a catalogue of thousands
 * of partitions reads one footer, not all of theirs; else its data files.
 */
export function schemaFiles(catalog: HatsCatalog): string[] {
  if (catalog.schemaFile) return [catalog.schemaFile];
  if (catalog.files.length > 0) return catalog.files;
  throw new HatsError(`${catalog.location}: no data files and no dataset/_common_metadata, so its columns are unknown`);
}

/** Files that hold the catalogue's rows: its data files, or for one without rows (an empty margin) its schema. */
export function rowFiles(catalog: HatsCatalog): string[] {
  return catalog.files.length > 0 ? catalog.files : schemaFiles(catalog);
}

/** The per-query SQL of each HATS table the query names, keyed like the engine's table map. */
export function hatsSqlFor(ast: A.QueryExpression, tables: Map<string, HatsTable>, resolve: HatsResolver): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, constraint] of constraintsByTable(ast, resolve)) {
    const table = tables.get(key);
    if (table) out.set(key, hatsSql(table, constraint));
  }
  return out;
}

/** Column metadata HATS implies: the position columns and the pixel column. */
export function hatsColumnMetadata(catalog: HatsCatalog): Record<string, ColumnMetadata> {
  const p = catalog.properties;
  const out: Record<string, ColumnMetadata> = {};
  if (p.raColumn)
    out[p.raColumn] = { unit: 'deg', ucd: 'pos.eq.ra;meta.main', description: 'Right ascension (ICRS), the HATS partitioning longitude' };
  if (p.decColumn)
    out[p.decColumn] = { unit: 'deg', ucd: 'pos.eq.dec;meta.main', description: 'Declination (ICRS), the HATS partitioning latitude' };
  out[p.healpixColumn] = {
    ucd: 'pos.healpix',
    description: `HEALPix NESTED pixel of the position at order ${p.healpixOrder} (HATS spatial index)`,
  };
  return out;
}

/** A description of the catalogue for TAP_SCHEMA. */
export function hatsDescription(catalog: HatsCatalog): string {
  const p = catalog.properties;
  const rows = p.rows !== undefined ? `, ${p.rows} rows` : '';
  const own = p.description ? `${p.description} ` : '';
  return `${own}(HATS ${p.productType} catalogue ${p.name || catalog.location}${rows}, ${catalog.partitions.length} partitions)`;
}

/**
 * Fetches into `dir` the files a query may need from a remote (HTTP) HATS table: of the chosen
 * partitions, those with a row group whose pixel statistics overlap the constraint (read from the
 * footer by range requests), with only the `columns` named (lower case; all when undefined);
 * returns the SQL reading them.
 */
export async function stageRemote(table: HatsTable, constraint: Constraint, dir: string, columns?: Set<string>): Promise<string> {
  const { catalog } = table;
  const chosen = catalog.partitions.length ? selectPartitions(catalog.partitions, constraint) : [];
  const ranges = table.hasHealpixColumn && constraint ? healpixRanges(constraint, catalog.properties.healpixOrder) : undefined;
  const urls = catalog.partitions.length ? chosen.flatMap((p) => p.files) : catalog.files;
  const wanted = columns && table.columns.filter((c) => columns.has(c.name.toLowerCase())).map((c) => c.name);
  const local: string[] = [];
  for (const url of urls) {
    const dest = join(dir, `part-${local.length}-${Math.random().toString(36).slice(2)}.parquet`);
    if ((await fetchPartitionFile(url, dest, catalog.properties.healpixColumn, ranges, wanted)).fetched) local.push(dest);
  }
  return local.length ? `(SELECT * FROM ${parquetReader(local)})` : emptyOf(table);
}

/** A relation with the table's columns and no rows. */
function emptyOf(table: HatsTable): string {
  const cols = table.columns.map((c) => `CAST(NULL AS ${c.sqlType}) AS ${quote(c.name)}`).join(', ');
  return `(SELECT ${cols} WHERE false)`;
}
