/**
 * Bytes outside Node: a Uint8Array with the few Buffer methods adqlkit's readers and writers call
 * (allocation, concatenation, copies, UTF-8/Latin-1/base64 conversion, slices as text, big-endian
 * numbers), built on TextEncoder/TextDecoder and DataView. Chosen for `#bytes` by package.json's `imports` conditions, so the same
 * reader code runs on Node's Buffer there. Nothing global is patched and no other method exists.
 */
type Encoding = 'utf8' | 'utf-8' | 'latin1' | 'binary' | 'ascii' | 'base64';

const encoder = new TextEncoder();
// ignoreBOM: a BOM is kept as U+FEFF, as Node's Buffer#toString keeps it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export class Buffer extends Uint8Array {
  static alloc(size: number): Buffer {
    return new Buffer(size);
  }

  static allocUnsafe(size: number): Buffer {
    return new Buffer(size);
  }

  static isBuffer(value: unknown): value is Buffer {
    return value instanceof Buffer;
  }

  static byteLength(text: string, _encoding?: 'utf8'): number {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }

  /** from(text, encoding), from(bytes) (a copy), or from(arrayBuffer, offset, length) (a view). */
  static override from(value: unknown, encodingOrOffset?: unknown, length?: unknown): Buffer {
    if (typeof value === 'string') {
      if (encodingOrOffset === 'base64') return fromBase64(value);
      if (encodingOrOffset === 'latin1' || encodingOrOffset === 'binary') return latin1Bytes(value);
      const bytes = encoder.encode(value);
      return new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    if (value instanceof ArrayBuffer) return new Buffer(value, (encodingOrOffset as number | undefined) ?? 0, length as number | undefined);
    const src = value as ArrayLike<number>;
    const out = new Buffer(src.length);
    out.set(src);
    return out;
  }

  static concat(list: readonly Uint8Array[], totalLength?: number): Buffer {
    const total = totalLength ?? list.reduce((n, b) => n + b.length, 0);
    const out = new Buffer(total);
    let at = 0;
    for (const b of list) {
      if (at >= total) break;
      const part = b.length <= total - at ? b : b.subarray(0, total - at);
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  override toString(encoding: Encoding = 'utf8', start = 0, end = this.length): string {
    if (encoding === 'latin1' || encoding === 'binary' || encoding === 'ascii') return this.latin1Slice(start, end);
    if (encoding === 'base64') return toBase64(this.subarray(start, end));
    return this.utf8Slice(start, end);
  }

  utf8Slice(start: number, end: number): string {
    return decoder.decode(this.subarray(start, end));
  }

  latin1Slice(start: number, end: number): string {
    let out = '';
    for (let i = start; i < end; i += 8192)
      out += String.fromCharCode.apply(null, this.subarray(i, Math.min(end, i + 8192)) as unknown as number[]);
    return out;
  }

  /** Writes `text` as UTF-8 at `offset`; returns the bytes written (whole characters only). */
  write(text: string, offset = 0, _encoding?: 'utf8'): number {
    return encoder.encodeInto(text, this.subarray(offset)).written;
  }

  /** indexOf of a byte, of a byte sequence or of a string's UTF-8 bytes (a marker). */
  override indexOf(value: number | Uint8Array | string, from = 0): number {
    if (typeof value === 'number') return super.indexOf(value, from);
    const needle = typeof value === 'string' ? encoder.encode(value) : value;
    for (let i = Math.max(0, from); i + needle.length <= this.length; i = i + 1) {
      i = super.indexOf(needle[0]!, i);
      if (i < 0 || i + needle.length > this.length) return -1;
      if (matchesAt(this, needle, i)) return i;
    }
    return -1;
  }

  override lastIndexOf(value: number | Uint8Array | string, from = this.length - 1): number {
    if (typeof value === 'number') return super.lastIndexOf(value, from);
    const needle = typeof value === 'string' ? encoder.encode(value) : value;
    for (let i = Math.min(from, this.length - needle.length); i >= 0; i--) if (matchesAt(this, needle, i)) return i;
    return -1;
  }

  private view(): DataView {
    return new DataView(this.buffer, this.byteOffset, this.byteLength);
  }

  readUInt16BE(at: number): number {
    return this.view().getUint16(at);
  }
  readInt16BE(at: number): number {
    return this.view().getInt16(at);
  }
  readInt32BE(at: number): number {
    return this.view().getInt32(at);
  }
  readBigInt64BE(at: number): bigint {
    return this.view().getBigInt64(at);
  }
  readFloatBE(at: number): number {
    return this.view().getFloat32(at);
  }
  readDoubleBE(at: number): number {
    return this.view().getFloat64(at);
  }

  /** Copies [sourceStart, sourceEnd) into `target` at `targetStart` (overlap allowed); returns the bytes copied. */
  copy(target: Uint8Array, targetStart = 0, sourceStart = 0, sourceEnd = this.length): number {
    const n = Math.max(0, Math.min(sourceEnd - sourceStart, target.length - targetStart));
    // Within one buffer, set() would clone the source first; copyWithin moves the bytes in place.
    if (target === this) this.copyWithin(targetStart, sourceStart, sourceStart + n);
    else target.set(this.subarray(sourceStart, sourceStart + n), targetStart);
    return n;
  }

  writeUInt8(value: number, at: number): number {
    this[at] = value;
    return at + 1;
  }
  writeUInt16BE(value: number, at: number): number {
    this.view().setUint16(at, value);
    return at + 2;
  }
  writeInt16BE(value: number, at: number): number {
    this.view().setInt16(at, value);
    return at + 2;
  }
  writeInt32BE(value: number, at: number): number {
    this.view().setInt32(at, value);
    return at + 4;
  }
  writeUInt32BE(value: number, at: number): number {
    this.view().setUint32(at, value);
    return at + 4;
  }
  writeFloatBE(value: number, at: number): number {
    this.view().setFloat32(at, value);
    return at + 4;
  }
  writeDoubleBE(value: number, at: number): number {
    this.view().setFloat64(at, value);
    return at + 8;
  }
  writeBigInt64BE(value: bigint, at: number): number {
    this.view().setBigInt64(at, value);
    return at + 8;
  }
}

function matchesAt(hay: Uint8Array, needle: Uint8Array, at: number): boolean {
  for (let j = 0; j < needle.length; j++) if (hay[at + j] !== needle[j]) return false;
  return true;
}

function latin1Bytes(text: string): Buffer {
  const out = new Buffer(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function fromBase64(text: string): Buffer {
  // Node skips characters outside the alphabet and accepts missing padding: do the same.
  let clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  if (clean.length % 4 === 1) clean = clean.slice(0, -1);
  return latin1Bytes(atob(clean + '=='.slice(0, (4 - (clean.length % 4)) % 4)));
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 8192)
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return btoa(binary);
}
