/** Value → TABLEDATA text (shared by the writer and CSV export). */
import type { VOTableField, VOTableValue } from './types.js';
import { unconvertValue } from './xtypes.js';

/** Shortest decimal text that reads back as the same float32. */
export function formatFloat32(v: number): string {
  if (!Number.isFinite(v) || v === 0) return formatDouble(v);
  // Rounding a float32 to 6 significant digits gives its shortest text whenever that has at most 6
  // digits (float32 neighbours are < 1.2e-7 apart relatively), so start there.
  for (let p = 6; p <= 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}

/**
 * A float32 value as the double whose shortest text is the float32's shortest text (15.8, not
 * 15.800000190734863): what rows, JSON and tables show. The typed column arrays keep the exact value.
 */
export function displayFloat32(v: number): number {
  if (v !== v || v === 0 || v === Infinity || v === -Infinity) return v;
  // The same search as formatFloat32 without strings (which made creating every cell of a float
  // column ~10x slower than decoding it): the p-digit rounding D of v, as the double D / 10^k. The
  // division is the correctly rounded value of the decimal, so equal to Number(v.toPrecision(p)),
  // when D and 10^k are exact doubles (k <= 22) and v * 10^k is not within rounding error of a
  // tie (where toPrecision's exact rounding could pick the other neighbour): otherwise, strings.
  // A wrong exponent only makes D miss its p digits, which falls back to strings too.
  const e = decimalExponent(v < 0 ? -v : v);
  for (let p = 6; p <= 9; p++) {
    const k = p - 1 - e;
    if (k > 22 || k < -22) break;
    const scaled = k >= 0 ? v * POW10[k]! : v / POW10[-k]!;
    const d = Math.round(scaled);
    // |scaled - d| is the distance of the fraction to the nearest integer: near 0.5, a tie.
    const off = scaled - d;
    const digits = d < 0 ? -d : d;
    if ((off < 0 ? -off : off) > 0.499999 || digits < POW10[p - 1]! || digits >= POW10[p]!) break;
    const n = k >= 0 ? d / POW10[k]! : d * POW10[-k]!;
    if (Math.fround(n) === v) return n;
  }
  return Number(formatFloat32(v));
}

/** floor(log10(a)) for a > 0, by comparisons (Math.log10 was a quarter of displayFloat32's time). */
function decimalExponent(a: number): number {
  let e = 0;
  if (a >= 1) {
    while (e < 22 && a >= POW10[e + 1]!) e++;
    return e;
  }
  while (e < 22 && a * POW10[e]! < 1) e++;
  return -e;
}

/** 10^0 ... 10^22: the powers of ten a double holds exactly. */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

export function formatDouble(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Number.isNaN(v)) return 'NaN';
  if (v === 0 && 1 / v < 0) return '-0';
  return String(v);
}

function formatNumber(field: Pick<VOTableField, 'datatype'>, v: number | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  if (field.datatype === 'float' || field.datatype === 'floatComplex') return formatFloat32(v);
  return formatDouble(v);
}

function formatBool(v: boolean | null): string {
  return v === null ? '?' : v ? 'T' : 'F';
}

/** TABLEDATA text for a non-null cell value (not XML-escaped). */
export function formatCell(field: Pick<VOTableField, 'datatype' | 'shape' | 'xtype'>, value: VOTableValue): string {
  const v = unconvertValue(value) as VOTableValue;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return field.datatype === 'bit' ? (v ? '1' : '0') : formatBool(v);
  if (typeof v === 'number' || typeof v === 'bigint') return formatNumber(field, v);
  if (v instanceof Date) return v.toISOString();
  if (ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<number | bigint>, (x) => formatNumber(field, x)).join(' ');
  if (Array.isArray(v)) {
    if (field.datatype === 'char' || field.datatype === 'unicodeChar') {
      const n = field.shape[0] ?? 1;
      return (v as string[]).map((s) => String(s).padEnd(n, ' ').slice(0, n)).join('');
    }
    return (v as unknown[])
      .map((x) => {
        if (Array.isArray(x)) return x.map((y) => formatNumber(field, y as number)).join(' ');
        if (typeof x === 'boolean' || x === null) return field.datatype === 'bit' ? (x ? '1' : '0') : formatBool(x as boolean | null);
        return formatNumber(field, x as number);
      })
      .join(' ');
  }
  return String(v);
}

/** A CSV field: quoted when it holds the delimiter, a quote or a line break. */
export function csvQuote(s: string, delim = ','): string {
  return s.includes(delim) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
}
