/**
 * What editor features (completion, hover, signature help) read of a service's metadata: a narrow
 * view over the schema module's ServiceSchema, so the language server, lint and the validator look
 * tables up by the same rules (names.ts) in the same model, whether it came from a service, a
 * schema file or a test fixture.
 */
import type { NamePart } from '../adql/index.js';
import type { ColumnMeta, ServiceSchema, TableMeta, UdfSignature } from '../schema/index.js';

export type EditorColumn = ColumnMeta;
export type EditorTable = TableMeta;
export type EditorUdf = UdfSignature;

export interface EditorSchema {
  tables(): readonly EditorTable[];
  /** The table that dotted name parts written in a query denote (`zcat.main`, `TAP_UPLOAD.t`). */
  findTable(parts: readonly NamePart[]): EditorTable | undefined;
  /** The table's columns; undefined when they are not loaded (lazy schemas). */
  columns(table: EditorTable): readonly EditorColumn[] | undefined;
  udfs(): readonly EditorUdf[];
}

/** The editor features' view of a schema. */
export function editorSchemaOf(schema: ServiceSchema): EditorSchema {
  return {
    tables: () => schema.tables,
    findTable(parts) {
      const found = schema.lookupTable(parts);
      return found.status === 'found' ? found.table.meta : undefined;
    },
    columns: (table) => schema.columns(table),
    udfs: () => schema.capabilities?.udfs ?? [],
  };
}
