/**
 * The view of a service's metadata that editor features need (tables, columns, UDFs), kept small
 * so completion and hover work from the validator's schema, a schema file or a test fixture alike.
 */
import type { NamePart } from '../lsp/scope.js';
import { sameName } from '../lsp/scope.js';

export interface EditorColumn {
  name: string;
  delimited?: boolean;
  datatype?: string;
  arraysize?: string;
  xtype?: string;
  unit?: string;
  ucd?: string;
  description?: string;
}

export interface EditorTable {
  /** As TAP_SCHEMA gives it, usually schema-qualified (`zcat.main`). */
  name: string;
  schema?: string;
  description?: string;
  type?: string;
}

export interface EditorUdf {
  name: string;
  params: { name: string; type: string }[];
  returns: string;
  description?: string;
}

export interface EditorSchema {
  tables(): readonly EditorTable[];
  /** The table that dotted name parts denote (`zcat.main`, `main`, `TAP_UPLOAD.t`). */
  findTable(parts: NamePart[]): EditorTable | undefined;
  /** The table's columns; undefined when they are not loaded (lazy schemas). */
  columns(table: EditorTable): readonly EditorColumn[] | undefined;
  udfs(): readonly EditorUdf[];
}

/** Splits a TAP_SCHEMA table name (`zcat.main`, `"Odd"."Name"`) into name parts. */
export function splitTableName(name: string): NamePart[] {
  const parts: NamePart[] = [];
  const re = /"((?:[^"]|"")*)"|([^."]+)/g;
  for (let m = re.exec(name); m !== null; m = re.exec(name)) {
    if (m[1] !== undefined) parts.push({ name: m[1].replace(/""/g, '"'), delimited: true });
    else parts.push({ name: m[2]!, delimited: false });
  }
  return parts;
}

/**
 * An EditorSchema over plain table lists (schema files, tests). Lookups are indexed by the folded
 * last name part, so 10,000-table schemas stay fast.
 */
export function editorSchemaFromTables(
  tables: ReadonlyArray<EditorTable & { columns?: readonly EditorColumn[] }>,
  udfs: readonly EditorUdf[] = [],
): EditorSchema {
  const index = new Map<string, Array<{ table: EditorTable & { columns?: readonly EditorColumn[] }; parts: NamePart[] }>>();
  for (const table of tables) {
    const parts = splitTableName(table.name);
    if (parts.length === 1 && table.schema !== undefined && !table.name.includes('.')) parts.unshift({ name: table.schema, delimited: false });
    const key = parts[parts.length - 1]!.name.toLowerCase();
    let list = index.get(key);
    if (list === undefined) index.set(key, (list = []));
    list.push({ table, parts });
  }
  return {
    tables: () => tables,
    findTable(parts) {
      const last = parts[parts.length - 1];
      if (last === undefined) return undefined;
      const candidates = index.get(last.name.toLowerCase()) ?? [];
      const hit = candidates.find(({ parts: tp }) => {
        const tail = tp.slice(-parts.length);
        return tail.length === parts.length && tail.every((p, k) => sameName(parts[k]!, p));
      });
      return hit?.table;
    },
    columns: (table) => (table as { columns?: readonly EditorColumn[] }).columns,
    udfs: () => udfs,
  };
}
