/**
 * The README's .adqlrc.json names a token variable (tokenEnv). When it is not set, commands warn and
 * run without a token instead of stopping (issue 22); a service that needs the token answers
 * 401/403, which is reported with the hint to set the variable.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultServer } from '../tap/support/fault-server.js';
import { serveFixture } from '../scs/support/dachs-fixtures.js';
import { adql } from './support/in-process.js';

const server = new FaultServer();
beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

function config(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'adqlrc-token-')), '.adqlrc.json');
  writeFileSync(file, JSON.stringify({ service: 'zcat', services: { zcat: { url: `${server.url}/tap`, tokenEnv: 'ZCAT_TOKEN' } } }));
  return file;
}

const QUERY = 'SELECT TOP 5 id FROM zcat.main';

describe('a tokenEnv variable that is not set', () => {
  it('is a warning: the query runs without a token (exit 0)', async () => {
    serveFixture(server, 'POST /tap/sync', 'sync-cone-contains-td.vot');
    const r = await adql(['query', '--config', config(), '--no-validate', QUERY]);
    expect(r.stderr).toBe(
      'warning: $ZCAT_TOKEN is not set: requests to zcat go without a token (if the service needs one it answers 401/403; export ZCAT_TOKEN=...)\n',
    );
    expect(r.code).toBe(0);
    expect(server.hits('/tap/sync')[0]!.headers.authorization).toBeUndefined();
  });

  it('a 401 from the service is a failed query (exit 1) with the hint to set the variable', async () => {
    server.on('POST /tap/sync', (_req, res) => {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' });
      res.end('authentication required');
    });
    const r = await adql(['query', '--config', config(), '--no-validate', QUERY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\$ZCAT_TOKEN is not set/);
    expect(r.stderr).toMatch(
      /\nadql query: error: sync query failed with HTTP 401: authentication required \(POST .*\); the service wants credentials: set the variable that "tokenEnv" names for it in \.adqlrc\.json\n$/,
    );
  });

  it('when set, the token is sent and nothing is said about it', async () => {
    serveFixture(server, 'POST /tap/sync', 'sync-cone-contains-td.vot');
    const r = await adql(['query', '--config', config(), '--no-validate', QUERY], { ZCAT_TOKEN: 's3cret' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(server.hits('/tap/sync')[0]!.headers.authorization).toBe('Bearer s3cret');
  });
});
