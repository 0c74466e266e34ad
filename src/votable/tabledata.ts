/**
 * Byte-level TABLEDATA decoder. It scans <TR>/<TD> markup directly on UTF-8 bytes (a general XML
 * parser would build a node per cell) and converts cells straight into column storage. Cells with
 * entities, CDATA or comments take a slower exact path. A row cut by a chunk boundary is rolled
 * back and decoded again once more bytes arrive.
 */
import { Buffer } from '#bytes';
import { BatchingDecoder } from './batches.js';
import { CellProblem, storeValue, valueFromText } from './cells.js';
import { appendBytes, appendString, Elem, nullWords, Shape, setNull, type ColumnBatch, type ColumnCodec } from './columns.js';
import { VOTableError } from './errors.js';
import type { ReadReporter } from './report.js';
import { base64CellText } from './td-base64.js';
import { decodeEntities, fastFloat, parseFloatText } from './text.js';

const K_DOUBLE = 0;
const K_FLOAT = 1;
const K_INT = 2;
const K_LONG = 3;
const K_BOOL = 4;
const K_STRING = 5;
const K_GENERIC = 6;

/** Returned by the cell scanner when the row continues past the end of the buffer. */
const MORE = -1;

interface SliceBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

export class TableDataDecoder extends BatchingDecoder {
  /** Set once the closing </TABLEDATA> tag is reached; decode() then returns its offset. */
  done = false;
  private readonly kinds: Int32Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly ncol: number;
  /** Per column: VALUES null of long columns as 32-bit words (NaN when none). */
  private readonly nullLo: Float64Array;
  private readonly nullHi: Float64Array;
  /** Per column: VALUES null of float/double columns (NaN when none). */
  private readonly nullF: Float64Array;
  /** Per string column: the arraysize bound (-1 when unbounded or not a string). */
  private readonly strLimit: Int32Array;

  constructor(
    codecs: readonly ColumnCodec[],
    capacity: number,
    tableIndex: number,
    emit: (b: ColumnBatch) => void,
    private readonly latin1 = false,
    reporter?: ReadReporter,
  ) {
    super(codecs, capacity, tableIndex, 'TABLEDATA', emit, reporter);
    this.ncol = codecs.length;
    this.kinds = new Int32Array(codecs.length);
    this.lo = new Float64Array(codecs.length);
    this.hi = new Float64Array(codecs.length);
    this.nullLo = new Float64Array(codecs.length).fill(NaN);
    this.nullHi = new Float64Array(codecs.length).fill(NaN);
    this.nullF = Float64Array.from(codecs, (c) => c.nullFloat);
    this.strLimit = Int32Array.from(codecs, (c) => (c.shape !== Shape.String ? -1 : c.fixedCount >= 0 ? c.fixedCount : c.maxCount));
    codecs.forEach((c, i) => {
      let k = K_GENERIC;
      if (c.shape === Shape.String) k = K_STRING;
      else if (c.shape === Shape.Scalar) {
        switch (c.elem) {
          case Elem.Double:
            k = K_DOUBLE;
            break;
          case Elem.Float:
            k = K_FLOAT;
            break;
          case Elem.Int:
            k = K_INT;
            this.lo[i] = -2147483648;
            this.hi[i] = 2147483647;
            break;
          case Elem.Short:
            k = K_INT;
            this.lo[i] = -32768;
            this.hi[i] = 32767;
            break;
          case Elem.UnsignedByte:
            k = K_INT;
            this.lo[i] = 0;
            this.hi[i] = 255;
            break;
          case Elem.Long: {
            k = c.longMode === 'bigint' ? K_LONG : K_GENERIC;
            const w = nullWords(c);
            if (w) {
              this.nullLo[i] = w[0];
              this.nullHi[i] = w[1];
            }
            break;
          }
          case Elem.Boolean:
            k = K_BOOL;
            break;
          default:
            k = K_GENERIC;
        }
      }
      this.kinds[i] = k;
    });
  }

  /**
   * Decode complete rows in buf[pos, end). Returns the offset of the first byte not consumed: the
   * start of an incomplete row, or the '<' of </TABLEDATA> (then `done` is set). `base` is the
   * absolute input offset of buf[0]; `final` says no more bytes will come.
   */
  decode(buf: Buffer, pos: number, end: number, base: number, final: boolean): number {
    const ncol = this.ncol;
    for (;;) {
      const rowStart = pos;
      while (pos < end && buf[pos] !== 60) {
        if (buf[pos]! > 32) this.fail('bad-value', `unexpected text between TABLEDATA rows`, base + pos);
        pos++;
      }
      if (pos + 1 >= end) return this.more(rowStart, base + pos, final, 0);
      let c = buf[pos + 1]!;
      if (c === 47) {
        // '</': must close TABLEDATA (the markup scanner checks the name)
        this.done = true;
        return pos;
      }
      if (c === 33) {
        const close = skipSpecial(buf, pos, end);
        if (close === MORE) return this.more(rowStart, base + pos, final, 0);
        pos = close;
        continue;
      }
      let gt = buf.indexOf(62, pos);
      if (gt < 0 || gt >= end) return this.more(rowStart, base + pos, final, 0);
      if (!isTag(buf, pos + 1, gt, 84, 82))
        this.fail('xml', `expected <TR> in TABLEDATA, found ${JSON.stringify(snippet(buf, pos, gt + 1))}`, base + pos);
      const rowSelfClosing = buf[gt - 1] === 47;
      pos = gt + 1;
      let col = 0;
      if (!rowSelfClosing) {
        for (;;) {
          while (pos < end && buf[pos] !== 60) {
            if (buf[pos]! > 32) this.fail('bad-value', 'unexpected text between <TD> cells', base + pos, col < ncol ? col : undefined);
            pos++;
          }
          if (pos + 5 >= end) return this.more(rowStart, base + pos, final, col);
          c = buf[pos + 1]!;
          if (c === 47) {
            // </TR>
            gt = buf.indexOf(62, pos);
            if (gt < 0 || gt >= end) return this.more(rowStart, base + pos, final, col);
            if (!isTag(buf, pos + 2, gt, 84, 82))
              this.fail('xml', `expected </TR>, found ${JSON.stringify(snippet(buf, pos, gt + 1))}`, base + pos);
            pos = gt + 1;
            break;
          }
          if (c === 33) {
            const close = skipSpecial(buf, pos, end);
            if (close === MORE) return this.more(rowStart, base + pos, final, col);
            pos = close;
            continue;
          }
          let cs: number;
          let empty = false;
          let encoded = false;
          if (c === 84 && buf[pos + 2] === 68 && buf[pos + 3] === 62) {
            cs = pos + 4;
          } else {
            gt = buf.indexOf(62, pos);
            if (gt < 0 || gt >= end) return this.more(rowStart, base + pos, final, col);
            if (!isTag(buf, pos + 1, gt, 84, 68))
              this.fail('xml', `expected <TD> in a TABLEDATA row, found ${JSON.stringify(snippet(buf, pos, gt + 1))}`, base + pos);
            empty = buf[gt - 1] === 47;
            encoded = /\bencoding\s*=\s*["']base64["']/.test((buf as SliceBuffer).latin1Slice(pos, gt));
            cs = gt + 1;
          }
          if (col >= ncol) {
            // Lenient reads skip the extra cell (and report it); strict ones stop here.
            const r = empty ? { text: '', end: cs } : collectMixed(buf, cs, end, this.latin1 ? 'latin1' : 'utf8');
            if (r === undefined) return this.more(rowStart, base + pos, final, col);
            this.invalid(`row has more <TD> cells than the ${ncol} FIELDs of the table`, base + pos, col, 'too-many-cells');
            pos = r.end;
            col++;
            continue;
          }
          if (empty) {
            this.storeText(col, '', base + pos);
            pos = cs;
            col++;
            continue;
          }
          if (encoded) {
            const r = collectMixed(buf, cs, end, 'latin1');
            if (r === undefined) return this.more(rowStart, base + pos, final, col);
            if (r.error) this.fail('xml', r.error, base + r.end, col);
            this.storeBase64(col, r.text, base + cs);
            pos = r.end;
            col++;
            continue;
          }
          let p = cs;
          let flags = 0;
          while (p < end) {
            const b = buf[p]!;
            if (b === 60) break;
            if (b === 38) flags |= 1;
            else if (b > 127) flags |= 2;
            p++;
          }
          if (p + 4 >= end) return this.more(rowStart, base + p, final, col);
          if (buf[p + 1] === 47) {
            if (buf[p + 2] === 84 && buf[p + 3] === 68 && buf[p + 4] === 62) {
              pos = p + 5;
            } else {
              gt = buf.indexOf(62, p);
              if (gt < 0 || gt >= end) return this.more(rowStart, base + p, final, col);
              if (!isTag(buf, p + 2, gt, 84, 68))
                this.fail('xml', `expected </TD>, found ${JSON.stringify(snippet(buf, p, gt + 1))}`, base + p, col);
              pos = gt + 1;
            }
            this.cell(col, buf, cs, p, flags, base);
          } else if (buf[p + 1] === 33) {
            const r = collectMixed(buf, cs, end, this.latin1 ? 'latin1' : 'utf8');
            if (r === undefined) return this.more(rowStart, base + p, final, col);
            if (r.error) this.fail('xml', r.error, base + r.end, col);
            this.storeText(col, r.text, base + cs);
            pos = r.end;
          } else {
            this.fail('xml', `unexpected element inside <TD>: ${JSON.stringify(snippet(buf, p, p + 20))}`, base + p, col);
          }
          col++;
        }
      }
      for (; col < ncol; col++)
        this.invalid(`row has ${col} <TD> cells but the table has ${ncol} FIELDs`, base + pos, col, 'too-few-cells');
      this.commitRow();
    }
  }

  private more(rowStart: number, at: number, final: boolean, col: number): number {
    if (final) this.fail('truncated', 'input ends inside TABLEDATA (truncated document?)', at, col < this.ncol ? col : undefined);
    this.rollbackRow();
    return rowStart;
  }

  private cell(ci: number, buf: Buffer, s: number, e: number, flags: number, base: number): void {
    const store = this.stores[ci]!;
    const row = this.row;
    switch (this.kinds[ci]) {
      case K_DOUBLE:
      case K_FLOAT: {
        while (s < e && buf[s]! <= 32) s++;
        while (e > s && buf[e - 1]! <= 32) e--;
        if (s === e) {
          setNull(store, row, this.capacity);
          return;
        }
        let v = flags === 0 ? fastFloat(buf, s, e) : NaN;
        if (v !== v) {
          const t = this.text(buf, s, e, flags);
          const parsed = parseFloatText(t);
          if (parsed === undefined) {
            this.invalid(`${JSON.stringify(t)} is not a number (datatype ${this.codecs[ci]!.field.datatype})`, base + s, ci);
            return;
          }
          v = parsed;
        }
        if (v !== v || (this.kinds[ci] === K_FLOAT ? Math.fround(v) : v) === this.nullF[ci]) setNull(store, row, this.capacity);
        else (store.values as Float64Array)[row] = v;
        return;
      }
      case K_INT: {
        while (s < e && buf[s]! <= 32) s++;
        while (e > s && buf[e - 1]! <= 32) e--;
        if (s === e) {
          setNull(store, row, this.capacity);
          return;
        }
        let i = s;
        let neg = false;
        if (buf[i] === 45) {
          neg = true;
          i++;
        } else if (buf[i] === 43) i++;
        let v = 0;
        const ds = i;
        while (i < e) {
          const d = buf[i]! - 48;
          if (d < 0 || d > 9) break;
          v = v * 10 + d;
          i++;
        }
        if (i !== e || i === ds || i - ds > 15) {
          this.storeText(ci, this.text(buf, s, e, flags), base + s);
          return;
        }
        if (neg) v = -v;
        // The null sentinel is tested first: it may lie outside the datatype's range.
        if (v === this.codecs[ci]!.nullInt) {
          setNull(store, row, this.capacity);
          return;
        }
        if (v < this.lo[ci]! || v > this.hi[ci]!) {
          this.invalid(`${v} is out of range for ${this.codecs[ci]!.field.datatype}`, base + s, ci);
          return;
        }
        (store.values as Int32Array)[row] = v;
        return;
      }
      case K_LONG: {
        while (s < e && buf[s]! <= 32) s++;
        while (e > s && buf[e - 1]! <= 32) e--;
        if (s === e) {
          setNull(store, row, this.capacity);
          return;
        }
        let i = s;
        let neg = false;
        if (buf[i] === 45) {
          neg = true;
          i++;
        } else if (buf[i] === 43) i++;
        // Accumulate the magnitude in two 32-bit words (exact, no bigint allocation per cell).
        let lo = 0;
        let hi = 0;
        const ds = i;
        while (i < e) {
          const d = buf[i]! - 48;
          if (d < 0 || d > 9) break;
          lo = lo * 10 + d;
          const carry = Math.floor(lo / 4294967296);
          lo -= carry * 4294967296;
          hi = hi * 10 + carry;
          i++;
        }
        // Anything unusual (hex, junk, out of range) takes the exact general path and its errors.
        if (i !== e || i === ds || hi > 2147483648 || (hi === 2147483648 && (!neg || lo > 0))) {
          this.storeText(ci, this.text(buf, s, e, flags), base + s);
          return;
        }
        if (neg) {
          if (lo === 0) hi = -hi;
          else {
            lo = 4294967296 - lo;
            hi = 4294967295 - hi;
          }
        }
        const loWord = lo | 0;
        const hiWord = hi | 0;
        if (loWord === this.nullLo[ci] && hiWord === this.nullHi[ci]) {
          setNull(store, row, this.capacity);
          return;
        }
        const words = store.words!;
        words[2 * row] = loWord;
        words[2 * row + 1] = hiWord;
        return;
      }
      case K_BOOL: {
        while (s < e && buf[s]! <= 32) s++;
        while (e > s && buf[e - 1]! <= 32) e--;
        if (e - s === 1) {
          const b = buf[s];
          if (b === 84 || b === 116 || b === 49) {
            (store.values as Uint8Array)[row] = 1;
            return;
          }
          if (b === 70 || b === 102 || b === 48) {
            (store.values as Uint8Array)[row] = 0;
            return;
          }
          if (b === 63) {
            setNull(store, row, this.capacity);
            return;
          }
        }
        this.storeText(ci, this.text(buf, s, e, flags), base + s);
        return;
      }
      case K_STRING: {
        if (s === e) {
          setNull(store, row, this.capacity);
          return;
        }
        const codec = this.codecs[ci]!;
        if (e - s > this.strLimit[ci]! && this.strLimit[ci]! >= 0) this.checkLength(codec, this.text(buf, s, e, flags));
        if (flags === 0 && codec.nullString === undefined) {
          appendBytes(store.text!, buf, s, e, true); // plain ASCII: copy the bytes as they are
          return;
        }
        if ((flags & 1) === 0 && !this.latin1 && codec.nullString === undefined) {
          appendBytes(store.text!, buf, s, e, false); // UTF-8 without entities
          return;
        }
        const t = this.text(buf, s, e, flags);
        if (codec.nullString !== undefined && t === codec.nullString) setNull(store, row, this.capacity);
        else appendString(store.text!, t);
        return;
      }
      default:
        this.storeText(ci, this.text(buf, s, e, flags), base + s);
    }
  }

  /**
   * A string longer than its arraysize breaks the standard, but truncating it would lose data:
   * it is read as it is and the column is named in the report (char counts UTF-8 bytes).
   */
  private checkLength(codec: ColumnCodec, text: string): void {
    const size = codec.elem === Elem.Char ? Buffer.byteLength(text, 'utf8') : text.length;
    if (size <= this.strLimit[codec.index]!) return;
    this.reporter.warn(
      `column ${JSON.stringify(codec.field.name)} (table ${this.tableIndex}) holds strings longer than its arraysize ${codec.field.arraysize}; read as they are`,
    );
  }

  private text(buf: Buffer, s: number, e: number, flags: number): string {
    const b = buf as SliceBuffer;
    const t = (flags & 2) !== 0 && !this.latin1 ? b.utf8Slice(s, e) : b.latin1Slice(s, e);
    return (flags & 1) !== 0 ? decodeEntities(t) : t;
  }

  private storeBase64(ci: number, text: string, offset: number): void {
    let decoded: string;
    try {
      decoded = base64CellText(this.codecs[ci]!, text);
    } catch (e) {
      if (!(e instanceof CellProblem)) throw e;
      this.invalid(e.message, offset, ci);
      return;
    }
    this.storeText(ci, decoded, offset);
  }

  /** The exact general path: text → value → store, with positioned errors. */
  private storeText(ci: number, text: string, offset: number): void {
    const codec = this.codecs[ci]!;
    try {
      // Lenient reads keep an array whose bad elements become null: the cell is reported once.
      const bad: string[] = [];
      const value = valueFromText(codec, text, this.reporter.lenient ? (message) => bad.push(message) : undefined);
      if (bad.length > 0) this.noteInvalid(bad.join('; '), ci);
      storeValue(codec, this.stores[ci]!, this.row, value, this.capacity);
    } catch (e) {
      if (e instanceof CellProblem) {
        this.invalid(e.message, offset, ci);
        return;
      }
      if (e instanceof VOTableError) throw e;
      this.invalid(`cannot convert ${JSON.stringify(text)}: ${(e as Error).message}`, offset, ci);
    }
  }
}

/** True if the tag name at buf[s..gt) (up to whitespace or '/') has local name a+b ("TR", "TD"). */
function isTag(buf: Buffer, s: number, gt: number, a: number, b: number): boolean {
  let e = s;
  while (e < gt) {
    const c = buf[e]!;
    if (c <= 32 || c === 47) break;
    e++;
  }
  let ls = s;
  for (let i = s; i < e; i++) if (buf[i] === 58) ls = i + 1;
  return e - ls === 2 && buf[ls] === a && buf[ls + 1] === b;
}

/** Skip a comment or processing-like construct starting at '<!' or '<?'; MORE if incomplete. */
function skipSpecial(buf: Buffer, pos: number, end: number): number {
  if (buf[pos + 2] === 45) {
    const close = buf.indexOf('-->', pos + 4);
    return close < 0 || close + 3 > end ? MORE : close + 3;
  }
  const close = buf.indexOf(62, pos);
  return close < 0 || close >= end ? MORE : close + 1;
}

/** Cell text mixing character data, CDATA sections and comments, up to and past its </TD>. */
function collectMixed(
  buf: Buffer,
  s: number,
  end: number,
  encoding: 'utf8' | 'latin1',
): { text: string; end: number; error?: string } | undefined {
  let text = '';
  let p = s;
  for (;;) {
    const lt = buf.indexOf(60, p);
    if (lt < 0 || lt >= end) return undefined;
    text += decodeEntities(buf.toString(encoding, p, lt));
    if (buf[lt + 1] === 47) {
      const gt = buf.indexOf(62, lt);
      if (gt < 0 || gt >= end) return undefined;
      return { text, end: gt + 1 };
    }
    if (buf.toString('latin1', lt, Math.min(lt + 9, end)) === '<![CDATA[') {
      const close = buf.indexOf(']]>', lt + 9);
      if (close < 0 || close + 3 > end) return undefined;
      text += buf.toString(encoding, lt + 9, close);
      p = close + 3;
    } else if (buf[lt + 1] === 33 && buf[lt + 2] === 45) {
      const close = buf.indexOf('-->', lt + 4);
      if (close < 0 || close + 3 > end) return undefined;
      p = close + 3;
    } else {
      return { text, end: lt, error: 'unexpected element inside <TD>' };
    }
  }
}

function snippet(buf: Buffer, s: number, e: number): string {
  return buf.toString('utf8', s, Math.min(e, s + 60));
}
