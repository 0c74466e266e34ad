/**
 * Registry search over RegTAP 1.1 on recorded DaCHS responses (fixtures/dachs/regtap-search-*):
 * the ADQL the searches send, records with their interfaces, records as service clients; and the
 * table discovery helpers on recorded VOSI documents.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from '../../src/adql/index.js';
import {
  RegistryCapabilityError,
  RegistryConstraintError,
  RegistryService,
  describeTable,
  formatTableDescription,
  listTables,
  registryAdql,
  searchTables,
  standardIdsFor,
} from '../../src/registry/index.js';
import { TapService } from '../../src/tap/service.js';
import { FaultServer } from '../tap/support/fault-server.js';
import { serveFixture } from '../scs/support/dachs-fixtures.js';

const server = new FaultServer();
beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

const registry = () => new RegistryService(`${server.url}/tap`, { format: 'votable', retry: false });
const sentQuery = () => new URLSearchParams(server.hits('/tap/sync')[0]?.body ?? '').get('QUERY') ?? '';

describe('RegTAP search queries', () => {
  it('maps service types to standard ids, with their auxiliary forms when asked', () => {
    expect(standardIdsFor(['scs'], false)).toEqual(['ivo://ivoa.net/std/conesearch']);
    expect(standardIdsFor(['tap', 'table'], true)).toEqual(['ivo://ivoa.net/std/tap', 'ivo://ivoa.net/std/tap#aux']);
    expect(standardIdsFor(['sia', 'sia2', 'ssa'], false)).toEqual([
      'ivo://ivoa.net/std/sia',
      'ivo://ivoa.net/std/sia#query-2.0',
      'ivo://ivoa.net/std/ssa',
    ]);
    expect(standardIdsFor(['sia2'], true)).toEqual(['ivo://ivoa.net/std/sia#query-2.0', 'ivo://ivoa.net/std/sia#query-aux-2.0']);
    expect(standardIdsFor(['IVO://ivoa.net/std/SLAP'], false)).toEqual(['ivo://ivoa.net/std/slap']);
  });

  it('writes keywords (titles, descriptions, subjects), service type, waveband and ivoid as valid ADQL', () => {
    const adql = registryAdql({
      keywords: ['cfa redshift', "o'brien"],
      serviceType: 'tap',
      includeAux: true,
      waveband: ['Optical', 'radio'],
      ivoid: 'IVO://Example/X',
    });
    expect(parse(adql).errors).toEqual([]);
    expect(adql).toContain(
      'FROM rr.resource AS r LEFT OUTER JOIN rr.capability AS c ON c.ivoid = r.ivoid LEFT OUTER JOIN rr.interface AS i',
    );
    expect(adql).toContain(
      "(ivo_hasword(r.res_title, 'cfa redshift') = 1 OR ivo_hasword(r.res_description, 'cfa redshift') = 1 OR r.ivoid IN (SELECT ivoid FROM rr.res_subject WHERE ivo_nocasematch(res_subject, '%cfa redshift%') = 1))",
    );
    expect(adql).toContain("ivo_hasword(r.res_title, 'o''brien') = 1");
    expect(adql).toContain(
      "r.ivoid IN (SELECT ivoid FROM rr.capability WHERE standard_id IN ('ivo://ivoa.net/std/tap', 'ivo://ivoa.net/std/tap#aux'))",
    );
    expect(adql).toContain("(ivo_hashlist_has(r.waveband, 'optical') = 1 OR ivo_hashlist_has(r.waveband, 'radio') = 1)");
    expect(adql).toContain("r.ivoid IN ('ivo://example/x')");
    expect(adql).toMatch(/ORDER BY r\.ivoid, c\.cap_index, i\.intf_index$/);
  });

  it('refuses constraints it cannot express, saying what to do', () => {
    expect(() => registryAdql({ serviceType: 'cone' })).toThrow(RegistryConstraintError);
    expect(() => registryAdql({ serviceType: 'cone' })).toThrow(/unknown service type "cone": use one of scs, conesearch, tap/);
    expect(() => registryAdql({ keywords: ' ' })).toThrow(/empty keyword/);
    expect(() => registryAdql({ includeAux: true })).toThrow(/includeAux needs a service type/);
  });
});

describe('RegistryService.search (recorded answers)', () => {
  it('groups interface rows into records and opens the cone search service of one (the tutorial, step 1)', async () => {
    serveFixture(server, 'POST /tap/sync', 'regtap-search-scs-td.vot');
    const records = await registry().search({ serviceType: 'scs', keywords: ['zcat'] });
    expect(sentQuery()).toBe(registryAdql({ serviceType: 'scs', keywords: ['zcat'] }));
    expect(records.map((r) => [r.ivoid, r.shortName, r.title])).toEqual([
      ['ivo://adqlkit.test/zcat/q/cone', 'zcat cone', 'Synthetic zcat cone search'],
    ]);
    const [zcat] = records;
    expect(zcat?.description).toMatch(/^A small, deterministic, synthetic galaxy redshift catalogue/);
    expect(zcat?.standardIds).toEqual(expect.arrayContaining(['ivo://ivoa.net/std/conesearch', 'ivo://ivoa.net/std/tap#aux']));
    expect(zcat?.interfaces.find((i) => i.standardId === 'ivo://ivoa.net/std/conesearch')).toMatchObject({
      interfaceType: 'vs:paramhttp',
      role: 'std',
      urlUse: 'base',
      accessUrl: 'http://127.0.0.1:8080/zcat/q/cone/scs.xml?',
    });
    expect(zcat?.coneSearchService().url).toBe('http://127.0.0.1:8080/zcat/q/cone/scs.xml?');
    // Its data are also served by TAP, as an auxiliary capability.
    expect(zcat?.tapService().url).toBe('http://127.0.0.1:8080/tap');
    expect(zcat?.accessUrl('tap', { includeAux: false })).toBeUndefined();
  });

  it('finds tables through auxiliary TAP capabilities (includeAux) and the TAP service behind them', async () => {
    serveFixture(server, 'POST /tap/sync', 'regtap-search-tap-aux-td.vot');
    const records = await registry().search({ serviceType: 'tap', keywords: 'redshift', includeAux: true });
    expect(records.map((r) => r.ivoid)).toEqual(['ivo://adqlkit.test/zcat/q/cone', 'ivo://adqlkit.test/zcat/q/main']);
    const table = records[1]!;
    expect(table.resourceType).toBe('vs:catalogresource');
    expect(table.shortName).toBe('zcat.main');
    expect(table.title).toBe('Synthetic Redshift Catalogue for TAP client CI');
    expect(table.standardIds).toEqual(['ivo://ivoa.net/std/tap#aux']);
    expect(table.tapService().url).toBe('http://127.0.0.1:8080/tap');
    const err = (() => {
      try {
        table.coneSearchService();
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(RegistryCapabilityError);
    expect((err as Error).message).toBe(
      'ivo://adqlkit.test/zcat/q/main has no cone search capability (it offers ivo://ivoa.net/std/tap#aux); search with serviceType "scs"',
    );
  });

  it('accepts an opened TapService as the registry endpoint and passes MAXREC', async () => {
    serveFixture(server, 'POST /tap/sync', 'regtap-search-scs-td.vot');
    const reg = new RegistryService(new TapService(`${server.url}/tap`, { format: 'votable' }));
    await reg.record('ivo://adqlkit.test/zcat/q/cone');
    expect(sentQuery()).toContain("r.ivoid IN ('ivo://adqlkit.test/zcat/q/cone')");
    server.reset();
    serveFixture(server, 'POST /tap/sync', 'regtap-search-scs-td.vot');
    await reg.search({ serviceType: 'scs' }, { maxrec: 50 });
    expect(new URLSearchParams(server.hits('/tap/sync')[0]?.body ?? '').get('MAXREC')).toBe('50');
  });
});

describe('table discovery (recorded VOSI tables)', () => {
  const service = () => new TapService(`${server.url}/tap`, { retry: false });

  it('lists tables with descriptions and finds the ones mentioning a word in name or description', async () => {
    serveFixture(server, 'GET /tap/tables', 'vosi-tables-min.xml');
    const all = await listTables(service());
    expect(all.map((t) => t.name)).toEqual(
      expect.arrayContaining(['zcat.main', 'zcat.truth_match', 'zcat.photometry', 'rr.resource', 'tap_schema.tables']),
    );
    expect(all.find((t) => t.name === 'zcat.main')?.description).toMatch(/radial velocities/);
    const velocities = await searchTables(service(), 'RADIAL VELOCIT');
    expect(velocities.map((t) => t.name)).toEqual(['zcat.main']);
    expect((await searchTables(service(), 'photometry')).map((t) => t.name)).toEqual(['zcat.photometry']);
    expect(server.hits('/tap/tables').map((r) => r.path)).toEqual(Array(3).fill('/tap/tables?detail=min'));
  });

  it('searches column names and descriptions too when asked (one full VOSI request)', async () => {
    serveFixture(server, 'GET /tap/tables', 'vosi-tables.xml');
    const redshift = await searchTables(service(), 'redshift', { inColumns: true });
    expect(redshift.filter((t) => t.name.startsWith('zcat.')).map((t) => [t.name, t.matchedColumns])).toEqual([
      ['zcat.big', ['redshift']],
      ['zcat.truth_match', ['true_z']],
    ]);
    expect(server.hits('/tap/tables').map((r) => r.path)).toEqual(['/tap/tables']);
  });

  it('describes a table: columns with units, UCDs and descriptions', async () => {
    serveFixture(server, 'GET /tap/tables/zcat.main', 'vosi-table-zcat.main.xml');
    const table = await describeTable(service(), 'zcat.main');
    expect(table.name).toBe('zcat.main');
    expect(table.columns.find((c) => c.name === 'radial_velocity')).toMatchObject({ unit: 'km/s', ucd: 'spect.dopplerVeloc.opt' });
    const text = formatTableDescription(table);
    expect(text.split('\n')[0]).toBe('zcat.main');
    expect(text).toMatch(/^ {2}ra +deg +pos\.eq\.ra;meta\.main +\S/m);
    expect(text).toContain(`${table.columns.length} columns (name, unit, UCD, description):`);
  });
});
