/**
 * Column-at-a-time decoding of complete BINARY/BINARY2 rows, for tables whose columns are all
 * scalars (numbers, long, boolean, bit) or char strings: the common case of a TAP result.
 *
 * A first pass finds where each row starts and where each variable-length cell ends (the
 * "anchors"); then one tight loop per column reads every row's cell at its anchor plus a fixed
 * offset and tests its null flag. The per-row decoder (binary.ts) stays the reference: this path
 * stops before any row it would decode differently (a count beyond the arraysize, a byte that is
 * no boolean, a long beyond 2^53 in number mode, an incomplete row) and lets that one decode it, so
 * errors, warnings and lenient nulls are reported exactly as the per-row decoder does.
 */
import type { Buffer } from '#bytes';
import { Elem, nullWords, reserveText, setNull, Shape, type ColumnCodec, type ColumnStore } from './columns.js';

const enum Kind {
  Double,
  Float,
  Int,
  Short,
  UnsignedByte,
  LongWords,
  LongNumber,
  Boolean,
  Bit,
  FixedChars,
  VariableChars,
}

/** Where a column's cell is: `offset` bytes after anchor `anchor` of its row. */
interface BulkColumn {
  readonly index: number;
  readonly kind: Kind;
  readonly anchor: number;
  readonly offset: number;
  /** FixedChars: bytes per cell. */
  readonly bytes: number;
  /** VariableChars: the largest count decoded here (beyond it the per-row decoder warns), and the anchor its end sets. */
  readonly maxCount: number;
  readonly next: number;
  /** Null flag of BINARY2 (mask 0 for BINARY: never set). */
  readonly flagByte: number;
  readonly flagMask: number;
  /** Integer VALUES null (NaN when none); bigint-mode long: its two 32-bit words. */
  readonly nullNumber: number;
  readonly nullLo: number;
  readonly nullHi: number;
  readonly nullString: string | undefined;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const TWO_32 = 4294967296;

const SCALAR_KIND: Partial<Record<Elem, Kind>> = {
  [Elem.Double]: Kind.Double,
  [Elem.Float]: Kind.Float,
  [Elem.Int]: Kind.Int,
  [Elem.Short]: Kind.Short,
  [Elem.UnsignedByte]: Kind.UnsignedByte,
  [Elem.Boolean]: Kind.Boolean,
  [Elem.Bit]: Kind.Bit,
};

const SCALAR_BYTES: Partial<Record<Kind, number>> = {
  [Kind.Double]: 8,
  [Kind.Float]: 4,
  [Kind.Int]: 4,
  [Kind.Short]: 2,
  [Kind.UnsignedByte]: 1,
  [Kind.LongWords]: 8,
  [Kind.LongNumber]: 8,
  [Kind.Boolean]: 1,
  [Kind.Bit]: 1,
};

function kindOf(codec: ColumnCodec): Kind | undefined {
  if (codec.shape === Shape.Scalar) {
    if (codec.elem === Elem.Long) return codec.longMode === 'number' ? Kind.LongNumber : Kind.LongWords;
    return SCALAR_KIND[codec.elem];
  }
  if (codec.shape === Shape.String && codec.elem === Elem.Char) return codec.fixedCount >= 0 ? Kind.FixedChars : Kind.VariableChars;
  return undefined;
}

export interface BulkResult {
  rows: number;
  /** Offset after the last row decoded. */
  end: number;
}

export class BulkRowDecoder {
  /** anchors[0][r]: start of row r; anchors[k][r]: end of the k-th variable cell of row r. */
  private anchors: Int32Array[] = [];
  private readonly variable: BulkColumn[];
  /** Columns whose decoding can stop the block (decoded first, so the others only do the rows kept). */
  private readonly fallible: BulkColumn[];
  private readonly infallible: BulkColumn[];

  private constructor(
    columns: BulkColumn[],
    /** Bytes after the last anchor to the row's end. */
    private readonly tail: number,
  ) {
    this.variable = columns.filter((c) => c.kind === Kind.VariableChars);
    this.fallible = columns.filter((c) => c.kind === Kind.Boolean || c.kind === Kind.LongNumber);
    this.infallible = columns.filter((c) => c.kind !== Kind.Boolean && c.kind !== Kind.LongNumber);
  }

  /** The bulk decoder of a table, or undefined when a column needs the per-row decoder (arrays, unicodeChar, complex). */
  static of(codecs: readonly ColumnCodec[], binary2: boolean): BulkRowDecoder | undefined {
    const columns: BulkColumn[] = [];
    let anchor = 0;
    let offset = binary2 ? (codecs.length + 7) >> 3 : 0;
    for (const codec of codecs) {
      const kind = kindOf(codec);
      if (kind === undefined) return undefined;
      const words = nullWords(codec) ?? [NaN, NaN];
      const column: BulkColumn = {
        index: codec.index,
        kind,
        anchor,
        offset,
        bytes: kind === Kind.FixedChars ? codec.fixedCount : (SCALAR_BYTES[kind] ?? 0),
        maxCount: codec.maxCount >= 0 ? codec.maxCount : 0x7fffffff,
        next: anchor + 1,
        flagByte: binary2 ? codec.index >> 3 : 0,
        flagMask: binary2 ? 0x80 >> (codec.index & 7) : 0,
        nullNumber: typeof codec.nullInt === 'number' ? codec.nullInt : NaN,
        nullLo: words[0]!,
        nullHi: words[1]!,
        nullString: codec.nullString,
      };
      columns.push(column);
      if (kind === Kind.VariableChars) {
        anchor++;
        offset = 0;
      } else offset += column.bytes;
    }
    // Rows of zero bytes: the per-row decoder reports them.
    if (anchor === 0 && offset === 0) return undefined;
    return new BulkRowDecoder(columns, offset);
  }

  /**
   * Decode up to `maxRows` complete rows of bin[start, end) into the stores from row `row0`; stops
   * before a row the per-row decoder must see. Writes values, null marks and string offsets; the
   * caller commits the rows.
   */
  decode(
    bin: Buffer,
    dv: DataView,
    start: number,
    end: number,
    stores: ColumnStore[],
    row0: number,
    maxRows: number,
    capacity: number,
  ): BulkResult {
    let n = this.locateRows(dv, start, end, maxRows);
    if (n === 0) return { rows: 0, end: start };
    const a0 = this.anchors[0]!;
    for (const c of this.fallible) {
      const store = stores[c.index]!;
      const good =
        c.kind === Kind.Boolean
          ? booleans(bin, this.anchors[c.anchor]!, c, a0, n, store, row0, capacity)
          : longNumbers(bin, dv, this.anchors[c.anchor]!, c, a0, n, store, row0, capacity);
      if (good < n) {
        // Null marks of earlier fallible columns beyond the new end are the per-row decoder's to set.
        for (const d of this.fallible) stores[d.index]!.nulls?.fill(0, row0 + good, row0 + n);
        n = good;
        if (n === 0) return { rows: 0, end: start };
      }
    }
    for (const c of this.infallible) decodeColumn(bin, dv, this.anchors, c, n, stores[c.index]!, row0, capacity);
    return { rows: n, end: this.rowEnd(n - 1) };
  }

  private rowEnd(r: number): number {
    const last = this.variable.length === 0 ? 0 : this.variable[this.variable.length - 1]!.next;
    return this.anchors[last]![r]! + this.tail;
  }

  /** Fill the anchors of the complete rows from `start` (at most maxRows) whose counts are plausible; returns their number. */
  private locateRows(dv: DataView, start: number, end: number, maxRows: number): number {
    const anchorCount = this.variable.length + 1;
    if (this.anchors.length === 0 || this.anchors[0]!.length < maxRows) {
      const size = Math.max(maxRows, 256);
      this.anchors = Array.from({ length: anchorCount }, () => new Int32Array(size));
    }
    const a0 = this.anchors[0]!;
    if (anchorCount === 1) {
      const width = this.tail;
      const n = Math.min(maxRows, Math.floor((end - start) / width));
      for (let r = 0, p = start; r < n; r++, p += width) a0[r] = p;
      return n;
    }
    if (anchorCount === 2) return this.locateOneVariable(dv, start, end, maxRows);
    let p = start;
    let r = 0;
    rows: for (; r < maxRows; r++) {
      a0[r] = p;
      for (const v of this.variable) {
        const at = this.anchors[v.anchor]![r]! + v.offset;
        if (at + 4 > end) break rows;
        const count = dv.getUint32(at);
        if (count > v.maxCount) break rows;
        this.anchors[v.next]![r] = at + 4 + count;
      }
      const rowEnd = this.rowEnd(r);
      if (rowEnd > end) break;
      p = rowEnd;
    }
    return r;
  }

  /** locateRows for the common table with one variable column (a string), with everything in locals. */
  private locateOneVariable(dv: DataView, start: number, end: number, maxRows: number): number {
    const a0 = this.anchors[0]!;
    const a1 = this.anchors[1]!;
    const { offset, maxCount } = this.variable[0]!;
    const tail = this.tail;
    let p = start;
    let r = 0;
    for (; r < maxRows; r++) {
      const at = p + offset;
      if (at + 4 > end) break;
      const count = dv.getUint32(at);
      if (count > maxCount) break;
      const cellEnd = at + 4 + count;
      if (cellEnd + tail > end) break;
      a0[r] = p;
      a1[r] = cellEnd;
      p = cellEnd + tail;
    }
    return r;
  }
}

function decodeColumn(
  bin: Buffer,
  dv: DataView,
  anchors: Int32Array[],
  c: BulkColumn,
  n: number,
  store: ColumnStore,
  row0: number,
  capacity: number,
): void {
  const at = anchors[c.anchor]!;
  const a0 = anchors[0]!;
  switch (c.kind) {
    case Kind.Double:
      return doubles(bin, dv, at, c, a0, n, store, row0, capacity);
    case Kind.Float:
      return floats(bin, dv, at, c, a0, n, store, row0, capacity);
    case Kind.Int:
    case Kind.Short:
    case Kind.UnsignedByte:
      return integers(bin, dv, at, c, a0, n, store, row0, capacity);
    case Kind.LongWords:
      return longs(bin, dv, at, c, a0, n, store, row0, capacity);
    case Kind.Bit:
      return bits(bin, at, c, a0, n, store, row0, capacity);
    default:
      return chars(bin, dv, at, c.kind === Kind.VariableChars ? anchors[c.next]! : undefined, c, a0, n, store, row0, capacity);
  }
}

function doubles(
  bin: Buffer,
  dv: DataView,
  at: Int32Array,
  c: BulkColumn,
  a0: Int32Array,
  n: number,
  store: ColumnStore,
  row0: number,
  cap: number,
): void {
  const values = store.values as Float64Array;
  const { offset, flagByte, flagMask } = c;
  for (let r = 0; r < n; r++) {
    const v = dv.getFloat64(at[r]! + offset);
    if (v !== v || (bin[a0[r]! + flagByte]! & flagMask) !== 0) setNull(store, row0 + r, cap);
    else values[row0 + r] = v;
  }
}

function floats(
  bin: Buffer,
  dv: DataView,
  at: Int32Array,
  c: BulkColumn,
  a0: Int32Array,
  n: number,
  store: ColumnStore,
  row0: number,
  cap: number,
): void {
  const values = store.values as Float32Array;
  const { offset, flagByte, flagMask } = c;
  for (let r = 0; r < n; r++) {
    const v = dv.getFloat32(at[r]! + offset);
    if (v !== v || (bin[a0[r]! + flagByte]! & flagMask) !== 0) setNull(store, row0 + r, cap);
    else values[row0 + r] = v;
  }
}

/** int, short and unsignedByte (their stores: Int32Array, Int16Array, Uint8Array), one loop each. */
function integers(
  bin: Buffer,
  dv: DataView,
  at: Int32Array,
  c: BulkColumn,
  a0: Int32Array,
  n: number,
  store: ColumnStore,
  row0: number,
  cap: number,
): void {
  const { offset, flagByte, flagMask, nullNumber } = c;
  if (c.kind === Kind.Int) {
    const values = store.values as Int32Array;
    for (let r = 0; r < n; r++) {
      const v = dv.getInt32(at[r]! + offset);
      if (v === nullNumber || (bin[a0[r]! + flagByte]! & flagMask) !== 0) setNull(store, row0 + r, cap);
      else values[row0 + r] = v;
    }
  } else if (c.kind === Kind.Short) {
    const values = store.values as Int16Array;
    for (let r = 0; r < n; r++) {
      const v = dv.getInt16(at[r]! + offset);
      if (v === nullNumber || (bin[a0[r]! + flagByte]! & flagMask) !== 0) setNull(store, row0 + r, cap);
      else values[row0 + r] = v;
    }
  } else {
    const values = store.values as Uint8Array;
    for (let r = 0; r < n; r++) {
      const v = bin[at[r]! + offset]!;
      if (v === nullNumber || (bin[a0[r]! + flagByte]! & flagMask) !== 0) setNull(store, row0 + r, cap);
      else values[row0 + r] = v;
    }
  }
}

/** bigint-mode long: the two 32-bit words into the Int32Array over the BigInt64Array (no bigint made). */
function longs(
  bin: Buffer,
  dv: DataView,
  at: Int32Array,
  c: BulkColumn,
  a0: Int32Array,
  n: number,
  store: ColumnStore,
  row0: number,
  cap: number,
): void {
  const words = store.words!;
  const { offset, flagByte, flagMask, nullLo, nullHi } = c;
  for (let r = 0; r < n; r++) {
    const p = at[r]! + offset;
    const hi = dv.getInt32(p);
    const lo = dv.getInt32(p + 4);
    if ((bin[a0[r]! + flagByte]! & flagMask) !== 0 || (lo === nullLo && hi === nullHi)) setNull(store, row0 + r, cap);
    else {
      words[2 * (row0 + r)] = lo;
      words[2 * (row0 + r) + 1] = hi;
    }
  }
}

/** number-mode long; returns the first row beyond ±(2^53-1) (the per-row decoder reports it). */
function longNumbers(
  bin: Buffer,
  dv: DataView,
  at: Int32Array,
  c: BulkColumn,
  a0: Int32Array,
  n: number,
  store: ColumnStore,
  row0: number,
  cap: number,
): number {
  const values = store.values as Float64Array;
  const { offset, flagByte, flagMask, nullNumber } = c;
  for (let r = 0; r < n; r++) {
    if ((bin[a0[r]! + flagByte]! & flagMask) !== 0) {
      setNull(store, row0 + r, cap);
      continue;
    }
    const p = at[r]! + offset;
    // hi * 2^32 is exact, so the sum is rounded once: the same double as Number(bigint).
    const v = dv.getInt32(p) * TWO_32 + dv.getUint32(p + 4);
    if (v === nullNumber) setNull(store, row0 + r, cap);
    else if (v > MAX_SAFE || v < -MAX_SAFE) return r;
    else values[row0 + r] = v;
  }
  return n;
}

/** Returns the first row whose byte is no boolean (the per-row decoder reports it). */
function booleans(
  bin: Buffer,
  at: Int32Array,
  c: BulkColumn,
  a0: Int32Array,
  n: number,
  store: ColumnStore,
  row0: number,
  cap: number,
): number {
  const values = store.values as Uint8Array;
  const { offset, flagByte, flagMask } = c;
  for (let r = 0; r < n; r++) {
    const v = BOOLEAN_BYTE[bin[at[r]! + offset]!]!;
    if (v === BOOLEAN_NULL || (bin[a0[r]! + flagByte]! & flagMask) !== 0) setNull(store, row0 + r, cap);
    else if (v === BOOLEAN_INVALID) return r;
    else values[row0 + r] = v;
  }
  return n;
}

const BOOLEAN_NULL = 2;
const BOOLEAN_INVALID = 3;
/** A boolean cell's byte: 1 (T, t, 1), 0 (F, f, 0), null (?, NUL, space) or invalid. */
const BOOLEAN_BYTE = new Uint8Array(256).fill(BOOLEAN_INVALID);
for (const b of [84, 116, 49]) BOOLEAN_BYTE[b] = 1;
for (const b of [70, 102, 48]) BOOLEAN_BYTE[b] = 0;
for (const b of [63, 0, 32]) BOOLEAN_BYTE[b] = BOOLEAN_NULL;

function bits(bin: Buffer, at: Int32Array, c: BulkColumn, a0: Int32Array, n: number, store: ColumnStore, row0: number, cap: number): void {
  const values = store.values as Uint8Array;
  const { offset, flagByte, flagMask } = c;
  // Any set bit means 1 (the standard packs from 0x80, astropy writes a scalar bit as 0x08).
  for (let r = 0; r < n; r++) {
    if ((bin[a0[r]! + flagByte]! & flagMask) !== 0) setNull(store, row0 + r, cap);
    else values[row0 + r] = bin[at[r]! + offset]! !== 0 ? 1 : 0;
  }
}

interface TextDecodable {
  toString(encoding: 'latin1' | 'utf8', start: number, end: number): string;
}

/** char strings: the bytes up to the first NUL copied into the column's text; empty is null. */
function chars(
  bin: Buffer,
  dv: DataView,
  at: Int32Array,
  ends: Int32Array | undefined,
  c: BulkColumn,
  a0: Int32Array,
  n: number,
  store: ColumnStore,
  row0: number,
  cap: number,
): void {
  const t = store.text!;
  const { offset, flagByte, flagMask, nullString } = c;
  // Variable cells: the count prefix, then the bytes up to the anchor their end set (locateRows).
  const skip = ends === undefined ? offset : offset + 4;
  let total = c.bytes * n;
  if (ends !== undefined) {
    total = -skip * n;
    for (let r = 0; r < n; r++) total += ends[r]! - at[r]!;
  }
  reserveText(t, total);
  const out = t.bytes;
  const outView = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const offsets = t.offsets;
  let o = t.length;
  let high = 0;
  for (let r = 0; r < n; r++) {
    const row = row0 + r;
    if ((bin[a0[r]! + flagByte]! & flagMask) !== 0) {
      setNull(store, row, cap);
      offsets[row + 1] = o;
      continue;
    }
    const s = at[r]! + skip;
    const stop = ends === undefined ? s + c.bytes : ends[r]!;
    const first = o;
    // Four bytes at a time while none is NUL (the has-zero-byte test), then byte by byte.
    let cellHigh = 0;
    let k = s;
    for (; k + 4 <= stop; k += 4) {
      const w = dv.getInt32(k);
      if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break;
      cellHigh |= w;
      outView.setInt32(o, w);
      o += 4;
    }
    for (; k < stop; k++) {
      const b = bin[k]!;
      if (b === 0) break;
      cellHigh |= b;
      out[o++] = b;
    }
    const ascii = (cellHigh & 0x80808080) === 0;
    if (o === first) setNull(store, row, cap);
    else if (
      nullString !== undefined &&
      (bin as unknown as TextDecodable).toString(ascii ? 'latin1' : 'utf8', s, s + o - first) === nullString
    ) {
      o = first;
      setNull(store, row, cap);
    } else if (!ascii) high = 1;
    offsets[row + 1] = o;
  }
  t.length = o;
  if (high !== 0) t.ascii = false;
}
