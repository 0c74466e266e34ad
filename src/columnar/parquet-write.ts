/**
 * Parquet writing (hyparquet-writer, pure JavaScript: the same code runs in Node and in a browser).
 * A VOTable table goes through Arrow (no copies of its numbers and strings); the VOParquet header
 * (IVOA.VOTable-Parquet.version/content) is the file's key-value metadata, so units, UCDs,
 * descriptions, xtypes and arraysizes travel with the data and QUERY_STATUS with a TAP result.
 */
import { Type, type Column, type DataType, type Table as ArrowTable } from '#flechette';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { DecodedArray, SchemaElement } from 'hyparquet';
import { voparquetMetadata, type VOTableHeaderContext, type VOTableTable } from '../votable/index.js';
import { ColumnarError } from './errors.js';

export interface ParquetWriteOptions {
  /** Rows to write from the start (a TAP result hands out at most MAXREC). Default: all. */
  rows?: number;
  /** The RESOURCE around the table (QUERY_STATUS INFOs, PARAMs, COOSYS) for the VOParquet header. */
  context?: VOTableHeaderContext;
  /** 'snappy' (default, what pandas, DuckDB and Spark write) or 'uncompressed'. */
  compression?: 'snappy' | 'uncompressed';
  /** Rows per row group (default 100000: readers can skip or parallelise by group). */
  rowGroupSize?: number;
}

/** A VOTable table (a read result, result.table, a table read from a file) as VOParquet bytes. */
export function toParquet(table: VOTableTable, options: ParquetWriteOptions = {}): Uint8Array {
  const arrowOptions = options.rows === undefined ? {} : { rows: options.rows };
  const arrow = table.toArrow({ ...arrowOptions, metadata: voparquetMetadata(table, options.context) });
  return arrowToParquet(arrow, options);
}

/** An Arrow table as Parquet bytes; its schema metadata (a VOParquet header, say) becomes the file's key-value metadata. */
export function arrowToParquet(arrow: ArrowTable, options: Pick<ParquetWriteOptions, 'compression' | 'rowGroupSize'> = {}): Uint8Array {
  const schema: SchemaElement[] = [{ name: 'root', num_children: arrow.numCols }];
  const columnData = arrow.schema.fields.map((f, i) => {
    const column = arrow.children[i]! as Column<unknown>;
    schema.push(...schemaFor(f.name, f.type));
    return { name: f.name, data: columnValues(f.type, column) as DecodedArray };
  });
  const kvMetadata = [...(arrow.schema.metadata ?? new Map<string, string>())].map(([key, value]) => ({ key, value }));
  const buffer = parquetWriteBuffer({
    schema,
    columnData,
    kvMetadata,
    codec: options.compression === 'uncompressed' ? 'UNCOMPRESSED' : 'SNAPPY',
    rowGroupSize: options.rowGroupSize ?? 100_000,
    // Min/max statistics cost a pass over every column; adqlkit's files are read whole.
    statistics: false,
    createdBy: 'adqlkit (hyparquet-writer)',
  });
  return new Uint8Array(buffer);
}

/** The Parquet schema elements of one column: a leaf, or a 3-level LIST group for a list. */
function schemaFor(name: string, type: DataType): SchemaElement[] {
  if (type.typeId === Type.List || type.typeId === Type.FixedSizeList || type.typeId === Type.LargeList) {
    const child = (type as { children: Array<{ type: DataType }> }).children[0]!.type;
    const inner = child.typeId === Type.FixedSizeList ? (child as { children: Array<{ type: DataType }> }).children[0]!.type : child;
    if (child.typeId === Type.FixedSizeList) {
      // A list of complex numbers: a list of [re, im] lists.
      return [
        { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        leaf('element', inner),
      ];
    }
    return [
      { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      leaf('element', child, name),
    ];
  }
  return [leaf(name, type)];
}

/** A leaf column. Narrow integers keep their width as a converted type (DuckDB reads a short as SMALLINT). */
function leaf(name: string, type: DataType, column = name): SchemaElement {
  const repetition_type = 'OPTIONAL';
  switch (type.typeId) {
    case Type.Bool:
      return { name, type: 'BOOLEAN', repetition_type };
    case Type.Int: {
      const { bitWidth, signed } = type as { bitWidth: number; signed: boolean };
      if (bitWidth === 64)
        return signed ? { name, type: 'INT64', repetition_type } : { name, type: 'INT64', converted_type: 'UINT_64', repetition_type };
      const converted = `${signed ? 'INT' : 'UINT'}_${bitWidth}` as SchemaElement['converted_type'];
      return { name, type: 'INT32', converted_type: converted, repetition_type };
    }
    case Type.Float:
      return { name, type: (type as { precision: number }).precision === 2 ? 'DOUBLE' : 'FLOAT', repetition_type };
    case Type.Utf8:
    case Type.LargeUtf8:
      return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
    default:
      throw new ColumnarError(
        'unsupported-type',
        `column ${JSON.stringify(column)} has an Arrow type (id ${type.typeId}) that adqlkit does not write to Parquet; cast it to a number or a string first`,
        column,
      );
  }
}

/** The values hyparquet-writer takes for a column: typed arrays when no row is null, else arrays with nulls. */
function columnValues(type: DataType, column: Column<unknown>): ArrayLike<unknown> {
  if (type.typeId === Type.Utf8) return utf8Cells(column);
  const isList = type.typeId === Type.List || type.typeId === Type.FixedSizeList || type.typeId === Type.LargeList;
  if (!isList && column.nullCount === 0 && type.typeId !== Type.Bool) {
    const parts = column.data.map((b) => (b.values as unknown as Float64Array).subarray(0, b.length));
    if (parts.length === 1) return parts[0]!;
    // Several record batches (a VOTable read in chunks): one typed array, copied once.
    const joined = new (parts[0]!.constructor as Float64ArrayConstructor)(column.length);
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    return joined;
  }
  const out = new Array<unknown>(column.length);
  let at = 0;
  for (const b of column.data) {
    const valid = (i: number): boolean => b.nullCount === 0 || ((b.validity[i >> 3]! >> (i & 7)) & 1) === 1;
    if (isList) for (let i = 0; i < b.length; i++) out[at + i] = listCell(b.at(i));
    else if (type.typeId === Type.Bool) {
      const bits = b.values as unknown as Uint8Array;
      for (let i = 0; i < b.length; i++) out[at + i] = valid(i) ? ((bits[i >> 3]! >> (i & 7)) & 1) === 1 : null;
    } else {
      // Numbers straight from the typed array (no per-cell accessor): nulls where the bitmap says so.
      const values = b.values as unknown as ArrayLike<unknown>;
      for (let i = 0; i < b.length; i++) out[at + i] = valid(i) ? values[i] : null;
    }
    at += b.length;
  }
  return out;
}

/** A list cell as a plain array (nested [re, im] pairs for complex numbers). */
function listCell(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  return Array.from(v as ArrayLike<unknown>, (x) => (x !== null && typeof x === 'object' ? Array.from(x as ArrayLike<unknown>) : x));
}

/** UTF-8 cells as byte views into the Arrow buffer (no decoding to strings and back). */
function utf8Cells(column: Column<unknown>): Array<Uint8Array | null> {
  const out = new Array<Uint8Array | null>(column.length);
  let at = 0;
  for (const b of column.data) {
    const bytes = b.values as unknown as Uint8Array;
    const offsets = b.offsets as Int32Array;
    for (let i = 0; i < b.length; i++) {
      const valid = b.nullCount === 0 || ((b.validity[i >> 3]! >> (i & 7)) & 1) === 1;
      out[at + i] = valid ? bytes.subarray(offsets[i]!, offsets[i + 1]!) : null;
    }
    at += b.length;
  }
  return out;
}
