/**
 * displayFloat32 computes the shortest-decimal value of a float32 arithmetically (no strings) when
 * that is exact; it must agree with the string definition, Number(formatFloat32(v)), everywhere.
 */
import { describe, expect, it } from 'vitest';
import { displayFloat32, formatFloat32 } from '../../src/votable/format.js';
import { seeded } from '../support/seeded.js';

/** 32 random bits per call (the generator's own integers: its [0, 1) values times 2^32, exactly). */
const bits32 = (seed: number) => {
  const next = seeded(seed);
  return () => next() * 4294967296;
};

function mismatches(values: Iterable<number>): Array<{ v: number; want: number; got: number }> {
  const out = [];
  for (const v of values) {
    const want = Number(formatFloat32(v));
    const got = displayFloat32(v);
    if (!Object.is(want, got)) out.push({ v, want, got });
  }
  return out;
}

describe('displayFloat32', () => {
  it('agrees with the shortest float32 text on random bit patterns (every exponent, subnormals)', () => {
    const next = bits32(24);
    const bits = Uint32Array.from({ length: 200_000 }, next);
    const floats = [...new Float32Array(bits.buffer)].filter(Number.isFinite);
    expect(floats.length).toBeGreaterThan(190_000);
    expect(mismatches(floats)).toEqual([]);
  });

  it('agrees on decimal-looking values (catalogue magnitudes, coordinates, ties near .5)', () => {
    const next = bits32(7);
    const values = Float32Array.from({ length: 200_000 }, () => ((next() % 10_000_000) / 10 ** (next() % 8)) * (next() % 2 ? 1 : -1));
    expect(mismatches(values)).toEqual([]);
    expect(
      mismatches(Float32Array.of(15.8, 0.1, 2.5, 1e-7, 3.4028234663852886e38, 1.401298464324817e-45, 16777216, 0.30000001192092896)),
    ).toEqual([]);
  });

  it('keeps zeros, infinities and NaN as they are', () => {
    expect(Object.is(displayFloat32(-0), -0)).toBe(true);
    expect(displayFloat32(0)).toBe(0);
    expect(displayFloat32(Infinity)).toBe(Infinity);
    expect(displayFloat32(-Infinity)).toBe(-Infinity);
    expect(displayFloat32(NaN)).toBeNaN();
  });

  it('shows the short decimal, not the float32 expansion', () => {
    expect(displayFloat32(Math.fround(15.8))).toBe(15.8);
    expect(displayFloat32(Math.fround(-0.1))).toBe(-0.1);
  });
});
