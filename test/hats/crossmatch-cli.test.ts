/**
 * `adql hats crossmatch LEFT RIGHT --radius ARCSEC [-o FILE]`: the ADQL cross-match path from the
 * shell, with progress and notes on stderr; its pairs equal a brute-force pairing of the shared test
 * catalogues, as CSV on stdout and as a VOParquet file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParquet } from '../../src/columnar/index.js';
import { ensureBuilt } from '../cli/support/build.js';
import { runAdql } from '../cli/support/spawn.js';
import { HATS_CORPUS, bruteForceRows, corpusProblem } from './corpus.js';
import { pairing } from './pairing.js';

if (corpusProblem) console.log(`skipping adql hats crossmatch: ${corpusProblem}`);
const withCorpus = corpusProblem ? describe.skip : describe;
const collection = path.join(HATS_CORPUS, 'small_sky_o1_collection');
const sources = path.join(HATS_CORPUS, 'small_sky_source');

withCorpus('adql hats crossmatch', () => {
  let dir: string;
  let expected: string[];
  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'hats-xm-cli-'));
    const objects = await bruteForceRows(path.join(collection, 'small_sky_order1'), 'id', 'ra', 'dec');
    const all = await bruteForceRows(sources, 'source_id', 'source_ra', 'source_dec');
    // 1440 arcsec = 0.4 degrees, and no source sits at about that distance from an object.
    const matched = pairing(all, objects, 0.4);
    expect(matched.ambiguous.size).toBe(0);
    expected = matched.keys;
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the pairs as CSV on stdout, progress and the margin note on stderr', async () => {
    const run = await runAdql(['hats', 'crossmatch', sources, collection, '--radius', '1440'], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    const [header, ...lines] = run.stdout.trim().split('\r\n');
    const columns = header!.split(',');
    expect(columns).toContain('sep_arcsec');
    const [l, r, sep] = ['l_source_id', 'r_id', 'sep_arcsec'].map((c) => columns.indexOf(c));
    const cells = lines.map((line) => line.split(','));
    expect(cells.map((c) => `${c[l!]}-${c[r!]}`).sort()).toEqual(expected);
    expect(cells.every((c) => Number(c[sep!]) <= 1440)).toBe(true);
    expect(run.stderr).toMatch(/^crossmatch: 1\/14 join units, \d+ pairs/m);
    expect(run.stderr).toMatch(/^crossmatch: 14\/14 join units/m);
    expect(run.stderr).toMatch(/^note: cross-match .* with the right side's margin catalogue .*small_sky_order1_margin$/m);
    expect(run.stderr).toContain(`${expected.length} pairs`);
  }, 120_000);

  it('-o FILE.parquet writes VOParquet with the notes; a bad radius or extension is a usage error', async () => {
    const out = path.join(dir, 'pairs.parquet');
    const run = await runAdql(['hats', 'crossmatch', collection, sources, '--radius', '1440', '-o', out], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    const doc = await readParquet(readFileSync(out));
    const table = doc.tables[0]!;
    const names = table.columns.map((c) => c.name);
    const [l, r] = [names.indexOf('l_id'), names.indexOf('r_source_id')];
    const pairs: string[] = [];
    for (const row of table.rowArrays()) pairs.push(`${row[r]}-${row[l]}`);
    expect(pairs.sort()).toEqual(expected);
    const infos = doc.resources.flatMap((res) => res.infos);
    expect(infos.find((i) => i.name === 'NOTE')?.value).toMatch(/ran partition by partition: \d+ join units/);
    // The sources have no margin: the objects' margin is used, the sources drive.
    expect(run.stderr).toMatch(/^note: cross-match .* margin catalogue/m);

    const noRadius = await runAdql(['hats', 'crossmatch', collection, sources]);
    expect(noRadius.code).toBe(2);
    expect(noRadius.stderr).toContain('needs --radius');
    const badOut = await runAdql(['hats', 'crossmatch', collection, sources, '--radius', '2', '-o', path.join(dir, 'x.txt')]);
    expect(badOut.code).toBe(2);
    expect(badOut.stderr).toContain('.parquet, .csv, .tsv or .vot');
  }, 120_000);
});
