/**
 * What plots read from a result: columns by name as numbers or as text, straight from the
 * column storage (typed arrays, chunk by chunk), never as row objects.
 */
import type { TapResult } from '../dal/index.js';
import type { VOTableColumn, VOTableField, VOTableTable } from '../votable/index.js';
import { PlotError } from './errors.js';

/** A result as plots see it: adqlkit's TapResult or a VOTable table. */
export type PlotSource = TapResult | VOTableTable;

export interface PlotTable {
  readonly rowCount: number;
  readonly columnNames: readonly string[];
  /** The FIELD of a column (unit, UCD, description), undefined for an unknown name. */
  field(name: string): VOTableField | undefined;
  /** The column as numbers, NaN for nulls and for cells that are not numbers. */
  numbers(name: string): Float64Array;
  /** The column as text (nulls as null), for categories. */
  texts(name: string): Array<string | null>;
  /** True when the column holds numbers (or booleans) rather than text. */
  isNumeric(name: string): boolean;
  /** Row i as an object, for hover and tooltips. */
  row(i: number): Record<string, unknown>;
}

const NUMERIC = new Set(['short', 'int', 'long', 'float', 'double', 'unsignedByte', 'boolean', 'bit']);

/** The plot view of a TapResult (only the rows it hands out) or a VOTable table. */
export function plotTable(source: PlotSource): PlotTable {
  const table: VOTableTable = 'document' in source ? source.table : source;
  const rowCount = source.rowCount;
  const cache = new Map<string, Float64Array>();
  const column = (name: string): VOTableColumn => {
    const i = table.columnIndex(name);
    if (i < 0) throw new PlotError(`no column ${JSON.stringify(name)} in the result`, `columns are ${table.keys.join(', ')}`);
    return table.column(i);
  };
  return {
    rowCount,
    columnNames: table.keys,
    field: (name) => {
      const i = table.columnIndex(name);
      return i < 0 ? undefined : table.columns[i];
    },
    numbers(name) {
      const key = table.keys[table.columnIndex(name)] ?? name;
      let out = cache.get(key);
      if (!out) cache.set(key, (out = readNumbers(column(name), rowCount)));
      return out;
    },
    texts(name) {
      const col = column(name);
      const out = new Array<string | null>(rowCount);
      for (let i = 0; i < rowCount; i++) {
        const v = col.get(i);
        out[i] = v === null ? null : v instanceof Date ? v.toISOString() : String(v);
      }
      return out;
    },
    isNumeric: (name) => {
      const f = column(name).field;
      return NUMERIC.has(f.datatype) && f.shape.length === 0;
    },
    row: (i) => table.row(i),
  };
}

/** A column's values as float64, read from its storage chunks (one pass, no row objects). */
function readNumbers(col: VOTableColumn, rowCount: number): Float64Array {
  const out = new Float64Array(rowCount).fill(Number.NaN);
  const scalarNumber = NUMERIC.has(col.field.datatype) && col.field.shape.length === 0;
  for (const chunk of col.chunks()) {
    const n = Math.min(chunk.length, rowCount - chunk.offset);
    if (n <= 0) break;
    const { values, nulls } = chunk;
    if (scalarNumber && ArrayBuffer.isView(values)) {
      const typed = values as ArrayLike<number | bigint>;
      for (let j = 0; j < n; j++) {
        if (nulls !== null && nulls[j] === 1) continue;
        out[chunk.offset + j] = Number(typed[j]);
      }
    } else {
      for (let j = 0; j < n; j++) out[chunk.offset + j] = cellNumber(col.get(chunk.offset + j));
    }
  }
  return out;
}

function cellNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  if (v instanceof Date) return v.getTime();
  return Number.NaN;
}
