/**
 * Thrift compact protocol, read into a typed tree and written back byte for byte. Parquet footers
 * are compact-protocol structs; HATS needs to edit them without understanding every field (set the
 * file path of each column chunk for `dataset/_metadata`, move offsets for a partial copy of a remote
 * file), so every field keeps its wire type and unknown fields pass through untouched.
 */
import { HatsError } from './errors.js';

/** Wire types (booleans are normalised to BOOL; the value says true or false). */
export const T = { BOOL: 1, BYTE: 3, I16: 4, I32: 5, I64: 6, DOUBLE: 7, BINARY: 8, LIST: 9, STRUCT: 12 } as const;

export type TValue = boolean | number | bigint | Uint8Array | TStruct | TList;
export interface TField {
  id: number;
  type: number;
  value: TValue;
}
export interface TStruct {
  fields: TField[];
}
export interface TList {
  elemType: number;
  items: TValue[];
}

/** Reads one struct at `offset`; returns it and the offset after its STOP byte. */
export function readStruct(bytes: Uint8Array, offset = 0): { struct: TStruct; end: number } {
  const r = new Reader(bytes, offset);
  const struct = r.struct();
  return { struct, end: r.pos };
}

export function writeStruct(struct: TStruct): Uint8Array {
  const w = new Writer();
  w.struct(struct);
  return w.bytes();
}

export function field(s: TStruct, id: number): TValue | undefined {
  return s.fields.find((f) => f.id === id)?.value;
}

/** Sets (or replaces) a field, keeping ids ascending as the protocol's deltas need. */
export function setField(s: TStruct, id: number, type: number, value: TValue): void {
  const at = s.fields.findIndex((f) => f.id >= id);
  if (at >= 0 && s.fields[at]!.id === id) s.fields[at] = { id, type, value };
  else if (at < 0) s.fields.push({ id, type, value });
  else s.fields.splice(at, 0, { id, type, value });
}

export function dropFields(s: TStruct, ...ids: number[]): void {
  s.fields = s.fields.filter((f) => !ids.includes(f.id));
}

export const asStruct = (v: TValue | undefined): TStruct | undefined => (v && typeof v === 'object' && 'fields' in v ? v : undefined);
export const asList = (v: TValue | undefined): TList | undefined => (v && typeof v === 'object' && 'items' in v ? v : undefined);
export const asBigint = (v: TValue | undefined): bigint | undefined => (typeof v === 'bigint' ? v : undefined);
export const asText = (v: TValue | undefined): string | undefined => (v instanceof Uint8Array ? new TextDecoder().decode(v) : undefined);

class Reader {
  constructor(
    private readonly b: Uint8Array,
    public pos: number,
  ) {}

  private byte(): number {
    if (this.pos >= this.b.length) throw new HatsError('a Parquet footer ends in the middle of a value (truncated or not Parquet)');
    return this.b[this.pos++]!;
  }

  private varint(): bigint {
    let out = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = this.byte();
      out |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return out;
    }
  }

  private zigzag(): bigint {
    const v = this.varint();
    return (v >> 1n) ^ -(v & 1n);
  }

  struct(): TStruct {
    const fields: TField[] = [];
    let id = 0;
    for (;;) {
      const head = this.byte();
      const type = head & 0x0f;
      if (type === 0) return { fields };
      const delta = head >> 4;
      id = delta ? id + delta : Number(this.zigzag());
      if (type === 1 || type === 2) fields.push({ id, type: T.BOOL, value: type === 1 });
      else fields.push({ id, type, value: this.value(type) });
    }
  }

  private value(type: number): TValue {
    switch (type) {
      case T.BYTE:
        return this.byte();
      case T.I16:
      case T.I32:
        return Number(this.zigzag());
      case T.I64:
        return this.zigzag();
      case T.DOUBLE: {
        const v = new DataView(this.b.buffer, this.b.byteOffset + this.pos, 8).getFloat64(0, true);
        this.pos += 8;
        return v;
      }
      case T.BINARY: {
        const n = Number(this.varint());
        if (this.pos + n > this.b.length) throw new HatsError('a Parquet footer string runs past its end (truncated or not Parquet)');
        const v = this.b.slice(this.pos, this.pos + n);
        this.pos += n;
        return v;
      }
      case T.LIST:
      case 10: {
        const head = this.byte();
        const elemType = head & 0x0f;
        const size = head >> 4 === 15 ? Number(this.varint()) : head >> 4;
        const items: TValue[] = [];
        // Booleans inside a list are one byte each: kept as that byte.
        for (let i = 0; i < size; i++) items.push(elemType === 1 || elemType === 2 ? this.byte() : this.value(elemType));
        return { elemType, items };
      }
      case T.STRUCT:
        return this.struct();
      default:
        throw new HatsError(`a Parquet footer holds thrift type ${type}, which Parquet does not use (corrupt file?)`);
    }
  }
}

class Writer {
  private buf = new Uint8Array(1024);
  private n = 0;

  bytes(): Uint8Array {
    return this.buf.slice(0, this.n);
  }

  private push(...bytes: number[]): void {
    this.ensure(bytes.length);
    for (const b of bytes) this.buf[this.n++] = b;
  }

  private ensure(extra: number): void {
    if (this.n + extra <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + extra));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }

  private varint(v: bigint): void {
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      this.push(v ? low | 0x80 : low);
    } while (v);
  }

  private zigzag(v: bigint): void {
    this.varint(v >= 0n ? v << 1n : (-v << 1n) - 1n);
  }

  struct(s: TStruct): void {
    let last = 0;
    for (const f of s.fields) {
      const type = f.type === T.BOOL ? (f.value ? 1 : 2) : f.type;
      const delta = f.id - last;
      if (delta > 0 && delta <= 15) this.push((delta << 4) | type);
      else {
        this.push(type);
        this.zigzag(BigInt(f.id));
      }
      last = f.id;
      if (f.type !== T.BOOL) this.value(f.type, f.value);
    }
    this.push(0);
  }

  private value(type: number, v: TValue): void {
    switch (type) {
      case T.BYTE:
        this.push(Number(v) & 0xff);
        return;
      case T.I16:
      case T.I32:
        this.zigzag(BigInt(v as number));
        return;
      case T.I64:
        this.zigzag(v as bigint);
        return;
      case T.DOUBLE: {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setFloat64(0, v as number, true);
        this.push(...b);
        return;
      }
      case T.BINARY: {
        const b = v as Uint8Array;
        this.varint(BigInt(b.length));
        this.ensure(b.length);
        this.buf.set(b, this.n);
        this.n += b.length;
        return;
      }
      case T.LIST:
      case 10: {
        const l = v as TList;
        if (l.items.length < 15) this.push((l.items.length << 4) | l.elemType);
        else {
          this.push(0xf0 | l.elemType);
          this.varint(BigInt(l.items.length));
        }
        for (const item of l.items) {
          if (l.elemType === 1 || l.elemType === 2) this.push(Number(item));
          else this.value(l.elemType, item);
        }
        return;
      }
      case T.STRUCT:
        this.struct(v as TStruct);
        return;
      default:
        throw new HatsError(`cannot write thrift type ${type}`);
    }
  }
}
