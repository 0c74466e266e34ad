/**
 * Margin catalogues as the HATS spec defines them, on the shared collection: the margin partition of
 * pixel P holds the primary rows outside P within `hats_margin_threshold` of it, so reading P plus
 * its margin finds every neighbour (within the threshold) of P's rows that the whole catalogue has,
 * and reading P alone misses the ones across the border.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ang2pix, openHats } from '../../src/hats/index.js';
import { HATS_CORPUS, bruteForceRows, corpusProblem, separation } from './corpus.js';

if (corpusProblem) console.log(`skipping the margin catalogue tests: ${corpusProblem}`);
const withCorpus = corpusProblem ? describe.skip : describe;
const collection = path.join(HATS_CORPUS, 'small_sky_o1_collection');

withCorpus('HATS margin catalogues', () => {
  it('a collection lists its margins, the default first, with their thresholds', async () => {
    const catalog = await openHats(collection);
    expect(catalog.margins.map((m) => m.name)).toEqual(['small_sky_order1_margin', 'small_sky_order1_margin_10arcs']);
    const margin = await openHats(catalog.margins[0]!.location);
    expect(margin.properties.productType).toBe('margin');
    expect(margin.properties.marginThreshold).toBe(7200);
  });

  it('reading a partition with its margin finds every neighbour within the threshold; without it, border pairs are lost', async () => {
    const primary = await openHats(path.join(collection, 'small_sky_order1'));
    const margin = await openHats(path.join(collection, 'small_sky_order1_margin'));
    const radius = margin.properties.marginThreshold! / 3600;
    const all = await bruteForceRows(primary.location, 'id', 'ra', 'dec');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const read = async (files: string[]) =>
      files.length === 0
        ? []
        : ((
            await conn.runAndReadAll(`SELECT CAST(id AS VARCHAR), ra, dec FROM read_parquet([${files.map((f) => `'${f}'`).join(', ')}])`)
          ).getRowsJS() as Array<[string, number, number]>);
    let lostWithout = 0;
    for (const part of primary.partitions) {
      const own = await read(part.files);
      const border = await read(margin.partitions.find((m) => m.order === part.order && m.pixel === part.pixel)?.files ?? []);
      // The margin holds rows outside the pixel only.
      expect(border.every(([, ra, dec]) => ang2pix(part.order, ra, dec) !== part.pixel)).toBe(true);
      for (const [id, ra, dec] of own) {
        const everywhere = all
          .filter((r) => r.id !== id && separation(ra, dec, r.ra, r.dec) <= radius * 0.999)
          .map((r) => r.id)
          .sort();
        const local = [...own, ...border]
          .filter(([i, r, d]) => i !== id && separation(ra, dec, r, d) <= radius * 0.999)
          .map(([i]) => i)
          .sort();
        expect(local, `neighbours of ${id} in Npix=${part.pixel}`).toEqual(everywhere);
        lostWithout += everywhere.length - own.filter(([i, r, d]) => i !== id && separation(ra, dec, r, d) <= radius * 0.999).length;
      }
    }
    expect(lostWithout).toBeGreaterThan(0);
    conn.closeSync();
    db.closeSync();
  });
});
