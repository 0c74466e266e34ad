/**
 * Cone parameters with their units: a position in degrees (ICRS) and a radius that must say its
 * unit (the builder's `deg`, `arcmin`, `arcsec`), so that 10 arcminutes never travels as 10 degrees.
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
  deg: 'deg', d: 'deg', degree: 'deg', degrees: 'deg',
  arcmin: 'arcmin', amin: 'arcmin', "'": 'arcmin',
  arcsec: 'arcsec', asec: 'arcsec', '"': 'arcsec',
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
      unitWord === '' ? `the angle "${text}" has no unit: write ${text}deg, ${text}arcmin or ${text}arcsec` : `unknown angle unit "${m[2]}" in "${text}" (use deg, arcmin or arcsec)`,
    );
  }
  return Angle.of(Number(m[1]), unit);
}
