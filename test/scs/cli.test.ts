/** `adql cone` on recorded SCS and TAP responses served over loopback, and against the live DaCHS. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultServer } from '../tap/support/fault-server.js';
import { SCS_URL, TAP_URL, describeLive } from '../support/dachs.js';
import { serveFixture } from './support/dachs-fixtures.js';
import { adql } from '../cli/support/in-process.js';

const server = new FaultServer();
beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

describe('adql cone (recorded responses)', () => {
  it('asks a Simple Cone Search service and prints CSV on a pipe', async () => {
    serveFixture(server, 'GET /scs', 'scs-cone-verb1-td.vot');
    const r = await adql(['cone', '150', '2', '30arcmin', '--url', `${server.url}/scs`, '--verb', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toBe('_r,id,name,ra,dec,bmag,radial_velocity,radial_velocity_error,morph_type');
    expect(Object.fromEntries(new URL(server.url + server.requests[0]!.path).searchParams)).toEqual({
      RA: '150',
      DEC: '2',
      SR: '0.5',
      VERB: '1',
    });
  });

  it('takes RA,DEC so that a negative Dec is not read as an option', async () => {
    serveFixture(server, 'GET /scs', 'scs-empty-td.vot');
    const r = await adql(['cone', '150,-2.5', '36arcsec', '--url', `${server.url}/scs`]);
    expect(r.code).toBe(0);
    expect(new URL(server.url + server.requests[0]!.path).searchParams.get('DEC')).toBe('-2.5');
    expect(new URL(server.url + server.requests[0]!.path).searchParams.get('SR')).toBe('0.01');
  });

  it.each([
    [['147.3', '-2.4'], '147.3', '-2.4'],
    [['10:00:24', '+02:12:00'], '150.1', '2.2'],
    [['10h00m24s', '-2d12m00s'], '150.1', '-2.2'],
    [['10:00:24 -02:12:00'], '150.1', '-2.2'],
    [['-0.5', '-00:30:00'], undefined, '-0.5'],
  ])('reads the position %j (negatives are coordinates, not options; sexagesimal RA in hours)', async (coords, ra, dec) => {
    serveFixture(server, 'GET /scs', 'scs-empty-td.vot');
    const r = await adql(['cone', ...coords, '10arcmin', '--url', `${server.url}/scs`]);
    if (ra === undefined) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/RA "-0.5" is not a right ascension/);
      return;
    }
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = new URL(server.url + server.requests[0]!.path).searchParams;
    expect(Number(sent.get('RA'))).toBeCloseTo(Number(ra), 9);
    expect(Number(sent.get('DEC'))).toBeCloseTo(Number(dec), 9);
  });

  it('resolves an object name with Sesame (--resolver), says what it found, and searches there', async () => {
    const answer = readFileSync(resolve(import.meta.dirname, '../../fixtures/sesame/ngc3031.xml'));
    server.on('GET /sesame/-ox/SNV', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(answer);
    });
    serveFixture(server, 'GET /scs', 'scs-empty-td.vot');
    const r = await adql(['cone', 'NGC 3031', '5arcmin', '--url', `${server.url}/scs`, '--resolver', `${server.url}/sesame`]);
    expect(r.stderr).toBe('NGC 3031: RA 148.888221 Dec 69.065295 (Simbad: M 81)\n');
    expect(r.code).toBe(0);
    const sent = new URL(server.url + server.hits('/scs')[0]!.path).searchParams;
    expect([sent.get('RA'), sent.get('DEC')]).toEqual(['148.88822108', '69.06529472']);
  });

  it('an object name without a reachable resolver is a clear error (exit 2) saying to give coordinates', async () => {
    const r = await adql(['cone', 'M31', '5arcmin', '--url', 'http://127.0.0.1:1/scs', '--resolver', 'http://127.0.0.1:1/sesame']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^adql cone: error: cannot resolve "M31": the Sesame name resolver at http:\/\/127\.0\.0\.1:1\/sesame did not answer .*give the position as RA DEC/,
    );
  });

  it('reports the service error (exit 1) and a truncated result (warning)', async () => {
    serveFixture(server, 'GET /scs', 'scs-error-bad-ra.vot');
    const failed = await adql(['cone', '150', '2', '1deg', '--url', `${server.url}/scs`]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /^adql cone: error: cone search failed: Field RA: 'abc' is not a valid literal for RA \(GET http:\/\/127\.0\.0\.1:\d+\/scs\?RA=150/,
    );
    server.reset();
    serveFixture(server, 'GET /scs', 'scs-overflow-td.vot');
    const cut = await adql(['cone', '150', '2', '2deg', '--url', `${server.url}/scs`, '--maxrec', '3', '--format', 'json']);
    expect(cut.code).toBe(0);
    expect(JSON.parse(cut.stdout).rows).toHaveLength(3);
    expect(cut.stderr).toContain('warning: the result was truncated at MAXREC=3');
  });

  it('runs the cone as a TAP query on a table', async () => {
    serveFixture(server, 'GET /tap/tables/zcat.main', 'vosi-table-zcat.main.xml');
    serveFixture(server, 'POST /tap/sync', 'sync-cone-contains-td.vot');
    const r = await adql(['cone', '150', '2', '0.5deg', '-s', `${server.url}/tap`, '--table', 'zcat.main', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows).toHaveLength(6);
    expect(new URLSearchParams(server.hits('/tap/sync')[0]!.body).get('QUERY')).toContain("CIRCLE('ICRS', 150, 2, 0.5)");
  });

  it('refuses bad arguments with what to do (exit 2), before any request', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['cone', '150', '2', '10', 'parsec', '--url', 'http://127.0.0.1:1/scs'], /expected RA DEC RADIUS, or TARGET RADIUS/],
      [['cone', '150', '2', '10parsec', '--url', 'http://127.0.0.1:1/scs'], /unknown angle unit "parsec"/],
      [
        ['cone', 'north', '2', '1deg', '--url', 'http://127.0.0.1:1/scs'],
        /RA "north" is not a coordinate; to search around an object, quote its name: adql cone "north 2" 1deg/,
      ],
      [['cone', 'NGC', '3031', '1deg', '--url', 'http://127.0.0.1:1/scs'], /quote its name: adql cone "NGC 3031" 1deg/],
      [['cone', '150', '95', '1deg', '--url', 'http://127.0.0.1:1/scs'], /Dec "95" must be within \[-90, 90\] degrees/],
      [['cone', '25:00:00', '2', '1deg', '--url', 'http://127.0.0.1:1/scs'], /RA "25:00:00" must be below 24 hours/],
      [['cone', '150', '2', '1deg'], /no service to search; pass --url SCS_URL, or --service URL --table TABLE/],
      [['cone', '150', '2', '1deg', '--url', 'http://127.0.0.1:1/scs', '--verb', '4'], /--verb must be 1, 2 or 3/],
    ];
    for (const [args, message] of cases) {
      const r = await adql(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});

describeLive('adql cone (live DaCHS)', () => {
  it('gives the same objects through SCS and through TAP', async () => {
    const viaScs = await adql(['cone', '150', '2', '1deg', '--url', SCS_URL, '--format', 'json']);
    const viaTap = await adql(['cone', '150', '2', '1deg', '-s', TAP_URL, '--table', 'zcat.main', '--columns', 'id', '--format', 'json']);
    const ids = (out: string, column: number) =>
      (JSON.parse(out).rows as unknown[][]).map((row) => Number(row[column])).sort((a, b) => a - b);
    expect(ids(viaScs.stdout, 1).length).toBeGreaterThan(10);
    expect(ids(viaScs.stdout, 1)).toEqual(ids(viaTap.stdout, 0));
  });
});
