/**
 * IN_UNIT support: VOUnits strings (`deg`, `arcsec`, `km/s`, `m.s**-1`, `mJy`, `kpc`...) reduced to a
 * scale factor and a dimension vector. Conversion is possible when the dimensions agree; the factor
 * then multiplies the value. Offset units (Celsius) and logarithmic units (mag, dex) are refused.
 */

// Dimensions: length, mass, time, angle, temperature, current, amount, luminous intensity, "flux" (Jy-like)
type Dims = [number, number, number, number, number, number, number, number];
interface Unit {
  factor: number;
  dims: Dims;
}

const D = (l = 0, m = 0, t = 0, a = 0, k = 0, i = 0, n = 0, cd = 0): Dims => [l, m, t, a, k, i, n, cd];
const DEG = Math.PI / 180;

const BASE: Record<string, Unit> = {
  m: { factor: 1, dims: D(1) },
  g: { factor: 1e-3, dims: D(0, 1) },
  s: { factor: 1, dims: D(0, 0, 1) },
  rad: { factor: 1, dims: D(0, 0, 0, 1) },
  K: { factor: 1, dims: D(0, 0, 0, 0, 1) },
  A: { factor: 1, dims: D(0, 0, 0, 0, 0, 1) },
  mol: { factor: 1, dims: D(0, 0, 0, 0, 0, 0, 1) },
  cd: { factor: 1, dims: D(0, 0, 0, 0, 0, 0, 0, 1) },
  deg: { factor: DEG, dims: D(0, 0, 0, 1) },
  arcmin: { factor: DEG / 60, dims: D(0, 0, 0, 1) },
  arcsec: { factor: DEG / 3600, dims: D(0, 0, 0, 1) },
  mas: { factor: DEG / 3.6e6, dims: D(0, 0, 0, 1) },
  sr: { factor: 1, dims: D(0, 0, 0, 2) },
  min: { factor: 60, dims: D(0, 0, 1) },
  h: { factor: 3600, dims: D(0, 0, 1) },
  d: { factor: 86400, dims: D(0, 0, 1) },
  a: { factor: 365.25 * 86400, dims: D(0, 0, 1) },
  yr: { factor: 365.25 * 86400, dims: D(0, 0, 1) },
  Hz: { factor: 1, dims: D(0, 0, -1) },
  N: { factor: 1, dims: D(1, 1, -2) },
  J: { factor: 1, dims: D(2, 1, -2) },
  W: { factor: 1, dims: D(2, 1, -3) },
  erg: { factor: 1e-7, dims: D(2, 1, -2) },
  eV: { factor: 1.602176634e-19, dims: D(2, 1, -2) },
  Jy: { factor: 1e-26, dims: D(0, 1, -2) },
  AU: { factor: 1.495978707e11, dims: D(1) },
  au: { factor: 1.495978707e11, dims: D(1) },
  pc: { factor: 3.0856775814913673e16, dims: D(1) },
  lyr: { factor: 9.4607304725808e15, dims: D(1) },
  Angstrom: { factor: 1e-10, dims: D(1) },
  angstrom: { factor: 1e-10, dims: D(1) },
  solRad: { factor: 6.957e8, dims: D(1) },
  solMass: { factor: 1.98840987e30, dims: D(0, 1) },
  solLum: { factor: 3.828e26, dims: D(2, 1, -3) },
  Ry: { factor: 2.1798723611035e-18, dims: D(2, 1, -2) },
  Pa: { factor: 1, dims: D(-1, 1, -2) },
  T: { factor: 1, dims: D(0, 1, -2, 0, 0, -1) },
  G: { factor: 1e-4, dims: D(0, 1, -2, 0, 0, -1) },
  C: { factor: 1, dims: D(0, 0, 1, 0, 0, 1) },
  V: { factor: 1, dims: D(2, 1, -3, 0, 0, -1) },
  barn: { factor: 1e-28, dims: D(2) },
  '%': { factor: 0.01, dims: D() },
  ct: { factor: 1, dims: D() },
  count: { factor: 1, dims: D() },
  photon: { factor: 1, dims: D() },
  pix: { factor: 1, dims: D() },
};

const PREFIX: Record<string, number> = {
  da: 1e1,
  y: 1e-24,
  z: 1e-21,
  a: 1e-18,
  f: 1e-15,
  p: 1e-12,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  c: 1e-2,
  d: 1e-1,
  h: 1e2,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Z: 1e21,
  Y: 1e24,
};

const LOGARITHMIC = new Set(['mag', 'dex', 'dB', 'Sun']);

export class UnitError extends Error {
  override name = 'UnitError';
}

function atom(symbol: string): Unit {
  if (LOGARITHMIC.has(symbol)) throw new UnitError(`unit "${symbol}" is logarithmic and cannot be converted`);
  const base = BASE[symbol];
  if (base) return base;
  for (const [prefix, scale] of Object.entries(PREFIX)) {
    if (symbol.startsWith(prefix)) {
      const rest = BASE[symbol.slice(prefix.length)];
      if (rest && !['min', 'h', 'd', 'a', '%', 'AU', 'au', 'lyr'].includes(symbol.slice(prefix.length))) {
        return { factor: rest.factor * scale, dims: rest.dims };
      }
    }
  }
  throw new UnitError(`unknown unit "${symbol}"`);
}

/** Parses a VOUnits string: factors joined by `.` or `/`, powers as `**n`, `^n` or trailing digits. */
export function parseUnit(text: string): Unit {
  const src = text.trim();
  if (src === '' || src === '1') return { factor: 1, dims: D() };
  let factor = 1;
  const dims = D();
  const parts = src.split(/([./])/);
  let sign = 1;
  for (const part of parts) {
    if (part === '.') {
      sign = 1;
      continue;
    }
    if (part === '/') {
      sign = -1;
      continue;
    }
    const m = /^([A-Za-z%]+)(?:(?:\*\*|\^)?\(?([+-]?\d+(?:\.\d+)?)\)?)?$/.exec(part.trim());
    if (!m) throw new UnitError(`cannot read unit "${text}" (at "${part}")`);
    const power = sign * (m[2] === undefined ? 1 : Number(m[2]));
    const u = atom(m[1]!);
    factor *= u.factor ** power;
    u.dims.forEach((d, i) => (dims[i] = dims[i]! + d * power));
  }
  return { factor, dims };
}

/** The factor that converts a value in `from` into `to`, or a UnitError saying why not. */
export function conversionFactor(from: string, to: string): number {
  const a = parseUnit(from);
  const b = parseUnit(to);
  if (a.dims.some((d, i) => Math.abs(d - b.dims[i]!) > 1e-12)) {
    throw new UnitError(`cannot convert "${from}" to "${to}": the units measure different quantities`);
  }
  return a.factor / b.factor;
}
