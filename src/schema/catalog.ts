/**
 * ServiceSchema: the in-memory catalogue the validator queries. Indexes tables by their folded
 * last name part (O(1) lookups on services with tens of thousands of tables) and builds a column
 * index per table only when a query first touches that table.
 */
import type { ColumnMeta, SchemaDocument, ServiceCapabilities, TableMeta } from './model.js';
import { columnNamePart, foldName, identifierMatches, parseNamePart, parseQualifiedName, type NamePart } from '../adql/index.js';
import { RecentlyUsed } from './recent.js';

/** A table known to the catalogue, with its parsed name. */
export interface TableEntry {
  readonly meta: TableMeta;
  /** Schema part: from a qualified table_name, else from TAP_SCHEMA.tables.schema_name. */
  readonly schemaPart?: NamePart;
  readonly tablePart: NamePart;
  /** The stored table_name was schema-qualified (so queries must qualify it too). */
  readonly qualified: boolean;
  /** A declared TAP_UPLOAD table. */
  readonly upload: boolean;
}

export interface ColumnEntry {
  readonly meta: ColumnMeta;
  readonly part: NamePart;
}

export type TableLookup =
  | { status: 'found'; table: TableEntry }
  | { status: 'ambiguous'; candidates: TableEntry[] }
  /** Only schema-qualified tables of that name exist: the query must qualify it. */
  | { status: 'unqualified'; candidates: TableEntry[] }
  | { status: 'not-found' }
  /** `TAP_UPLOAD.x` where x was not declared. */
  | { status: 'undeclared-upload'; name: string };

/** Synchronous source of columns not in the document (a cache file decoded table by table). */
export type SyncColumnSource = (table: TableMeta) => ColumnMeta[] | undefined;
/** Asynchronous source of columns (TAP_SCHEMA queries), called with the tables still missing. */
export type AsyncColumnSource = (tables: TableMeta[]) => Promise<Map<string, ColumnMeta[]>>;

export interface ServiceSchemaOptions {
  syncColumns?: SyncColumnSource;
  fetchColumns?: AsyncColumnSource;
  /** How many tables' columns decoded from `syncColumns` stay in memory (default 16, least
   *  recently used dropped first), so a 10,000-table cache never sits fully decoded in the heap. */
  decodedTables?: number;
}

/**
 * Decoded tables kept by default. An editor or a batch of queries works on a few tables at a time,
 * and decoding a dropped table again costs ~50 µs (100 columns), while every table kept is copied
 * by the young-generation collector until it is old: with 16 instead of 64, parsing and validating
 * query after query on new tables went from a p99 of 1.6-2.1 ms to 1.2-1.7 ms (bench/validate).
 */
export const DEFAULT_DECODED_TABLES = 16;

/**
 * One table's columns with their name index, built once per column list. The index maps a folded
 * name to positions, not objects, and lookups build their entries as they go: a decoded table
 * stays in memory as little more than its column objects, so the young-generation collector has
 * little to copy while it is new (a 10,000-table service decodes tables all the time).
 */
export class TableColumns {
  private readonly index = new Map<string, number | number[]>();

  constructor(readonly list: readonly ColumnMeta[]) {
    for (let i = 0; i < list.length; i++) {
      const key = foldName(columnNamePart(list[i]!).name);
      const at = this.index.get(key);
      if (at === undefined) this.index.set(key, i);
      else if (typeof at === 'number') this.index.set(key, [at, i]);
      else at.push(i);
    }
  }

  /** Every column, in metadata order. */
  get entries(): ColumnEntry[] {
    return this.list.map(columnEntry);
  }

  /** Columns whose stored name the query identifier denotes. */
  find(part: NamePart): readonly ColumnEntry[] {
    const found = this.findIgnoringCase(part.name);
    if (found.length === 1) return identifierMatches(part, found[0]!.part) ? found : NONE;
    return found.filter((e) => identifierMatches(part, e.part));
  }

  /** Columns whose name equals `name` ignoring case (for case-mismatch messages). */
  findIgnoringCase(name: string): readonly ColumnEntry[] {
    const at = this.index.get(foldName(name));
    if (at === undefined) return NONE;
    if (typeof at === 'number') return [columnEntry(this.list[at]!)];
    return at.map((i) => columnEntry(this.list[i]!));
  }
}

function columnEntry(meta: ColumnMeta): ColumnEntry {
  return { meta, part: columnNamePart(meta) };
}

const NONE: readonly ColumnEntry[] = [];

const UPLOAD_SCHEMA = 'tap_upload';

export class ServiceSchema {
  readonly service: string | undefined;
  readonly fetchedAt: string | undefined;
  readonly source: SchemaDocument['source'];
  capabilities: ServiceCapabilities | undefined;
  private readonly document: SchemaDocument;
  private readonly byTableName = new Map<string, TableEntry[]>();
  private readonly uploads = new Map<string, TableEntry>();
  private readonly indexed = new WeakMap<readonly ColumnMeta[], TableColumns>();
  private readonly decoded: RecentlyUsed<TableMeta, TableColumns>;
  private readonly options: ServiceSchemaOptions;

  constructor(document: SchemaDocument, options: ServiceSchemaOptions = {}) {
    this.document = document;
    this.service = document.service;
    this.fetchedAt = document.fetchedAt;
    this.source = document.source;
    this.capabilities = document.capabilities;
    this.options = options;
    this.decoded = new RecentlyUsed(options.decodedTables ?? DEFAULT_DECODED_TABLES);
    for (const meta of document.tables) this.addTable(meta);
    for (const meta of document.uploads ?? []) this.addUpload(meta);
  }

  /** All tables (without uploads), in document order. */
  get tables(): readonly TableMeta[] {
    return this.document.tables;
  }

  get schemas(): SchemaDocument['schemas'] {
    return this.document.schemas;
  }

  get foreignKeys(): SchemaDocument['foreignKeys'] {
    return this.document.foreignKeys;
  }

  /** Declared TAP_UPLOAD tables. */
  get uploadTables(): readonly TableMeta[] {
    return [...this.uploads.values()].map((e) => e.meta);
  }

  /** Declares (or replaces) a table sent with TAP_UPLOAD, known in queries as `TAP_UPLOAD.name`. */
  declareUpload(name: string, columns: ColumnMeta[], description?: string): void {
    const meta: TableMeta = { name, type: 'upload', columns };
    if (description !== undefined) meta.description = description;
    this.addUpload(meta);
  }

  /** Looks up a table by the dotted name parts written in a query. */
  lookupTable(parts: readonly NamePart[]): TableLookup {
    const last = parts[parts.length - 1];
    if (last === undefined) return { status: 'not-found' };
    const qualifier = parts.length >= 2 ? parts[parts.length - 2] : undefined;
    if (qualifier !== undefined && foldName(qualifier.name) === UPLOAD_SCHEMA) {
      const upload = this.uploads.get(foldName(last.name));
      if (upload !== undefined && identifierMatches(last, upload.tablePart)) return { status: 'found', table: upload };
      return { status: 'undeclared-upload', name: last.name };
    }
    const named = (this.byTableName.get(foldName(last.name)) ?? []).filter((e) => identifierMatches(last, e.tablePart));
    let matches: TableEntry[];
    if (qualifier !== undefined) {
      matches = named.filter((e) => e.schemaPart !== undefined && identifierMatches(qualifier, e.schemaPart));
    } else {
      matches = named.filter((e) => !e.qualified);
      if (matches.length === 0 && named.length > 0) return { status: 'unqualified', candidates: named };
    }
    if (matches.length === 1) return { status: 'found', table: matches[0]! };
    if (matches.length > 1) return { status: 'ambiguous', candidates: matches };
    return { status: 'not-found' };
  }

  /** Every table entry (for suggestions). */
  *entries(): IterableIterator<TableEntry> {
    for (const list of this.byTableName.values()) yield* list;
  }

  /** Declared uploads. */
  *uploadEntries(): IterableIterator<TableEntry> {
    yield* this.uploads.values();
  }

  /** A table's columns, or undefined when they have not been loaded (see `loadColumns`). */
  columns(table: TableEntry | TableMeta): readonly ColumnMeta[] | undefined {
    const meta = 'meta' in table ? table.meta : table;
    if (meta.columns !== undefined || this.options.syncColumns === undefined) return meta.columns; // no index needed
    return this.tableColumns(meta)?.list;
  }

  /**
   * A table's columns with their name index, or undefined when not loaded. Hold on to it while
   * working on one query: columns decoded from a cache may be dropped from memory between calls.
   */
  tableColumns(table: TableEntry | TableMeta): TableColumns | undefined {
    const meta = 'meta' in table ? table.meta : table;
    if (meta.columns !== undefined || this.options.syncColumns === undefined) {
      if (meta.columns === undefined) return undefined;
      let indexed = this.indexed.get(meta.columns);
      if (indexed === undefined) {
        indexed = new TableColumns(meta.columns);
        this.indexed.set(meta.columns, indexed);
      }
      return indexed;
    }
    let cols = this.decoded.get(meta);
    if (cols !== undefined) return cols;
    const list = this.options.syncColumns(meta);
    if (list === undefined) return undefined;
    cols = new TableColumns(list);
    this.decoded.set(meta, cols);
    return cols;
  }

  /** Columns of `table` whose stored name the query identifier denotes. */
  findColumns(table: TableEntry, part: NamePart): readonly ColumnEntry[] {
    return this.tableColumns(table)?.find(part) ?? NONE;
  }

  /** Columns whose name equals `name` ignoring case (for case-mismatch messages). */
  findColumnsIgnoringCase(table: TableEntry, name: string): readonly ColumnEntry[] {
    return this.tableColumns(table)?.findIgnoringCase(name) ?? NONE;
  }

  /** All columns of a table as index entries (empty when not loaded). */
  columnEntries(table: TableEntry): ColumnEntry[] {
    return this.tableColumns(table)?.entries ?? [];
  }

  /** Are the columns of this table available synchronously? */
  hasColumns(table: TableEntry): boolean {
    return this.columns(table) !== undefined;
  }

  /**
   * Makes sure the columns of the named tables are loaded (lazy schemas fetch them from the
   * service in one batch). Unknown names are ignored.
   */
  async loadColumns(tables: Iterable<TableEntry | TableMeta>): Promise<void> {
    const missing: TableMeta[] = [];
    for (const t of tables) {
      const meta = 'meta' in t ? t.meta : t;
      if (this.columns(meta) === undefined) missing.push(meta);
    }
    if (missing.length === 0 || this.options.fetchColumns === undefined) return;
    const loaded = await this.options.fetchColumns(missing);
    for (const meta of missing) meta.columns = loaded.get(meta.name) ?? meta.columns ?? [];
  }

  /** Loads every table's columns (for writing a complete schema file). */
  async loadAllColumns(): Promise<void> {
    await this.loadColumns(this.document.tables);
  }

  /** The metadata as a plain document (columns included where loaded). */
  toDocument(): SchemaDocument {
    const tables = this.document.tables.map((t) => {
      const columns = this.columns(t);
      return columns === undefined || t.columns !== undefined ? t : { ...t, columns: [...columns] };
    });
    const doc: SchemaDocument = { ...this.document, tables };
    if (this.capabilities !== undefined) doc.capabilities = this.capabilities;
    const uploads = this.uploadTables;
    if (uploads.length > 0) doc.uploads = [...uploads];
    else delete doc.uploads;
    return doc;
  }

  private addTable(meta: TableMeta): void {
    const parts = parseQualifiedName(meta.name);
    const tablePart = parts[parts.length - 1] ?? { name: meta.name, delimited: false };
    const qualified = parts.length >= 2;
    let schemaPart: NamePart | undefined = qualified ? parts[parts.length - 2] : undefined;
    if (schemaPart === undefined && meta.schema !== undefined && meta.schema !== '') schemaPart = parseNamePart(meta.schema);
    const entry: TableEntry = { meta, tablePart, qualified, upload: false, ...(schemaPart ? { schemaPart } : {}) };
    const key = foldName(tablePart.name);
    const list = this.byTableName.get(key);
    if (list === undefined) this.byTableName.set(key, [entry]);
    else list.push(entry);
  }

  private addUpload(meta: TableMeta): void {
    const tablePart = parseNamePart(meta.name);
    const entry: TableEntry = {
      meta: { ...meta, type: 'upload' },
      tablePart,
      schemaPart: { name: 'TAP_UPLOAD', delimited: false },
      qualified: true,
      upload: true,
    };
    this.uploads.set(foldName(tablePart.name), entry);
  }
}
