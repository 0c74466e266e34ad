/** Byte/text helpers shared by the decoders: entity decoding, fast number parsing, cell text conversion. */
import type { VOTableComplex } from './types.js';

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode the five XML entities and character references. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED[body] ?? m;
  });
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/**
 * Parse a decimal float from ASCII bytes (no surrounding whitespace). Exact (Clinger's fast path:
 * at most 15 significant digits and |exponent| <= 22); returns NaN with `slow` set otherwise.
 */
export function fastFloat(buf: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  let c = buf[i]!;
  if (c === 45) {
    neg = true;
    i++;
  } else if (c === 43) i++;
  let mant = 0;
  let digits = 0;
  let exp = 0;
  const start = i;
  while (i < e) {
    c = buf[i]! - 48;
    if (c < 0 || c > 9) break;
    mant = mant * 10 + c;
    if (mant !== 0) digits++;
    i++;
  }
  if (i < e && buf[i] === 46) {
    i++;
    while (i < e) {
      c = buf[i]! - 48;
      if (c < 0 || c > 9) break;
      mant = mant * 10 + c;
      if (mant !== 0) digits++;
      exp--;
      i++;
    }
  }
  if (i === start || (i === start + 1 && buf[start] === 46)) return NaN;
  if (i < e) {
    c = buf[i]!;
    if (c !== 101 && c !== 69) return NaN;
    i++;
    let eneg = false;
    if (i < e && (buf[i] === 45 || buf[i] === 43)) {
      eneg = buf[i] === 45;
      i++;
    }
    const es = i;
    let ev = 0;
    while (i < e) {
      c = buf[i]! - 48;
      if (c < 0 || c > 9) return NaN;
      ev = ev * 10 + c;
      i++;
    }
    if (i === es || ev > 400) return NaN;
    exp += eneg ? -ev : ev;
  }
  if (digits > 15) return NaN;
  let v: number;
  if (mant === 0) v = 0;
  else if (exp === 0) v = mant;
  else if (exp < 0 && exp >= -22) v = mant / POW10[-exp]!;
  else if (exp > 0 && exp <= 22) v = mant * POW10[exp]!;
  else return NaN;
  return neg ? -v : v;
}

/** The general float parser: accepts NaN, Inf, +Inf, -Inf, Infinity; returns undefined if not a number. */
export function parseFloatText(t: string): number | undefined {
  const s = t.trim();
  if (s === '') return undefined;
  const n = Number(s);
  if (!Number.isNaN(n)) return n;
  switch (s.toLowerCase()) {
    case 'nan':
      return NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    default:
      return undefined;
  }
}

/** Parse an integer cell (decimal or 0x hex). Returns undefined when not an integer. */
export function parseIntText(t: string): number | undefined {
  const s = t.trim();
  if (/^[+-]?\d+$/.test(s)) return Number(s);
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]+)$/.exec(s);
  if (hex) return (hex[1] === '-' ? -1 : 1) * parseInt(hex[2]!, 16);
  return undefined;
}

export function parseBigIntText(t: string): bigint | undefined {
  const s = t.trim();
  if (/^[+-]?\d+$/.test(s)) return BigInt(s);
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]+)$/.exec(s);
  if (hex) return (hex[1] === '-' ? -1n : 1n) * BigInt('0x' + hex[2]!);
  return undefined;
}

/** TABLEDATA boolean: T/t/1/true → true, F/f/0/false → false, ?/empty → null; undefined if invalid. */
export function parseBooleanText(t: string): boolean | null | undefined {
  const s = t.trim();
  switch (s) {
    case 'T':
    case 't':
    case '1':
      return true;
    case 'F':
    case 'f':
    case '0':
      return false;
    case '?':
    case '':
    case ' ':
      return null;
    default: {
      const l = s.toLowerCase();
      if (l === 'true') return true;
      if (l === 'false') return false;
      return undefined;
    }
  }
}

/** Split an array cell into tokens (whitespace separated; commas tolerated as separators too). */
export function tokens(t: string): string[] {
  const s = t.trim();
  return s === '' ? [] : s.split(/[\s,]+/);
}

export function complexPairs(values: ArrayLike<number>): VOTableComplex[] {
  const out: VOTableComplex[] = [];
  for (let i = 0; i + 1 < values.length; i += 2) out.push([values[i]!, values[i + 1]!]);
  return out;
}
