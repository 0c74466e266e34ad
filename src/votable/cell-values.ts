/**
 * Every cell of one storage chunk as values, in one loop per storage type: what
 * VOTableColumn.toArray() (and so rows(), CSV export...) costs when a whole column is read. The
 * values are those of VOTableColumn.raw(i), cell by cell; the loops only skip its per-cell range
 * check, chunk lookup and type switch, and keep each element access monomorphic.
 */
import { Elem, Shape, type ColumnCodec, type ColumnStore } from './columns.js';
import { displayFloat32 } from './format.js';
import type { VOTableValue } from './types.js';

interface SliceBytes {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/**
 * Write the values of rows [0, n) of `store` to out[at, at + n); complex scalars are left to the
 * caller (returns false for them).
 */
export function copyCellValues(codec: ColumnCodec, store: ColumnStore, n: number, out: VOTableValue[], at: number): boolean {
  const nulls = store.nulls;
  if (store.text !== null) {
    const t = store.text;
    const bytes = t.bytes as unknown as SliceBytes;
    const offsets = t.offsets;
    if (t.ascii) {
      for (let j = 0; j < n; j++) out[at + j] = nulls !== null && nulls[j] === 1 ? null : bytes.latin1Slice(offsets[j]!, offsets[j + 1]!);
    } else {
      for (let j = 0; j < n; j++) out[at + j] = nulls !== null && nulls[j] === 1 ? null : bytes.utf8Slice(offsets[j]!, offsets[j + 1]!);
    }
    return true;
  }
  if (codec.shape !== Shape.Scalar) {
    const cells = store.values as VOTableValue[];
    for (let j = 0; j < n; j++) out[at + j] = nulls !== null && nulls[j] === 1 ? null : (cells[j] ?? null);
    return true;
  }
  switch (codec.elem) {
    case Elem.Boolean:
    case Elem.Bit: {
      const v = store.values as Uint8Array;
      for (let j = 0; j < n; j++) out[at + j] = nulls !== null && nulls[j] === 1 ? null : v[j] === 1;
      return true;
    }
    case Elem.Float: {
      const v = store.values as Float32Array;
      for (let j = 0; j < n; j++) out[at + j] = nulls !== null && nulls[j] === 1 ? null : displayFloat32(v[j]!);
      return true;
    }
    case Elem.Double: {
      const v = store.values as Float64Array;
      for (let j = 0; j < n; j++) out[at + j] = nulls !== null && nulls[j] === 1 ? null : v[j]!;
      return true;
    }
    case Elem.Int: {
      const v = store.values as Int32Array;
      for (let j = 0; j < n; j++) out[at + j] = nulls !== null && nulls[j] === 1 ? null : v[j]!;
      return true;
    }
    case Elem.Short: {
      const v = store.values as Int16Array;
      for (let j = 0; j < n; j++) out[at + j] = nulls !== null && nulls[j] === 1 ? null : v[j]!;
      return true;
    }
    case Elem.UnsignedByte: {
      const v = store.values as Uint8Array;
      for (let j = 0; j < n; j++) out[at + j] = nulls !== null && nulls[j] === 1 ? null : v[j]!;
      return true;
    }
    case Elem.Long: {
      if (store.words === null) {
        const v = store.values as Float64Array;
        for (let j = 0; j < n; j++) out[at + j] = nulls !== null && nulls[j] === 1 ? null : v[j]!;
      } else {
        const v = store.values as BigInt64Array;
        for (let j = 0; j < n; j++) out[at + j] = nulls !== null && nulls[j] === 1 ? null : v[j]!;
      }
      return true;
    }
    default:
      return false;
  }
}
