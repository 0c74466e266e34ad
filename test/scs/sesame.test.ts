/**
 * Object names through CDS Sesame, on answers written in Sesame's documented XML format
 * (fixtures/sesame/) and served over loopback: the request, the first resolver with a position,
 * a name nobody knows, and a clear error when Sesame cannot be reached (there is no network here).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NameResolverError, resolveName } from '../../src/scs/index.js';
import { FaultServer } from '../tap/support/fault-server.js';

const server = new FaultServer();
beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

function serve(path: string, fixture: string): void {
  const body = readFileSync(resolve(import.meta.dirname, '../../fixtures/sesame', fixture));
  server.on(`GET ${path}`, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(body);
  });
}

const sesame = () => `${server.url}/cgi-bin/nph-sesame`;

describe('resolveName (CDS Sesame)', () => {
  it('asks Sesame for XML from Simbad, NED and VizieR and reads the ICRS position', async () => {
    serve('/cgi-bin/nph-sesame/-ox/SNV', 'm31.xml');
    const r = await resolveName('M31', { url: sesame(), retry: false });
    expect(server.requests.map((q) => q.path)).toEqual(['/cgi-bin/nph-sesame/-ox/SNV?M31']);
    expect(r).toEqual({ name: 'M31', ra: 10.684708333, dec: 41.26875, resolver: 'Simbad', mainId: 'M 31', objectType: 'AGN' });
  });

  it('encodes names with spaces and takes the first resolver that has a position', async () => {
    serve('/cgi-bin/nph-sesame/-ox/NS', 'ngc3031.xml');
    const r = await resolveName('NGC 3031', { url: sesame(), resolvers: 'NS', retry: false });
    expect(server.requests[0]!.path).toBe('/cgi-bin/nph-sesame/-ox/NS?NGC%203031');
    expect([r.ra, r.dec, r.resolver, r.mainId]).toEqual([148.88822108, 69.06529472, 'Simbad', 'M 81']);
  });

  it('a name no database knows is a NameResolverError saying which were asked', async () => {
    serve('/cgi-bin/nph-sesame/-ox/SNV', 'nothing-found.xml');
    const err = await resolveName('NGC 99999', { url: sesame(), retry: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NameResolverError);
    expect((err as NameResolverError).offline).toBe(false);
    expect((err as Error).message).toBe(
      'Sesame knows no object named "NGC 99999" (asked Simbad, NED, VizieR): check the spelling, or give the position as RA DEC',
    );
  });

  it('an unreachable Sesame is an offline NameResolverError telling to give coordinates', async () => {
    const closed = new FaultServer();
    await closed.start();
    const url = `${closed.url}/cgi-bin/nph-sesame`;
    await closed.stop();
    const err = await resolveName('M31', { url, retry: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NameResolverError);
    expect((err as NameResolverError).offline).toBe(true);
    expect((err as Error).message).toMatch(
      /^cannot resolve "M31": the Sesame name resolver at http:\/\/127\.0\.0\.1:\d+\/cgi-bin\/nph-sesame did not answer \(.*\); without a network, give the position as RA DEC/,
    );
  });

  it('an HTML page instead of XML is a protocol error, not a position', async () => {
    server.on('GET /cgi-bin/nph-sesame/-ox/SNV', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>maintenance</body></html>');
    });
    await expect(resolveName('M31', { url: sesame(), retry: false })).rejects.toThrow(
      'Sesame name resolver: the answer is not a Sesame document (its root element is <html>)',
    );
  });
});
