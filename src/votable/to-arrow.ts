/**
 * A VOTable table as an Arrow table (flechette). Numbers keep their typed arrays and strings their
 * UTF-8 bytes and row offsets (no copy); booleans are bit-packed and null masks become validity
 * bitmaps, as Arrow requires. Each storage chunk becomes one Arrow record batch.
 */
import { batchType, Column, columnFromArray, tableFromColumns, type Batch, type DataType, type Table } from '#flechette';
import { arrowTypeOf } from './arrow-types.js';
import { Elem, Shape, type ColumnCodec, type ColumnStore } from './columns.js';
import type { VOTableColumn, VOTableTable } from './table.js';
import type { VOTableValue } from './types.js';

export interface ToArrowOptions {
  /** Rows to keep from the start (a TAP result hands out at most MAXREC). Default: all. */
  rows?: number;
  /** Schema metadata of the Arrow table (the VOParquet header travels here). */
  metadata?: Map<string, string>;
}

/** int64 cells come back as bigint from the batches made here: Gaia source_ids stay exact. */
const EXTRACT = { useBigInt: true };

export function tableToArrow(table: VOTableTable, options: ToArrowOptions = {}): Table {
  const rows = Math.max(0, Math.min(options.rows ?? table.rowCount, table.rowCount));
  const entries = table.columnData.map((col, i): [string, Column<unknown>] => [table.keys[i]!, columnToArrow(col, rows)]);
  const arrow = tableFromColumns(entries);
  if (options.metadata !== undefined) arrow.schema.metadata = new Map(options.metadata);
  return arrow;
}

function columnToArrow(col: VOTableColumn, rows: number): Column<unknown> {
  const { codec, chunks } = col.storage();
  const type = arrowTypeOf(codec.field);
  const batches: Batch<unknown>[] = [];
  let left = rows;
  for (const { store, length } of chunks) {
    if (left <= 0) break;
    const n = Math.min(length, left);
    batches.push(...chunkToArrow(codec, type, store, n));
    left -= n;
  }
  if (batches.length === 0) return columnFromArray([], type, EXTRACT) as Column<unknown>;
  return new Column(batches, type);
}

/** The validity bitmap of a null mask (1 = valid), or an empty one when no row is null. */
function validityOf(nulls: Uint8Array | null, n: number): { validity: Uint8Array; nullCount: number } {
  if (nulls === null) return { validity: new Uint8Array(0), nullCount: 0 };
  const validity = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (nulls[i] === 1) nullCount++;
    else validity[i >> 3]! |= 1 << (i & 7);
  }
  return nullCount === 0 ? { validity: new Uint8Array(0), nullCount: 0 } : { validity, nullCount };
}

function makeBatch(type: DataType, options: Record<string, unknown>): Batch<unknown> {
  const BatchClass = batchType(type, EXTRACT) as new (o: Record<string, unknown>) => Batch<unknown>;
  return new BatchClass({ type, ...options });
}

function chunkToArrow(codec: ColumnCodec, type: DataType, store: ColumnStore, n: number): Batch<unknown>[] {
  const { validity, nullCount } = validityOf(store.nulls, n);
  if (codec.shape === Shape.String) {
    const t = store.text!;
    return [
      makeBatch(type, { length: n, nullCount, validity, values: t.bytes.subarray(0, t.offsets[n]), offsets: t.offsets.subarray(0, n + 1) }),
    ];
  }
  if (codec.shape === Shape.Scalar) {
    switch (codec.elem) {
      case Elem.Boolean:
      case Elem.Bit: {
        const bytes = store.values as Uint8Array;
        const bits = new Uint8Array((n + 7) >> 3);
        for (let i = 0; i < n; i++) if (bytes[i] === 1) bits[i >> 3]! |= 1 << (i & 7);
        return [makeBatch(type, { length: n, nullCount, validity, values: bits })];
      }
      case Elem.Long: {
        // longs read with long: 'number' are held as doubles; Arrow's int64 wants the integers.
        const v = store.values;
        const values =
          v instanceof BigInt64Array
            ? v.subarray(0, n)
            : BigInt64Array.from((v as Float64Array).subarray(0, n), (x) => BigInt(Number.isInteger(x) ? x : 0));
        return [makeBatch(type, { length: n, nullCount, validity, values })];
      }
      case Elem.FloatComplex:
      case Elem.DoubleComplex: {
        const child = (type as { children: Array<{ type: DataType }> }).children[0]!.type;
        const pairs = makeBatch(child, {
          length: 2 * n,
          nullCount: 0,
          validity: new Uint8Array(0),
          values: (store.values as Float64Array).subarray(0, 2 * n),
        });
        return [makeBatch(type, { length: n, nullCount, validity, children: [pairs] })];
      }
      default:
        return [makeBatch(type, { length: n, nullCount, validity, values: (store.values as Float64Array).subarray(0, n) })];
    }
  }
  // Arrays: each cell is already an array (complex ones of [re, im] pairs); flechette's builder lays them out.
  const cells = store.values as VOTableValue[];
  const values = new Array<unknown>(n);
  for (let i = 0; i < n; i++) values[i] = store.nulls?.[i] === 1 ? null : (cells[i] ?? null);
  return [...columnFromArray(values, type, EXTRACT).data] as Batch<unknown>[];
}
