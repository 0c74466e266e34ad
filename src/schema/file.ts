/**
 * The JSON schema file: a service's metadata for offline validation, written from a live service
 * (`writeSchemaFile`) and meant to be edited by hand. Only `tables[].name` and
 * `tables[].columns[].name` are required; every other field is optional:
 *
 *   { "format": "adqlkit-schema", "version": 1,
 *     "tables": [ { "name": "zcat.main", "columns": [ { "name": "ra", "datatype": "double", "unit": "deg" } ] } ],
 *     "uploads": [ { "name": "mysources", "columns": [ { "name": "ra", "datatype": "double" } ] } ],
 *     "capabilities": { "adqlVersions": ["2.0", "2.1"], "features": { ... }, "udfs": [ ... ] } }
 */
import { dirname, mkdir, readFile, writeFile } from '#host';
import type { ColumnMeta, SchemaDocument, ServiceCapabilities, TableMeta, UdfSignature } from './model.js';
import { parseUdfSignature } from './udf.js';

export const SCHEMA_FILE_FORMAT = 'adqlkit-schema';
export const SCHEMA_FILE_VERSION = 1;

export class SchemaFileError extends Error {
  override readonly name = 'SchemaFileError';
  constructor(
    readonly file: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${file}: ${path === '' ? '' : `at ${path}: `}${detail}`);
  }
}

/** The JSON text of a schema file for a document (stable key order, two-space indent). */
export function serializeSchemaFile(doc: SchemaDocument): string {
  const out: Record<string, unknown> = { format: SCHEMA_FILE_FORMAT, version: SCHEMA_FILE_VERSION };
  if (doc.service !== undefined) out.service = doc.service;
  if (doc.fetchedAt !== undefined) out.fetchedAt = doc.fetchedAt;
  if (doc.source !== undefined) out.source = doc.source;
  out.schemas = doc.schemas;
  out.tables = doc.tables;
  out.foreignKeys = doc.foreignKeys;
  if (doc.uploads !== undefined && doc.uploads.length > 0) out.uploads = doc.uploads;
  if (doc.capabilities !== undefined) out.capabilities = doc.capabilities;
  return `${JSON.stringify(out, null, 2)}\n`;
}

export async function writeSchemaFile(path: string, doc: SchemaDocument): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, serializeSchemaFile(doc), 'utf8');
}

export async function readSchemaFile(path: string): Promise<SchemaDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SchemaFileError(path, '', `cannot read the schema file (${(err as Error).message})`);
  }
  return parseSchemaFile(text, path);
}

/** Parses and checks a schema file's text; errors name the file and the JSON path. */
export function parseSchemaFile(text: string, file = '<schema>'): SchemaDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SchemaFileError(file, '', `not valid JSON (${(err as Error).message})`);
  }
  const fail = (path: string, detail: string): never => {
    throw new SchemaFileError(file, path, detail);
  };
  if (!isObject(data)) return fail('', 'expected a JSON object with "tables"');
  if (data.format !== undefined && data.format !== SCHEMA_FILE_FORMAT) {
    fail('format', `expected "${SCHEMA_FILE_FORMAT}", found ${JSON.stringify(data.format)}`);
  }
  if (data.version !== undefined && data.version !== SCHEMA_FILE_VERSION) {
    fail('version', `this adqlkit reads version ${SCHEMA_FILE_VERSION}, found ${JSON.stringify(data.version)}`);
  }
  const tables = readTables(data.tables, 'tables', fail, true);
  const uploads = data.uploads === undefined ? undefined : readTables(data.uploads, 'uploads', fail, false);
  const schemas = Array.isArray(data.schemas)
    ? data.schemas.map((s, i) => {
        if (!isObject(s) || typeof s.name !== 'string') return fail(`schemas[${i}]`, 'expected an object with a string "name"');
        return optionalStrings({ name: s.name }, s, ['description', 'utype']);
      })
    : deriveSchemas(tables);
  const foreignKeys = Array.isArray(data.foreignKeys)
    ? data.foreignKeys.map((k, i) => {
        if (!isObject(k) || typeof k.fromTable !== 'string' || typeof k.targetTable !== 'string' || !Array.isArray(k.columns)) {
          return fail(`foreignKeys[${i}]`, 'expected { id, fromTable, targetTable, columns: [{ from, target }] }');
        }
        return {
          id: typeof k.id === 'string' ? k.id : `${k.fromTable}->${k.targetTable}`,
          fromTable: k.fromTable,
          targetTable: k.targetTable,
          columns: k.columns.map((c, j) => {
            if (!isObject(c) || typeof c.from !== 'string' || typeof c.target !== 'string') {
              return fail(`foreignKeys[${i}].columns[${j}]`, 'expected { "from": string, "target": string }');
            }
            return { from: c.from, target: c.target };
          }),
        };
      })
    : [];
  const doc: SchemaDocument = { schemas, tables, foreignKeys, source: 'file' };
  if (typeof data.service === 'string') doc.service = data.service;
  if (typeof data.fetchedAt === 'string') doc.fetchedAt = data.fetchedAt;
  if (data.source === 'tap_schema' || data.source === 'vosi') doc.source = data.source;
  if (uploads !== undefined) doc.uploads = uploads;
  if (data.capabilities !== undefined) doc.capabilities = readCapabilities(data.capabilities, fail);
  return doc;
}

type Fail = (path: string, detail: string) => never;

function readTables(value: unknown, path: string, fail: Fail, required: boolean): TableMeta[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) return fail(path, 'expected an array of tables');
  return value.map((t, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(t) || typeof t.name !== 'string' || t.name === '') return fail(at, 'expected an object with a non-empty string "name"');
    const table: TableMeta = optionalStrings({ name: t.name }, t, ['schema', 'type', 'description', 'utype']);
    if (t.columns !== undefined) {
      if (!Array.isArray(t.columns)) return fail(`${at}.columns`, 'expected an array of columns');
      table.columns = t.columns.map((c, j) => readColumn(c, `${at}.columns[${j}]`, fail));
    } else if (!required) {
      table.columns = [];
    }
    return table;
  });
}

function readColumn(c: unknown, at: string, fail: Fail): ColumnMeta {
  if (!isObject(c) || typeof c.name !== 'string' || c.name === '') return fail(at, 'expected an object with a non-empty string "name"');
  const col: ColumnMeta = optionalStrings({ name: c.name }, c, ['datatype', 'arraysize', 'xtype', 'unit', 'ucd', 'utype', 'description']);
  if (typeof c.arraysize === 'number') col.arraysize = String(c.arraysize);
  for (const flag of ['delimited', 'indexed', 'principal', 'std'] as const) {
    const v = c[flag];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') return fail(`${at}.${flag}`, 'expected true or false');
    col[flag] = v;
  }
  return col;
}

function readCapabilities(value: unknown, fail: Fail): ServiceCapabilities {
  if (!isObject(value)) return fail('capabilities', 'expected an object');
  const caps: ServiceCapabilities = {
    adqlVersions: stringArray(value.adqlVersions, 'capabilities.adqlVersions', fail) ?? ['2.0'],
    features: {},
    udfs: [],
    uploadMethods: stringArray(value.uploadMethods, 'capabilities.uploadMethods', fail) ?? [],
  };
  if (value.features !== undefined) {
    if (!isObject(value.features)) return fail('capabilities.features', 'expected { "<feature type IVOID>": ["FORM", ...] }');
    for (const [type, forms] of Object.entries(value.features)) {
      caps.features[type.toLowerCase()] = (stringArray(forms, `capabilities.features["${type}"]`, fail) ?? []).map((f) => f.toUpperCase());
    }
  }
  if (value.udfs !== undefined) {
    if (!Array.isArray(value.udfs)) return fail('capabilities.udfs', 'expected an array');
    caps.udfs = value.udfs.map((u, i): UdfSignature => {
      const at = `capabilities.udfs[${i}]`;
      if (typeof u === 'string') {
        const sig = parseUdfSignature(u);
        return sig ?? fail(at, `cannot read the UDF signature ${JSON.stringify(u)} (expected "name(arg TYPE, ...) -> TYPE")`);
      }
      if (isObject(u) && typeof u.form === 'string') {
        const sig = parseUdfSignature(u.form, typeof u.description === 'string' ? u.description : undefined);
        return sig ?? fail(`${at}.form`, `cannot read the UDF signature ${JSON.stringify(u.form)}`);
      }
      return fail(at, 'expected a signature string or { "form": "name(arg TYPE) -> TYPE" }');
    });
  }
  for (const key of ['outputLimit', 'uploadLimit'] as const) {
    const v = value[key];
    if (isObject(v)) {
      const lim: { default?: { value: number; unit: string }; hard?: { value: number; unit: string } } = {};
      for (const which of ['default', 'hard'] as const) {
        const l = v[which];
        if (isObject(l) && typeof l.value === 'number') lim[which] = { value: l.value, unit: typeof l.unit === 'string' ? l.unit : 'row' };
      }
      caps[key] = lim;
    }
  }
  const formats = stringArray(value.outputFormats, 'capabilities.outputFormats', fail);
  if (formats !== undefined) caps.outputFormats = formats;
  return caps;
}

function deriveSchemas(tables: TableMeta[]): { name: string }[] {
  const names = new Set<string>();
  for (const t of tables) {
    const dot = t.name.lastIndexOf('.');
    const schema = t.schema ?? (dot > 0 ? t.name.slice(0, dot) : undefined);
    if (schema !== undefined) names.add(schema);
  }
  return [...names].map((name) => ({ name }));
}

function stringArray(v: unknown, path: string, fail: Fail): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return fail(path, 'expected an array of strings');
  return v as string[];
}

function optionalStrings<T extends object>(target: T, source: Record<string, unknown>, keys: string[]): T {
  for (const key of keys) {
    const v = source[key];
    if (typeof v === 'string') (target as Record<string, unknown>)[key] = v;
  }
  return target;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
