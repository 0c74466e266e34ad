/**
 * Cone parameters with their units: a position in degrees (ICRS), read from decimal degrees or
 * sexagesimal text, and a radius that must say its unit (the builder's `deg`, `arcmin`, `arcsec`),
 * so that 10 arcminutes never travels as 10 degrees.
 */
import { Angle, type AngleUnit } from '../builder/index.js';

/** A sky position in degrees: `{ ra, dec }` or `[ra, dec]`. */
export type SkyPosition = { ra: number; dec: number } | readonly [number, number];

/** The position as checked numbers: RA in [0, 360), Dec in [-90, 90]. */
export function checkPosition(position: SkyPosition): { ra: number; dec: number } {
  const [ra, dec] = Array.isArray(position)
    ? (position as readonly [number, number])
    : [(position as { ra: number }).ra, (position as { dec: number }).dec];
  if (typeof ra !== 'number' || !Number.isFinite(ra)) throw new RangeError(`RA must be a finite number of degrees, got ${String(ra)}`);
  if (typeof dec !== 'number' || !Number.isFinite(dec) || dec < -90 || dec > 90) {
    throw new RangeError(`Dec must be a number of degrees in [-90, 90], got ${String(dec)}`);
  }
  return { ra: ((ra % 360) + 360) % 360, dec };
}

const UNIT_WORDS: Record<string, AngleUnit> = {
  deg: 'deg',
  d: 'deg',
  degree: 'deg',
  degrees: 'deg',
  arcmin: 'arcmin',
  amin: 'arcmin',
  "'": 'arcmin',
  arcsec: 'arcsec',
  asec: 'arcsec',
  '"': 'arcsec',
};

/**
 * Reads an angle written with its unit, as on a command line: "10arcmin", "0.5 deg", "30arcsec",
 * "2'", "5\"". A bare number is refused unless `defaultUnit` is given.
 */
export function parseAngle(text: string, defaultUnit?: AngleUnit): Angle {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z'"]*)\s*$/i.exec(text);
  if (m === null) throw new RangeError(`"${text}" is not an angle: write e.g. 10arcmin, 0.5deg or 30arcsec`);
  const unitWord = (m[2] ?? '').toLowerCase();
  const unit = unitWord === '' ? defaultUnit : UNIT_WORDS[unitWord];
  if (unit === undefined) {
    throw new RangeError(
      unitWord === ''
        ? `the angle "${text}" has no unit: write ${text}deg, ${text}arcmin or ${text}arcsec`
        : `unknown angle unit "${m[2]}" in "${text}" (use deg, arcmin or arcsec)`,
    );
  }
  return Angle.of(Number(m[1]), unit);
}

/** A coordinate or position that cannot be read; the message says what was expected. */
export class CoordinateError extends RangeError {
  override readonly name = 'CoordinateError';
}

interface Field {
  value: number;
  text: string;
  /** What followed the number: h, d, m, s, :, or '' (a space or the end). */
  mark: string;
}

const MARKS: Record<string, string> = { h: 'h', d: 'd', '°': 'd', m: 'm', "'": 'm', '′': 'm', s: 's', '"': 's', '″': 's', ':': ':' };

/** Splits "-10h 00m 24.5s" into its sign and numbered fields, or undefined when it is not that shape. */
function fields(text: string): { negative: boolean; fields: Field[] } | undefined {
  const t = text.trim();
  const sign = /^[+\-\u2212]/.exec(t)?.[0];
  const body = sign === undefined ? t : t.slice(sign.length).trimStart();
  const out: Field[] = [];
  const re = /(\d+(?:\.\d*)?|\.\d+)\s*([hdms°'′"″:]?)\s*/iy;
  let pos = 0;
  while (pos < body.length) {
    re.lastIndex = pos;
    const m = re.exec(body);
    if (m === null) return undefined;
    out.push({ value: Number(m[1]), text: m[1]!, mark: MARKS[m[2]!.toLowerCase()] ?? '' });
    pos = re.lastIndex;
  }
  if (out.length === 0 || out.length > 3) return undefined;
  return { negative: sign === '-' || sign === '\u2212', fields: out };
}

/** Degrees (or hours) from whole units, minutes and seconds; checks the sexagesimal ranges. */
function sexagesimal(what: string, text: string, fs: Field[]): number {
  const [unit, minutes, seconds] = fs;
  for (const f of fs.slice(0, -1)) {
    if (!/^\d+$/.test(f.text)) throw new CoordinateError(`${what} "${text}": only the last field may have a fraction`);
  }
  if (minutes !== undefined && minutes.value >= 60) throw new CoordinateError(`${what} "${text}": minutes must be below 60`);
  if (seconds !== undefined && seconds.value >= 60) throw new CoordinateError(`${what} "${text}": seconds must be below 60`);
  return unit!.value + (minutes?.value ?? 0) / 60 + (seconds?.value ?? 0) / 3600;
}

const RA_FORMS = 'decimal degrees (150.1), hours (10.0067h) or sexagesimal hours (10:00:24, 10h00m24s, "10 00 24")';
const DEC_FORMS = 'decimal degrees (-2.4) or sexagesimal degrees (-02:12:00, -2d12m00s, "-02 12 00")';

/**
 * Reads a right ascension into degrees in [0, 360): decimal degrees ("150.1", "150.1d"), decimal
 * hours ("10.0067h"), or sexagesimal hours ("10:00:24", "10h00m24.5s", "10 00 24").
 */
export function parseRa(text: string): number {
  const f = fields(text);
  if (f === undefined || f.negative) throw new CoordinateError(`RA "${text}" is not a right ascension: write ${RA_FORMS}`);
  const first = f.fields[0]!;
  let degrees: number;
  if (f.fields.length === 1 && first.mark !== 'h') {
    if (first.mark !== '' && first.mark !== 'd') throw new CoordinateError(`RA "${text}" is not a right ascension: write ${RA_FORMS}`);
    degrees = first.value;
    if (degrees >= 360) throw new CoordinateError(`RA "${text}" must be below 360 degrees`);
  } else if (first.mark === 'd') {
    degrees = sexagesimal('RA', text, f.fields);
    if (degrees >= 360) throw new CoordinateError(`RA "${text}" must be below 360 degrees`);
  } else {
    const hours = sexagesimal('RA', text, f.fields);
    if (hours >= 24) throw new CoordinateError(`RA "${text}" must be below 24 hours`);
    degrees = hours * 15;
  }
  return degrees;
}

/**
 * Reads a declination into degrees in [-90, 90]: decimal ("-2.4") or sexagesimal degrees
 * ("-02:12:00", "+2d12m00s", "-2°12′00″", "-02 12 00"); the sign applies to the whole angle, so
 * "-00:30:00" is half a degree south.
 */
export function parseDec(text: string): number {
  const f = fields(text);
  if (f === undefined || f.fields[0]!.mark === 'h') throw new CoordinateError(`Dec "${text}" is not a declination: write ${DEC_FORMS}`);
  const degrees = (f.negative ? -1 : 1) * (f.fields.length === 1 ? f.fields[0]!.value : sexagesimal('Dec', text, f.fields));
  if (Math.abs(degrees) > 90) throw new CoordinateError(`Dec "${text}" must be within [-90, 90] degrees`);
  return degrees;
}

/**
 * Reads a position written as one piece of text: "150.1 -2.4", "150.1,-2.4", "10:00:24 +02:12:00",
 * "10h00m24s -2d12m", "10 00 24 -02 12 00". Returns undefined when the text does not have the shape
 * of coordinates (an object name such as "M31" or "NGC 3031": see `resolveName`); throws a
 * CoordinateError when it has that shape but a coordinate is out of range.
 */
export function parsePosition(text: string): { ra: number; dec: number } | undefined {
  const pair = splitPosition(text.trim());
  if (pair === undefined || fields(pair[0]) === undefined || fields(pair[1]) === undefined) return undefined;
  return { ra: parseRa(pair[0]), dec: parseDec(pair[1]) };
}

function splitPosition(text: string): [string, string] | undefined {
  const comma = text.split(',');
  if (comma.length === 2) return [comma[0]!, comma[1]!];
  if (comma.length > 2) return undefined;
  const words = text.split(/\s+/);
  if (words.length === 2) return [words[0]!, words[1]!];
  // "10 00 24 -02 12 00": the declination starts at its sign, or (unsigned) halfway.
  const signed = words.findIndex((w, i) => i > 0 && /^[+\-\u2212]/.test(w));
  const at = signed > 0 ? signed : words.length % 2 === 0 ? words.length / 2 : -1;
  if (at <= 0 || at > 3 || words.length - at > 3) return undefined;
  return [words.slice(0, at).join(' '), words.slice(at).join(' ')];
}
