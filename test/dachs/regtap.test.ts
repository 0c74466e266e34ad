/**
 * The project's DaCHS is also a RegTAP 1.1 registry of its own resources (scripts/dachs/rr/):
 * the rr tables are queryable through /tap and list the published TAP and cone search services,
 * the published tables (auxiliary TAP capabilities) and their metadata.
 */
import { expect, it } from 'vitest';
import { DACHS_ROOT_URL, SCS_URL, TAP_URL, describeLive } from '../support/dachs.js';
import { csvQuery } from './live.js';

describeLive('DaCHS RegTAP registry (rr schema)', () => {
  it('finds the TAP and the cone search services through rr.resource NATURAL JOIN rr.capability', async () => {
    const t = await csvQuery(`SELECT ivoid, res_type, short_name, standard_id, intf_type, access_url
      FROM rr.resource NATURAL JOIN rr.capability NATURAL JOIN rr.interface
      WHERE standard_id IN ('ivo://ivoa.net/std/tap', 'ivo://ivoa.net/std/conesearch')
      ORDER BY standard_id`);
    expect(t.rows).toEqual([
      ['ivo://adqlkit.test/zcat/q/cone', 'vs:catalogservice', 'zcat cone', 'ivo://ivoa.net/std/conesearch', 'vs:paramhttp', `${SCS_URL}?`],
      ['ivo://adqlkit.test/tap', 'vs:catalogservice', 'adqlkit TAP', 'ivo://ivoa.net/std/tap', 'vs:paramhttp', TAP_URL],
    ]);
  });

  it('lists the published tables as resources with auxiliary TAP capabilities (includeaux)', async () => {
    const t = await csvQuery(`SELECT ivoid, res_type, access_url FROM rr.resource
      NATURAL JOIN rr.capability NATURAL JOIN rr.interface
      WHERE standard_id = 'ivo://ivoa.net/std/tap#aux' ORDER BY ivoid`);
    const ivoids = t.rows.map((r) => r[0]);
    expect(ivoids).toEqual(expect.arrayContaining(['ivo://adqlkit.test/zcat/q/main']));
    for (const row of t.rows) expect(row[2]).toBe(TAP_URL);
    const tables = await csvQuery(`SELECT ivoid, table_name FROM rr.res_table WHERE ivoid = 'ivo://adqlkit.test/zcat/q/main'`);
    expect(tables.rows).toEqual([['ivo://adqlkit.test/zcat/q/main', 'zcat.main']]);
  });

  it('supports keyword search with ivo_hasword and subjects, and describes table columns', async () => {
    const t = await csvQuery(`SELECT DISTINCT ivoid FROM rr.resource
      WHERE 1 = ivo_hasword(res_description, 'redshift') OR 1 = ivo_hasword(res_title, 'redshift')
      ORDER BY ivoid`);
    expect(t.rows.map((r) => r[0])).toEqual(['ivo://adqlkit.test/zcat/q/cone', 'ivo://adqlkit.test/zcat/q/main']);
    const subjects = await csvQuery(`SELECT ivoid FROM rr.res_subject WHERE res_subject = 'redshifted-galaxies' ORDER BY ivoid`);
    expect(subjects.rows.map((r) => r[0])).toContain('ivo://adqlkit.test/zcat/q/main');
    const cols = await csvQuery(`SELECT name, unit, ucd FROM rr.table_column
      WHERE ivoid = 'ivo://adqlkit.test/zcat/q/main' AND name IN ('ra', 'radial_velocity') ORDER BY name`);
    expect(cols.rows).toEqual([
      ['ra', 'deg', 'pos.eq.ra;meta.main'],
      ['radial_velocity', 'km/s', 'spect.dopplerVeloc.opt'],
    ]);
  });

  it('keeps res_detail values a client reads (cone test query, TAP output limit)', async () => {
    const t = await csvQuery(`SELECT ivoid, detail_xpath, detail_value FROM rr.res_detail
      WHERE detail_xpath IN ('/capability/testQuery/ra', '/capability/outputLimit/hard') ORDER BY ivoid`);
    expect(t.rows).toEqual([
      ['ivo://adqlkit.test/tap', '/capability/outputLimit/hard', '20000000'],
      ['ivo://adqlkit.test/zcat/q/cone', '/capability/testQuery/ra', '150.0'],
    ]);
  });

  it("uses the site's own URLs (no localhost) in every access URL", async () => {
    const t = await csvQuery('SELECT DISTINCT access_url FROM rr.interface');
    expect(t.rows.length).toBeGreaterThan(3);
    for (const [url] of t.rows) expect(url?.startsWith(DACHS_ROOT_URL), url).toBe(true);
  });
});
