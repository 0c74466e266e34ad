/**
 * Text → value conversion for one cell (the general path of the TABLEDATA decoder, PARAM values
 * and array cells). The hot scalar paths live in tabledata.ts.
 */
import { appendString, Elem, Shape, setNull, type ColumnCodec, type ColumnStore } from './columns.js';
import { complexPairs, parseBigIntText, parseBooleanText, parseFloatText, parseIntText, tokens } from './text.js';
import type { VOTableComplex, VOTableNumericArray, VOTableValue } from './types.js';

/** Thrown (as a plain message) by converters; the decoder wraps it into a VOTableError with position. */
export class CellProblem {
  constructor(readonly message: string) {}
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const INT_RANGES: Record<number, [number, number]> = {
  [Elem.UnsignedByte]: [0, 255],
  [Elem.Short]: [-32768, 32767],
  [Elem.Int]: [-2147483648, 2147483647],
};

export function longToNumber(v: bigint): number {
  if (v > MAX_SAFE || v < -MAX_SAFE)
    throw new CellProblem(`long value ${v} cannot be represented exactly as a JS number; read with { long: 'bigint' }`);
  return Number(v);
}

/** Convert the text of a cell to its value (null for empty/null cells). */
/**
 * With `badElement` (lenient reads), an array element that is not a value of the column's type
 * (a "NaN" in a long array, an out-of-range short) becomes a null element and is reported
 * through it, instead of failing the whole cell.
 */
export function valueFromText(codec: ColumnCodec, raw: string, badElement?: (message: string) => void): VOTableValue {
  const elem = codec.elem;
  if (codec.shape === Shape.String) {
    if (raw === '') return null;
    if (codec.nullString !== undefined && raw === codec.nullString) return null;
    return raw;
  }
  if (codec.shape === Shape.Scalar) return scalarFromText(codec, raw);
  // Arrays
  if (elem === Elem.Char || elem === Elem.UnicodeChar) {
    if (raw === '') return null;
    const n = codec.field.shape[0]!;
    // Strings of 0 characters (arraysize="0x3") hold no text: splitting by 0 would never end.
    if (!(n >= 1))
      throw new CellProblem(`${raw.length} character(s) in a column of ${n}-character strings (arraysize ${codec.field.arraysize})`);
    const out: string[] = [];
    for (let i = 0; i < raw.length; i += n) out.push(raw.slice(i, i + n).replace(/[\0 ]+$/, ''));
    return out;
  }
  let toks: string[];
  if (elem === Elem.Bit) {
    const t = raw.trim();
    toks = /\s/.test(t) ? tokens(t) : t.split('');
    if (t === '') toks = [];
  } else toks = tokens(raw);
  if (toks.length === 0) return null;
  const count = elem === Elem.FloatComplex || elem === Elem.DoubleComplex ? toks.length / 2 : toks.length;
  if (codec.fixedCount >= 0 && count !== codec.fixedCount) {
    throw new CellProblem(`expected ${codec.fixedCount} array elements (arraysize ${codec.field.arraysize}), found ${count}`);
  }
  if (codec.maxCount >= 0 && count > codec.maxCount) {
    throw new CellProblem(`found ${count} array elements, more than the ${codec.maxCount} allowed by arraysize ${codec.field.arraysize}`);
  }
  switch (elem) {
    case Elem.Boolean:
      return allNullIsNull(
        each(
          toks,
          (t) => {
            const b = parseBooleanText(t);
            if (b === undefined) throw new CellProblem(`${JSON.stringify(t)} is not a boolean`);
            return b;
          },
          badElement,
        ),
      );
    case Elem.Bit:
      return toks.map((t) => {
        if (t !== '0' && t !== '1') throw new CellProblem(`${JSON.stringify(t)} is not a bit (0 or 1)`);
        return t === '1';
      });
    case Elem.Long: {
      const parsed = each(
        toks,
        (t) => {
          const v = parseBigIntText(t);
          if (v === undefined) throw new CellProblem(`${JSON.stringify(t)} is not an integer`);
          return v;
        },
        badElement,
      );
      if (parsed.includes(null))
        return withNullElements(
          codec,
          parsed.map((v) => (v === null ? null : codec.longMode === 'number' ? longToNumber(v) : v)),
        );
      const big = parsed as bigint[];
      if (codec.longMode === 'bigint') return maskArray(codec, BigInt64Array.from(big));
      // The null sentinel may be beyond 2^53: compare before converting.
      const sentinel = codec.field.values?.null === undefined ? undefined : parseBigIntText(codec.field.values.null);
      return maskArray(
        codec,
        Float64Array.from(big, (v) => (v === sentinel ? Number(codec.nullInt) : longToNumber(v))),
      );
    }
    case Elem.UnsignedByte:
    case Elem.Short:
    case Elem.Int: {
      const parsed = each(toks, (t) => intFromText(codec, t), badElement);
      if (parsed.includes(null)) return withNullElements(codec, parsed);
      const nums = parsed as number[];
      return maskArray(
        codec,
        elem === Elem.Int ? Int32Array.from(nums) : elem === Elem.Short ? Int16Array.from(nums) : Uint8Array.from(nums),
      );
    }
    case Elem.Float:
    case Elem.FloatComplex:
    case Elem.Double:
    case Elem.DoubleComplex: {
      const nums = each(
        toks,
        (t) => {
          const v = parseFloatText(t);
          if (v === undefined) throw new CellProblem(`${JSON.stringify(t)} is not a number`);
          return v;
        },
        badElement,
      ).map((v) => v ?? NaN);
      if (elem === Elem.FloatComplex) return allNaNIsNull(complexPairs(Float32Array.from(nums)));
      if (elem === Elem.DoubleComplex) return allNaNIsNull(complexPairs(nums));
      return maskArray(codec, elem === Elem.Float ? Float32Array.from(nums) : Float64Array.from(nums));
    }
    default:
      return raw;
  }
}

/**
 * The VALUES null applies to each element of an array (VOTable 1.4 section 6): in integer arrays
 * the null elements become null (the array becomes a plain array), in float arrays NaN; an array
 * whose elements are all null is null.
 */
export function maskArray(codec: ColumnCodec, a: VOTableNumericArray): VOTableValue {
  if (a.length === 0) return null;
  if (a instanceof Float64Array || a instanceof Float32Array) {
    if (codec.elem === Elem.Float || codec.elem === Elem.Double) {
      const sentinel = codec.nullFloat;
      let nulls = 0;
      for (let i = 0; i < a.length; i++) {
        const v = a[i]!;
        if (v !== v) nulls++;
        else if (v === sentinel) {
          a[i] = NaN;
          nulls++;
        }
      }
      return nulls === a.length ? null : a;
    }
  }
  const sentinel = codec.nullInt;
  if (sentinel === undefined) return a;
  let nulls = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === sentinel) nulls++;
  if (nulls === 0) return a;
  if (nulls === a.length) return null;
  return Array.from(a as ArrayLike<number | bigint>, (v) => (v === sentinel ? null : v)) as Array<number | null> | Array<bigint | null>;
}

/** Parse each token; with `badElement`, a token that is no value becomes null (and is reported). */
function each<T>(toks: string[], parse: (t: string) => T, badElement: ((message: string) => void) | undefined): Array<T | null> {
  if (badElement === undefined) return toks.map(parse);
  return toks.map((t, i) => {
    try {
      return parse(t);
    } catch (e) {
      if (!(e instanceof CellProblem)) throw e;
      badElement(`element ${i}: ${e.message}`);
      return null;
    }
  });
}

/** An integer array with null elements (and the VALUES null as null too); all null is null. */
function withNullElements<T extends number | bigint>(codec: ColumnCodec, values: Array<T | null>): VOTableValue {
  const out = values.map((v) => (v === null || v === codec.nullInt ? null : v));
  return out.every((v) => v === null) ? null : (out as Array<number | null> | Array<bigint | null>);
}

/** A complex array whose every part is NaN is null, like a float array of NaNs. */
export function allNaNIsNull(a: VOTableComplex[]): VOTableComplex[] | null {
  return a.every(([re, im]) => re !== re && im !== im) ? null : a;
}

/** A boolean array whose elements are all null ("?") is null, like any other array. */
export function allNullIsNull(a: Array<boolean | null>): Array<boolean | null> | null {
  return a.every((x) => x === null) ? null : a;
}

function intFromText(codec: ColumnCodec, t: string): number {
  const v = parseIntText(t);
  if (v === undefined) throw new CellProblem(`${JSON.stringify(t)} is not an integer`);
  if (v === codec.nullInt) return v; // the sentinel may lie outside the datatype's range
  const range = INT_RANGES[codec.elem]!;
  if (v < range[0] || v > range[1]) throw new CellProblem(`${v} is out of range for ${codec.field.datatype}`);
  return v;
}

function scalarFromText(codec: ColumnCodec, raw: string): VOTableValue {
  const t = raw.trim();
  switch (codec.elem) {
    case Elem.Boolean: {
      const b = parseBooleanText(t);
      if (b === undefined) throw new CellProblem(`${JSON.stringify(raw)} is not a boolean (T, F, 1, 0, ? or empty)`);
      return b;
    }
    case Elem.Bit:
      if (t === '') return null;
      if (t !== '0' && t !== '1') throw new CellProblem(`${JSON.stringify(raw)} is not a bit (0 or 1)`);
      return t === '1';
    case Elem.UnsignedByte:
    case Elem.Short:
    case Elem.Int: {
      if (t === '') return null;
      const v = intFromText(codec, t);
      return v === codec.nullInt ? null : v;
    }
    case Elem.Long: {
      if (t === '') return null;
      const v = parseBigIntText(t);
      if (v === undefined) throw new CellProblem(`${JSON.stringify(raw)} is not an integer`);
      if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) throw new CellProblem(`${v} is out of range for long`);
      if (codec.nullInt !== undefined && BigInt(codec.nullInt) === v) return null;
      return codec.longMode === 'number' ? longToNumber(v) : v;
    }
    case Elem.Float:
    case Elem.Double: {
      if (t === '') return null;
      const v = parseFloatText(t);
      if (v === undefined) throw new CellProblem(`${JSON.stringify(raw)} is not a number`);
      const stored = codec.elem === Elem.Float ? Math.fround(v) : v;
      return Number.isNaN(v) || stored === codec.nullFloat ? null : stored;
    }
    case Elem.FloatComplex:
    case Elem.DoubleComplex: {
      if (t === '') return null;
      const toks = tokens(t);
      if (toks.length !== 2) throw new CellProblem(`${JSON.stringify(raw)} is not a complex number (two numbers)`);
      const re = parseFloatText(toks[0]!);
      const im = parseFloatText(toks[1]!);
      if (re === undefined || im === undefined) throw new CellProblem(`${JSON.stringify(raw)} is not a complex number`);
      if (Number.isNaN(re) && Number.isNaN(im)) return null;
      return codec.elem === Elem.FloatComplex ? [Math.fround(re), Math.fround(im)] : [re, im];
    }
    default:
      return raw;
  }
}

/** Store a converted value into a column store at `row`. */
export function storeValue(codec: ColumnCodec, store: ColumnStore, row: number, value: VOTableValue, capacity: number): void {
  if (value === null) {
    setNull(store, row, capacity);
    return;
  }
  if (store.text !== null) {
    appendString(store.text, value as string);
    return;
  }
  if (codec.shape !== Shape.Scalar) {
    (store.values as unknown[])[row] = value;
    return;
  }
  switch (codec.elem) {
    case Elem.Boolean:
    case Elem.Bit:
      (store.values as Uint8Array)[row] = value ? 1 : 0;
      return;
    case Elem.FloatComplex:
    case Elem.DoubleComplex: {
      const [re, im] = value as [number, number];
      const v = store.values as Float64Array;
      v[2 * row] = re;
      v[2 * row + 1] = im;
      return;
    }
    default:
      (store.values as Float64Array | BigInt64Array)[row] = value as never;
  }
}
