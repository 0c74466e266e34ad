/**
 * Arrow record batches straight from decoded Parquet column chunks, for the flat types (numbers,
 * booleans, strings): one pass that fills a typed array and a validity bitmap, where flechette's
 * generic builder would look at every value's type. Other types return undefined (the builder's job).
 */
import { batchType, Type, type Batch, type DataType } from '#flechette';

type NumberArrayConstructor =
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Int32ArrayConstructor
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

function arrayTypeOf(type: DataType): NumberArrayConstructor | BigInt64ArrayConstructor | BigUint64ArrayConstructor | undefined {
  if (type.typeId === Type.Float) return (type as { precision: number }).precision === 2 ? Float64Array : Float32Array;
  if (type.typeId !== Type.Int) return undefined;
  const { bitWidth, signed } = type as { bitWidth: number; signed: boolean };
  switch (bitWidth) {
    case 8:
      return signed ? Int8Array : Uint8Array;
    case 16:
      return signed ? Int16Array : Uint16Array;
    case 32:
      return signed ? Int32Array : Uint32Array;
    default:
      return signed ? BigInt64Array : BigUint64Array;
  }
}

function make(type: DataType, options: Record<string, unknown>): Batch<unknown> {
  const BatchClass = batchType(type, { useBigInt: true }) as new (o: Record<string, unknown>) => Batch<unknown>;
  return new BatchClass({ type, ...options });
}

const isNull = (v: unknown): boolean => v === null || v === undefined;

/** A batch of `values` (a decoded chunk: a typed array, or an array with nulls), or undefined for a nested type. */
export function flatBatch(values: ArrayLike<unknown>, type: DataType): Batch<unknown> | undefined {
  const n = values.length;
  const validity = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  if (type.typeId === Type.Bool) {
    const bits = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (isNull(v)) {
        nullCount++;
        continue;
      }
      validity[i >> 3]! |= 1 << (i & 7);
      if (v) bits[i >> 3]! |= 1 << (i & 7);
    }
    return make(type, { length: n, nullCount, validity: nullCount === 0 ? new Uint8Array(0) : validity, values: bits });
  }
  if (type.typeId === Type.Utf8) return utf8Batch(values, type);
  const Ctor = arrayTypeOf(type);
  if (Ctor === undefined) return undefined;
  if (values instanceof Ctor) return make(type, { length: n, nullCount: 0, validity: new Uint8Array(0), values });
  const big = Ctor === BigInt64Array || Ctor === BigUint64Array;
  const out = new Ctor(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isNull(v)) {
      nullCount++;
      continue;
    }
    validity[i >> 3]! |= 1 << (i & 7);
    (out as Float64Array)[i] = (big ? BigInt(v as number) : Number(v)) as number;
  }
  return make(type, { length: n, nullCount, validity: nullCount === 0 ? new Uint8Array(0) : validity, values: out });
}

const encoder = new TextEncoder();

function utf8Batch(values: ArrayLike<unknown>, type: DataType): Batch<unknown> {
  const n = values.length;
  const validity = new Uint8Array((n + 7) >> 3);
  const offsets = new Int32Array(n + 1);
  let bytes = new Uint8Array(Math.max(64, n * 16));
  let used = 0;
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isNull(v)) nullCount++;
    else {
      validity[i >> 3]! |= 1 << (i & 7);
      const s = typeof v === 'string' ? v : v instanceof Uint8Array ? v : String(v);
      const need = typeof s === 'string' ? s.length * 3 : s.length;
      if (used + need > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, used + need));
        grown.set(bytes.subarray(0, used));
        bytes = grown;
      }
      if (typeof s === 'string') used += encoder.encodeInto(s, bytes.subarray(used)).written;
      else {
        bytes.set(s, used);
        used += s.length;
      }
    }
    offsets[i + 1] = used;
  }
  return make(type, {
    length: n,
    nullCount,
    validity: nullCount === 0 ? new Uint8Array(0) : validity,
    values: bytes.subarray(0, used),
    offsets,
  });
}
