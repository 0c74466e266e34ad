/**
 * Parquet reading (hyparquet, pure JavaScript: Node and browsers). A file with a VOParquet header
 * reads back with its FIELDs, PARAMs and QUERY_STATUS; any other Parquet file (pandas, DuckDB,
 * Spark, astropy) gets FIELDs from its column types.
 */
import {
  bool,
  columnFromArray,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  list,
  tableFromColumns,
  timestamp,
  uint16,
  uint32,
  uint64,
  uint8,
  utf8,
  Column,
  TimeUnit,
  type DataType,
  type Table as ArrowTable,
} from '#flechette';
import { parquetMetadata, parquetRead, parquetSchema, type FileMetaData, type SchemaTree } from 'hyparquet';
import { documentFromArrow, type VOTableDocument, type XtypeMode } from '../votable/index.js';
import { flatBatch } from './arrow-batches.js';
import { ColumnarError } from './errors.js';

export interface ParquetReadOptions {
  /** As readVOTable's: 'convert' (default) gives Dates and geometry objects, 'raw' the stored values. */
  xtypes?: XtypeMode;
  /**
   * A data-less VOTable describing the columns (the VOTable of the VOTable-remote-file form); default:
   * the file's own `IVOA.VOTable-Parquet.content`.
   */
  header?: string;
}

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

/** True when the bytes start like a Parquet file. */
export function isParquet(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

function toArrayBuffer(input: Uint8Array | ArrayBuffer): ArrayBuffer {
  if (input instanceof ArrayBuffer) return input;
  return input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer;
}

function metadataOf(file: ArrayBuffer): FileMetaData {
  const head = new Uint8Array(file, 0, Math.min(4, file.byteLength));
  if (!isParquet(head)) throw new ColumnarError('not-columnar', 'this is not a Parquet file (it does not start with "PAR1")');
  try {
    return parquetMetadata(file);
  } catch (e) {
    throw new ColumnarError(
      'not-columnar',
      `the Parquet footer cannot be read (${(e as Error).message}); the file is truncated or damaged`,
    );
  }
}

/** A Parquet file as an Arrow table; its key-value metadata becomes the schema metadata. */
export async function parquetToArrow(input: Uint8Array | ArrayBuffer): Promise<ArrowTable> {
  const file = toArrayBuffer(input);
  const metadata = metadataOf(file);
  const tree = parquetSchema(metadata);
  const chunks = new Map<string, Array<{ rowStart: number; data: ArrayLike<unknown> }>>();
  try {
    await parquetRead({
      file,
      metadata,
      onChunk: (c) => {
        const list = chunks.get(c.columnName) ?? [];
        list.push({ rowStart: c.rowStart, data: c.columnData as ArrayLike<unknown> });
        chunks.set(c.columnName, list);
      },
    });
  } catch (e) {
    const message = (e as Error).message;
    if (/compression|codec/i.test(message)) {
      throw new ColumnarError(
        'unsupported-compression',
        `${message}: adqlkit reads uncompressed and SNAPPY Parquet (what pandas, DuckDB and Spark write by default); rewrite the file with SNAPPY`,
      );
    }
    throw new ColumnarError('not-columnar', `the Parquet data cannot be read: ${message}`);
  }
  const entries = tree.children.map((node): [string, Column<unknown>] => {
    const name = node.element.name;
    const type = arrowTypeOf(node);
    const parts = (chunks.get(name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
    const batches = parts.flatMap((p) => {
      const flat = flatBatch(p.data, type);
      return flat ? [flat] : [...columnFromArray(arrowInput(p.data), type, { useBigInt: true }).data];
    });
    return [name, batches.length === 0 ? columnFromArray([], type) : new Column(batches, type)];
  });
  const arrow = tableFromColumns(entries);
  arrow.schema.metadata = new Map((metadata.key_value_metadata ?? []).map((kv) => [kv.key, kv.value ?? '']));
  return arrow;
}

/** A chunk as the Arrow builders take it: typed arrays as they are; dates as milliseconds, missing values as null. */
function arrowInput(data: ArrayLike<unknown>): unknown[] | Float64Array {
  if (ArrayBuffer.isView(data)) return data as Float64Array;
  return Array.from(data, (v) => (v === undefined ? null : v instanceof Date ? v.getTime() : v));
}

/** The Arrow type of a Parquet column (its schema subtree). */
function arrowTypeOf(node: SchemaTree): DataType {
  const e = node.element;
  if (node.children.length > 0) {
    // LIST (3-level: group > repeated group > element, or the legacy 2-level forms)
    const repeated = node.children[0]!;
    const elementNode = repeated.children.length === 1 ? repeated.children[0]! : repeated;
    if (e.converted_type !== 'LIST' && e.logical_type?.type !== 'LIST') {
      throw new ColumnarError(
        'unsupported-type',
        `column ${JSON.stringify(e.name)} is a Parquet group (struct or map), which has no VOTable datatype; select its fields as columns of their own`,
        e.name,
      );
    }
    return list(arrowTypeOf(elementNode));
  }
  const converted = e.converted_type;
  const logical = e.logical_type as { type?: string; bitWidth?: number; isSigned?: boolean } | undefined;
  switch (e.type) {
    case 'BOOLEAN':
      return bool();
    case 'INT32':
      if (converted === 'INT_8' || (logical?.type === 'INTEGER' && logical.bitWidth === 8 && logical.isSigned)) return int8();
      if (converted === 'INT_16' || (logical?.type === 'INTEGER' && logical.bitWidth === 16 && logical.isSigned)) return int16();
      if (converted === 'UINT_8' || (logical?.type === 'INTEGER' && logical.bitWidth === 8 && !logical.isSigned)) return uint8();
      if (converted === 'UINT_16' || (logical?.type === 'INTEGER' && logical.bitWidth === 16 && !logical.isSigned)) return uint16();
      if (converted === 'UINT_32' || (logical?.type === 'INTEGER' && logical.bitWidth === 32 && !logical.isSigned)) return uint32();
      if (converted === 'DATE' || logical?.type === 'DATE') return timestamp(TimeUnit.MILLISECOND);
      if (converted === 'DECIMAL') return float64();
      return int32();
    case 'INT64':
      if (converted === 'UINT_64' || (logical?.type === 'INTEGER' && !logical.isSigned)) return uint64();
      if (converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS' || logical?.type === 'TIMESTAMP')
        return timestamp(TimeUnit.MILLISECOND);
      if (converted === 'DECIMAL') return float64();
      return int64();
    case 'INT96':
      return timestamp(TimeUnit.MILLISECOND);
    case 'FLOAT':
      return float32();
    case 'DOUBLE':
      return float64();
    case 'BYTE_ARRAY':
      if (
        converted === 'UTF8' ||
        converted === 'JSON' ||
        converted === 'ENUM' ||
        logical?.type === 'STRING' ||
        logical?.type === 'JSON' ||
        logical?.type === 'ENUM'
      )
        return utf8();
      if (converted === 'DECIMAL') return float64();
      break;
    case 'FIXED_LEN_BYTE_ARRAY':
      if (converted === 'DECIMAL') return float64();
      break;
    default:
      break;
  }
  throw new ColumnarError(
    'unsupported-type',
    `column ${JSON.stringify(e.name)} is Parquet ${e.type}${converted ? ` (${converted})` : ''}, which has no VOTable datatype; cast it to a number or a string when writing the file`,
    e.name,
  );
}

/**
 * A Parquet file as a VOTable document: `document.tables[0]` holds the rows, with the FIELDs,
 * PARAMs and INFOs (QUERY_STATUS) of its VOParquet header when it has one.
 */
export async function readParquet(input: Uint8Array | ArrayBuffer, options: ParquetReadOptions = {}): Promise<VOTableDocument> {
  const arrow = await parquetToArrow(input);
  return documentFromArrow(arrow, options);
}
