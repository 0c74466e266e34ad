/**
 * The embedded local engine: DuckDB tables with VO column metadata, queried in ADQL.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type * as A from '../adql/index.js';
import { identifierMatches, parse, walk } from '../adql/index.js';
import type { Catalog, ColumnInfo, TableInfo } from './translate/catalog.js';
import { TranslateError, translate } from './translate/index.js';
import { EngineError, LocalQueryError } from './errors.js';
import {
  type StagedTable,
  createFromRows,
  formatOf,
  readerSql,
  sidecarMetadata,
  stageObjects,
  stageVOTable,
  voparquetSidecar,
} from './loaders.js';
import { voTypeOf } from './sql-types.js';
import {
  type HatsTable,
  hatsColumnMetadata,
  hatsDescription,
  hatsSqlFor,
  parquetReader,
  rowFiles,
  schemaFiles,
  stageRemote,
} from './hats-tables.js';
import { type HatsCatalog, type HatsResolver, columnsUsed, constraintsByTable, fetchBytes, openHats } from '../hats/index.js';
import { findHatsCrossmatch } from './hats-join.js';
import { type HatsCrossmatchProgress, type HatsJoinSource, runAlignedCrossmatch } from './hats-join-run.js';
import { type ForeignKey, TAP_SCHEMA, TAP_SCHEMA_KEYS, TAP_SCHEMA_TABLES, adqlName, tapSchemaRows } from './tap-schema.js';
import type { ColumnMetadata, QueryResult, ResultColumn, ResultValue, TableSource } from './types.js';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export interface LocalEngineOptions {
  tables?: TableSource[];
  /** Foreign keys to publish in TAP_SCHEMA.keys. */
  foreignKeys?: ForeignKey[];
  /** HATS catalogues (directory or http(s) URL), read partition by partition at query time. */
  hats?: Array<{ name: string; location: string }>;
}

export interface QueryOptions {
  /** Return at most this many rows; `overflow` tells whether more existed. */
  maxrec?: number;
  /** Per-query tables reachable as TAP_UPLOAD.<name>. */
  uploads?: Record<string, StagedTable>;
  /** Called as a cross-match of two HATS tables runs partition by partition. */
  onProgress?: (event: HatsCrossmatchProgress) => void;
}

let uploadCounter = 0;
let crossmatchCounter = 0;

export class LocalEngine {
  private readonly tables = new Map<string, TableInfo>();
  private readonly uploadSchemas = new Map<string, Map<string, TableInfo>>();
  private readonly hats = new Map<string, HatsTable>();
  /** Where remote HATS schemas are copied (created on first use). */
  private scratch: string | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly admin: DuckDBConnection,
    private readonly options: LocalEngineOptions,
  ) {}

  static async create(options: LocalEngineOptions = {}): Promise<LocalEngine> {
    // DuckDB (about 180 modules and a native library) loads on first use, not with `import 'adqlkit'`.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const admin = await instance.connect();
    const engine = new LocalEngine(instance, admin, options);
    for (const t of options.tables ?? []) await engine.load(t, false);
    for (const h of options.hats ?? []) await engine.loadHats(h.name, h.location, false);
    await engine.refreshTapSchema();
    return engine;
  }

  /** The ADQL-visible tables (including TAP_SCHEMA). */
  listTables(): TableInfo[] {
    return [...this.tables.values()];
  }

  /** Loads (or replaces) a table. */
  async load(source: TableSource, refresh = true): Promise<TableInfo> {
    const [schema, name] = splitName(source.name);
    if (schema?.toUpperCase() === 'TAP_SCHEMA' || schema?.toUpperCase() === 'TAP_UPLOAD') {
      throw new EngineError(`schema ${schema} is reserved`);
    }
    const target = schema ? `${quote(schema)}.${quote(name)}` : quote(name);
    if (schema) await this.admin.run(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
    await this.admin.run(`DROP TABLE IF EXISTS ${target}`);
    let description = source.description;
    let metadata = source.columns;
    let staged: (StagedTable & { description?: string }) | undefined;
    try {
      if (source.rows) {
        staged = stageObjects(source.rows);
      } else if (source.file) {
        const format = formatOf(source);
        const sidecar = sidecarMetadata(source.file);
        description ??= sidecar?.description;
        metadata ??= sidecar?.columns;
        if (format === 'votable') {
          staged = await stageVOTable(readFileSync(source.file), source.file);
          description ??= staged.description;
        } else {
          const types = source.types ?? sidecar?.types;
          await this.admin.run(
            `CREATE TABLE ${target} AS ${readerSql({ ...source, file: source.file, ...(types ? { types } : {}) }, format)}`,
          );
          if (format === 'parquet') {
            // A VOParquet file describes its columns itself (a sidecar or the caller's metadata wins).
            const inFile = await voparquetSidecar(this.admin, source.file);
            description ??= inFile?.description;
            metadata ??= inFile?.columns;
          }
        }
      } else {
        throw new EngineError(`table ${source.name}: give a file or rows`);
      }
      if (staged) await createFromRows(this.admin, target, staged);
    } catch (err) {
      if (err instanceof EngineError) throw err;
      throw new EngineError(`cannot load table ${source.name} from ${source.file ?? 'rows'}: ${firstLine(err)}`);
    }
    const described = await this.describe(target);
    const columns = described.map(({ name, sqlType }) => {
      const fromFile = staged?.columns.find((c) => c.name === name);
      const meta = { ...(fromFile ?? {}), ...(metadata?.[name] ?? {}) };
      const vo = voTypeOf(sqlType, meta.xtype);
      const info: ColumnInfo = { ...vo, ...meta, name };
      if (vo.arraysize && !meta.arraysize) info.arraysize = vo.arraysize;
      return info;
    });
    const info: TableInfo = { name, sql: target, columns };
    if (schema) info.schema = schema;
    if (description) info.description = description;
    this.tables.set(adqlName(info).toLowerCase(), info);
    this.hats.delete(adqlName(info).toLowerCase());
    if (refresh) await this.refreshTapSchema();
    return info;
  }

  /**
   * Registers a HATS catalogue (a directory or an http(s) URL) as a table. Nothing is copied: each
   * query reads only the partitions its CONTAINS/DISTANCE constraints may touch.
   */
  async loadHats(name: string, location: string, refresh = true): Promise<TableInfo> {
    const [schema, table] = splitName(name);
    if (schema?.toUpperCase() === 'TAP_SCHEMA' || schema?.toUpperCase() === 'TAP_UPLOAD')
      throw new EngineError(`schema ${schema} is reserved`);
    let catalog;
    try {
      catalog = await openHats(location);
    } catch (err) {
      throw new EngineError(`cannot open HATS catalogue ${name} at ${location}: ${firstLine(err)}`);
    }
    let described;
    let reader;
    try {
      const columnsFrom = parquetReader(catalog.remote ? [await this.remoteSchemaCopy(catalog)] : schemaFiles(catalog));
      described = await this.describe(`(SELECT * FROM ${columnsFrom})`);
      // Queries read the partitions they need (hatsSqlFor); this is what the table is without a query's constraints.
      reader = catalog.remote ? columnsFrom : parquetReader(rowFiles(catalog));
    } catch (err) {
      throw new EngineError(`cannot read the Parquet files of HATS catalogue ${name} at ${location}: ${firstLine(err)}`);
    }
    const metadata = hatsColumnMetadata(catalog);
    const info: TableInfo = {
      name: table,
      sql: `(SELECT * FROM ${reader})`,
      columns: described.map(({ name: col, sqlType }) => ({ ...voTypeOf(sqlType), ...(metadata[col] ?? {}), name: col })),
      description: hatsDescription(catalog),
    };
    if (schema) info.schema = schema;
    const key = adqlName(info).toLowerCase();
    this.tables.set(key, info);
    this.hats.set(key, {
      catalog,
      hasHealpixColumn: described.some((c) => c.name === catalog.properties.healpixColumn),
      columns: described,
    });
    if (refresh) await this.refreshTapSchema();
    return info;
  }

  /** A local copy of a remote catalogue's `_common_metadata` (its schema, no rows), removed on close. */
  private async remoteSchemaCopy(catalog: HatsCatalog): Promise<string> {
    if (!catalog.schemaFile)
      throw new EngineError(`${catalog.location}: a remote HATS catalogue needs dataset/_common_metadata for its columns`);
    this.scratch ??= mkdtempSync(join(tmpdir(), 'adqlkit-hats-schema-'));
    const file = join(this.scratch, `${this.hats.size}-${Date.now()}.parquet`);
    writeFileSync(file, await fetchBytes(catalog.schemaFile));
    return file;
  }

  /**
   * Creates (or replaces) a table from a DuckDB SELECT, e.g. generated or computed data. The SQL is
   * the engine's own dialect, not ADQL.
   */
  async loadSql(name: string, select: string, columns?: Record<string, ColumnMetadata>, description?: string): Promise<TableInfo> {
    const [schema, table] = splitName(name);
    const target = schema ? `${quote(schema)}.${quote(table)}` : quote(table);
    if (schema) await this.admin.run(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
    try {
      await this.admin.run(`CREATE OR REPLACE TABLE ${target} AS ${select}`);
    } catch (err) {
      throw new EngineError(`cannot create table ${name}: ${firstLine(err)}`);
    }
    const info: TableInfo = { name: table, sql: target, columns: [] };
    if (schema) info.schema = schema;
    if (description) info.description = description;
    info.columns = (await this.describe(target)).map(({ name: col, sqlType }) => {
      const meta = columns?.[col] ?? {};
      return { ...voTypeOf(sqlType, meta.xtype), ...meta, name: col };
    });
    this.tables.set(adqlName(info).toLowerCase(), info);
    this.hats.delete(adqlName(info).toLowerCase());
    await this.refreshTapSchema();
    return info;
  }

  private async describe(target: string): Promise<{ name: string; sqlType: string }[]> {
    const r = await this.admin.runAndReadAll(`DESCRIBE ${target}`);
    return r.getRowObjectsJS().map((row) => ({ name: String(row.column_name), sqlType: String(row.column_type) }));
  }

  private async refreshTapSchema(): Promise<void> {
    await this.admin.run('CREATE SCHEMA IF NOT EXISTS tap_schema');
    const own: TableInfo[] = Object.entries(TAP_SCHEMA_TABLES).map(([name, t]) => ({
      schema: TAP_SCHEMA,
      name,
      sql: `tap_schema.${quote(name)}`,
      columns: t.columns,
      description: t.description,
    }));
    const user = [...this.tables.values()].filter((t) => t.schema !== TAP_SCHEMA);
    const rows = tapSchemaRows([...own, ...user], this.foreignKeys());
    for (const t of own) {
      await this.admin.run(`DROP TABLE IF EXISTS ${t.sql}`);
      await createFromRows(this.admin, t.sql, rows[t.name]!);
      this.tables.set(adqlName(t).toLowerCase(), t);
    }
  }

  /** Every foreign key published in TAP_SCHEMA.keys (TAP_SCHEMA's own first). */
  foreignKeys(): ForeignKey[] {
    return [...TAP_SCHEMA_KEYS, ...(this.options.foreignKeys ?? [])];
  }

  private catalog(uploads?: Map<string, TableInfo>, hatsSql?: Map<string, string>, overrides?: Map<A.TableRef, TableInfo>): Catalog {
    return {
      findTable: (schema, table, delimited, ref) => {
        const own = ref && overrides?.get(ref);
        if (own) return own;
        if (schema?.toUpperCase() === 'TAP_UPLOAD') {
          const t = uploads?.get(table.toLowerCase());
          return t && (!delimited.table || t.name === table) ? t : undefined;
        }
        const key = (schema ? `${schema}.${table}` : table).toLowerCase();
        const t = this.tables.get(key);
        if (!t) return undefined;
        // The map finds the name case-insensitively; a delimited name must also match by ADQL's rule.
        if (!identifierMatches({ name: table, delimited: delimited.table }, { name: t.name, delimited: false })) return undefined;
        if (
          schema !== undefined &&
          t.schema !== undefined &&
          !identifierMatches({ name: schema, delimited: delimited.schema }, { name: t.schema, delimited: false })
        )
          return undefined;
        const pruned = hatsSql?.get(key);
        return pruned ? { ...t, sql: pruned } : t;
      },
    };
  }

  /** Parses ADQL text and reports syntax errors with their positions. */
  parse(adql: string): A.QueryExpression {
    const { ast, errors } = parse(adql);
    const first = errors[0];
    if (first) throw new LocalQueryError(first.message, first.range);
    if (!ast) throw new LocalQueryError('empty query');
    return ast as A.QueryExpression;
  }

  /** Translates ADQL to the engine's SQL without running it (for inspection). */
  translate(adql: string | A.QueryExpression, rowLimit?: number): string {
    const ast = typeof adql === 'string' ? this.parse(adql) : adql;
    return this.translateAst(ast, undefined, rowLimit).sql;
  }

  private translateAst(
    ast: A.QueryExpression,
    uploads: Map<string, TableInfo> | undefined,
    rowLimit?: number,
    staged?: Map<string, string>,
    overrides?: Map<A.TableRef, TableInfo>,
  ) {
    const hatsSql = this.hatsSql(ast, uploads);
    for (const [key, sql] of staged ?? []) hatsSql?.set(key, sql);
    try {
      return translate(ast, { catalog: this.catalog(uploads, hatsSql, overrides), ...(rowLimit !== undefined ? { rowLimit } : {}) });
    } catch (err) {
      if (err instanceof TranslateError) throw new LocalQueryError(err.message.replace(/ \(line \d+, column \d+\)$/, ''), err.range);
      throw err;
    }
  }

  /** For each HATS table the query names, the SQL reading only the partitions it may need. */
  private hatsSql(ast: A.QueryExpression, uploads: Map<string, TableInfo> | undefined): Map<string, string> | undefined {
    if (this.hats.size === 0) return undefined;
    return hatsSqlFor(ast, this.hats, this.hatsResolver(uploads));
  }

  private hatsResolver(uploads: Map<string, TableInfo> | undefined): HatsResolver {
    const catalog = this.catalog(uploads);
    return (name) => {
      const info = catalog.findTable(name.schema?.name, name.table.name, {
        schema: name.schema?.delimited ?? false,
        table: name.table.delimited,
      });
      const key = info ? adqlName(info).toLowerCase() : undefined;
      const hats = key ? this.hats.get(key) : undefined;
      return hats && key ? { key, ra: hats.catalog.properties.raColumn, dec: hats.catalog.properties.decColumn } : undefined;
    };
  }

  private hasRemoteHats(): boolean {
    return [...this.hats.values()].some((t) => t.catalog.remote);
  }

  /** Fetches into `dir` what the query needs of each remote HATS table it names; their SQL by key. */
  private async stageRemoteHats(
    ast: A.QueryExpression,
    dir: () => string,
    uploads: Map<string, TableInfo> | undefined,
    unitByUnit: ReadonlySet<string> = new Set(),
  ): Promise<Map<string, string> | undefined> {
    if (!this.hasRemoteHats()) return undefined;
    const out = new Map<string, string>();
    const columns = columnsUsed(ast);
    for (const [key, constraint] of constraintsByTable(ast, this.hatsResolver(uploads))) {
      const table = this.hats.get(key);
      if (!table?.catalog.remote) continue;
      if (unitByUnit.has(key)) {
        out.set(key, this.tables.get(key)!.sql); // its columns without rows: enough to check the query
        continue;
      }
      try {
        out.set(key, await stageRemote(table, constraint, dir(), columns));
      } catch (err) {
        throw new LocalQueryError(`cannot read HATS table ${key} from ${table.catalog.location}: ${firstLine(err)}`);
      }
    }
    return out;
  }

  /** The remote HATS tables of a cross-match the query holds that can run partition by partition. */
  private alignableRemoteSides(ast: A.QueryExpression, uploads: Map<string, TableInfo> | undefined): Set<string> {
    const form = this.hasRemoteHats() ? findHatsCrossmatch(ast, this.hatsResolver(uploads)) : undefined;
    const sides = form?.sides.map((side) => ({ key: side.key, catalog: this.hats.get(side.key)!.catalog })) ?? [];
    if (sides.some((s) => s.catalog.partitions.length === 0)) return new Set();
    return new Set(sides.filter((s) => s.catalog.remote).map((s) => s.key));
  }

  /**
   * A cross-match of two HATS tables the query holds (hats-join.ts), run partition by partition
   * into a temporary pairs table of `conn`: the rewritten query and what its two references read.
   */
  private async alignHatsCrossmatch(
    conn: DuckDBConnection,
    ast: A.QueryExpression,
    uploads: Map<string, TableInfo> | undefined,
    staged: Map<string, string> | undefined,
    onProgress: QueryOptions['onProgress'],
    scratch: () => string,
  ) {
    if (this.hats.size === 0) return undefined;
    const work = structuredClone(ast);
    const resolve = this.hatsResolver(uploads);
    const form = findHatsCrossmatch(work, resolve);
    if (!form) return undefined;
    const constraints = constraintsByTable(work, resolve);
    const sources = form.sides.map((side) => ({
      side,
      table: this.hats.get(side.key)!,
      info: this.tables.get(side.key)!,
      constraint: constraints.get(side.key),
    })) as [HatsJoinSource, HatsJoinSource];
    if (sources.some((s) => s.table.catalog.partitions.length === 0)) return undefined;
    // A query the translator or DuckDB's binder refuses (an unknown or ambiguous column) fails before any partition is read.
    const plain = this.translateAst(ast, uploads, undefined, staged).sql;
    try {
      (await conn.prepare(plain)).destroySync();
    } catch (err) {
      throw this.queryError(err, ast);
    }
    const translateUnit = (unit: A.QueryExpression, overrides: Map<A.TableRef, TableInfo>) =>
      this.translateAst(unit, uploads, undefined, undefined, overrides).sql;
    try {
      const aligned = await runAlignedCrossmatch(conn, work, form, sources, translateUnit, ++crossmatchCounter, onProgress, scratch);
      return { ast: work, ...aligned };
    } catch (err) {
      if (err instanceof LocalQueryError) throw err;
      throw new LocalQueryError(`cross-match of ${form.sides[0].key} with ${form.sides[1].key}: ${firstLine(err)}`);
    }
  }

  /** Runs an ADQL query. */
  async query(adql: string | A.QueryExpression, options: QueryOptions = {}): Promise<QueryResult> {
    const ast = typeof adql === 'string' ? this.parse(adql) : adql;
    const conn = await this.instance.connect();
    const uploadSchema = `tap_upload_${++uploadCounter}`;
    let uploads: Map<string, TableInfo> | undefined;
    let staged: Map<string, string> | undefined;
    let fetched: string | undefined;
    try {
      await conn.run("SET integer_division = true; SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
      if (options.uploads && Object.keys(options.uploads).length > 0) {
        uploads = new Map();
        await conn.run(`CREATE SCHEMA ${uploadSchema}`);
        for (const [name, staged] of Object.entries(options.uploads)) {
          const sql = `${uploadSchema}.${quote(name)}`;
          await createFromRows(conn, sql, staged);
          uploads.set(name.toLowerCase(), { schema: 'TAP_UPLOAD', name, sql, columns: staged.columns });
        }
      }
      const scratch = () => (fetched ??= mkdtempSync(join(tmpdir(), 'adqlkit-hats-')));
      // The remote sides of a partition-aligned cross-match are fetched a join unit at a time, not staged whole here.
      const unitByUnit = this.alignableRemoteSides(ast, uploads);
      staged = await this.stageRemoteHats(ast, scratch, uploads, unitByUnit);
      const aligned = await this.alignHatsCrossmatch(conn, ast, uploads, staged, options.onProgress, scratch);
      if (!aligned && unitByUnit.size > 0) staged = await this.stageRemoteHats(ast, scratch, uploads);
      const maxrec = options.maxrec;
      const t = this.translateAst(aligned?.ast ?? ast, uploads, maxrec !== undefined ? maxrec + 1 : undefined, staged, aligned?.overrides);
      let reader;
      try {
        reader = await conn.runAndReadAll(t.sql);
      } catch (err) {
        throw this.queryError(err, ast);
      }
      const names = reader.columnNames();
      const types = reader.columnTypes().map(String);
      const byName = new Map(t.columns.map((c) => [c.name, c]));
      const columns: ResultColumn[] = names.map((name, i) => {
        const out = byName.get(name);
        const source = out ? out.source : t.starColumns.find((c) => c.name === name);
        const xtype =
          out?.xtype ?? (source?.xtype === 'point' || source?.xtype === 'circle' || source?.xtype === 'polygon' ? source.xtype : undefined);
        const vo = voTypeOf(types[i]!, xtype);
        const col: ResultColumn = { ...(source ?? {}), ...vo, name, sqlType: types[i]! };
        if (!vo.arraysize) delete col.arraysize;
        if (!vo.xtype && col.xtype && !xtype) delete col.xtype;
        return col;
      });
      let rows = reader.getRowsJS() as ResultValue[][];
      columns.forEach((c, i) => {
        if (c.sqlType === 'FLOAT') for (const row of rows) if (typeof row[i] === 'number') row[i] = shortestFloat32(row[i]);
      });
      const overflow = maxrec !== undefined && rows.length > maxrec;
      if (overflow) rows = rows.slice(0, maxrec);
      return { columns, rows, overflow, sql: t.sql, ...(aligned?.notes.length ? { notes: aligned.notes } : {}) };
    } finally {
      if (fetched) rmSync(fetched, { recursive: true, force: true });
      if (uploads) await conn.run(`DROP SCHEMA IF EXISTS ${uploadSchema} CASCADE`).catch(() => undefined);
      conn.closeSync();
    }
  }

  /** A DuckDB error as a LocalQueryError, located at the ADQL identifier it names when possible. */
  private queryError(err: unknown, ast: A.QueryExpression): LocalQueryError {
    const text = firstLine(err);
    const m = /column "([^"]+)" not found/i.exec(text) ?? /name "?([^"\s]+)"? does not exist/i.exec(text);
    let range: A.SourceRange | undefined;
    if (m) {
      const wanted = m[1]!.toLowerCase();
      walk(ast, (node) => {
        if (!range && node.kind === 'ColumnRef' && node.column.name.toLowerCase() === wanted) range = node.range;
      });
    }
    const message = text.replace(/^(Binder|Catalog|Conversion|Invalid Input|Parser|Out of Range) Error: /, '');
    return new LocalQueryError(message, range);
  }

  async close(): Promise<void> {
    if (this.scratch) rmSync(this.scratch, { recursive: true, force: true });
    this.admin.closeSync();
    this.instance.closeSync();
  }
}

/** The shortest decimal that reads back as the same float32 (16.261, not 16.26099967956543). */
function shortestFloat32(v: number): number {
  for (let p = 6; p <= 9; p++) {
    const c = Number(v.toPrecision(p));
    if (Math.fround(c) === v) return c;
  }
  return v;
}

function splitName(name: string): [string | undefined, string] {
  const parts = name.split('.');
  if (parts.length === 1) return [undefined, parts[0]!];
  if (parts.length === 2) return [parts[0]!, parts[1]!];
  throw new EngineError(`table name ${name}: use table or schema.table`);
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}
