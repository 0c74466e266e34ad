/**
 * Registry search, cone search and table discovery against the project's DaCHS, which is its own
 * RegTAP registry (scripts/dachs/rr) and serves a cone search on zcat.main: the tutorial's path
 * from a keyword to rows, through records turned into services.
 */
import { expect, it } from 'vitest';
import { arcmin } from '../../src/builder/index.js';
import { RegistryService, describeTable, searchTables } from '../../src/registry/index.js';
import { tapConeSearch } from '../../src/scs/index.js';
import { TapService } from '../../src/tap/service.js';
import { SCS_URL, TAP_URL, describeLive } from '../support/dachs.js';

describeLive('registry, cone search and table discovery on the live DaCHS', () => {
  const registry = new RegistryService(TAP_URL);

  it('finds the zcat cone search by keyword and service type, and its cone agrees with the TAP cone', async () => {
    const records = await registry.search({ serviceType: 'scs', keywords: ['zcat'] });
    expect(records.map((r) => r.ivoid)).toEqual(['ivo://adqlkit.test/zcat/q/cone']);
    const scs = records[0]!.coneSearchService();
    expect(scs.url).toBe(`${SCS_URL}?`);
    const viaScs = await scs.search({ ra: 150, dec: 2 }, arcmin(30), { verb: 3 });
    const viaTap = await tapConeSearch(records[0]!.tapService(), 'zcat.main', { ra: 150, dec: 2 }, arcmin(30));
    expect(viaScs.rowCount).toBeGreaterThan(0);
    expect(
      viaScs
        .column('id')
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(
      viaTap
        .column('id')
        .map(Number)
        .sort((a, b) => a - b),
    );
    // Both report the distance from the centre, in degrees.
    const scsOffsets = viaScs.column('_r').map(Number).sort();
    const tapOffsets = viaTap.column('search_offset').map(Number).sort();
    scsOffsets.forEach((d, i) => expect(d).toBeCloseTo(tapOffsets[i] ?? Number.NaN, 6));
  });

  it('finds published tables only with includeAux, and the TAP service serving them', async () => {
    const direct = await registry.search({ serviceType: 'tap', keywords: 'redshift' });
    expect(direct.map((r) => r.ivoid)).toEqual([]);
    const withAux = await registry.search({ serviceType: 'tap', keywords: 'redshift', includeAux: true });
    expect(withAux.map((r) => r.ivoid)).toEqual(['ivo://adqlkit.test/zcat/q/cone', 'ivo://adqlkit.test/zcat/q/main']);
    for (const record of withAux) expect(record.tapService().url).toBe(TAP_URL);
    const tap = await registry.search({ serviceType: 'tap', keywords: 'adqlkit' });
    expect(tap.map((r) => [r.ivoid, r.accessUrl('tap')])).toEqual([['ivo://adqlkit.test/tap', TAP_URL]]);
  });

  it('finds by subject and ivoid; an unmatched waveband finds nothing', async () => {
    const bySubject = await registry.search({ keywords: 'redshifted-galaxies' });
    expect(bySubject.map((r) => r.ivoid)).toEqual(['ivo://adqlkit.test/zcat/q/cone', 'ivo://adqlkit.test/zcat/q/main']);
    const authority = await registry.record('ivo://ADQLKIT.test');
    expect(authority?.resourceType).toBe('vg:authority');
    expect(authority?.interfaces).toEqual([]);
    expect(await registry.search({ waveband: 'gamma-ray' })).toEqual([]);
  });

  it('discovers tables by keyword and describes one', async () => {
    const service = new TapService(TAP_URL);
    expect((await searchTables(service, 'radial velocit')).map((t) => t.name)).toEqual(['zcat.main']);
    const inColumns = await searchTables(service, 'redshift', { inColumns: true });
    expect(inColumns.map((t) => t.name)).toEqual(expect.arrayContaining(['zcat.truth_match']));
    const main = await describeTable(service, 'zcat.main');
    expect(main.columns.find((c) => c.name === 'ra')).toMatchObject({ unit: 'deg', ucd: 'pos.eq.ra;meta.main' });
  });
});
