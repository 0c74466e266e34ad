/** Axis expressions: precedence, functions, quoted names, a column whose name looks like an expression. */
import { describe, expect, it } from 'vitest';
import { plotTable, preparePlot, type PreparedPoints } from '../../src/plot/index.js';
import { tableOf } from './fixture.js';

const rows = [
  [1, 2, 10, 5],
  [2, 3, 100, 7],
  [4, -1, 1000, 9],
];

async function xValues(expr: string): Promise<number[]> {
  const t = await tableOf(
    [
      { name: 'a', datatype: 'double' },
      { name: 'b', datatype: 'double' },
      { name: 'Flux', datatype: 'double' },
      { name: 'g-r', datatype: 'double' },
    ],
    rows,
  );
  return [...(preparePlot(plotTable(t), { kind: 'scatter', x: expr, y: 'a' }) as PreparedPoints).xValues];
}

describe('plot expressions', () => {
  it('follow arithmetic precedence', async () => {
    expect(await xValues('a + b * 2')).toEqual(rows.map(([a, b]) => a! + b! * 2));
    expect(await xValues('(a + b) * 2')).toEqual(rows.map(([a, b]) => (a! + b!) * 2));
    expect(await xValues('-a ^ 2')).toEqual(rows.map(([a]) => -(a! ** 2)));
    expect(await xValues('a - b - 1')).toEqual(rows.map(([a, b]) => a! - b! - 1));
    expect(await xValues('a / b / 2')).toEqual(rows.map(([a, b]) => a! / b! / 2));
    expect(await xValues('2 ^ 3 ^ 2')).toEqual(rows.map(() => 2 ** 9));
  });

  it('call functions and read quoted and case-insensitive names', async () => {
    expect(await xValues('log10("Flux")')).toEqual(rows.map(([, , f]) => Math.log10(f!)));
    expect(await xValues('-2.5 * LOG10(flux) + 1e1')).toEqual(rows.map(([, , f]) => -2.5 * Math.log10(f!) + 10));
    expect(await xValues('pow(b, 2) + abs(b) + sqrt(a)')).toEqual(rows.map(([a, b]) => b! ** 2 + Math.abs(b!) + Math.sqrt(a!)));
  });

  it('take a column named like an expression as that column', async () => {
    expect(await xValues('g-r')).toEqual(rows.map((r) => r[3]));
    expect(await xValues('"g-r" * 2')).toEqual(rows.map((r) => r[3]! * 2));
  });

  it('point at the problem', async () => {
    await expect(xValues('a +* b')).rejects.toThrow(/at column 4: unexpected '\*'/);
    await expect(xValues('(a + b')).rejects.toThrow(/expected '\)'/);
    await expect(xValues('pow(a)')).rejects.toThrow(/pow takes 2 argument\(s\), not 1/);
    await expect(xValues('a # b')).rejects.toThrow(/unexpected character "#"/);
    await expect(xValues('a b')).rejects.toThrow(/unexpected 'b' after the expression/);
  });
});
