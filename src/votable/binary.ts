/**
 * BINARY / BINARY2 decoder: base64 text is decoded (base64.ts) straight into a byte buffer, then
 * rows are read with a DataView (big-endian as the standard says). Rows split across chunks are
 * rolled back and retried.
 */
import { Buffer } from '#bytes';
import { Base64StreamDecoder } from './base64.js';
import { BulkRowDecoder } from './binary-bulk.js';
import { BatchingDecoder } from './batches.js';
import { allNaNIsNull, allNullIsNull, CellProblem, longToNumber, maskArray } from './cells.js';
import {
  appendBytes,
  appendString,
  Elem,
  nullWords,
  Shape,
  setNull,
  type ColumnBatch,
  type ColumnCodec,
  type ColumnStore,
} from './columns.js';
import { VOTableError } from './errors.js';
import type { ReadReporter } from './report.js';
import type { VOTableComplex, VOTableValue } from './types.js';

const MORE = -1;

interface SliceBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

export class BinaryDecoder extends BatchingDecoder {
  private bin: Buffer = Buffer.allocUnsafe(1 << 16);
  private view = new DataView(this.bin.buffer, this.bin.byteOffset, this.bin.byteLength);
  /** Decoded bytes waiting in `bin` are bin[0, binLen). */
  private binLen = 0;
  /** Absolute decoded-stream offset of bin[0] (for error messages). */
  private binBase = 0;
  /** Column-at-a-time decoding of runs of plain rows, when every column allows it. */
  private readonly bulk: BulkRowDecoder | undefined;
  private readonly base64 = new Base64StreamDecoder((message, offset) => this.fail('bad-base64', message, offset));
  private readonly flagBytes: number;
  private readonly elems: Int32Array;
  /** VALUES null of bigint-mode long columns as 32-bit words (NaN when none). */
  private readonly nullLo: Float64Array;
  private readonly nullHi: Float64Array;

  /**
   * Per column: 1 once a variable multidimensional cell showed its count prefix counts only the
   * last dimension (astropy's form, see decodeArrayCell); the rest of the table is read that way.
   */
  private readonly lastDimCounts: Uint8Array;

  constructor(
    codecs: readonly ColumnCodec[],
    capacity: number,
    tableIndex: number,
    private readonly binary2: boolean,
    emit: (b: ColumnBatch) => void,
    reporter?: ReadReporter,
  ) {
    super(codecs, capacity, tableIndex, binary2 ? 'BINARY2' : 'BINARY', emit, reporter);
    this.lastDimCounts = new Uint8Array(codecs.length);
    this.bulk = BulkRowDecoder.of(codecs, binary2);
    this.flagBytes = binary2 ? (codecs.length + 7) >> 3 : 0;
    this.elems = Int32Array.from(codecs, (c) => (c.shape === Shape.Scalar ? c.elem : 100 + c.elem));
    this.nullLo = Float64Array.from(codecs, (c) => nullWords(c)?.[0] ?? NaN);
    this.nullHi = Float64Array.from(codecs, (c) => nullWords(c)?.[1] ?? NaN);
  }

  /** Decode base64 text src[s, e) (absolute offset `base` of src[0]) and then every complete row. */
  push(src: Uint8Array, s: number, e: number, base: number): void {
    this.decodeBase64(src, s, e, base);
    this.decodeRows(false);
  }

  /** The STREAM element ended: everything must have been consumed. */
  end(base: number): void {
    const pending = this.base64.pendingCharacters;
    if (pending !== 0) this.fail('bad-base64', `base64 STREAM ends with an incomplete group of ${pending} character(s) (truncated?)`, base);
    this.decodeRows(true);
    this.finish();
  }

  private decodeBase64(src: Uint8Array, s: number, e: number, base: number): void {
    const need = this.binLen + Math.ceil(((e - s) * 3) / 4) + 3;
    if (need > this.bin.length) this.grow(need);
    this.binLen = this.base64.decode(src as Buffer, s, e, this.bin, this.binLen, base);
  }

  private grow(need: number): void {
    const next = Buffer.allocUnsafe(Math.max(need, this.bin.length * 2));
    this.bin.copy(next, 0, 0, this.binLen);
    this.bin = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  private decodeRows(final: boolean): void {
    const end = this.binLen;
    let pos = 0;
    while (pos < end) {
      if (this.bulk !== undefined) {
        const done = this.bulk.decode(this.bin, this.view, pos, end, this.stores, this.row, this.capacity - this.row, this.capacity);
        if (done.rows > 0) {
          pos = done.end;
          this.commitRows(done.rows);
          continue;
        }
      }
      // The next row needs the per-row decoder (or is incomplete).
      const next = this.decodeRow(pos, end);
      if (next === MORE) {
        if (final) this.fail('truncated', `base64 STREAM ends inside a row (${end - pos} byte(s) of an incomplete row)`, undefined);
        this.rollbackRow();
        break;
      }
      // A row of zero bytes (all FIELDs 0 wide, or no FIELD at all) would never end the loop.
      if (next === pos)
        this.fail(
          'metadata',
          `the ${this.encodingName} rows of this table are 0 bytes wide (no FIELD, or only arraysize="0" FIELDs) but the STREAM holds ${end - pos} byte(s): the data cannot be decoded`,
          this.binBase + pos,
        );
      pos = next;
      this.commitRow();
    }
    if (pos > 0) {
      this.bin.copy(this.bin, 0, pos, end);
      this.binLen = end - pos;
      this.binBase += pos;
    }
  }

  /** Decode one row at `pos`; returns the offset after it, or MORE if the buffer ends first. */
  private decodeRow(pos: number, end: number): number {
    const dv = this.view;
    const row = this.row;
    const ncol = this.elems.length;
    const flagStart = pos;
    if (this.binary2) {
      pos += this.flagBytes;
      if (pos > end) return MORE;
    }
    for (let ci = 0; ci < ncol; ci++) {
      const store = this.stores[ci]!;
      const isNullFlag = this.binary2 && (this.bin[flagStart + (ci >> 3)]! & (0x80 >> (ci & 7))) !== 0;
      const el = this.elems[ci]!;
      switch (el) {
        case Elem.Double: {
          if (pos + 8 > end) return MORE;
          const v = dv.getFloat64(pos);
          pos += 8;
          if (isNullFlag || v !== v) setNull(store, row, this.capacity);
          else (store.values as Float64Array)[row] = v;
          break;
        }
        case Elem.Float: {
          if (pos + 4 > end) return MORE;
          const v = dv.getFloat32(pos);
          pos += 4;
          if (isNullFlag || v !== v) setNull(store, row, this.capacity);
          else (store.values as Float32Array)[row] = v;
          break;
        }
        case Elem.Int:
        case Elem.Short:
        case Elem.UnsignedByte: {
          let v: number;
          if (el === Elem.Int) {
            if (pos + 4 > end) return MORE;
            v = dv.getInt32(pos);
            pos += 4;
          } else if (el === Elem.Short) {
            if (pos + 2 > end) return MORE;
            v = dv.getInt16(pos);
            pos += 2;
          } else {
            if (pos + 1 > end) return MORE;
            v = this.bin[pos]!;
            pos += 1;
          }
          const nullInt = this.codecs[ci]!.nullInt;
          if (isNullFlag || (nullInt !== undefined && v === nullInt)) setNull(store, row, this.capacity);
          else (store.values as Int32Array)[row] = v;
          break;
        }
        case Elem.Long: {
          if (pos + 8 > end) return MORE;
          const codec = this.codecs[ci]!;
          if (isNullFlag) {
            setNull(store, row, this.capacity);
            pos += 8;
            break;
          }
          if (store.words !== null) {
            const hi = dv.getInt32(pos);
            const lo = dv.getInt32(pos + 4);
            pos += 8;
            if (lo === this.nullLo[ci] && hi === this.nullHi[ci]) {
              setNull(store, row, this.capacity);
              break;
            }
            store.words[2 * row] = lo;
            store.words[2 * row + 1] = hi;
          } else {
            const big = dv.getBigInt64(pos);
            pos += 8;
            if (codec.nullInt !== undefined && Number(big) === codec.nullInt) {
              setNull(store, row, this.capacity);
              break;
            }
            (store.values as Float64Array)[row] = this.checked(() => longToNumber(big), ci, pos - 8);
          }
          break;
        }
        case Elem.Boolean: {
          if (pos + 1 > end) return MORE;
          const b = this.bin[pos++]!;
          if (isNullFlag || b === 63 || b === 0 || b === 32) setNull(store, row, this.capacity);
          else if (b === 84 || b === 116 || b === 49) (store.values as Uint8Array)[row] = 1;
          else if (b === 70 || b === 102 || b === 48) (store.values as Uint8Array)[row] = 0;
          else this.invalid(`byte 0x${b.toString(16)} is not a boolean (T, F, ?)`, this.binBase + pos - 1, ci);
          break;
        }
        case Elem.Bit: {
          if (pos + 1 > end) return MORE;
          const b = this.bin[pos++]!;
          // The standard packs bits from the most significant one (0x80); astropy writes a scalar
          // bit as 0x08. Padding bits are zero either way, so any set bit means 1.
          if (isNullFlag) setNull(store, row, this.capacity);
          else (store.values as Uint8Array)[row] = b !== 0 ? 1 : 0;
          break;
        }
        case Elem.FloatComplex:
        case Elem.DoubleComplex: {
          const size = el === Elem.FloatComplex ? 4 : 8;
          if (pos + 2 * size > end) return MORE;
          const re = size === 4 ? dv.getFloat32(pos) : dv.getFloat64(pos);
          const im = size === 4 ? dv.getFloat32(pos + 4) : dv.getFloat64(pos + 8);
          pos += 2 * size;
          if (isNullFlag || (re !== re && im !== im)) setNull(store, row, this.capacity);
          else {
            const v = store.values as Float64Array;
            v[2 * row] = re;
            v[2 * row + 1] = im;
          }
          break;
        }
        default: {
          const next = this.decodeArrayCell(ci, store, pos, end, isNullFlag);
          if (next === MORE) return MORE;
          pos = next;
        }
      }
    }
    return pos;
  }

  private checked<T>(f: () => T, ci: number, at: number): T {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof CellProblem)) throw e;
      this.invalid(e.message, this.binBase + at, ci);
      return NaN as T; // the cell is null now; the value stored under the null flag is never read
    }
  }

  /** Strings and arrays: fixed count, or a 4-byte element count prefix for variable arrays. */
  private decodeArrayCell(ci: number, store: ColumnStore, pos: number, end: number, isNull: boolean): number {
    const codec = this.codecs[ci]!;
    let count = codec.fixedCount;
    if (count < 0) {
      if (pos + 4 > end) return MORE;
      count = this.view.getUint32(pos);
      pos += 4;
      if (count > 0x7fffffff) this.fail('bad-value', `implausible array length ${count}`, this.binBase + pos - 4, ci);
      // "AxB*": the standard's prefix counts the primitives ("multiplying the size and number of
      // the primitives" gives the bytes), as STIL reads and writes it; astropy counts the last
      // dimension only. A count that is not a multiple of A*B can only be astropy's form.
      const inner = codec.field.shape.length > 1 ? codec.field.shape.slice(0, -1).reduce((a, b) => a * b, 1) : 1;
      if (inner > 1 && (this.lastDimCounts[ci] === 1 || count % inner !== 0)) {
        this.lastDimCounts[ci] = 1;
        count *= inner;
      }
    }
    // Math.ceil, not (count + 7) >> 3: a count of 2^31 or more would turn negative in 32-bit arithmetic.
    const bytes = codec.elem === Elem.Bit ? Math.ceil(count / 8) : count * elemBytes(codec.elem);
    if (pos + bytes > end) return MORE;
    const s = pos;
    pos += bytes;
    if (isNull) {
      setNull(store, this.row, this.capacity);
      return pos;
    }
    if (codec.fixedCount < 0 && codec.maxCount >= 0 && count > codec.maxCount) {
      if (codec.elem !== Elem.Char && codec.elem !== Elem.UnicodeChar) {
        this.invalid(`variable-length array of ${count} elements exceeds arraysize ${codec.field.arraysize}`, this.binBase + s - 4, ci);
        return pos;
      }
      this.reporter.warn(
        `column ${JSON.stringify(codec.field.name)} (table ${this.tableIndex}) holds strings longer than its arraysize ${codec.field.arraysize}; read as they are`,
      );
    }
    if (store.text !== null && codec.elem === Elem.Char) {
      // char strings: copy the bytes up to the first NUL straight into the column.
      let e = s;
      let ascii = true;
      const bin = this.bin;
      const stop = s + bytes;
      while (e < stop && bin[e] !== 0) {
        if (bin[e]! > 127) ascii = false;
        e++;
      }
      if (e === s) {
        setNull(store, this.row, this.capacity);
        return pos;
      }
      if (codec.nullString !== undefined && bin.toString(ascii ? 'latin1' : 'utf8', s, e) === codec.nullString) {
        setNull(store, this.row, this.capacity);
        return pos;
      }
      appendBytes(store.text, bin, s, e, ascii);
      return pos;
    }
    const v = this.arrayValue(codec, s, count, bytes);
    if (v === null) setNull(store, this.row, this.capacity);
    else if (store.text !== null) appendString(store.text, v as string);
    else (store.values as unknown[])[this.row] = v;
    return pos;
  }

  private arrayValue(codec: ColumnCodec, s: number, count: number, bytes: number): VOTableValue {
    const dv = this.view;
    const bin = this.bin as SliceBuffer;
    if (count === 0) return null; // empty strings and arrays read as null, as empty TABLEDATA cells do
    switch (codec.elem) {
      case Elem.Char: {
        let e = s;
        let high = false;
        while (e < s + bytes && bin[e] !== 0) {
          if (bin[e]! > 127) high = true;
          e++;
        }
        if (codec.shape === Shape.String) {
          if (e === s) return null;
          const t = high ? bin.utf8Slice(s, e) : bin.latin1Slice(s, e);
          return codec.nullString !== undefined && t === codec.nullString ? null : t;
        }
        return splitStrings(bin.toString('utf8', s, s + bytes), codec.field.shape[0]!);
      }
      case Elem.UnicodeChar: {
        let t = '';
        for (let i = 0; i < count; i++) {
          const u = dv.getUint16(s + 2 * i);
          if (u === 0 && codec.shape === Shape.String) break;
          t += String.fromCharCode(u);
        }
        if (codec.shape !== Shape.String) return splitStrings(t, codec.field.shape[0]!);
        if (t === '') return null;
        return codec.nullString !== undefined && t === codec.nullString ? null : t;
      }
      default:
        break;
    }
    switch (codec.elem) {
      case Elem.Double: {
        const a = new Float64Array(count);
        for (let i = 0; i < count; i++) a[i] = dv.getFloat64(s + 8 * i);
        return maskArray(codec, a);
      }
      case Elem.Float: {
        const a = new Float32Array(count);
        for (let i = 0; i < count; i++) a[i] = dv.getFloat32(s + 4 * i);
        return maskArray(codec, a);
      }
      case Elem.Int: {
        const a = new Int32Array(count);
        for (let i = 0; i < count; i++) a[i] = dv.getInt32(s + 4 * i);
        return maskArray(codec, a);
      }
      case Elem.Short: {
        const a = new Int16Array(count);
        for (let i = 0; i < count; i++) a[i] = dv.getInt16(s + 2 * i);
        return maskArray(codec, a);
      }
      case Elem.UnsignedByte:
        return maskArray(codec, Uint8Array.from(this.bin.subarray(s, s + count)));
      case Elem.Long: {
        if (codec.longMode === 'number') {
          const a = new Float64Array(count);
          for (let i = 0; i < count; i++) {
            const big = dv.getBigInt64(s + 8 * i);
            a[i] =
              typeof codec.nullInt === 'number' && Number(big) === codec.nullInt
                ? codec.nullInt
                : this.checked(() => longToNumber(big), codec.index, s);
          }
          return maskArray(codec, a);
        }
        const a = new BigInt64Array(count);
        for (let i = 0; i < count; i++) a[i] = dv.getBigInt64(s + 8 * i);
        return maskArray(codec, a);
      }
      case Elem.Boolean: {
        const out: Array<boolean | null> = [];
        for (let i = 0; i < count; i++) {
          const b = this.bin[s + i]!;
          out.push(b === 84 || b === 116 || b === 49 ? true : b === 70 || b === 102 || b === 48 ? false : null);
        }
        return allNullIsNull(out);
      }
      case Elem.Bit: {
        const out: boolean[] = [];
        for (let i = 0; i < count; i++) out.push((this.bin[s + (i >> 3)]! & (0x80 >> (i & 7))) !== 0);
        return out;
      }
      case Elem.FloatComplex:
      case Elem.DoubleComplex: {
        const out: VOTableComplex[] = [];
        const f = codec.elem === Elem.FloatComplex;
        for (let i = 0; i < count; i++) {
          out.push(
            f ? [dv.getFloat32(s + 8 * i), dv.getFloat32(s + 8 * i + 4)] : [dv.getFloat64(s + 16 * i), dv.getFloat64(s + 16 * i + 8)],
          );
        }
        return allNaNIsNull(out);
      }
      default:
        throw new VOTableError('metadata', `unsupported datatype ${codec.field.datatype}`);
    }
  }
}

function elemBytes(elem: Elem): number {
  switch (elem) {
    case Elem.Boolean:
    case Elem.UnsignedByte:
    case Elem.Char:
      return 1;
    case Elem.Short:
    case Elem.UnicodeChar:
      return 2;
    case Elem.Int:
    case Elem.Float:
      return 4;
    case Elem.Long:
    case Elem.Double:
    case Elem.FloatComplex:
      return 8;
    case Elem.DoubleComplex:
      return 16;
    default:
      return 1;
  }
}

function splitStrings(t: string, n: number): string[] {
  // Strings of 0 characters (arraysize="0x*") hold no text: splitting by 0 would never end.
  if (!(n >= 1)) throw new VOTableError('metadata', `${t.length} character(s) in an array of ${n}-character strings`);
  const out: string[] = [];
  for (let i = 0; i < t.length; i += n)
    out.push(
      t
        .slice(i, i + n)
        .replace(/\0.*$/s, '')
        .replace(/ +$/, ''),
    );
  return out;
}
