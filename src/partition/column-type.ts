/**
 * Is a partition column numeric? Asked of the validator: the column is typed as the only select item
 * of a query over the original FROM clause, so ADQL's name rules (aliases, delimited names, derived
 * tables) decide which column it is, exactly as they will on the service.
 */
import { print, type SelectQuery } from '../adql/index.js';
import type { ServiceSchema } from '../schema/index.js';
import { check } from '../validate/index.js';
import { columnExpression } from './rewrite.js';

const INTEGER_TYPES = new Set(['SMALLINT', 'INTEGER', 'BIGINT']);
const FLOAT_TYPES = new Set(['REAL', 'DOUBLE']);

export type ColumnKind = 'integer' | 'float' | { notNumeric: string } | undefined;

/** The kind of the column per the schema; undefined when the schema cannot tell (unknown table or column). */
export async function columnKind(schema: ServiceSchema, query: SelectQuery, column: string): Promise<ColumnKind> {
  const probe: SelectQuery = { kind: 'Select', columns: [{ kind: 'SelectColumn', expr: columnExpression(column) }], from: query.from };
  const result = await check(schema, print(probe));
  const col = result.columns[0];
  if (!result.ok || col === undefined || col.adqlType === 'UNKNOWN') return undefined;
  const name = col.table !== undefined ? `${col.table}.${col.column ?? col.name}` : col.name;
  const declared = `${col.datatype}${col.arraysize === undefined ? '' : `[${col.arraysize}]`}`;
  const numeric = INTEGER_TYPES.has(col.adqlType) ? 'integer' : FLOAT_TYPES.has(col.adqlType) ? 'float' : undefined;
  if (numeric !== undefined && col.arraysize !== undefined && col.arraysize !== '1')
    return { notNumeric: `${name} is an array (${declared})` };
  if (numeric !== undefined) return numeric;
  if (col.adqlType === 'CHAR' || col.adqlType === 'VARCHAR') return { notNumeric: `${name} is a string (${declared})` };
  return { notNumeric: `${name} is ${col.adqlType}${col.xtype ? ` (${col.xtype})` : ''}` };
}
