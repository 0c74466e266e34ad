/**
 * Fault tests: the client against a misbehaving local HTTP server (500s, truncated bodies, HTML
 * error pages, slow responses, dropped connections, a job stuck in QUEUED, redirects to another
 * host). "Another host" is a second server on 127.0.0.2.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  TapAbortError,
  TapJobError,
  TapNetworkError,
  TapProtocolError,
  TapQueryError,
  TapRateLimitError,
  TapService,
  TapServiceError,
  TapTimeoutError,
  type TapLogEvent,
} from '../../src/tap/index.js';
import { FaultServer, jobDoc, VOTABLE_OK, votableError } from './support/fault-server.js';

const TOKEN = 'sekrit-token-123';
const fast = { retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20 } };

let home: FaultServer;
let other: FaultServer;

beforeAll(async () => {
  home = await new FaultServer('127.0.0.1').start();
  other = await new FaultServer('127.0.0.2').start();
});
afterAll(async () => {
  await home.stop();
  await other.stop();
});
beforeEach(() => {
  home.reset();
  other.reset();
});

function service(extra: ConstructorParameters<typeof TapService>[1] = {}): TapService {
  return new TapService(`${home.url}/tap`, { ...fast, format: 'votable', ...extra });
}

const votable =
  (body = VOTABLE_OK) =>
  (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/x-votable+xml' });
    res.end(body);
  };

describe('HTTP errors and retries', () => {
  it('retries an idempotent GET after 500s, then succeeds', async () => {
    home.on('GET /tap/availability', (_q, res, _b, n) => {
      if (n < 3) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('temporary failure');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<availability xmlns="http://www.ivoa.net/xml/VOSIAvailability/v1.0"><available>true</available></availability>');
    });
    const av = await service().availability();
    expect(av.available).toBe(true);
    expect(home.hits('/tap/availability')).toHaveLength(3);
  });

  it('gives up after the retries with a TapServiceError naming the URL and server message', async () => {
    home.on('GET /tap/capabilities', (_q, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
    });
    const err = await service()
      .capabilities()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapServiceError);
    const e = err as TapServiceError;
    expect(e.status).toBe(502);
    expect(e.message).toContain(`${home.url}/tap/capabilities`);
    expect(e.message).toContain('502 Bad Gateway');
    expect(home.hits('/tap/capabilities')).toHaveLength(3);
  });

  it('does not retry a sync query POST on 500, but reads the error VOTable at that status', async () => {
    home.on('POST /tap/sync', (_q, res) => {
      res.writeHead(500, { 'content-type': 'text/xml' });
      res.end(votableError('Internal trouble: relation foo does not exist'));
    });
    const err = await service()
      .query('SELECT * FROM foo')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapServiceError);
    expect((err as TapServiceError).serverMessage).toBe('Internal trouble: relation foo does not exist');
    expect((err as Error).message).toContain(`${home.url}/tap/sync`);
    expect(home.hits('/tap/sync')).toHaveLength(1);
  });

  it('retries a sync POST on 503 with Retry-After, then succeeds', async () => {
    home.on('POST /tap/sync', (_q, res, _b, n) => {
      if (n === 1) {
        res.writeHead(503, { 'retry-after': '0', 'content-type': 'text/plain' });
        res.end('busy');
        return;
      }
      votable()(_q, res);
    });
    const r = await service().query('SELECT id, name FROM t');
    expect(r.rowCount).toBe(2);
    expect(home.hits('/tap/sync')).toHaveLength(2);
  });

  it('throws TapRateLimitError with Retry-After when 429 persists', async () => {
    home.on('POST /tap/sync', (_q, res) => {
      res.writeHead(429, { 'retry-after': '120', 'content-type': 'text/plain' });
      res.end('slow down');
    });
    const err = await service()
      .query('SELECT 1 FROM t')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapRateLimitError);
    expect((err as TapRateLimitError).retryAfterMs).toBe(120_000);
    expect((err as Error).message).toContain('slow down');
    // 120 s is beyond maxRetryAfterMs: no retry at all.
    expect(home.hits('/tap/sync')).toHaveLength(1);
  });

  it('reads a DALI error VOTable sent with HTTP 200 as a TapQueryError with line and column', async () => {
    home.on('POST /tap/sync', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(votableError(`Could not parse your query: Expected "SELECT", found 'S'  (at char 0), (line:1, col:1)`));
    });
    const err = (await service()
      .query('SELEKT')
      .catch((e: unknown) => e)) as TapQueryError;
    expect(err).toBeInstanceOf(TapQueryError);
    expect(err.line).toBe(1);
    expect(err.column).toBe(1);
    expect(err.message).toContain(`${home.url}/tap/sync`);
  });

  it('rejects an HTML page answered with 200 instead of a VOTable', async () => {
    home.on('POST /tap/sync', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><head><title>Maintenance</title></head><body>Back soon</body></html>');
    });
    const err = await service()
      .query('SELECT 1 FROM t')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapProtocolError);
    expect((err as Error).message).toMatch(/HTML page.*Maintenance/);
  });
});

describe('broken connections and bodies', () => {
  it('reports a body cut short (Content-Length mismatch) and retries idempotent GETs', async () => {
    home.on('GET /tap/capabilities', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': '5000' });
      res.write('<capabilities><capability standardID="ivo://ivoa.net/std/TAP">');
      setTimeout(() => res.destroy(), 5);
    });
    const err = await service()
      .capabilities()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapNetworkError);
    expect((err as Error).message).toContain(`${home.url}/tap/capabilities`);
    expect(home.hits('/tap/capabilities')).toHaveLength(3);
  });

  it('never returns a truncated VOTable result: a chunked body dropped mid-table is an error', async () => {
    home.on('POST /tap/sync', (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/x-votable+xml' });
      res.write(VOTABLE_OK.slice(0, VOTABLE_OK.indexOf('<TR><TD>2')));
      setTimeout(() => res.destroy(), 5);
    });
    const err = await service()
      .query('SELECT id, name FROM t')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapNetworkError);
    expect((err as Error).message).toContain('/tap/sync');
  });

  it('reports a cleanly closed but incomplete VOTable as a protocol error', async () => {
    home.on('POST /tap/sync', (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/x-votable+xml', connection: 'close' });
      res.end(VOTABLE_OK.slice(0, VOTABLE_OK.indexOf('</TABLEDATA>')));
    });
    const err = await service()
      .query('SELECT id, name FROM t')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapProtocolError);
  });

  it('retries a dropped connection on a GET and then succeeds', async () => {
    home.on('GET /tap/availability', (req, res, _b, n) => {
      if (n === 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<availability><available>false</available><note>maintenance</note></availability>');
    });
    const av = await service().availability();
    expect(av).toEqual({ available: false, notes: ['maintenance'] });
  });

  it('times out a slow response with TapTimeoutError naming the URL', async () => {
    home.on('GET /tap/capabilities', async (_q, res) => {
      await new Promise((r) => setTimeout(r, 600));
      res.end('late');
    });
    const err = await service({ timeoutMs: 100, retry: false })
      .capabilities()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapTimeoutError);
    expect((err as Error).message).toContain(`${home.url}/tap/capabilities`);
  });

  it('cancels a slow request through an AbortSignal', async () => {
    home.on('POST /tap/sync', async (_q, res) => {
      await new Promise((r) => setTimeout(r, 1000));
      votable()(_q, res);
    });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const started = performance.now();
    const err = await service()
      .query('SELECT 1 FROM t', { signal: ctl.signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapAbortError);
    expect(performance.now() - started).toBeLessThan(800);
  });
});

describe('async jobs against a misbehaving service', () => {
  // Each test's job has its own id: a poll a previous test left in flight must not count as this one's.
  let jobId = 'j0';
  let jobs = 0;
  function asyncRoutes(phaseOf: (n: number) => string, resultHost = home): void {
    jobId = `async-${++jobs}`;
    home.on('POST /tap/async', (_q, res) => {
      res.writeHead(303, { location: `${home.url}/tap/async/${jobId}` });
      res.end();
    });
    home.on(`POST /tap/async/${jobId}/phase`, (_q, res) => {
      res.writeHead(303, { location: `${home.url}/tap/async/${jobId}` });
      res.end();
    });
    home.on(`GET /tap/async/${jobId}`, (_q, res, _b, n) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const phase = phaseOf(n);
      res.end(jobDoc(jobId, phase, phase === 'COMPLETED' ? `${resultHost.url}/results/${jobId}.vot` : undefined));
    });
    home.on(`DELETE /tap/async/${jobId}`, (_q, res) => {
      res.writeHead(303, { location: `${other.url}/elsewhere` });
      res.end();
    });
  }

  it('a job stuck in QUEUED ends in TapTimeoutError naming the job URL, and is left alone', async () => {
    asyncRoutes(() => 'QUEUED');
    const svc = service();
    const job = await svc.submit('SELECT id FROM t');
    await job.run();
    const err = (await job.wait({ timeoutMs: 400 }).catch((e: unknown) => e)) as TapTimeoutError;
    expect(err).toBeInstanceOf(TapTimeoutError);
    expect(err.jobUrl).toBe(`${home.url}/tap/async/${jobId}`);
    expect(err.phase).toBe('QUEUED');
    expect(err.message).toContain(`${home.url}/tap/async/${jobId}`);
    expect(home.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    // Adaptive polling: a handful of requests, not a tight loop.
    expect(home.hits(`/tap/async/${jobId}`).filter((r) => r.method === 'GET').length).toBeLessThan(8);
  });

  it('runAsync keeps HELD/SUSPENDED/QUEUED jobs alive and fetches the result once COMPLETED', async () => {
    const phases = ['PENDING', 'QUEUED', 'HELD', 'SUSPENDED', 'EXECUTING', 'COMPLETED'];
    asyncRoutes((n) => phases[Math.min(n - 1, phases.length - 1)] as string);
    home.on(`GET /results/${jobId}.vot`, votable());
    const seen: string[] = [];
    const r = await service().runAsync('SELECT id FROM t', {
      onProgress: (e) => {
        if (e.type === 'phase') seen.push(e.phase);
      },
    });
    expect(r.rowCount).toBe(2);
    expect(seen).toEqual(phases);
    expect(home.requests.filter((q) => q.method === 'DELETE')).toHaveLength(1);
    // The delete's redirect to another host is not followed.
    expect(other.requests).toHaveLength(0);
  });

  it('cancelling runAsync aborts the remote job', async () => {
    asyncRoutes(() => 'EXECUTING');
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new Error('user pressed stop')), 150);
    const err = await service()
      .runAsync('SELECT id FROM t', { signal: ctl.signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapAbortError);
    expect((err as TapAbortError).jobUrl).toBe(`${home.url}/tap/async/${jobId}`);
    const phasePosts = home.requests.filter((q) => q.method === 'POST' && q.path === `/tap/async/${jobId}/phase`).map((q) => q.body);
    expect(phasePosts).toEqual(['PHASE=RUN', 'PHASE=ABORT']);
  });

  it('a job in ERROR gives a TapQueryError with the errorSummary and the job URL', async () => {
    asyncRoutes(() => 'ERROR');
    home.on(`GET /tap/async/${jobId}`, (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        jobDoc(jobId, 'ERROR').replace(
          '</uws:job>',
          '<uws:errorSummary type="fatal" hasDetail="true"><uws:message>Could not parse your query (line:2, col:7)</uws:message></uws:errorSummary></uws:job>',
        ),
      );
    });
    home.on(`GET /tap/async/${jobId}/error`, (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(votableError('Could not parse your query (line:2, col:7)'));
    });
    const err = (await service()
      .runAsync('SELECT\n  id FRM t')
      .catch((e: unknown) => e)) as TapQueryError;
    expect(err).toBeInstanceOf(TapQueryError);
    expect(err.jobUrl).toBe(`${home.url}/tap/async/${jobId}`);
    expect([err.line, err.column]).toEqual([2, 7]);
  });

  it('fetching the result of a deleted job is a TapJobError naming the job', async () => {
    home.on('GET /tap/async/gone', (_q, res) => {
      res.writeHead(404, { 'content-type': 'text/xml' });
      res.end(votableError("UWS job 'gone' could not be located in jobs table"));
    });
    const job = TapService.job(`${home.url}/tap/async/gone`, fast);
    const err = await job.fetchResult().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapJobError);
    expect((err as Error).message).toContain(`${home.url}/tap/async/gone`);
    expect((err as Error).message).toContain('could not be located');
  });
});

describe('protocol details', () => {
  it('long waits use the UWS 1.1 WAIT parameter; blocking: false keeps polling', async () => {
    for (const blocking of ['auto', false] as const) {
      home.reset();
      home.on('GET /tap/async/w1', (_q, res, _b, n) => {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(jobDoc('w1', n < 4 ? 'EXECUTING' : 'COMPLETED'));
      });
      const info = await service().job('w1').wait({ patienceMs: 0, blocking, minPollMs: 5 });
      expect(info.phase).toBe('COMPLETED');
      const waits = home.hits('/tap/async/w1?').map((r) => r.path);
      if (blocking === 'auto') {
        expect(waits.length).toBeGreaterThan(0);
        expect(waits[0]).toMatch(/WAIT=\d+&PHASE=EXECUTING/);
      } else {
        expect(waits).toEqual([]);
      }
    }
  });

  it('a sync POST is not retried after a dropped connection', async () => {
    home.on('POST /tap/sync', (req) => {
      req.socket.destroy();
    });
    const err = await service()
      .query('SELECT 1 FROM t')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapNetworkError);
    expect(home.hits('/tap/sync')).toHaveLength(1);
  });

  it('examples follow continuation links, once each', async () => {
    const page = (name: string, next: string) =>
      `<html><body vocab="ivo://ivoa.net/std/DALI-examples#"><div typeof="example" id="${name}"><h2 property="name">${name}</h2>` +
      `<pre property="query">SELECT ${name} FROM t</pre></div><a property="continuation" href="${next}">more</a></body></html>`;
    home.on('GET /tap/examples', (_q, res) => {
      res.end(page('first', 'more-examples'));
    });
    home.on('GET /tap/more-examples', (_q, res) => {
      res.end(page('second', 'examples'));
    });
    const ex = await service().examples();
    expect(ex.map((e) => e.name)).toEqual(['first', 'second']);
    expect(ex[1]?.sourceUrl).toBe(`${home.url}/tap/more-examples`);
  });

  it('tables: a service refusing detail=min gets the plain tableset request', async () => {
    home.on('GET /tap/tables', (req, res) => {
      if ((req.url ?? '').includes('detail')) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('unknown parameter detail');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<tableset><schema><name>s</name><table><name>s.t</name><column><name>c</name></column></table></schema></tableset>');
    });
    const set = await service().tables();
    expect(await set.columns('s.t')).toMatchObject([{ name: 'c' }]);
    expect(home.hits('/tap/tables').map((r) => r.path)).toEqual(['/tap/tables?detail=min', '/tap/tables']);
  });

  it('the job list sends the UWS 1.1 filters', async () => {
    home.on('GET /tap/async', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<uws:jobs xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"><uws:jobref id="a"><uws:phase>EXECUTING</uws:phase></uws:jobref></uws:jobs>',
      );
    });
    const jobs = await service().jobs({ phase: ['executing', 'QUEUED'], last: 5, after: new Date('2026-01-01T00:00:00Z') });
    expect(jobs).toEqual([{ id: 'a', url: `${home.url}/tap/async/a`, phase: 'EXECUTING' }]);
    expect(home.hits('/tap/async')[0]?.path).toBe('/tap/async?PHASE=EXECUTING&PHASE=QUEUED&AFTER=2026-01-01T00%3A00%3A00.000Z&LAST=5');
  });
});

describe('credentials stay on the service origin', () => {
  const secret = { token: TOKEN, cookies: { session: 'cookie-val' }, headers: { 'X-Api-Key': 'key-val' } };

  function leaked(r: { headers: Record<string, unknown> }): boolean {
    return JSON.stringify(r.headers).match(/sekrit|cookie-val|key-val/) !== null;
  }

  it('sends token, cookies and custom headers to the service itself', async () => {
    home.on('POST /tap/sync', votable());
    await service(secret).query('SELECT id FROM t');
    const h = home.hits('/tap/sync')[0]?.headers ?? {};
    expect(h.authorization).toBe(`Bearer ${TOKEN}`);
    expect(h.cookie).toBe('session=cookie-val');
    expect(h['x-api-key']).toBe('key-val');
  });

  it('does not send them through a redirect to another host', async () => {
    home.on('POST /tap/sync', (_q, res) => {
      res.writeHead(303, { location: `${other.url}/result.vot` });
      res.end();
    });
    other.on('GET /result.vot', votable());
    const r = await service(secret).query('SELECT id FROM t');
    expect(r.rowCount).toBe(2);
    expect(other.requests).toHaveLength(1);
    expect(leaked(other.requests[0] as never)).toBe(false);
  });

  it('does not send them to a job result URL on another host', async () => {
    home.on('GET /tap/async/j2', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(jobDoc('j2', 'COMPLETED', `${other.url}/results/j2`));
    });
    other.on('GET /results/j2', votable());
    const svc = service(secret);
    const r = await svc.job(`${home.url}/tap/async/j2`).fetchResult();
    expect(r.rowCount).toBe(2);
    expect(home.hits('/tap/async/j2')[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(other.requests).toHaveLength(1);
    expect(leaked(other.requests[0] as never)).toBe(false);
  });

  it('trusts another origin only when told to', async () => {
    other.on('GET /results/j3', votable());
    home.on('GET /tap/async/j3', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(jobDoc('j3', 'COMPLETED', `${other.url}/results/j3`));
    });
    await service({ ...secret, trustedOrigins: [other.url] })
      .job(`${home.url}/tap/async/j3`)
      .fetchResult();
    expect(other.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('keeps secrets out of error messages and log events', async () => {
    const events: TapLogEvent[] = [];
    home.on('GET /tap/capabilities', (_q, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    });
    const svc = new TapService(`http://user:pw-secret@127.0.0.1:${new URL(home.url).port}/tap?apikey=sekrit`, {
      ...secret,
      ...fast,
      logger: (e) => events.push(e),
    });
    const err = (await svc.capabilities().catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(TapServiceError);
    expect(err.message).not.toMatch(/sekrit|pw-secret|cookie-val|key-val/);
    expect(JSON.stringify(events)).not.toMatch(/sekrit|pw-secret|cookie-val|key-val/);
    expect(events.some((e) => e.type === 'retry')).toBe(true);
  });
});

describe('streaming rows in batches', () => {
  const many = (n: number, close = true) =>
    `<?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results">` +
    `<INFO name="QUERY_STATUS" value="OK"/><TABLE><FIELD name="id" datatype="int"/><DATA><TABLEDATA>` +
    Array.from({ length: n }, (_, i) => `<TR><TD>${i}</TD></TR>`).join('') +
    (close ? '</TABLEDATA></DATA></TABLE><INFO name="QUERY_STATUS" value="OVERFLOW"/></RESOURCE></VOTABLE>' : '');

  it('yields columns, bounded batches with row progress, and the overflow verdict at the end', async () => {
    home.on('POST /tap/sync', votable(many(2500)));
    const progress: number[] = [];
    const counts: number[] = [];
    let end: unknown;
    for await (const ev of service().queryStream('SELECT id FROM t', {
      maxrec: 2500,
      batchSize: 1000,
      onProgress: (e) => e.type === 'rows' && progress.push(e.rows),
    })) {
      if (ev.type === 'columns') expect(ev.columns.map((c) => c.name)).toEqual(['id']);
      if (ev.type === 'rows') {
        counts.push(ev.count);
        expect(ev.rows.column('id').get(0)).toBe(ev.firstRow);
      }
      if (ev.type === 'end') end = ev;
    }
    expect(counts).toEqual([1000, 1000, 500]);
    expect(progress).toEqual([1000, 2000, 2500]);
    expect(end).toMatchObject({ rowCount: 2500, overflow: true });
  });

  it('a stream dropped mid-table fails after the rows already delivered', async () => {
    home.on('POST /tap/sync', (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/x-votable+xml' });
      res.write(many(3000, false));
      setTimeout(() => res.destroy(), 20);
    });
    let rows = 0;
    const err = await (async () => {
      for await (const ev of service().queryStream('SELECT id FROM t', { batchSize: 1000 })) if (ev.type === 'rows') rows += ev.count;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapNetworkError);
    expect(rows).toBeLessThanOrEqual(3000);
  });
});

describe('streaming to a file', () => {
  it('writes the body in the server format and refuses to save an error document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adqlkit-tap-'));
    home.on('POST /tap/sync', (_q, res, body) => {
      if (body.includes('bad')) {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(votableError('Field query: Could not locate table bad'));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/csv;header=present' });
      res.end('id,name\r\n1,a\r\n2,b\r\n');
    });
    const saved = await service().queryToFile('SELECT id, name FROM t', join(dir, 'out.csv'), { format: 'csv', maxrec: 2 });
    expect(await readFile(join(dir, 'out.csv'), 'utf8')).toBe('id,name\r\n1,a\r\n2,b\r\n');
    expect(saved.overflow).toBe(true);
    expect(saved.contentType).toBe('text/csv;header=present');
    const err = await service()
      .queryToFile('SELECT * FROM bad', join(dir, 'bad.csv'), { format: 'csv' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapQueryError);
    expect(await readdir(dir)).toEqual(['out.csv']);
  });
});
