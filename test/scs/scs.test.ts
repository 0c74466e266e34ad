/**
 * The Simple Cone Search client on recorded DaCHS responses (fixtures/dachs/scs-*), served over
 * loopback HTTP: request parameters and units, VERB, results, overflow and the SCS error
 * conventions; and the TAP-table cone query built with the builder.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from '../../src/adql/index.js';
import { arcmin, arcsec, deg } from '../../src/builder/index.js';
import { ConeSearchError, ConeSearchService, ConeSearchTableError, coneQuery, parseAngle, tapConeSearch } from '../../src/scs/index.js';
import { TapProtocolError, TapServiceError } from '../../src/dal/errors.js';
import { TapService } from '../../src/tap/service.js';
import { FaultServer } from '../tap/support/fault-server.js';
import { serveFixture } from './support/dachs-fixtures.js';

const server = new FaultServer();
beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

const cone = () => new ConeSearchService(`${server.url}/zcat/q/cone/scs.xml?`, { retry: false });
const sent = () => new URL(server.url + (server.hits('/zcat/q/cone/scs.xml')[0]?.path ?? '')).searchParams;

describe('ConeSearchService (SCS 1.03)', () => {
  it('sends RA, DEC and SR in degrees and reads the VOTable into rows with the distance column', async () => {
    serveFixture(server, 'GET /zcat/q/cone/scs.xml', 'scs-cone-td.vot');
    const result = await cone().search({ ra: 150, dec: 2 }, deg(1), { params: { RESPONSEFORMAT: 'votabletd' } });
    expect(Object.fromEntries(sent())).toEqual({ RA: '150', DEC: '2', SR: '1', RESPONSEFORMAT: 'votabletd' });
    expect(result.rowCount).toBe(26);
    expect(result.columnNames).toEqual([
      '_r',
      'id',
      'name',
      'ra',
      'dec',
      'bmag',
      'radial_velocity',
      'radial_velocity_error',
      'morph_type',
      'obs_date',
    ]);
    expect(result.columns.find((c) => c.name === 'ra')?.ucd).toBe('POS_EQ_RA_MAIN');
    expect(result.overflow).toBe(false);
    for (const row of result) expect(Number(row._r)).toBeLessThanOrEqual(1);
  });

  it('converts arcminutes and arcseconds to degrees for SR, and keeps the position in [0, 360)', async () => {
    serveFixture(server, 'GET /zcat/q/cone/scs.xml', 'scs-empty-td.vot');
    const scs = cone();
    expect(new URL(scs.requestUrl([-210, 2], arcmin(30))).searchParams.get('SR')).toBe('0.5');
    expect(new URL(scs.requestUrl([-210, 2], arcmin(30))).searchParams.get('RA')).toBe('150');
    expect(new URL(scs.requestUrl([150, 2], arcsec(36))).searchParams.get('SR')).toBe('0.01');
    const empty = await scs.search([150, 2], deg(0));
    expect(empty.rowCount).toBe(0);
    expect(empty.status).toBe('OK');
  });

  it('keeps parameters fixed in the access URL and sends VERB and MAXREC', () => {
    const scs = new ConeSearchService('http://127.0.0.1:1/scs?CAT=zcat&');
    const url = new URL(scs.requestUrl([10, -5], deg(0.1), { verb: 3, maxrec: 7 }));
    expect(Object.fromEntries(url.searchParams)).toEqual({ CAT: 'zcat', RA: '10', DEC: '-5', SR: '0.1', VERB: '3', MAXREC: '7' });
  });

  it('reads BINARY answers and honours VERB (VERB=1 has fewer columns than VERB=3)', async () => {
    serveFixture(server, 'GET /zcat/q/cone/scs.xml', 'scs-cone-binary.vot');
    const verbose = await cone().search([150, 2], deg(0.5), { verb: 3 });
    expect(sent().get('VERB')).toBe('3');
    server.reset();
    serveFixture(server, 'GET /zcat/q/cone/scs.xml', 'scs-cone-verb1-td.vot');
    const terse = await cone().search([150, 2], deg(0.5), { verb: 1 });
    expect(terse.columnNames.length).toBeLessThan(verbose.columnNames.length);
    expect(terse.rowCount).toBe(verbose.rowCount);
  });

  it('reports a result cut by MAXREC as overflow', async () => {
    serveFixture(server, 'GET /zcat/q/cone/scs.xml', 'scs-overflow-td.vot');
    const result = await cone().search([150, 2], deg(2), { maxrec: 3 });
    expect(result.rowCount).toBe(3);
    expect(result.overflow).toBe(true);
  });

  it.each([
    ['scs-error-missing-dec.vot', /Required parameter 'DEC' missing/],
    ['scs-error-bad-ra.vot', /'abc' is not a valid literal for RA/],
    ['scs-error-negative-sr.vot', /radius must be not greater than 90 degrees or less than 0/],
  ])('turns the error VOTable %s (HTTP 200, INFO name="Error") into ConeSearchError', async (name, message) => {
    serveFixture(server, 'GET /zcat/q/cone/scs.xml', name);
    const err = await cone()
      .search([150, 2], deg(0.5))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConeSearchError);
    expect((err as ConeSearchError).serverMessage).toMatch(message);
    expect((err as Error).message).toContain(`${server.url}/zcat/q/cone/scs.xml?RA=150`);
  });

  it('reads the SCS 1.0 form of an error (PARAM name="Error")', async () => {
    server.on('GET /old', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<VOTABLE version="1.1"><DEFINITIONS><PARAM name="Error" datatype="char" arraysize="*" value="SR too large"/></DEFINITIONS></VOTABLE>',
      );
    });
    const err = await new ConeSearchService(`${server.url}/old`).search([1, 1], deg(50)).catch((e: unknown) => e);
    expect((err as ConeSearchError).serverMessage).toBe('SR too large');
  });

  it('turns HTTP errors and non-VOTable answers into the TAP client errors', async () => {
    server.on('GET /broken', (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('database down');
    });
    server.on('GET /html', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>maintenance</body></html>');
    });
    const http = await new ConeSearchService(`${server.url}/broken`, { retry: false }).search([1, 1], deg(1)).catch((e: unknown) => e);
    expect(http).toBeInstanceOf(TapServiceError);
    expect((http as TapServiceError).status).toBe(500);
    expect((http as Error).message).toMatch(/cone search failed with HTTP 500: database down/);
    const html = await new ConeSearchService(`${server.url}/html`).search([1, 1], deg(1)).catch((e: unknown) => e);
    expect(html).toBeInstanceOf(TapProtocolError);
    expect((html as Error).message).toMatch(/not a VOTable.*maintenance/);
  });

  it('refuses impossible positions and VERB values before sending anything', () => {
    const scs = cone();
    expect(() => scs.requestUrl([150, 91], deg(1))).toThrow(/Dec must be a number of degrees in \[-90, 90\]/);
    expect(() => scs.requestUrl([Number.NaN, 0], deg(1))).toThrow(/RA must be a finite number/);
    expect(() => scs.requestUrl([1, 1], deg(1), { verb: 4 as 3 })).toThrow(/VERB must be 1, 2 or 3/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('parseAngle', () => {
  it.each([
    ['10arcmin', 10 / 60],
    ['0.5 deg', 0.5],
    ['30arcsec', 30 / 3600],
    ["2'", 2 / 60],
    ['5"', 5 / 3600],
    ['1e-2deg', 0.01],
  ])('%s', (text, degrees) => {
    expect(parseAngle(text).degrees).toBeCloseTo(degrees, 12);
  });
  it('needs a unit unless a default is given, and names the problem', () => {
    expect(() => parseAngle('10')).toThrow(/has no unit: write 10deg, 10arcmin or 10arcsec/);
    expect(parseAngle('0.25', 'deg').degrees).toBe(0.25);
    expect(() => parseAngle('3 parsec')).toThrow(/unknown angle unit "parsec"/);
    expect(() => parseAngle('ten deg')).toThrow(/is not an angle/);
    expect(() => parseAngle('-1deg')).toThrow(/cannot be negative/);
  });
});

describe('cone search of a TAP table (CONTAINS query)', () => {
  it('builds valid ADQL with the distance as search_offset, ordered by it', () => {
    const q = coneQuery('zcat.main', [150, 2], arcmin(30), { raColumn: 'ra', decColumn: 'dec' });
    expect(q.toADQL()).toBe(
      "SELECT cone.*, DISTANCE(POINT('ICRS', cone.ra, cone.dec), POINT('ICRS', 150, 2)) AS search_offset FROM zcat.main AS cone " +
        "WHERE 1 = CONTAINS(POINT('ICRS', cone.ra, cone.dec), CIRCLE('ICRS', 150, 2, 0.5)) ORDER BY search_offset",
    );
    const some = coneQuery('zcat.main', { ra: 10, dec: -5 }, deg(1), { raColumn: 'ra', decColumn: 'dec', columns: ['id', 'bmag'] });
    expect(some.toADQL()).toMatch(/^SELECT cone\.id, cone\.bmag, DISTANCE/);
    expect(parse(some.toADQL()).errors).toEqual([]);
  });

  it('finds the position columns by UCD in the VOSI table and runs the query', async () => {
    serveFixture(server, 'GET /tap/tables/zcat.main', 'vosi-table-zcat.main.xml');
    serveFixture(server, 'POST /tap/sync', 'sync-cone-contains-td.vot');
    const result = await tapConeSearch(new TapService(`${server.url}/tap`, { format: 'votable' }), 'zcat.main', [150, 2], deg(0.5));
    expect(result.rowCount).toBe(6);
    const query = new URLSearchParams(server.hits('/tap/sync')[0]?.body ?? '').get('QUERY');
    expect(query).toContain("CONTAINS(POINT('ICRS', cone.ra, cone.dec), CIRCLE('ICRS', 150, 2, 0.5))");
  });

  it('says what to do when the table or its position columns cannot be found', async () => {
    serveFixture(server, 'GET /tap/tables/zcat.nosuch', 'vosi-table-nosuch.xml');
    server.on('GET /tap/tables/zcat.truth_match', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<vosi:table xmlns:vosi="http://www.ivoa.net/xml/VOSITables/v1.0"><name>zcat.truth_match</name><column><name>true_z</name></column></vosi:table>',
      );
    });
    const service = new TapService(`${server.url}/tap`, { retry: false });
    const missing = await tapConeSearch(service, 'zcat.nosuch', [1, 1], deg(1)).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ConeSearchTableError);
    expect((missing as Error).message).toMatch(/cannot read the table's columns .*pass raColumn and decColumn/);
    const noPosition = await tapConeSearch(service, 'zcat.truth_match', [1, 1], deg(1)).catch((e: unknown) => e);
    expect((noPosition as Error).message).toMatch(/no RA\/Dec columns found/);
  });
});
