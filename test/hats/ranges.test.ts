/**
 * Remote HATS partitions read by ranges: the footer, then only the row groups whose `_healpix_29`
 * statistics overlap a cone and, when the columns are given, only their chunks. Bytes are counted
 * at a loopback range server and compared with the file's size; answers equal the local files'.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEngine, importHats } from '../../src/engine/index.js';
import { fetchPartitionFile, healpixRanges, openHats } from '../../src/hats/index.js';
import { seeded } from '../support/seeded.js';
import { type StaticServer, serveDirectory } from './static-server.js';

const work = mkdtempSync(path.join(tmpdir(), 'adql-hats-ranges-'));
const random = seeded(7);
// 30,000 rows in a 10 x 10 degree field, with a wide column that dominates the file's size.
const rows = Array.from({ length: 30000 }, (_, i) => {
  const noise = Array.from({ length: 12 }, () => Math.floor(random() * 2 ** 32).toString(16)).join('');
  return `${i},${200 + random() * 10},${-35 + random() * 10},${noise}`;
});
const csv = path.join(work, 'field.csv');
writeFileSync(csv, `id,ra,dec,note\n${rows.join('\n')}\n`);
const out = path.join(work, 'field');

describe('HATS over HTTP by ranges', () => {
  let server: StaticServer;
  let remote: LocalEngine;
  let local: LocalEngine;
  let file: string;
  beforeAll(async () => {
    await importHats({ input: csv, output: out, ra: 'ra', dec: 'dec', maxRows: 40000, rowGroupRows: 2048 });
    const catalog = await openHats(out);
    expect(catalog.partitions.length).toBe(1);
    file = catalog.partitions[0]!.files[0]!;
    server = await serveDirectory(work);
    remote = await LocalEngine.create({ hats: [{ name: 'web.field', location: `${server.url}/field` }] });
    local = await LocalEngine.create({ hats: [{ name: 'web.field', location: out }] });
  });
  afterAll(async () => {
    await remote?.close();
    await local?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const dataBytes = () => server.requests.filter((r) => /Npix=/.test(r.path)).reduce((s, r) => s + r.bytes, 0);

  it('a small cone fetches the footer and the few row groups it overlaps, and answers like the local files', async () => {
    const q = 'SELECT id, ra, dec, note FROM web.field WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(205, -30, 0.3)) ORDER BY id';
    server.requests.length = 0;
    const fromWeb = await remote.query(q);
    const read = dataBytes();
    const size = statSync(file).size;
    console.log(`cone of 0.3 deg: ${read} of ${size} bytes fetched (${((100 * read) / size).toFixed(1)}%)`);
    expect(fromWeb.rows.length).toBeGreaterThan(0);
    expect(fromWeb.rows).toEqual((await local.query(q)).rows);
    expect(read).toBeLessThan(size * 0.3);
    expect(server.requests.filter((r) => /Npix=/.test(r.path)).every((r) => r.range !== undefined)).toBe(true);
  });

  it('a query over every row that uses two columns fetches only their chunks; SELECT * still reads them all', async () => {
    const q = 'SELECT COUNT(*) AS n, AVG(ra) AS mean_ra FROM web.field WHERE dec > -30';
    server.requests.length = 0;
    const fromWeb = await remote.query(q);
    const read = dataBytes();
    const size = statSync(file).size;
    console.log(`COUNT and AVG over ra, dec of all rows: ${read} of ${size} bytes fetched (${((100 * read) / size).toFixed(1)}%)`);
    expect(fromWeb.rows).toEqual((await local.query(q)).rows);
    expect(read).toBeLessThan(size * 0.3);
    // A query naming no column still counts rows: the pixel column alone is fetched.
    server.requests.length = 0;
    expect((await remote.query('SELECT COUNT(*) FROM web.field')).rows).toEqual([[30000n]]);
    expect(dataBytes()).toBeLessThan(size * 0.2);
    const all = 'SELECT * FROM web.field WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(202, -33, 0.2)) ORDER BY id';
    const star = await remote.query(all);
    expect(star.columns.map((c) => c.name)).toEqual(['_healpix_29', 'id', 'ra', 'dec', 'note']);
    expect(star.rows).toEqual((await local.query(all)).rows);
  });

  it('a server without range support sends whole files, and the answers stay the same', async () => {
    const plain = await serveDirectory(work, { ignoreRanges: true });
    const web = await LocalEngine.create({ hats: [{ name: 'web.field', location: `${plain.url}/field` }] });
    try {
      const q = 'SELECT id, note FROM web.field WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(205, -30, 0.3)) ORDER BY id';
      expect((await web.query(q)).rows).toEqual((await local.query(q)).rows);
      expect(plain.requests.filter((r) => /Npix=/.test(r.path)).map((r) => r.bytes)).toEqual([statSync(file).size]);
    } finally {
      await web.close();
      await plain.close();
    }
  });

  it('fetches only the chunks of the columns asked for, a valid Parquet file DuckDB reads', async () => {
    const url = `${server.url}/field/dataset/Norder=0/Dir=0/${path.basename(file)}`;
    const size = statSync(file).size;
    const dest = path.join(work, 'projected.parquet');
    const narrow = await fetchPartitionFile(url, dest, '_healpix_29', undefined, ['id', 'ra', 'dec']);
    console.log(`columns id, ra, dec of every row group: ${narrow.bytes} of ${size} bytes in ${narrow.requests} requests`);
    expect(narrow).toMatchObject({ fetched: true, size });
    expect(narrow.rowGroups.read).toBe(narrow.rowGroups.total);
    expect(narrow.rowGroups.total).toBeGreaterThan(10);
    expect(narrow.bytes).toBeLessThan(size * 0.5);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const copy = await conn.runAndReadAll(`SELECT * FROM read_parquet('${dest}') ORDER BY id`);
    expect(copy.columnNames()).toEqual(['id', 'ra', 'dec']);
    const original = await conn.runAndReadAll(`SELECT id, ra, dec FROM read_parquet('${file}') ORDER BY id`);
    expect(copy.getRowsJS()).toEqual(original.getRowsJS());

    // Both: the row groups a cone overlaps, two columns of them.
    const pixels = healpixRanges({ kind: 'cap', cap: { ra: 205, dec: -30, radius: 0.3 } });
    const both = await fetchPartitionFile(url, dest, '_healpix_29', pixels, ['id', 'note']);
    console.log(
      `columns id, note of the cone's row groups: ${both.bytes} of ${size} bytes, ${both.rowGroups.read} of ${both.rowGroups.total} row groups`,
    );
    expect(both.rowGroups.read).toBeLessThan(both.rowGroups.total / 2);
    const part = await conn.runAndReadAll(`SELECT COUNT(*), COUNT(DISTINCT note) FROM read_parquet('${dest}')`);
    const [n] = part.getRowsJS()[0] as [bigint, bigint];
    expect(Number(n)).toBeLessThanOrEqual(2048 * both.rowGroups.read);
    conn.closeSync();
    db.closeSync();

    // No row group can hold the pixels of a cone elsewhere: only the footer is read.
    const away = await fetchPartitionFile(url, dest, '_healpix_29', healpixRanges({ kind: 'cap', cap: { ra: 20, dec: 40, radius: 1 } }));
    expect(away).toMatchObject({ fetched: false, requests: 1 });
    expect(away.bytes).toBeLessThanOrEqual(64 * 1024);
  });
});
