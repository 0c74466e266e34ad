/**
 * Loading tables into DuckDB: CSV/TSV and Parquet and JSON through DuckDB's own readers, VOTable and
 * inline rows through a typed newline-delimited JSON staging file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { readVOTableHeader, VOPARQUET_CONTENT_KEY } from '../votable/index.js';
import type { ColumnInfo } from './translate/catalog.js';
import { EngineError } from './errors.js';
import { sqlTypeOf } from './sql-types.js';
import type { ColumnMetadata, TableFormat, TableSource } from './types.js';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function formatOf(source: TableSource): TableFormat {
  if (source.format) return source.format;
  if (!source.file) return 'json';
  const name = source.file.toLowerCase().replace(/\.gz$/, '');
  const ext = extname(name);
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return 'json';
  if (ext === '.vot' || ext === '.xml' || ext === '.votable') return 'votable';
  throw new EngineError(`cannot tell the format of ${source.file}: give format (csv, tsv, parquet, json, votable)`);
}

/** Sidecar metadata `<file>.meta.json`, when present. */
export interface Sidecar {
  description?: string;
  columns?: Record<string, ColumnMetadata>;
  types?: Record<string, string>;
}

export function sidecarMetadata(file: string): Sidecar | undefined {
  const path = `${file}.meta.json`;
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Sidecar;
  } catch (err) {
    throw new EngineError(`cannot read table metadata ${path}: ${(err as Error).message}`);
  }
}

/**
 * The column metadata of a VOParquet file (its IVOA.VOTable-Parquet.content header): units, UCDs,
 * descriptions, xtypes and the table description, by column name; undefined for plain Parquet.
 */
export async function voparquetSidecar(conn: DuckDBConnection, file: string): Promise<Sidecar | undefined> {
  const reader = await conn.runAndReadAll(
    `SELECT decode(value) FROM parquet_kv_metadata(${literal(file)}) WHERE decode(key) = ${literal(VOPARQUET_CONTENT_KEY)}`,
  );
  const xml = reader.getRows()[0]?.[0];
  if (typeof xml !== 'string') return undefined;
  const { table } = readVOTableHeader(xml);
  const columns: Record<string, ColumnMetadata> = {};
  for (const f of table.meta.columns) {
    // The datatype follows DuckDB's column type (Parquet wins, as the Note says); the rest is the header's.
    const meta: ColumnMetadata = {};
    for (const k of ['arraysize', 'xtype', 'unit', 'ucd', 'utype', 'description'] as const) if (f[k] !== undefined) meta[k] = f[k];
    columns[f.name] = meta;
  }
  return { columns, ...(table.meta.description !== undefined ? { description: table.meta.description } : {}) };
}

/** Rows with FIELD metadata, as read from a VOTable or built in memory. */
export interface StagedTable {
  columns: ColumnInfo[];
  rows: unknown[][];
}

/** A DuckDB SELECT that reads the source file (for CSV, TSV, Parquet, JSON). */
export function readerSql(source: TableSource & { file: string }, format: TableFormat): string {
  const types = source.types
    ? `, types = {${Object.entries(source.types)
        .map(([k, v]) => `${literal(k)}: ${literal(v)}`)
        .join(', ')}}`
    : '';
  switch (format) {
    case 'csv':
      return `SELECT * FROM read_csv(${literal(source.file)}, header = true, auto_detect = true${types})`;
    case 'tsv':
      return `SELECT * FROM read_csv(${literal(source.file)}, header = true, delim = '\t', auto_detect = true${types})`;
    case 'parquet':
      return `SELECT * FROM read_parquet(${literal(source.file)})`;
    case 'json':
      return `SELECT * FROM read_json_auto(${literal(source.file)})`;
    default:
      throw new EngineError(`format ${format} is not read by DuckDB directly`);
  }
}

/** Creates `target` from staged rows via a typed newline-delimited JSON file. */
export async function createFromRows(conn: DuckDBConnection, target: string, staged: StagedTable): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'adqlkit-load-'));
  try {
    const file = join(dir, 'rows.ndjson');
    const names = staged.columns.map((c) => c.name);
    const lines = staged.rows.map((row) => {
      const obj: Record<string, unknown> = {};
      names.forEach((n, i) => (obj[n] = jsonSafe(row[i])));
      return JSON.stringify(obj);
    });
    writeFileSync(file, lines.join('\n') + '\n');
    const spec = staged.columns
      .map((c) => `${literal(c.name)}: ${literal(sqlTypeOf(c.datatype ?? 'char', c.arraysize, c.xtype))}`)
      .join(', ');
    const cols = names.map(quote).join(', ');
    if (staged.rows.length === 0) {
      const defs = staged.columns.map((c) => `${quote(c.name)} ${sqlTypeOf(c.datatype ?? 'char', c.arraysize, c.xtype)}`);
      await conn.run(`CREATE TABLE ${target} (${defs.join(', ')})`);
      return;
    }
    await conn.run(
      `CREATE TABLE ${target} AS SELECT ${cols} FROM read_json(${literal(file)}, format = 'newline_delimited', columns = {${spec}})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  if (v instanceof Date) return v.toISOString().replace('Z', '');
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  return v ?? null;
}

/** Infers VOTable-ish column metadata for inline JSON rows. */
export function stageObjects(rows: Record<string, unknown>[]): StagedTable {
  const names: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  const columns: ColumnInfo[] = names.map((name) => {
    const sample = rows.map((r) => r[name]).find((v) => v !== null && v !== undefined);
    let datatype = 'char';
    let arraysize: string | undefined = '*';
    if (typeof sample === 'number') {
      datatype = rows.every((r) => r[name] == null || Number.isInteger(r[name])) ? 'long' : 'double';
      arraysize = undefined;
    } else if (typeof sample === 'boolean') {
      datatype = 'boolean';
      arraysize = undefined;
    } else if (typeof sample === 'bigint') {
      datatype = 'long';
      arraysize = undefined;
    } else if (Array.isArray(sample)) datatype = 'double';
    const c: ColumnInfo = { name, datatype };
    if (arraysize) c.arraysize = arraysize;
    return c;
  });
  return { columns, rows: rows.map((r) => names.map((n) => r[n] ?? null)) };
}

/** A VOTable's first table as staged rows with its FIELD metadata. */
export async function stageVOTable(bytes: Uint8Array, what: string): Promise<StagedTable & { description?: string }> {
  // Loaded on first use: engines that never read VOTables do not load the VOTable module.
  const { readVOTable } = await import('../votable/index.js');
  let doc;
  try {
    doc = await readVOTable(bytes, { xtypes: 'raw' });
  } catch (err) {
    throw new EngineError(`${what} is not a readable VOTable: ${(err as Error).message}`);
  }
  const table = doc.tables[0];
  if (!table) throw new EngineError(`${what}: the VOTable has no TABLE`);
  const staged: StagedTable & { description?: string } = {
    columns: table.columns.map((f) => {
      const c: ColumnInfo = { name: f.name, datatype: f.datatype };
      for (const k of ['arraysize', 'xtype', 'unit', 'ucd', 'utype', 'description'] as const) {
        if (f[k] !== undefined) c[k] = f[k];
      }
      return c;
    }),
    rows: table.rowArrays() as unknown[][],
  };
  if (table.description) staged.description = table.description;
  return staged;
}
