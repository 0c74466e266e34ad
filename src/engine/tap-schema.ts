/** TAP_SCHEMA 1.1 rows describing the loaded tables (and TAP_SCHEMA itself). */
import type { ColumnInfo, TableInfo } from './translate/catalog.js';
import { adqlIdentifier } from './adql-names.js';
import type { StagedTable } from './loaders.js';

/** The schema name of the TAP metadata tables, spelled as DaCHS spells it (ADQL matches it case-insensitively). */
export const TAP_SCHEMA = 'tap_schema';

const col = (name: string, datatype: string, description: string, extra: Partial<ColumnInfo> = {}): ColumnInfo => ({
  name,
  datatype,
  ...(datatype === 'char' ? { arraysize: '*' } : {}),
  description,
  principal: true,
  ...extra,
});

/** The columns of the TAP_SCHEMA tables, as TAP 1.1 section 4 defines them. */
export const TAP_SCHEMA_TABLES: Record<string, { description: string; columns: ColumnInfo[] }> = {
  schemas: {
    description: 'Schemas in this service.',
    columns: [
      col('schema_name', 'char', 'Fully qualified schema name'),
      col('utype', 'char', 'Utype of the schema'),
      col('description', 'char', 'Brief description of the schema'),
      col('schema_index', 'int', 'Recommended sort order when listing schemas'),
    ],
  },
  tables: {
    description: 'Tables in this service.',
    columns: [
      col('schema_name', 'char', 'Schema the table belongs to'),
      col('table_name', 'char', 'Fully qualified table name'),
      col('table_type', 'char', 'One of: table, view'),
      col('utype', 'char', 'Utype of the table'),
      col('description', 'char', 'Brief description of the table'),
      col('table_index', 'int', 'Recommended sort order when listing tables'),
    ],
  },
  columns: {
    description: 'Columns of the tables in this service.',
    columns: [
      col('table_name', 'char', 'Fully qualified table name'),
      col('column_name', 'char', 'Column name'),
      col('datatype', 'char', 'ADQL datatype (VOTable type)'),
      col('arraysize', 'char', 'VOTable arraysize'),
      col('xtype', 'char', 'VOTable xtype'),
      col('size', 'int', 'Deprecated length of fixed-length types'),
      col('description', 'char', 'Brief description of the column'),
      col('utype', 'char', 'Utype of the column'),
      col('unit', 'char', 'Unit in VO standard format'),
      col('ucd', 'char', 'UCD of the column'),
      col('indexed', 'int', 'Is the column indexed: 1 means yes'),
      col('principal', 'int', 'Is the column principal: 1 means yes'),
      col('std', 'int', 'Is the column defined by a standard: 1 means yes'),
      col('column_index', 'int', 'Recommended sort order when listing columns'),
    ],
  },
  keys: {
    description: 'Foreign keys between tables.',
    columns: [
      col('key_id', 'char', 'Unique key identifier'),
      col('from_table', 'char', 'Fully qualified table name'),
      col('target_table', 'char', 'Fully qualified table name'),
      col('utype', 'char', 'Utype of the key'),
      col('description', 'char', 'Description of this key'),
    ],
  },
  key_columns: {
    description: 'Columns of the foreign keys.',
    columns: [
      col('key_id', 'char', 'Key identifier from TAP_SCHEMA.keys'),
      col('from_column', 'char', 'Column in the from_table'),
      col('target_column', 'char', 'Column in the target_table'),
    ],
  },
};

export interface ForeignKey {
  from: string;
  target: string;
  columns: [string, string][];
}

/** TAP 1.1's own foreign keys between the TAP_SCHEMA tables. */
export const TAP_SCHEMA_KEYS: ForeignKey[] = [
  { from: 'tap_schema.tables', target: 'tap_schema.schemas', columns: [['schema_name', 'schema_name']] },
  { from: 'tap_schema.columns', target: 'tap_schema.tables', columns: [['table_name', 'table_name']] },
  { from: 'tap_schema.keys', target: 'tap_schema.tables', columns: [['from_table', 'table_name']] },
  { from: 'tap_schema.keys', target: 'tap_schema.tables', columns: [['target_table', 'table_name']] },
  { from: 'tap_schema.key_columns', target: 'tap_schema.keys', columns: [['key_id', 'key_id']] },
];

export const adqlName = (t: TableInfo): string => (t.schema ? `${t.schema}.${t.name}` : t.name);

/** Staged rows for each TAP_SCHEMA table. `tables` includes the TAP_SCHEMA tables themselves. */
export function tapSchemaRows(tables: TableInfo[], keys: ForeignKey[]): Record<string, StagedTable> {
  const schemaNames = [...new Set(tables.map((t) => t.schema).filter((s): s is string => s !== undefined))];
  const flag = (b: boolean | undefined) => (b ? 1 : 0);
  return {
    schemas: {
      columns: TAP_SCHEMA_TABLES.schemas!.columns,
      rows: schemaNames.map((s, i) => [s, null, s === TAP_SCHEMA ? 'Metadata of this TAP service' : null, i]),
    },
    tables: {
      columns: TAP_SCHEMA_TABLES.tables!.columns,
      rows: tables.map((t, i) => [t.schema ?? null, adqlName(t), 'table', null, t.description ?? null, i]),
    },
    columns: {
      columns: TAP_SCHEMA_TABLES.columns!.columns,
      rows: tables.flatMap((t) =>
        t.columns.map((c, i) => [
          adqlName(t),
          adqlIdentifier(c.name),
          c.datatype ?? 'char',
          c.arraysize ?? null,
          c.xtype ?? null,
          null,
          c.description ?? null,
          c.utype ?? null,
          c.unit ?? null,
          c.ucd ?? null,
          flag(c.indexed),
          flag(c.principal ?? true),
          flag(t.schema === TAP_SCHEMA),
          i,
        ]),
      ),
    },
    keys: {
      columns: TAP_SCHEMA_TABLES.keys!.columns,
      rows: keys.map((k, i) => [`fk${i + 1}`, k.from, k.target, null, null]),
    },
    key_columns: {
      columns: TAP_SCHEMA_TABLES.key_columns!.columns,
      rows: keys.flatMap((k, i) => k.columns.map(([f, t]) => [`fk${i + 1}`, f, t])),
    },
  };
}
