/**
 * HATS catalogues over HTTP (a loopback static server with range requests): the same answers as
 * the local directory, fetching only the partitions a cone touches, by ranges; partitions that are
 * Npix=n/ directories, and an index catalogue's files, found through dataset/_metadata.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEngine } from '../../src/engine/index.js';
import { HATS_CORPUS, corpusProblem } from './corpus.js';
import { type StaticServer, serveDirectory } from './static-server.js';

if (corpusProblem) console.log(`skipping HATS over HTTP: ${corpusProblem}`);
const withCorpus = corpusProblem ? describe.skip : describe;

withCorpus('HATS over HTTP', () => {
  let server: StaticServer;
  let remote: LocalEngine;
  let local: LocalEngine;
  beforeAll(async () => {
    server = await serveDirectory(path.resolve(HATS_CORPUS));
    remote = await LocalEngine.create({
      hats: [
        { name: 'web.source', location: `${server.url}/small_sky_source` },
        { name: 'web.collection', location: `${server.url}/small_sky_o1_collection/` },
        { name: 'web.dirs', location: `${server.url}/small_sky_npix_as_dir` },
        { name: 'web.ids', location: `${server.url}/small_sky_o1_collection/small_sky_order1_id_index` },
      ],
    });
    local = await LocalEngine.create({
      hats: [
        { name: 'web.source', location: path.join(HATS_CORPUS, 'small_sky_source') },
        { name: 'web.collection', location: path.join(HATS_CORPUS, 'small_sky_o1_collection') },
        { name: 'web.dirs', location: path.join(HATS_CORPUS, 'small_sky_npix_as_dir') },
        { name: 'web.ids', location: path.join(HATS_CORPUS, 'small_sky_o1_collection', 'small_sky_order1_id_index') },
      ],
    });
  });
  afterAll(async () => {
    await remote?.close();
    await local?.close();
    await server?.close();
  });

  const queries = [
    'SELECT source_id, source_ra, source_dec, mag, band FROM web.source WHERE 1 = CONTAINS(POINT(source_ra, source_dec), CIRCLE(315, -66, 2)) ORDER BY source_id',
    'SELECT COUNT(*), MIN("_healpix_29"), MAX("_healpix_29") FROM web.source',
    'SELECT id, ra, dec FROM web.collection WHERE DISTANCE(POINT(ra, dec), POINT(320, -40)) >= 0 AND 1 = CONTAINS(POINT(ra, dec), BOX(320, -40, 10, 6)) ORDER BY id',
    'SELECT COUNT(*) FROM web.source WHERE 1 = CONTAINS(POINT(source_ra, source_dec), CIRCLE(100, 40, 1))',
    // Npix=n/ directories: their files come from dataset/_metadata.
    'SELECT id, ra, dec FROM web.dirs WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(315, -66, 3)) ORDER BY id',
    // An index catalogue: its dataset/index/ files, named by dataset/_metadata.
    'SELECT id, Norder, Npix FROM web.ids ORDER BY id',
  ];

  it('answers like the local directory (64-bit pixels kept exactly)', async () => {
    for (const q of queries) {
      const fromWeb = await remote.query(q);
      const fromDisk = await local.query(q);
      expect(fromWeb.rows, q).toEqual(fromDisk.rows);
      expect(fromWeb.rows.length, q).toBeGreaterThan(0);
    }
  });

  it('a cone fetches only the partitions it touches, by range requests', async () => {
    server.requests.length = 0;
    const r = await remote.query(queries[0]!);
    expect(r.rows.length).toBeGreaterThan(0);
    const dataFiles = new Set(server.requests.filter((q) => q.method === 'GET' && /Npix=/.test(q.path)).map((q) => q.path));
    const all = (await local.query('SELECT COUNT(*) FROM web.source')).sql.split('.parquet').length - 1;
    expect(dataFiles.size).toBeGreaterThan(0);
    expect(dataFiles.size).toBeLessThan(all);
    expect(server.requests.filter((q) => q.method === 'GET').every((q) => q.range !== undefined)).toBe(true);
    server.requests.length = 0;
    await remote.query(queries[3]!);
    expect(server.requests.filter((q) => /Npix=/.test(q.path))).toEqual([]);
  });

  it('an ADQL cross-match of two remote catalogues runs partition by partition, fetching one join unit at a time', async () => {
    const q =
      'SELECT o.id, s.source_id FROM web.collection AS o JOIN web.source AS s ON 1 = CONTAINS(POINT(s.source_ra, s.source_dec), CIRCLE(o.ra, o.dec, 0.4)) ORDER BY o.id, s.source_id';
    const fromDisk = await local.query(q);
    server.requests.length = 0;
    const units: number[] = [];
    const fromWeb = await remote.query(q, { onProgress: (e) => units.push(e.read.left + e.read.right + e.read.margin) });
    expect(fromWeb.rows).toEqual(fromDisk.rows);
    expect(fromWeb.rows.length).toBeGreaterThan(1000);
    expect(fromWeb.notes?.[0]).toMatch(/ran partition by partition: \d+ join units, with the right side's margin catalogue/);
    expect(units.length).toBeGreaterThan(1);
    expect(Math.max(...units)).toBeLessThanOrEqual(5);
    // The partitions came over HTTP by ranges, a join unit's at a time (the units above held at most 5).
    const fetched = server.requests.filter((r) => r.method === 'GET' && /Npix=/.test(r.path));
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((r) => r.range !== undefined)).toBe(true);
  });

  it('an unreachable catalogue is a clear error', async () => {
    const e = await LocalEngine.create();
    await expect(e.loadHats('x.y', `${server.url}/no_such_catalogue`)).rejects.toThrow(/not a HATS catalogue/);
    await e.close();
  });
});
