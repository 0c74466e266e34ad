/**
 * generateSchemaTypes(): a database interface for the builder from a live TAP service (TAP_SCHEMA or
 * VOSI, through loadSchema) or a schema file, with nullability from the VOSI `nullable` flags when
 * the source is a service, and UDF signatures from its capabilities.
 */
import { readFile } from 'node:fs/promises';
import { loadSchema, ServiceSchema, type ColumnMeta, type SchemaDocument, type TableMeta } from '../schema/index.js';
import { TapService, type TapServiceOptions } from '../tap/index.js';
import { columnKey, renderSchemaTypes, type RenderTable } from './render.js';

export type CodegenSource = string | URL | TapService | SchemaDocument | ServiceSchema;

export interface CodegenOptions {
  /** Only tables of these schemas. */
  schemas?: string[];
  /** Only tables whose name matches one of these globs (`*` any characters, `?` one), e.g. `zcat.*`. */
  tables?: string[];
  /** Module the geometry types are imported from (default 'adqlkit'). */
  importFrom?: string;
  /** Name of the database interface (default 'Database'). */
  name?: string;
  /**
   * 'auto' (default): a live service's VOSI `nullable` flags decide (absent flag = NOT NULL), every
   * column is nullable when there are no flags; 'all': every column `| null`.
   */
  nullable?: 'auto' | 'all';
  /** Command shown in the header (for regeneration). */
  command?: string;
  /** Use the schema cache (default false: codegen reads the service's current metadata). */
  cache?: boolean;
  tap?: TapServiceOptions;
}

/** Raised for unusable codegen input (no tables matched, unreadable source). */
export class CodegenError extends Error {
  override name = 'CodegenError';
}

function globToRegExp(glob: string): RegExp {
  const re = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i');
}

function schemaOf(t: TableMeta): string {
  return (t.schema ?? (t.name.includes('.') ? t.name.slice(0, t.name.lastIndexOf('.')) : '')).toLowerCase();
}

function selectTables(all: readonly TableMeta[], options: CodegenOptions): TableMeta[] {
  const schemas = options.schemas?.map((s) => s.toLowerCase());
  const globs = options.tables?.map(globToRegExp);
  return all.filter(
    (t) => (schemas === undefined || schemas.includes(schemaOf(t))) && (globs === undefined || globs.some((g) => g.test(t.name))),
  );
}

function describeSource(source: CodegenSource): string {
  if (typeof source === 'string') return source;
  if (source instanceof URL) return source.href;
  if (source instanceof TapService) return source.url;
  if (source instanceof ServiceSchema) return source.service ?? 'a schema document';
  return source.service ?? 'a schema document';
}

/** NOT NULL column keys per table from VOSI flags; undefined when the service publishes no flags. */
async function vosiNotNull(service: TapService, tables: readonly TableMeta[]): Promise<Map<string, Set<string>> | undefined> {
  let set;
  try {
    set = await service.tables({ detail: 'max' });
  } catch {
    return undefined;
  }
  const wanted = new Set(tables.map((t) => t.name.toLowerCase()));
  const out = new Map<string, Set<string>>();
  let anyFlag = false;
  for (const t of set.tables) {
    if (!wanted.has(t.name.toLowerCase())) continue;
    const cols = t.columns ?? (await set.columns(t.name));
    const notNull = new Set<string>();
    for (const c of cols) {
      if (c.nullable) anyFlag = true;
      else notNull.add(c.name);
    }
    out.set(t.name.toLowerCase(), notNull);
  }
  return anyFlag ? out : undefined;
}

/** The TypeScript text of the database interface. */
export async function generateSchemaTypes(source: CodegenSource, options: CodegenOptions = {}): Promise<string> {
  const isService = source instanceof TapService || source instanceof URL || (typeof source === 'string' && /^https?:\/\//i.test(source));
  const service = isService ? (source instanceof TapService ? source : new TapService(String(source), options.tap ?? {})) : undefined;
  let schema: ServiceSchema;
  try {
    schema = await loadSchema(service ?? (typeof source === 'string' ? await schemaFileSource(source) : (source as SchemaDocument)), {
      cache: options.cache ?? false,
      columns: 'eager',
      ...(options.tap ? { tap: options.tap } : {}),
    });
  } catch (e) {
    throw new CodegenError(`cannot read the schema of ${describeSource(source)}: ${(e as Error).message}`);
  }
  const tables = selectTables(schema.tables, options);
  if (tables.length === 0) {
    const filter = [options.schemas && `--schema ${options.schemas.join(',')}`, options.tables && `--table ${options.tables.join(',')}`]
      .filter(Boolean)
      .join(' ');
    throw new CodegenError(
      `no tables of ${describeSource(source)} match ${filter || 'the selection'} (it has ${schema.tables.length} tables)`,
    );
  }
  await schema.loadColumns(tables);
  const notNull = service && options.nullable !== 'all' ? await vosiNotNull(service, tables) : undefined;
  const renderTables: RenderTable[] = tables.map((meta) => {
    const columns: readonly ColumnMeta[] = schema.columns(meta) ?? [];
    const flags = notNull?.get(meta.name.toLowerCase());
    const explicit = columns.some((c) => typeof (c as { nullable?: unknown }).nullable === 'boolean');
    let nn: Set<string> | undefined;
    if (options.nullable !== 'all') {
      if (explicit) nn = new Set(columns.filter((c) => (c as { nullable?: boolean }).nullable === false).map(columnKey));
      else if (flags) nn = new Set(columns.map(columnKey).filter((k) => flags.has(k)));
    }
    return nn ? { meta, columns, notNull: nn } : { meta, columns };
  });
  const nullability =
    options.nullable === 'all'
      ? 'every column may be NULL (--nullable all)'
      : notNull
        ? "from the service's VOSI nullable flags (unflagged columns are NOT NULL)"
        : 'no flags published: every column may be NULL';
  return renderSchemaTypes(renderTables, schema.capabilities?.udfs ?? [], {
    source: describeSource(source),
    nullability,
    ...(options.importFrom ? { importFrom: options.importFrom } : {}),
    ...(options.name ? { name: options.name } : {}),
    ...(options.command ? { command: options.command } : {}),
  });
}

async function schemaFileSource(path: string): Promise<string> {
  try {
    await readFile(path);
  } catch (e) {
    throw new CodegenError(
      `cannot read schema file ${path}: ${(e as Error).message}; pass --service URL or a JSON schema file written by \`adql schema\``,
    );
  }
  return path;
}

export interface CheckResult {
  upToDate: boolean;
  /** The first differing line (1-based) with both versions, when out of date. */
  difference?: { line: number; existing: string; generated: string };
}

/** Compares a generated file with what the source generates now. */
export function compareGenerated(existing: string, generated: string): CheckResult {
  if (existing === generated) return { upToDate: true };
  const a = existing.split('\n');
  const b = generated.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return { upToDate: false, difference: { line: i + 1, existing: a[i] ?? '(end of file)', generated: b[i] ?? '(end of file)' } };
}
