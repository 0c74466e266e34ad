/**
 * Reading a service's metadata through the TAP client: TAP_SCHEMA with a few ADQL queries, VOSI
 * /tables when TAP_SCHEMA is not usable, and TAPRegExt capabilities.
 */
import type { TapCapabilities, TapColumn, TapService, TapTable } from '../tap/index.js';
import type { ColumnMeta, ForeignKeyMeta, SchemaDocument, SchemaMeta, ServiceCapabilities, TableMeta, UdfSignature } from './model.js';
import { parseNamePart } from '../adql/index.js';

/** Metadata could not be read from the service (the message says what was tried). */
export class SchemaLoadError extends Error {
  override readonly name = 'SchemaLoadError';
  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

type Row = Record<string, unknown>;

const COLUMN_BATCH = 50;

/** The TAPRegExt capabilities in the validator's form. */
export function capabilitiesFromTap(caps: TapCapabilities): ServiceCapabilities {
  const features: Record<string, string[]> = {};
  const udfs: UdfSignature[] = [];
  const seenForms = new Set<string>();
  for (const lang of caps.languages) {
    if (lang.name.toUpperCase() !== 'ADQL') continue;
    for (const f of lang.features) {
      const type = f.type.toLowerCase();
      if (type.endsWith('#features-udf')) continue;
      (features[type] ??= []).push(f.form.trim().toUpperCase());
    }
    for (const u of lang.udfs) {
      if (seenForms.has(u.form)) continue; // DaCHS lists some forms twice
      seenForms.add(u.form);
      const sig: UdfSignature = {
        name: u.name,
        params: u.args.map((a) => ({ name: a.name, type: a.type.toUpperCase() })),
        returns: u.returnType.toUpperCase(),
        form: u.form,
      };
      if (u.description !== undefined) sig.description = u.description;
      udfs.push(sig);
    }
  }
  const out: ServiceCapabilities = {
    adqlVersions: caps.adqlVersions,
    features,
    udfs,
    uploadMethods: caps.uploadMethods.map((u) => u.ivoId),
    outputFormats: caps.outputFormats.map((f) => f.mime),
  };
  const sync = caps.limitsFor('sync');
  if (sync.outputLimit.default || sync.outputLimit.hard) out.outputLimit = { ...sync.outputLimit };
  if (sync.uploadLimit.default || sync.uploadLimit.hard) out.uploadLimit = { ...sync.uploadLimit };
  return out;
}

function str(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

function flag(v: unknown): boolean | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  return Number(v) !== 0 && String(v).toLowerCase() !== 'false';
}

/** A TAP_SCHEMA.columns row as ColumnMeta (TAP 1.0 `size` read as arraysize). */
export function columnFromRow(row: Row): ColumnMeta {
  const raw = str(row.column_name) ?? '';
  const part = parseNamePart(raw);
  const col: ColumnMeta = { name: part.name };
  if (part.delimited) col.delimited = true;
  const set = (key: keyof ColumnMeta, v: string | undefined): void => {
    if (v !== undefined) (col as unknown as Record<string, unknown>)[key] = v;
  };
  set('datatype', str(row.datatype));
  set(
    'arraysize',
    str(row.arraysize) ?? (row.size !== undefined && row.size !== null && Number(row.size) > 1 ? String(row.size) : undefined),
  );
  set('xtype', str(row.xtype));
  set('unit', str(row.unit));
  set('ucd', str(row.ucd));
  set('utype', str(row.utype));
  set('description', str(row.description));
  for (const k of ['indexed', 'principal', 'std'] as const) {
    const b = flag(row[k]);
    if (b !== undefined) col[k] = b;
  }
  return col;
}

async function rows(service: TapService, adql: string, maxrec: number): Promise<{ rows: Row[]; overflow: boolean }> {
  const r = await service.query(adql, { maxrec });
  return { rows: r.rows() as Row[], overflow: r.overflow };
}

export interface TapSchemaLoadOptions {
  /** 'eager' loads every column now; 'lazy' loads columns per table on demand; 'auto' (default)
   *  is lazy above `lazyThreshold` tables. */
  columns?: 'eager' | 'lazy' | 'auto';
  lazyThreshold?: number;
  /** MAXREC for metadata queries (default 10,000,000). */
  maxrec?: number;
}

/** Reads schemas, tables, keys and (unless lazy) columns from TAP_SCHEMA. */
export async function loadFromTapSchema(
  service: TapService,
  options: TapSchemaLoadOptions = {},
): Promise<{ doc: SchemaDocument; lazy: boolean }> {
  const maxrec = options.maxrec ?? 10_000_000;
  const schemas = await rows(service, 'SELECT * FROM TAP_SCHEMA.schemas', maxrec);
  const tables = await rows(service, 'SELECT * FROM TAP_SCHEMA.tables', maxrec);
  const tableMetas: TableMeta[] = tables.rows.map((r) => {
    const t: TableMeta = { name: str(r.table_name) ?? '' };
    const s = str(r.schema_name);
    if (s !== undefined) t.schema = s;
    const ty = str(r.table_type);
    if (ty !== undefined) t.type = ty;
    const d = str(r.description);
    if (d !== undefined) t.description = d;
    const u = str(r.utype);
    if (u !== undefined) t.utype = u;
    return t;
  });
  const foreignKeys = await loadKeys(service, maxrec);
  const mode = options.columns ?? 'auto';
  let lazy = mode === 'lazy' || (mode === 'auto' && tableMetas.length > (options.lazyThreshold ?? 1000));
  if (!lazy) {
    const cols = await rows(service, 'SELECT * FROM TAP_SCHEMA.columns', maxrec);
    if (cols.overflow)
      lazy = true; // too many to fetch in one go: fall back to per-table loading
    else {
      const byTable = groupColumns(cols.rows);
      for (const t of tableMetas) t.columns = byTable.get(t.name) ?? [];
    }
  }
  const doc: SchemaDocument = {
    service: service.url,
    fetchedAt: new Date().toISOString(),
    source: 'tap_schema',
    schemas: schemas.rows.map((r) => {
      const s: SchemaMeta = { name: str(r.schema_name) ?? '' };
      const d = str(r.description);
      if (d !== undefined) s.description = d;
      const u = str(r.utype);
      if (u !== undefined) s.utype = u;
      return s;
    }),
    tables: tableMetas,
    foreignKeys,
  };
  return { doc, lazy };
}

function groupColumns(list: Row[]): Map<string, ColumnMeta[]> {
  const byTable = new Map<string, ColumnMeta[]>();
  // TAP 1.1 column_index gives the order when present
  const sorted = list.some((r) => r.column_index !== undefined && r.column_index !== null)
    ? [...list].sort((a, b) => Number(a.column_index ?? 0) - Number(b.column_index ?? 0))
    : list;
  for (const r of sorted) {
    const table = str(r.table_name) ?? '';
    const l = byTable.get(table);
    const c = columnFromRow(r);
    if (l === undefined) byTable.set(table, [c]);
    else l.push(c);
  }
  return byTable;
}

async function loadKeys(service: TapService, maxrec: number): Promise<ForeignKeyMeta[]> {
  try {
    const keys = await rows(service, 'SELECT * FROM TAP_SCHEMA.keys', maxrec);
    const cols = await rows(service, 'SELECT * FROM TAP_SCHEMA.key_columns', maxrec);
    const byKey = new Map<string, { from: string; target: string }[]>();
    for (const r of cols.rows) {
      const id = str(r.key_id) ?? '';
      const l = byKey.get(id) ?? [];
      l.push({ from: str(r.from_column) ?? '', target: str(r.target_column) ?? '' });
      byKey.set(id, l);
    }
    return keys.rows.map((r) => {
      const id = str(r.key_id) ?? '';
      const k: ForeignKeyMeta = {
        id,
        fromTable: str(r.from_table) ?? '',
        targetTable: str(r.target_table) ?? '',
        columns: byKey.get(id) ?? [],
      };
      const d = str(r.description);
      if (d !== undefined) k.description = d;
      return k;
    });
  } catch {
    return []; // keys are optional metadata: a service without them is still usable
  }
}

/** Columns of some tables from TAP_SCHEMA.columns, in batches. */
export async function fetchColumnsFromTapSchema(
  service: TapService,
  tables: TableMeta[],
  maxrec = 10_000_000,
): Promise<Map<string, ColumnMeta[]>> {
  const out = new Map<string, ColumnMeta[]>();
  for (let i = 0; i < tables.length; i += COLUMN_BATCH) {
    const batch = tables.slice(i, i + COLUMN_BATCH);
    const list = batch.map((t) => `'${t.name.replace(/'/g, "''")}'`).join(', ');
    const r = await rows(service, `SELECT * FROM TAP_SCHEMA.columns WHERE table_name IN (${list})`, maxrec);
    for (const [k, v] of groupColumns(r.rows)) out.set(k, v);
  }
  return out;
}

/** The tableset from VOSI /tables (detail=min: columns come lazily from /tables/<name>). */
export async function loadFromVosi(
  service: TapService,
): Promise<{ doc: SchemaDocument; lazy: boolean; fetch: (t: TableMeta[]) => Promise<Map<string, ColumnMeta[]>> }> {
  const set = await service.tables({ detail: 'min' });
  const tables: TableMeta[] = [];
  const foreignKeys: ForeignKeyMeta[] = [];
  let lazy = false;
  for (const s of set.schemas) {
    for (const t of s.tables) {
      const meta = tableFromVosi(t, s.name);
      if (meta.columns === undefined) lazy = true;
      tables.push(meta);
      t.foreignKeys.forEach((fk, i) =>
        foreignKeys.push({
          id: `${t.name}#fk${i + 1}`,
          fromTable: t.name,
          targetTable: fk.targetTable,
          columns: fk.columns,
          ...(fk.description ? { description: fk.description } : {}),
        }),
      );
    }
  }
  const doc: SchemaDocument = {
    service: service.url,
    fetchedAt: new Date().toISOString(),
    source: 'vosi',
    schemas: set.schemas.map((s) => ({
      name: s.name,
      ...(s.description ? { description: s.description } : {}),
      ...(s.utype ? { utype: s.utype } : {}),
    })),
    tables,
    foreignKeys,
  };
  const fetch = async (missing: TableMeta[]): Promise<Map<string, ColumnMeta[]>> => {
    const out = new Map<string, ColumnMeta[]>();
    for (const t of missing) out.set(t.name, (await set.columns(t.name)).map(columnFromVosi));
    return out;
  };
  return { doc, lazy, fetch };
}

function tableFromVosi(t: TapTable, schema: string): TableMeta {
  const meta: TableMeta = { name: t.name };
  if (schema !== '') meta.schema = schema;
  if (t.type !== undefined) meta.type = t.type;
  if (t.description !== undefined) meta.description = t.description;
  if (t.utype !== undefined) meta.utype = t.utype;
  if (t.columns !== undefined) meta.columns = t.columns.map(columnFromVosi);
  return meta;
}

export function columnFromVosi(c: TapColumn): ColumnMeta {
  const part = parseNamePart(c.name);
  const col: ColumnMeta = { name: part.name };
  if (part.delimited) col.delimited = true;
  if (c.datatype !== undefined) col.datatype = c.datatype;
  if (c.arraysize !== undefined) col.arraysize = c.arraysize;
  if (c.xtype !== undefined) col.xtype = c.xtype;
  if (c.unit !== undefined) col.unit = c.unit;
  if (c.ucd !== undefined) col.ucd = c.ucd;
  if (c.utype !== undefined) col.utype = c.utype;
  if (c.description !== undefined) col.description = c.description;
  if (c.indexed) col.indexed = true;
  if (c.std) col.std = true;
  return col;
}
