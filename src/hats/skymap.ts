/**
 * `skymap.fits`: the HATS catalogue's HEALPix count map, the number of rows in every pixel of one
 * order, NESTED, as a FITS binary table of one 64-bit integer column with one row per pixel (the
 * HEALPix FITS convention: PIXTYPE, ORDERING, NSIDE, FIRSTPIX/LASTPIX, INDXSCHM=IMPLICIT), the layout
 * of the reference implementation's skymap files, which healpy and astropy read.
 */
import { HatsError } from './errors.js';

const BLOCK = 2880;

/** A count map at `order` from counts at a finer order `from` (pixel → rows). */
export function countsAt(counts: ReadonlyMap<number, number>, from: number, order: number): BigInt64Array {
  if (order > from) throw new HatsError(`a skymap at order ${order} cannot be made from counts at order ${from}`);
  const out = new BigInt64Array(12 * 4 ** order);
  const scale = 4 ** (from - order);
  for (const [pixel, n] of counts) out[Math.floor(pixel / scale)]! += BigInt(n);
  return out;
}

/** The FITS file of a full-sky NESTED count map (`counts.length` must be 12·4^order). */
export function skymapFits(counts: BigInt64Array, order: number): Uint8Array {
  if (counts.length !== 12 * 4 ** order)
    throw new HatsError(`a skymap at order ${order} needs ${12 * 4 ** order} pixels, got ${counts.length}`);
  const primary = header([
    ['SIMPLE', true],
    ['BITPIX', 8],
    ['NAXIS', 0],
    ['EXTEND', true],
  ]);
  const table = header([
    ['XTENSION', 'BINTABLE'],
    ['BITPIX', 8],
    ['NAXIS', 2],
    ['NAXIS1', 8],
    ['NAXIS2', counts.length],
    ['PCOUNT', 0],
    ['GCOUNT', 1],
    ['TFIELDS', 1],
    ['TTYPE1', 'T'],
    ['TFORM1', 'K'],
    ['PIXTYPE', 'HEALPIX'],
    ['ORDERING', 'NESTED'],
    ['COORDSYS', 'CEL'],
    // The extension name the reference implementation's skymaps carry, so readers keyed on it agree.
    ['EXTNAME', 'xtension'],
    ['NSIDE', 2 ** order],
    ['FIRSTPIX', 0],
    ['LASTPIX', counts.length - 1],
    ['INDXSCHM', 'IMPLICIT'],
    ['OBJECT', 'FULLSKY'],
    ['CREATOR', 'adqlkit'],
  ]);
  const dataSize = Math.ceil((counts.length * 8) / BLOCK) * BLOCK;
  const out = new Uint8Array(primary.length + table.length + dataSize);
  out.set(primary, 0);
  out.set(table, primary.length);
  const view = new DataView(out.buffer, primary.length + table.length);
  counts.forEach((n, i) => view.setBigInt64(i * 8, n, false)); // FITS is big-endian
  return out;
}

type Card = [string, boolean | number | string];

/** Header cards (80 characters each, fixed format), END, padded with spaces to whole blocks. */
function header(cards: Card[]): Uint8Array {
  const lines = cards.map(([key, value]) => {
    const text =
      typeof value === 'string'
        ? `'${value.padEnd(8)}'`.padEnd(20)
        : (typeof value === 'boolean' ? (value ? 'T' : 'F') : String(value)).padStart(20);
    return `${key.padEnd(8)}= ${text}`.padEnd(80);
  });
  lines.push('END'.padEnd(80));
  const text = lines.join('').padEnd(Math.ceil((lines.length * 80) / BLOCK) * BLOCK);
  return new TextEncoder().encode(text);
}
