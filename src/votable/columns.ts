/**
 * Column codecs and column-oriented storage. A codec is compiled once per FIELD and tells the
 * decoders how a cell is stored: scalar numbers in typed arrays, everything else in plain arrays.
 */
import { Buffer } from '#bytes';
import { VOTableError } from './errors.js';
import { parseIntText } from './text.js';
import type { VOTableField } from './types.js';

/** Element type codes (hot loops switch on small integers). */
export const enum Elem {
  Boolean = 0,
  Bit = 1,
  UnsignedByte = 2,
  Short = 3,
  Int = 4,
  Long = 5,
  Char = 6,
  UnicodeChar = 7,
  Float = 8,
  Double = 9,
  FloatComplex = 10,
  DoubleComplex = 11,
}

/** How a cell is stored. */
export const enum Shape {
  /** One number/boolean per row in a typed array (complex: two numbers per row). */
  Scalar = 0,
  /** A string per row (char/unicodeChar with at most one dimension). */
  String = 1,
  /** An array per row (numeric typed array, boolean[], complex[] or string[]). */
  Array = 2,
}

const ELEM_BY_NAME: Record<string, Elem> = {
  boolean: Elem.Boolean,
  bit: Elem.Bit,
  unsignedByte: Elem.UnsignedByte,
  short: Elem.Short,
  int: Elem.Int,
  long: Elem.Long,
  char: Elem.Char,
  unicodeChar: Elem.UnicodeChar,
  float: Elem.Float,
  double: Elem.Double,
  floatComplex: Elem.FloatComplex,
  doubleComplex: Elem.DoubleComplex,
};

export type LongMode = 'bigint' | 'number';

export interface ColumnCodec {
  readonly field: VOTableField;
  readonly index: number;
  readonly elem: Elem;
  readonly shape: Shape;
  /** Elements per cell when fixed, -1 when variable. Strings: characters (fixed) or -1. */
  readonly fixedCount: number;
  /** Upper bound for variable arrays ("10*"), -1 when unbounded. */
  readonly maxCount: number;
  /** Integer VALUES null sentinel as a number (int types) or bigint (long), else undefined. */
  readonly nullInt: number | bigint | undefined;
  /** VALUES null for char columns. */
  readonly nullString: string | undefined;
  /**
   * VALUES null of float/double columns (deprecated by the standard but to be respected), NaN
   * when there is none, so `v === nullFloat` is a cheap test that never matches then.
   */
  readonly nullFloat: number;
  readonly longMode: LongMode;
}

/** Parse an arraysize attribute into dims (first fastest); -1 marks an unbounded last dimension. */
export function parseArraysize(arraysize: string | undefined, fieldName: string): { shape: number[]; variable: boolean } {
  if (arraysize === undefined || arraysize.trim() === '') return { shape: [], variable: false };
  const parts = arraysize.trim().split('x');
  const shape: number[] = [];
  let variable = false;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const m = /^(\d*)(\*?)$/.exec(part.trim());
    if (!m || (m[1] === '' && m[2] === '') || (m[2] === '*' && !last)) {
      throw new VOTableError(
        'metadata',
        `FIELD ${JSON.stringify(fieldName)} has an invalid arraysize ${JSON.stringify(arraysize)}; expected e.g. "10", "*", "10*" or "2x3*"`,
      );
    }
    if (m[2] === '*') {
      variable = true;
      shape.push(m[1] === '' ? -1 : Number(m[1]));
    } else {
      shape.push(Number(m[1]));
    }
  });
  return { shape, variable };
}

export function compileCodec(field: VOTableField, index: number, longMode: LongMode): ColumnCodec {
  const elem = ELEM_BY_NAME[field.datatype];
  if (elem === undefined) {
    throw new VOTableError('metadata', `FIELD ${JSON.stringify(field.name)} has unknown datatype ${JSON.stringify(field.datatype)}`, {
      column: field.name,
      columnIndex: index,
    });
  }
  const dims = field.shape;
  const isChar = elem === Elem.Char || elem === Elem.UnicodeChar;
  let shape: Shape;
  let fixedCount: number;
  let maxCount = -1;
  if (isChar) {
    shape = dims.length <= 1 ? Shape.String : Shape.Array;
  } else {
    shape = dims.length === 0 || (dims.length === 1 && dims[0] === 1 && !field.variable) ? Shape.Scalar : Shape.Array;
  }
  if (dims.length === 0) {
    fixedCount = 1;
  } else if (field.variable) {
    fixedCount = -1;
    const last = dims[dims.length - 1]!;
    if (last >= 0) maxCount = last * dims.slice(0, -1).reduce((a, b) => a * b, 1);
  } else {
    fixedCount = dims.reduce((a, b) => a * b, 1);
  }
  let nullInt: number | bigint | undefined;
  let nullString: string | undefined;
  let nullFloat = NaN;
  const nullAttr = field.values?.null;
  if (nullAttr !== undefined) {
    if (isChar) nullString = nullAttr;
    else if (elem === Elem.Float || elem === Elem.Double) {
      const v = nullAttr.trim() === '' ? NaN : Number(nullAttr);
      nullFloat = elem === Elem.Float ? Math.fround(v) : v;
    } else if (elem === Elem.Long) {
      try {
        nullInt = BigInt(nullAttr.trim());
      } catch {
        nullInt = undefined;
      }
      if (nullInt !== undefined && longMode === 'number') nullInt = Number(nullInt);
    } else if (elem === Elem.UnsignedByte || elem === Elem.Short || elem === Elem.Int) {
      nullInt = parseIntText(nullAttr);
    }
  }
  return { field, index, elem, shape, fixedCount, maxCount, nullInt, nullString, nullFloat, longMode };
}

/** The VALUES null of a bigint-mode long column as [low, high] signed 32-bit words, or undefined. */
export function nullWords(codec: ColumnCodec): [number, number] | undefined {
  if (codec.elem !== Elem.Long || typeof codec.nullInt !== 'bigint') return undefined;
  const n = codec.nullInt;
  return [Number(BigInt.asIntN(32, n)), Number(BigInt.asIntN(32, n >> 32n))];
}

export type ColumnValues = Float64Array | Float32Array | Int32Array | Int16Array | Uint8Array | BigInt64Array | unknown[];

/** Storage for one column of a batch of rows: values plus a null mask (allocated on first null). */
export interface ColumnStore {
  values: ColumnValues;
  nulls: Uint8Array | null;
  /** Int32 view over a BigInt64Array, so long cells can be written without allocating bigints. */
  words: Int32Array | null;
  /**
   * String columns keep UTF-8 bytes, not JS strings (no per-row heap object, no GC pressure):
   * row i is text[offsets[i], offsets[i+1]). Strings are created on access.
   */
  text: StringBytes | null;
}

/**
 * The Buffer methods string columns use, declared without Node's types so that the public
 * declarations need no @types/node (the bytes are always a Node Buffer).
 */
export interface TextBytes extends Uint8Array {
  write(text: string, offset: number, encoding: 'utf8'): number;
  copy(target: Uint8Array, targetStart: number, sourceStart: number, sourceEnd: number): number;
}

export interface StringBytes {
  bytes: TextBytes;
  /** Bytes in use. */
  length: number;
  offsets: Int32Array;
  /** False once a byte >= 0x80 was stored (then decode as UTF-8, else the faster latin1). */
  ascii: boolean;
}

function allocText(capacity: number): StringBytes {
  return { bytes: Buffer.allocUnsafe(Math.max(64, capacity * 16)), length: 0, offsets: new Int32Array(capacity + 1), ascii: true };
}

/** Make room for `n` more bytes. */
export function reserveText(t: StringBytes, n: number): void {
  if (t.length + n <= t.bytes.length) return;
  const next = Buffer.allocUnsafe(Math.max(t.bytes.length * 2, t.length + n));
  t.bytes.copy(next, 0, 0, t.length);
  t.bytes = next;
}

/** Append a JS string (UTF-8 encoded) as the current row's text. */
export function appendString(t: StringBytes, s: string): void {
  reserveText(t, s.length * 3);
  const n = t.bytes.write(s, t.length, 'utf8');
  if (n !== s.length) t.ascii = false;
  t.length += n;
}

/** Append raw UTF-8 bytes src[s, e) as the current row's text. */
export function appendBytes(t: StringBytes, src: Uint8Array, s: number, e: number, ascii: boolean): void {
  reserveText(t, e - s);
  t.bytes.set(src.subarray(s, e), t.length);
  t.length += e - s;
  if (!ascii) t.ascii = false;
}

interface SliceBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** The string of row `row` of a byte-backed column. */
export function textAt(t: StringBytes, row: number): string {
  const b = t.bytes as SliceBuffer;
  const s = t.offsets[row]!;
  const e = t.offsets[row + 1]!;
  return t.ascii ? b.latin1Slice(s, e) : b.utf8Slice(s, e);
}

export function allocStore(codec: ColumnCodec, capacity: number): ColumnStore {
  if (codec.shape === Shape.String) return { values: EMPTY_VALUES, nulls: null, words: null, text: allocText(capacity) };
  if (codec.shape !== Shape.Scalar) return { values: new Array(capacity), nulls: null, words: null, text: null };
  let values: ColumnValues;
  let words: Int32Array | null = null;
  switch (codec.elem) {
    case Elem.Boolean:
    case Elem.Bit:
    case Elem.UnsignedByte:
      values = new Uint8Array(capacity);
      break;
    case Elem.Short:
      values = new Int16Array(capacity);
      break;
    case Elem.Int:
      values = new Int32Array(capacity);
      break;
    case Elem.Long:
      if (codec.longMode === 'number') values = new Float64Array(capacity);
      else {
        const b = new BigInt64Array(capacity);
        values = b;
        words = new Int32Array(b.buffer);
      }
      break;
    case Elem.Float:
      values = new Float32Array(capacity);
      break;
    case Elem.Double:
      values = new Float64Array(capacity);
      break;
    case Elem.FloatComplex:
      values = new Float32Array(capacity * 2);
      break;
    case Elem.DoubleComplex:
      values = new Float64Array(capacity * 2);
      break;
    default:
      values = new Array(capacity); // scalar char is Shape.String, never here
  }
  return { values, nulls: null, words, text: null };
}

const EMPTY_VALUES: unknown[] = [];

function widthOf(codec: ColumnCodec): number {
  return codec.shape === Shape.Scalar && (codec.elem === Elem.FloatComplex || codec.elem === Elem.DoubleComplex) ? 2 : 1;
}

/** Reallocate a store for `capacity` rows, keeping its first `rows` rows. */
export function resizeStore(codec: ColumnCodec, store: ColumnStore, rows: number, capacity: number): void {
  const width = widthOf(codec);
  if (store.text !== null) {
    const t = store.text;
    const offsets = new Int32Array(capacity + 1);
    offsets.set(t.offsets.subarray(0, Math.min(rows, capacity) + 1));
    t.offsets = offsets;
    if (capacity === rows && t.bytes.length > t.length) t.bytes = Buffer.from(t.bytes.subarray(0, t.offsets[rows]!)); // trim the last batch
    t.length = t.offsets[rows]!;
  } else if (Array.isArray(store.values)) {
    store.values.length = capacity; // callers never shrink below the rows kept
  } else {
    const old = store.values;
    const next = allocStore(codec, capacity);
    (next.values as Float64Array).set((old as Float64Array).subarray(0, Math.min(rows, capacity) * width));
    store.values = next.values;
    store.words = next.words;
  }
  if (store.nulls !== null) {
    const nulls = new Uint8Array(capacity);
    nulls.set(store.nulls.subarray(0, Math.min(rows, capacity)));
    store.nulls = nulls;
  }
}

export function setNull(store: ColumnStore, row: number, capacity: number): void {
  if (store.nulls === null) store.nulls = new Uint8Array(capacity);
  store.nulls[row] = 1;
}

/** A block of decoded rows for one table: the unit of streaming and of materialised storage. */
export interface ColumnBatch {
  length: number;
  stores: ColumnStore[];
}

export function allocBatch(codecs: readonly ColumnCodec[], capacity: number): ColumnBatch {
  return { length: 0, stores: codecs.map((c) => allocStore(c, capacity)) };
}

/** Rows of one table as fixed-size chunks: every batch but the last holds 2^shift rows. */
export interface ColumnChunks {
  length: number;
  batches: ColumnBatch[];
  shift: number;
}

/** A single batch as chunks (streamed batches, small tables). */
export function singleChunk(batch: ColumnBatch): ColumnChunks {
  return { length: batch.length, batches: [batch], shift: 30 };
}

/** Concatenate one column's chunks into a single store (done lazily, on request for flat values). */
export function flattenColumn(codec: ColumnCodec, chunks: ColumnStore[], lengths: number[]): ColumnStore {
  const total = lengths.reduce((a, b) => a + b, 0);
  const out = allocStore(codec, total);
  const width = widthOf(codec);
  let at = 0;
  if (out.text !== null) {
    const bytes = chunks.reduce((a, c, k) => a + (c.text?.offsets[lengths[k]!] ?? 0), 0);
    out.text.bytes = Buffer.allocUnsafe(bytes);
  }
  chunks.forEach((src, k) => {
    const n = lengths[k]!;
    if (out.text !== null && src.text !== null) {
      const t = out.text;
      const used = src.text.offsets[n]!;
      src.text.bytes.copy(t.bytes, t.length, 0, used);
      for (let i = 1; i <= n; i++) t.offsets[at + i] = t.length + src.text.offsets[i]!;
      t.length += used;
      if (!src.text.ascii) t.ascii = false;
    } else if (Array.isArray(out.values)) {
      const dst = out.values;
      const sv = src.values as unknown[];
      for (let i = 0; i < n; i++) dst[at + i] = sv[i];
    } else {
      (out.values as Float64Array).set((src.values as Float64Array).subarray(0, n * width), at * width);
    }
    if (src.nulls !== null) {
      if (out.nulls === null) out.nulls = new Uint8Array(total);
      out.nulls.set(src.nulls.subarray(0, n), at);
    }
    at += n;
  });
  return out;
}
