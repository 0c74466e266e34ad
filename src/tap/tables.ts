/**
 * VOSI tables (VODataService tableset): schemas, tables, columns and foreign keys. Supports
 * `detail=min` tablesets whose tables come without columns; those are loaded lazily, per table,
 * from `<tables>/<table name>` (VOSI 1.1).
 */
import { child, childText, children, deepText, type XmlElement } from '../dal/index.js';

export interface TapColumn {
  /** The name as the service gives it (delimited names keep their quotes, e.g. "\"MagAB\""). */
  name: string;
  description?: string;
  unit?: string;
  ucd?: string;
  utype?: string;
  xtype?: string;
  /** VOTable or TAP datatype (dataType element content), e.g. "double", "char", "VARCHAR". */
  datatype?: string;
  /** 'vs:VOTableType' or 'vs:TAPType'. */
  datatypeSystem?: string;
  arraysize?: string;
  flags: string[];
  indexed: boolean;
  primary: boolean;
  nullable: boolean;
  /** The column belongs to a standard (std="true"). */
  std: boolean;
}

export interface TapForeignKey {
  targetTable: string;
  columns: Array<{ from: string; target: string }>;
  description?: string;
  utype?: string;
}

export interface TapTable {
  /** Qualified name as published (e.g. "zcat.main"). */
  name: string;
  schema: string;
  title?: string;
  description?: string;
  /** 'table', 'view' or 'output'. */
  type?: string;
  utype?: string;
  nrows?: number;
  /** Undefined when the tableset was fetched with detail=min: use TapTableSet.columns(). */
  columns: TapColumn[] | undefined;
  foreignKeys: TapForeignKey[];
  /** What the service's description of this table gets wrong (empty names, a bad arraysize...); absent when nothing. */
  warnings?: string[];
}

export interface TapSchema {
  name: string;
  title?: string;
  description?: string;
  utype?: string;
  tables: TapTable[];
  /** What the service's description of this schema gets wrong (an empty name); absent when nothing. */
  warnings?: string[];
}

function set<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) obj[key] = value;
}

/** A VOTable arraysize: dimensions separated by "x", the last may be variable ("*", "10*"). */
const ARRAYSIZE = /^(\d+x)*(\d+|\d*\*)$/;

function warn(target: { warnings?: string[] }, message: string): void {
  (target.warnings ??= []).push(message);
}

function parseColumn(el: XmlElement, table: TapTable): TapColumn {
  const flags = children(el, 'flag').map((f) => deepText(f).trim());
  const col: TapColumn = {
    name: childText(el, 'name') ?? '',
    flags,
    indexed: flags.includes('indexed'),
    primary: flags.includes('primary'),
    nullable: flags.includes('nullable'),
    std: el.attrs.std === 'true',
  };
  set(col, 'description', childText(el, 'description'));
  set(col, 'unit', childText(el, 'unit'));
  set(col, 'ucd', childText(el, 'ucd'));
  set(col, 'utype', childText(el, 'utype'));
  set(col, 'xtype', childText(el, 'xtype'));
  const dt = child(el, 'dataType');
  if (dt !== undefined) {
    set(col, 'datatype', deepText(dt).trim() || undefined);
    set(col, 'datatypeSystem', dt.attrs.type);
    const arraysize = dt.attrs.arraysize?.trim();
    if (arraysize !== undefined && !ARRAYSIZE.test(arraysize)) {
      warn(
        table,
        `table ${JSON.stringify(table.name)} column ${JSON.stringify(col.name)}: arraysize ${JSON.stringify(dt.attrs.arraysize)} is not an arraysize (e.g. "10", "*", "2x3*"); ignored`,
      );
    }
    const size = dt.attrs.size?.trim();
    set(
      col,
      'arraysize',
      arraysize !== undefined && ARRAYSIZE.test(arraysize) ? arraysize : size !== undefined && ARRAYSIZE.test(size) ? size : undefined,
    );
    if (col.xtype === undefined) set(col, 'xtype', dt.attrs.extendedType);
  }
  return col;
}

/** Parses a `<table>` element; `withColumns` false for detail=min tables that list no column. */
export function parseTable(el: XmlElement, schemaName = ''): TapTable {
  const name = (childText(el, 'name') ?? '').trim();
  const columnEls = children(el, 'column');
  const table: TapTable = {
    name,
    schema: schemaName || (name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : ''),
    columns: undefined,
    foreignKeys: [],
  };
  if (name === '') warn(table, `a table of schema ${JSON.stringify(schemaName)} has no name; it cannot be queried`);
  if (columnEls.length > 0) table.columns = columnEls.map((c) => parseColumn(c, table));
  for (const col of table.columns ?? [])
    if (col.name.trim() === '') warn(table, `table ${JSON.stringify(name)} has a column without a name`);
  table.foreignKeys = children(el, 'foreignKey').map((fk) => {
    const key: TapForeignKey = {
      targetTable: (childText(fk, 'targetTable') ?? '').trim(),
      columns: children(fk, 'fkColumn').map((c) => ({
        from: (childText(c, 'fromColumn') ?? '').trim(),
        target: (childText(c, 'targetColumn') ?? '').trim(),
      })),
    };
    if (key.targetTable === '') warn(table, `table ${JSON.stringify(name)}: a foreign key has no targetTable`);
    if (key.columns.length === 0)
      warn(table, `table ${JSON.stringify(name)}: the foreign key to ${JSON.stringify(key.targetTable)} pairs no columns`);
    for (const pair of key.columns) {
      if (pair.from === '' || pair.target === '')
        warn(
          table,
          `table ${JSON.stringify(name)}: a foreign key column pair to ${JSON.stringify(key.targetTable)} lacks its ${pair.from === '' ? 'fromColumn' : 'targetColumn'}`,
        );
    }
    set(key, 'description', childText(fk, 'description'));
    set(key, 'utype', childText(fk, 'utype'));
    return key;
  });
  set(table, 'title', childText(el, 'title'));
  set(table, 'description', childText(el, 'description'));
  set(table, 'utype', childText(el, 'utype'));
  set(table, 'type', el.attrs.type);
  const nrows = childText(el, 'nrows');
  if (nrows !== undefined && Number.isFinite(Number(nrows))) table.nrows = Number(nrows);
  return table;
}

/** Parses a tableset document (or a single-table document) into schemas. */
export function parseTableset(root: XmlElement): TapSchema[] {
  if (root.name === 'table') {
    const t = parseTable(root);
    return [{ name: t.schema, tables: [t] }];
  }
  return children(root, 'schema').map((s) => {
    const name = (childText(s, 'name') ?? '').trim();
    const schema: TapSchema = { name, tables: children(s, 'table').map((t) => parseTable(t, name)) };
    if (name === '') warn(schema, 'a schema has no name');
    set(schema, 'title', childText(s, 'title'));
    set(schema, 'description', childText(s, 'description'));
    set(schema, 'utype', childText(s, 'utype'));
    return schema;
  });
}

/** Comparable form of a table name: case-insensitive unless delimited. */
function tableKey(name: string): string {
  return name
    .split('.')
    .map((p) => (p.startsWith('"') ? p : p.toLowerCase()))
    .join('.');
}

/** The tables a service publishes; columns of detail=min tables are loaded on demand. */
export class TapTableSet {
  readonly schemas: TapSchema[];
  private readonly byName = new Map<string, TapTable>();
  private readonly loading = new Map<string, Promise<TapTable>>();

  constructor(
    schemas: TapSchema[],
    private readonly loadTable: (name: string, signal?: AbortSignal) => Promise<TapTable>,
  ) {
    this.schemas = schemas;
    for (const t of this.tables) this.byName.set(tableKey(t.name), t);
  }

  get tables(): TapTable[] {
    return this.schemas.flatMap((s) => s.tables);
  }

  /** Everything the service's tableset gets wrong (empty names, bad arraysizes, incomplete foreign keys). */
  get warnings(): string[] {
    return this.schemas.flatMap((s) => [...(s.warnings ?? []), ...s.tables.flatMap((t) => t.warnings ?? [])]);
  }

  /** A table by name (case-insensitive for regular identifiers), undefined when not published. */
  table(name: string): TapTable | undefined {
    return this.byName.get(tableKey(name)) ?? this.tables.find((t) => t.name.split('.').pop() === name);
  }

  /** The columns of a table, fetched from the per-table VOSI endpoint when not known yet. */
  async columns(name: string, options: { signal?: AbortSignal } = {}): Promise<TapColumn[]> {
    const known = this.table(name);
    if (known?.columns !== undefined) return known.columns;
    const key = tableKey(known?.name ?? name);
    let pending = this.loading.get(key);
    if (pending === undefined) {
      pending = this.loadTable(known?.name ?? name, options.signal);
      this.loading.set(key, pending);
      pending.catch(() => this.loading.delete(key));
    }
    const loaded = await pending;
    if (known !== undefined) {
      known.columns = loaded.columns ?? [];
      if (known.foreignKeys.length === 0) known.foreignKeys = loaded.foreignKeys;
      if (known.description === undefined && loaded.description !== undefined) known.description = loaded.description;
      return known.columns;
    }
    return loaded.columns ?? [];
  }
}
