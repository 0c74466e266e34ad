/// <reference lib="dom" />
/**
 * A result as the page holds it: column-major values with their metadata, and a view (row order
 * after sort and filter) the grid and the plots share. Rows keep their original index everywhere,
 * so a selection means the same rows in every view.
 */
import type { VOTableField, VOTableValue } from '../../votable/index.js';

export interface ColumnInfo {
  name: string;
  datatype: string;
  unit?: string | undefined;
  ucd?: string | undefined;
  description?: string | undefined;
}

export interface ResultTable {
  columns: ColumnInfo[];
  /** values[c][r]: column c, row r. */
  values: VOTableValue[][];
  rowCount: number;
}

export function tableOf(fields: readonly VOTableField[], column: (i: number) => VOTableValue[], rowCount: number): ResultTable {
  return {
    columns: fields.map((f) => ({ name: f.name, datatype: f.datatype, unit: f.unit, ucd: f.ucd, description: f.description })),
    values: fields.map((_, i) => column(i)),
    rowCount,
  };
}

export function isNumericColumn(table: ResultTable, c: number): boolean {
  return /^(short|int|long|float|double|unsignedByte)$/.test(table.columns[c]?.datatype ?? '');
}

export function cellText(value: VOTableValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
  if (typeof value === 'bigint' || typeof value === 'boolean' || typeof value === 'string') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return Array.from(value as ArrayLike<unknown>).join(' ');
  return JSON.stringify(value);
}

export interface SortKey {
  column: number;
  descending: boolean;
}

/**
 * A filter: `column op value` (op one of = != < <= > >=) or plain text matched in any cell.
 * Returns a predicate on the row index, or an error message.
 */
export function parseFilter(table: ResultTable, text: string): ((row: number) => boolean) | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const m = /^([A-Za-z_][\w]*)\s*(<=|>=|!=|=|<|>)\s*(.+)$/.exec(trimmed);
  if (m) {
    const c = table.columns.findIndex((col) => col.name.toLowerCase() === m[1]!.toLowerCase());
    if (c < 0) return `no column ${m[1]} (columns: ${table.columns.map((col) => col.name).join(', ')})`;
    const values = table.values[c]!;
    const wanted = m[3]!.trim().replace(/^'(.*)'$/, '$1');
    const asNumber = Number(wanted);
    const numeric = isNumericColumn(table, c) && Number.isFinite(asNumber);
    const cmp = (row: number): number => {
      const v = values[row];
      if (numeric) return Number(v) - asNumber;
      const s = cellText(v);
      return s < wanted ? -1 : s > wanted ? 1 : 0;
    };
    const op = m[2]!;
    return (row) => {
      if (values[row] === null || values[row] === undefined) return false;
      const d = cmp(row);
      return op === '=' ? d === 0 : op === '!=' ? d !== 0 : op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : d >= 0;
    };
  }
  const needle = trimmed.toLowerCase();
  return (row) => table.values.some((col) => cellText(col[row]).toLowerCase().includes(needle));
}

/** Row indexes in display order: filtered, then sorted (stable; nulls last). */
export function viewOrder(table: ResultTable, sort: SortKey | undefined, keep: ((row: number) => boolean) | undefined): Int32Array {
  let order = new Int32Array(table.rowCount);
  for (let i = 0; i < order.length; i++) order[i] = i;
  if (keep) order = order.filter((row) => keep(row));
  if (sort) {
    const values = table.values[sort.column]!;
    const sign = sort.descending ? -1 : 1;
    const numeric = isNumericColumn(table, sort.column);
    order.sort((a, b) => {
      const va = values[a];
      const vb = values[b];
      if (va === null || va === undefined) return vb === null || vb === undefined ? a - b : 1;
      if (vb === null || vb === undefined) return -1;
      const d = numeric ? Number(va) - Number(vb) : cellText(va) < cellText(vb) ? -1 : cellText(va) > cellText(vb) ? 1 : 0;
      return d === 0 ? a - b : sign * d;
    });
  }
  return order;
}
