/** `adql registry search` on recorded RegTAP responses served over loopback, and against the live DaCHS. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registryAdql } from '../../src/registry/index.js';
import { FaultServer } from '../tap/support/fault-server.js';
import { TAP_URL, describeLive } from '../support/dachs.js';
import { serveFixture } from '../scs/support/dachs-fixtures.js';
import { adql } from '../cli/support/in-process.js';

const server = new FaultServer();
beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

const sentQuery = () => new URLSearchParams(server.hits('/tap/sync')[0]?.body ?? '').get('QUERY');

describe('adql registry search (recorded responses)', () => {
  it('prints ivoid, short name, title and the services of each record', async () => {
    serveFixture(server, 'POST /tap/sync', 'regtap-search-tap-aux-td.vot');
    const r = await adql(['registry', 'search', 'redshift', '--type', 'tap', '--aux', '--registry', `${server.url}/tap`]);
    expect(r.code).toBe(0);
    expect(sentQuery()).toBe(registryAdql({ keywords: ['redshift'], serviceType: ['tap'], includeAux: true }));
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ivoid +short_name +title +services$/);
    expect(lines.slice(2)).toEqual([
      expect.stringMatching(/^ivo:\/\/adqlkit\.test\/zcat\/q\/cone +zcat cone +Synthetic zcat cone search +scs tap\(aux\)$/),
      expect.stringMatching(
        /^ivo:\/\/adqlkit\.test\/zcat\/q\/main +zcat\.main +Synthetic Redshift Catalogue for TAP client CI +tap\(aux\)$/,
      ),
    ]);
  });

  it('takes the registry from ADQLKIT_REGISTRY; --verbose and --json show interfaces', async () => {
    serveFixture(server, 'POST /tap/sync', 'regtap-search-scs-td.vot');
    const verbose = await adql(['registry', 'search', 'zcat', '-t', 'scs', '-v'], { ADQLKIT_REGISTRY: `${server.url}/tap` });
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toMatch(/^ {2}ivo:\/\/ivoa\.net\/std\/conesearch +http:\/\/127\.0\.0\.1:8080\/zcat\/q\/cone\/scs\.xml\?$/m);
    const json = await adql(['registry', 'search', 'zcat', '-t', 'scs', '--json', '-r', `${server.url}/tap`]);
    const [record] = JSON.parse(json.stdout) as Array<{ ivoid: string; interfaces: Array<{ standardId: string }> }>;
    expect(record?.ivoid).toBe('ivo://adqlkit.test/zcat/q/cone');
    expect(record?.interfaces.map((i) => i.standardId)).toContain('ivo://ivoa.net/std/conesearch');
  });

  it('refuses unknown service types and a missing registry (exit 2), before any request', async () => {
    const type = await adql(['registry', 'search', '--type', 'cone', '-r', `${server.url}/tap`]);
    expect(type.code).toBe(2);
    expect(type.stderr).toMatch(/unknown service type "cone": use one of scs, conesearch, tap/);
    const none = await adql(['registry', 'search', 'zcat']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no registry given; pass --registry URL');
    const action = await adql(['registry', 'find']);
    expect(action.stderr).toContain('unknown action "find"; use "adql registry search');
    expect(server.requests).toHaveLength(0);
  });
});

describeLive('adql registry search (live DaCHS registry)', () => {
  it('finds the TAP service by keyword, and exits 1 when nothing matches', async () => {
    const tap = await adql(['registry', 'search', 'adqlkit', '--type', 'tap', '--json', '-r', TAP_URL]);
    expect((JSON.parse(tap.stdout) as Array<{ ivoid: string }>).map((r) => r.ivoid)).toEqual(['ivo://adqlkit.test/tap']);
    const none = await adql(['registry', 'search', 'no-such-word-anywhere', '-r', TAP_URL]);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe(`no resource in ${TAP_URL} matches\n`);
  });
});
