/**
 * Coordinate-system strings of POINT/CIRCLE/BOX/POLYGON (ADQL 2.1 §4.1.3, deprecated but allowed):
 * an STC-S frame with optional reference position and flavour, or the empty string.
 */
import type { SourceRange } from './adql.js';
import type { ValidationContext } from './context.js';
import { replaceFix } from './context.js';
import { closestNames } from './suggest.js';

const FRAMES = [
  'ICRS',
  'FK5',
  'FK4',
  'J2000',
  'B1950',
  'ECLIPTIC',
  'GALACTIC',
  'GALACTIC_I',
  'GALACTIC_II',
  'SUPER_GALACTIC',
  'GEO_C',
  'GEO_D',
  'UNKNOWNFRAME',
];
const REFPOS = [
  'GEOCENTER',
  'BARYCENTER',
  'HELIOCENTER',
  'TOPOCENTER',
  'LSR',
  'LSRK',
  'LSRD',
  'GALACTIC_CENTER',
  'LOCAL_GROUP_CENTER',
  'EMBARYCENTER',
  'MOON',
  'MERCURY',
  'VENUS',
  'MARS',
  'JUPITER',
  'SATURN',
  'URANUS',
  'NEPTUNE',
  'PLUTO',
  'UNKNOWNREFPOS',
  'RELOCATABLE',
];
const FLAVORS = ['SPHERICAL2', 'CARTESIAN2', 'CARTESIAN3', 'UNITSPHERE', 'SPHERICAL3'];

/** Is this a standard coordinate-system string? */
export function isStandardCoordSys(text: string): boolean {
  const words = text
    .trim()
    .toUpperCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return true;
  let i = 0;
  if (FRAMES.includes(words[i]!)) i++;
  if (i < words.length && REFPOS.includes(words[i]!)) i++;
  if (i < words.length && FLAVORS.includes(words[i]!)) i++;
  return i === words.length && i > 0;
}

export function checkCoordSys(ctx: ValidationContext, text: string, range: SourceRange | undefined): void {
  if (isStandardCoordSys(text)) return;
  const first = text.trim().split(/\s+/)[0] ?? '';
  const close = closestNames(first, FRAMES, (f) => f);
  ctx.report(
    'coordsys-nonstandard',
    `'${text}' is not a standard coordinate system (use 'ICRS', 'GALACTIC', 'FK5', 'FK4', 'ECLIPTIC', or ''${close.length > 0 ? `; did you mean '${close[0]}'?` : ''})`,
    range,
    { fixes: close.slice(0, 1).flatMap((c) => replaceFix(`Change to '${c}'`, range, `'${c}'`, true)) },
  );
}
