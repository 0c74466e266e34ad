/**
 * The Parquet footer editing HATS relies on, checked on every Parquet file of the shared HATS test
 * catalogues (pyarrow-written: snappy, dictionary pages, nested lists in structs): a footer read and
 * written back is the same bytes; a subset (some row groups, some columns, nested ones included)
 * reads in DuckDB exactly like the same selection from the original file.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RG, chunkPath, chunksOf, footerLength, int64Bounds, parseFooter, rowGroupsOf } from '../../src/hats/parquet-footer.js';
import { buildSubset, planSubset } from '../../src/hats/parquet-subset.js';
import { field, writeStruct } from '../../src/hats/thrift.js';
import { HATS_CORPUS, corpusProblem } from './corpus.js';

if (corpusProblem) console.log(`skipping the Parquet footer checks: ${corpusProblem}`);
const withCorpus = corpusProblem ? describe.skip : describe;

function parquetFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return parquetFiles(full);
    return /\.parq(uet)?$/.test(name) || name === '_metadata' || name === '_common_metadata' ? [full] : [];
  });
}

withCorpus('Parquet footers of the shared HATS catalogues', () => {
  const files = corpusProblem ? [] : parquetFiles(HATS_CORPUS);
  const work = mkdtempSync(path.join(tmpdir(), 'adql-hats-footer-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('read and written back, every footer is the same bytes', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const length = footerLength(bytes, file);
      const original = bytes.subarray(bytes.length - 8 - length, bytes.length - 8);
      expect(Buffer.from(writeStruct(parseFooter(bytes, file))).equals(Buffer.from(original)), file).toBe(true);
    }
  });

  it('a subset of row groups and columns reads like the same selection of the original', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const data = files.filter((f) => !/_(common_)?metadata$/.test(f));
    let checked = 0;
    let partial = 0;
    for (const file of data) {
      const bytes = new Uint8Array(readFileSync(file));
      const meta = parseFooter(bytes, file);
      const names = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}', hive_partitioning = false)`))
        .getRowsJS()
        .map((r) => String(r[0]));
      // Every other top-level column (a nested one among them when there is one), and the last one.
      const keep = new Set(names.filter((n, i) => i % 2 === 1 || i === names.length - 1 || n === 'lc'));
      // The row groups whose pixel statistics overlap the last row group's.
      const groups = rowGroupsOf(meta);
      const pixel = chunksOf(groups.at(-1)!).find((c) => chunkPath(c) === '_healpix_29');
      const bounds = pixel && int64Bounds(pixel);
      const pixels: Array<[bigint, bigint]> | undefined = bounds && [[bounds[0], bounds[1] + 1n]];
      const plan = planSubset(meta, file, '_healpix_29', pixels, keep)!;
      if (plan.groups.length < groups.length) partial++;
      const starts = groups.map((_, i) => groups.slice(0, i).reduce((n, g) => n + Number(field(g, RG.numRows)), 0));
      const wanted = plan.groups.map(
        (g) => `file_row_number BETWEEN ${starts[g]} AND ${starts[g]! + Number(field(groups[g]!, RG.numRows)) - 1}`,
      );
      const copy = path.join(work, `subset-${checked++}.parquet`);
      writeFileSync(
        copy,
        buildSubset(
          meta,
          plan,
          plan.chunks.map((c) => bytes.subarray(c.start, c.start + c.length)),
        ),
      );
      const cols = names.filter((n) => keep.has(n)).map((n) => `"${n}"`);
      const mine = await conn.runAndReadAll(`SELECT * FROM read_parquet('${copy}')`);
      expect(mine.columnNames(), file).toEqual(names.filter((n) => keep.has(n)));
      const theirs = await conn.runAndReadAll(
        `SELECT ${cols.join(', ')} FROM read_parquet('${file}', hive_partitioning = false, file_row_number = true) WHERE ${wanted.join(' OR ')} ORDER BY file_row_number`,
      );
      expect(JSON.stringify(mine.getRowsJS(), big), file).toBe(JSON.stringify(theirs.getRowsJS(), big));
    }
    expect(checked).toBeGreaterThan(30);
    expect(partial, 'files where the pixel statistics dropped row groups').toBeGreaterThan(0);
    conn.closeSync();
    db.closeSync();
  });
});

const big = (_: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
