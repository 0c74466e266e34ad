/** `adql plot` and `adql query --plot` in process: SVG files, the spec forms and flags, one-line usage errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TapService } from '../../src/tap/index.js';
import { writeVOTable } from '../../src/votable/index.js';
import { adql } from '../cli/support/in-process.js';
import { describeLive, TAP_URL } from '../support/dachs.js';

const dir = mkdtempSync(path.join(tmpdir(), 'adql-plot-'));
const vot = path.join(dir, 'result.vot');
const rows = [
  [1, 10.5, -5, 18.2, 'star'],
  [2, 200, 30, 21.7, 'galaxy'],
  [3, 359, 80, 16.1, 'star'],
  [4, 90, null, 19, 'qso'],
];
writeFileSync(
  vot,
  writeVOTable({
    columns: [
      { name: 'id', datatype: 'int' },
      { name: 'ra', datatype: 'double', ucd: 'pos.eq.ra' },
      { name: 'dec', datatype: 'double', ucd: 'pos.eq.dec' },
      { name: 'mag', datatype: 'float', unit: 'mag' },
      { name: 'cls', datatype: 'char', arraysize: '*' },
    ],
    rows,
  }),
);
const rowsOf = (svg: string) => [...svg.matchAll(/<circle data-row="(\d+)"/g)].map((m) => Number(m[1]));

describe('adql plot', () => {
  it('writes a scatter plot of a VOTable file as SVG, magnitudes reversed, coloured by a text column', async () => {
    const out = path.join(dir, 'cmd.svg');
    const r = await adql(['plot', 'scatter:ra,mag', vot, '--color', 'cls', '--title', 'Test', '-o', out]);
    expect(r.stderr).toBe(`wrote ${out} (plot of 4 rows)\n`);
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(rowsOf(svg)).toEqual([0, 1, 2, 3]);
    const cy = (row: number) => Number(new RegExp(`data-row="${row}" cx="[-\\d.]+" cy="([-\\d.]+)"`).exec(svg)![1]);
    expect(cy(2)).toBeLessThan(cy(0)); // 16.1 mag above 18.2 mag
    expect(svg).toContain('>Test</text>');
    expect(svg).toMatch(/<g class="legend">[\s\S]*star[\s\S]*galaxy[\s\S]*qso/);
  });

  it('--xrange/--yrange keep the rows within them; a negative FROM is written with =', async () => {
    const r = await adql(['plot', 'scatter:ra,dec', vot, '--xrange=-10,100', '--yrange', '-10,90']);
    expect(r.code, r.stderr).toBe(0);
    // Row 1 (RA 200) and row 2 (RA 359) are outside the RA range; row 3 has no Dec.
    expect(rowsOf(r.stdout)).toEqual([0]);
  });

  it('sky map to stdout leaves out the row without a Dec; histogram and bar forms', async () => {
    const sky = await adql(['plot', 'sky', vot, '--projection', 'mollweide']);
    expect(sky.code).toBe(0);
    expect(rowsOf(sky.stdout)).toEqual([0, 1, 2]);
    expect(sky.stdout).toContain('data-kind="sky"');
    const hist = await adql(['plot', 'hist:mag', vot, '--bins', '3']);
    expect([...hist.stdout.matchAll(/data-value="(\d+)" data-label/g)].map((m) => Number(m[1]))).toEqual([1, 2, 1]);
    const bar = await adql(['plot', 'bar:cls', vot]);
    expect([...bar.stdout.matchAll(/data-value="(\d+)" data-label="(\w+)"/g)].map((m) => `${m[2]}=${m[1]}`)).toEqual([
      'star=2',
      'galaxy=1',
      'qso=1',
    ]);
  });

  it('renders PNG at twice the SVG size when the output is FILE.png', async () => {
    const out = path.join(dir, 'hist.png');
    const r = await adql(['plot', 'hist:mag', vot, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const png = readFileSync(out);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height, big-endian, at bytes 16..24; the default histogram is 640 x 480.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 960]);
  });

  it('says what is wrong in one line, exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['plot'], /no plot given; the first argument is the plot: sky, sky:RA,DEC, scatter:X,Y/],
      [['plot', 'pie:ra', vot], /unknown plot "pie:ra"; use sky/],
      [['plot', 'scatter:ra,magg', vot], /no column "magg"; columns are id, ra, dec, mag, cls/],
      [['plot', 'scatter:ra,mag', vot, '--log', 'z'], /--log must be one of x, y, xy/],
      [['plot', 'scatter:ra,mag', vot, '--yrange', '16'], /--yrange must be two different numbers FROM,TO, got "16"/],
      [
        ['plot', 'scatter:ra,mag', vot, '-o', path.join(dir, 'x.jpg')],
        /plots are written as SVG or PNG: name the output FILE.svg or FILE.png/,
      ],
      [['plot', 'scatter:ra,mag', 'SELECT ra, mag FROM t'], /no TAP service given/],
    ];
    for (const [args, message] of cases) {
      const r = await adql(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});

describeLive('adql query --plot (live DaCHS)', () => {
  it('plots the query result: histogram counts add up to the rows with a value, the file is SVG', async () => {
    const out = path.join(dir, 'bmag.svg');
    const r = await adql([
      'query',
      '-s',
      TAP_URL,
      '--plot',
      'hist:bmag',
      '--bins',
      '10',
      'SELECT bmag FROM zcat.main WHERE dec > 0',
      '-o',
      out,
    ]);
    expect(r.stderr).toMatch(/wrote .*bmag\.svg \(plot of \d+ rows\)\n$/);
    expect(r.code).toBe(0);
    const counts = [...readFileSync(out, 'utf8').matchAll(/data-value="(\d+)" data-label/g)].map((m) => Number(m[1]));
    expect(counts).toHaveLength(10);
    const total = await new TapService(TAP_URL).query('SELECT COUNT(bmag) AS n FROM zcat.main WHERE dec > 0');
    expect(counts.reduce((a, b) => a + b, 0)).toBe(Number(total.rows()[0]!.n));
  });

  it('a plot that does not fit the result names the columns, exit 2', async () => {
    const r = await adql(['query', '-s', TAP_URL, '--plot', 'scatter:ra,zz', 'SELECT TOP 3 ra, dec FROM zcat.main']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no column "zz"; columns are ra, dec/);
  });
});
