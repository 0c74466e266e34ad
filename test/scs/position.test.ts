/** Coordinates as people write them: decimal degrees, negatives, sexagesimal hours and degrees. */
import { describe, expect, it } from 'vitest';
import { CoordinateError, parseDec, parsePosition, parseRa } from '../../src/scs/index.js';

describe('parseRa', () => {
  it.each([
    ['150.1', 150.1],
    ['150.1d', 150.1],
    ['10:00:24', 150.1],
    ['10h00m24s', 150.1],
    ['10 00 24', 150.1],
    ['10h 00m 24.0s', 150.1],
    ['10.0066667h', 150.1000005],
    ['150d06m', 150.1],
    ['0:0:0', 0],
    ['23:59:59.99', 359.99995833],
  ])('%s is %f degrees', (text, degrees) => {
    expect(parseRa(text)).toBeCloseTo(degrees, 6);
  });

  it.each([
    ['24:00:00', /below 24 hours/],
    ['10:60:00', /minutes must be below 60/],
    ['10:00:60', /seconds must be below 60/],
    ['360', /below 360 degrees/],
    ['-10', /not a right ascension/],
    ['10.5:30', /only the last field/],
    ['M31', /not a right ascension/],
  ])('%s is refused with a reason', (text, reason) => {
    expect(() => parseRa(text)).toThrow(CoordinateError);
    expect(() => parseRa(text)).toThrow(reason);
  });
});

describe('parseDec', () => {
  it.each([
    ['-2.4', -2.4],
    ['+02:12:00', 2.2],
    ['02:12:00', 2.2],
    ['-02:12:00', -2.2],
    ['-2d12m00s', -2.2],
    ['\u22122\u00b012\u203200\u2033', -2.2],
    ['-02 12 00', -2.2],
    ['-90', -90],
    ['90:00:00', 90],
  ])('%s is %f degrees', (text, degrees) => {
    expect(parseDec(text)).toBeCloseTo(degrees, 9);
  });

  it('applies the sign to the whole angle: -00:30:00 is half a degree south', () => {
    expect(parseDec('-00:30:00')).toBe(-0.5);
    expect(parseDec('-0 30 00')).toBe(-0.5);
  });

  it.each([
    ['95', /within \[-90, 90\]/],
    ['-90:00:01', /within \[-90, 90\]/],
    ['10h', /not a declination/],
    ['north', /not a declination/],
  ])('%s is refused with a reason', (text, reason) => {
    expect(() => parseDec(text)).toThrow(reason);
  });
});

describe('parsePosition', () => {
  it.each([
    ['150.1 -2.4', 150.1, -2.4],
    ['150.1,-2.4', 150.1, -2.4],
    ['150.1, -2.4', 150.1, -2.4],
    ['10:00:24 +02:12:00', 150.1, 2.2],
    ['10h00m24s -2d12m', 150.1, -2.2],
    ['10 00 24 -02 12 00', 150.1, -2.2],
    ['10 00 24 02 12 00', 150.1, 2.2],
  ])('%s', (text, ra, dec) => {
    const p = parsePosition(text)!;
    expect(p.ra).toBeCloseTo(ra, 9);
    expect(p.dec).toBeCloseTo(dec, 9);
  });

  it('gives undefined for object names, which are for the name resolver', () => {
    for (const name of ['M31', 'NGC 3031', 'Sirius', '3C 273', 'alf Cen', 'M 31']) expect(parsePosition(name), name).toBeUndefined();
  });

  it('throws for coordinates out of range rather than treating them as a name', () => {
    expect(() => parsePosition('25:00:00 +02:00:00')).toThrow(/below 24 hours/);
    expect(() => parsePosition('150 -95')).toThrow(/within \[-90, 90\]/);
  });
});
