/**
 * The local service (`adql serve`) against hostile clients and hostile upload URLs: an upload URL
 * serving far more than the limit, a lying or missing Content-Length, a request body over the
 * limit, a 209-byte zero-width BINARY upload that used to kill the server.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalService, type LocalService } from '../../src/engine/index.js';
import { ZERO_WIDTH_CASES } from './support/cases.js';
import { HostileService } from './support/hostile-service.js';

const LIMIT = 100_000;
let local: LocalService;
let hostile: HostileService;

beforeAll(async () => {
  local = await createLocalService({ limits: { uploadLimitBytes: LIMIT } });
  hostile = await new HostileService().start();
});
afterAll(async () => {
  await hostile.close();
  await local.close();
});
beforeEach(() => hostile.reset());

async function sync(params: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(`${local.url}/sync`, { method: 'POST', body: new URLSearchParams(params) });
  return { status: res.status, text: await res.text() };
}

const VOTABLE_HEAD = '<?xml version="1.0"?><VOTABLE version="1.4"><RESOURCE><TABLE><FIELD name="a" datatype="int"/><DATA><TABLEDATA>';

describe('uploads by URL are bounded while they stream', () => {
  it('a body far over the limit without Content-Length is cut off at the limit', async () => {
    hostile.on('GET /big.vot', hostile.endless('application/x-votable+xml', VOTABLE_HEAD, '<TR><TD>1</TD></TR>', 400_000_000));
    const started = performance.now();
    const r = await sync({ QUERY: 'SELECT * FROM TAP_UPLOAD.t', UPLOAD: `t,${hostile.url}/big.vot` });
    expect(r.status).toBe(413);
    expect(r.text).toMatch(/over the upload limit of 100000/);
    // The server stopped reading: what the hostile side managed to push is socket buffers, not 400 MB.
    expect(hostile.bytesSent).toBeLessThan(20_000_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a declared Content-Length over the limit is refused before the body is read', async () => {
    hostile.on(
      'GET /declared.vot',
      hostile.endless('application/x-votable+xml', VOTABLE_HEAD, '<TR><TD>1</TD></TR>', 2_000_000, 2_000_000),
    );
    const r = await sync({ QUERY: 'SELECT * FROM TAP_UPLOAD.t', UPLOAD: `t,${hostile.url}/declared.vot` });
    expect(r.status).toBe(413);
    expect(r.text).toMatch(/2000000 bytes, over the upload limit/);
  });

  it('a request body over the limit is refused from its Content-Length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${local.url}/sync`,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(LIMIT + 2_000_000) } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('QUERY=SELECT+1');
      // The rest of the declared body never comes: the answer must not wait for it.
    });
    expect(status).toBe(413);
  });
});

describe('zero-width BINARY uploads', () => {
  for (const [name, doc] of ZERO_WIDTH_CASES) {
    it(`${name}: refused with an error, and the server keeps serving`, async () => {
      const form = new FormData();
      form.set('QUERY', 'SELECT * FROM TAP_UPLOAD.t');
      form.set('UPLOAD', 't,param:t');
      form.set('t', new Blob([doc]), 't.vot');
      const res = await fetch(`${local.url}/sync`, { method: 'POST', body: form });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/0 bytes wide/);
      expect((await sync({ QUERY: 'SELECT COUNT(*) AS n FROM sample.galaxies' })).status).toBe(200);
    });
  }
});

describe('request parsing', () => {
  it('a malformed %-escape in a table path is a 400, not an internal error', async () => {
    const res = await fetch(`${local.url}/tables/%ZZ`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/malformed %-escape/);
  });
});
