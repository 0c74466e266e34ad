/**
 * Is a partition column numeric? Looked up in the service's schema (src/schema): the tables of the
 * query's FROM clause that could hold the column, and the column's declared datatype.
 */
import { walk } from '../adql/index.js';
import type { SelectQuery, TableRef } from '../adql/index.js';
import type { ServiceSchema } from '../schema/index.js';
import type { TableMeta } from '../schema/index.js';
import { columnExpression } from './rewrite.js';

const INTEGER_TYPES = new Set(['short', 'int', 'long', 'unsignedbyte', 'smallint', 'integer', 'bigint']);
const FLOAT_TYPES = new Set(['float', 'double', 'real', 'double precision']);

export type ColumnKind = 'integer' | 'float' | { notNumeric: string } | undefined;

function tablesInFrom(query: SelectQuery): TableRef[] {
  const refs: TableRef[] = [];
  for (const item of query.from) {
    walk(item, (n) => {
      if (n.kind === 'DerivedTable') return false;
      if (n.kind === 'TableRef') refs.push(n);
      return undefined;
    });
  }
  return refs;
}

function findTable(schema: ServiceSchema, ref: TableRef): TableMeta | undefined {
  const wanted = [ref.name.schema?.name, ref.name.table.name].filter((p) => p !== undefined).join('.').toLowerCase();
  return (
    schema.tables.find((t) => t.name.toLowerCase() === wanted) ??
    schema.tables.find((t) => t.name.toLowerCase().split('.').pop() === ref.name.table.name.toLowerCase())
  );
}

/** The kind of the column per the schema; undefined when the schema cannot tell (unknown table, derived table). */
export async function columnKind(schema: ServiceSchema, query: SelectQuery, column: string): Promise<ColumnKind> {
  const expr = columnExpression(column);
  const qualifier = expr.table?.table.name.toLowerCase();
  const candidates = tablesInFrom(query).filter(
    (r) => qualifier === undefined || r.alias?.name.toLowerCase() === qualifier || r.name.table.name.toLowerCase() === qualifier,
  );
  for (const ref of candidates) {
    const meta = findTable(schema, ref);
    if (meta === undefined) continue;
    await schema.loadColumns([meta]);
    const col = schema.columns(meta)?.find((c) => c.name.toLowerCase() === expr.column.name.toLowerCase());
    const datatype = col?.datatype?.toLowerCase();
    if (col === undefined || datatype === undefined) continue;
    const declared = `${col.datatype}${col.arraysize === undefined ? '' : `[${col.arraysize}]`}`;
    if (datatype.includes('char')) return { notNumeric: `${meta.name}.${col.name} is a string (${declared})` };
    if (col.arraysize !== undefined && col.arraysize !== '1') return { notNumeric: `${meta.name}.${col.name} is an array (${declared})` };
    if (INTEGER_TYPES.has(datatype)) return 'integer';
    if (FLOAT_TYPES.has(datatype)) return 'float';
    return { notNumeric: `${meta.name}.${col.name} is ${datatype}${col.xtype ? ` (${col.xtype})` : ''}` };
  }
  return undefined;
}
