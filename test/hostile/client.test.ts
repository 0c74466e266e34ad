/**
 * The TAP client against the fake hostile service: each case does what the hostile-tester pass
 * did (issue 23) and checks the typed error, the time it took and what reached the service.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  TapAbortError,
  TapJobError,
  TapProtocolError,
  TapQueryError,
  TapService,
  TapTimeoutError,
  type TapLogEvent,
} from '../../src/tap/index.js';
import { HostileService, tableResult, uwsJob } from './support/hostile-service.js';
import { ZERO_WIDTH_CASES } from './support/cases.js';

const quick = { retry: false as const, format: 'votable' as const };
let hostile: HostileService;

beforeAll(async () => {
  hostile = await new HostileService().start();
});
afterAll(async () => {
  await hostile.close();
});
beforeEach(() => hostile.reset());

const svc = (extra: ConstructorParameters<typeof TapService>[1] = {}) => new TapService(`${hostile.url}/tap`, { ...quick, ...extra });
const VOT = 'application/x-votable+xml';

async function timed<T>(p: Promise<T>): Promise<{ value: T | unknown; ms: number }> {
  const started = performance.now();
  const value = await p.catch((e: unknown) => e);
  return { value, ms: performance.now() - started };
}

describe('zero-width binary rows through TapService.query (Critical)', () => {
  for (const [name, doc] of ZERO_WIDTH_CASES) {
    it(`${name}: a TapProtocolError at once`, async () => {
      hostile.on('POST /tap/sync', HostileService.send(200, VOT, doc));
      const { value, ms } = await timed(svc().query('SELECT * FROM t'));
      expect(value).toBeInstanceOf(TapProtocolError);
      expect((value as Error).message).toMatch(/0 bytes wide/);
      expect(ms).toBeLessThan(2000);
    });
  }
});

describe('time bounds', () => {
  it('wait({ timeoutMs }) ends at its deadline when the service holds the UWS WAIT open', async () => {
    hostile.on('GET /tap/async/held', (req, res, seen) => {
      if (seen.query.has('WAIT')) return hostile.holdThen(10_000, 'text/xml', () => uwsJob('held', 'EXECUTING'))(req, res, seen, 0);
      return HostileService.send(200, 'text/xml', uwsJob('held', 'EXECUTING'))(req, res, seen, 0);
    });
    const job = svc().job(`${hostile.url}/tap/async/held`);
    const { value, ms } = await timed(job.wait({ timeoutMs: 1500, patienceMs: 0, blocking: true }));
    expect(value).toBeInstanceOf(TapTimeoutError);
    expect((value as TapTimeoutError).jobUrl).toBe(`${hostile.url}/tap/async/held`);
    expect((value as Error).message).toMatch(/deadline of 1500 ms/);
    expect(ms).toBeLessThan(2500);
    // The WAIT asked for never exceeds the time left.
    for (const r of hostile.requests.filter((q) => q.query.has('WAIT'))) expect(Number(r.query.get('WAIT'))).toBeLessThanOrEqual(1);
  });

  it('a body that stalls after the headers fails after bodyTimeoutMs, not minutes later', async () => {
    hostile.on(
      'POST /tap/sync',
      hostile.stallAfter(
        '<?xml version="1.0"?><VOTABLE><RESOURCE type="results"><TABLE><FIELD name="a" datatype="int"/><DATA><TABLEDATA><TR><TD>1',
        10_000,
      ),
    );
    const { value, ms } = await timed(svc({ bodyTimeoutMs: 500 }).query('SELECT * FROM t'));
    expect(value).toBeInstanceOf(TapTimeoutError);
    expect(ms).toBeLessThan(3000);
  });

  it('the idle-body timeout defaults to 30 s (a value a user accepts), not 120 s', async () => {
    const http = svc().http as unknown as { bodyTimeoutMs: number };
    expect(http.bodyTimeoutMs).toBe(30_000);
  });

  for (const [name, page] of [
    ['an HTML page', '<html><body><h1>Maintenance</h1></body></html>'],
    ['a job document without a phase', '<uws:job xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"><uws:jobId>x</uws:jobId></uws:job>'],
    ['a job document with a phase that is not UWS', uwsJob('x', 'BANANA')],
  ] as const) {
    it(`wait() without a deadline gives up on ${name} after a few answers`, async () => {
      hostile.on('GET /tap/async/odd', HostileService.send(200, 'text/html', page));
      const { value, ms } = await timed(svc().job(`${hostile.url}/tap/async/odd`).wait({ minPollMs: 5 }));
      expect(value).toBeInstanceOf(TapProtocolError);
      expect((value as Error).message).toContain(`${hostile.url}/tap/async/odd`);
      expect((value as Error).message).toMatch(/3 unreadable answers/);
      expect(hostile.requests).toHaveLength(3);
      expect(ms).toBeLessThan(2000);
    });
  }
});

describe('memory bounds on documents', () => {
  it('an endless job document is refused at its size limit, and wait() gives up', async () => {
    hostile.on(
      'GET /tap/async/huge',
      hostile.endless(
        'text/xml',
        `<uws:job xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"><uws:phase>EXECUTING</uws:phase><uws:x>`,
        'a'.repeat(1024),
        200_000_000,
      ),
    );
    const { value, ms } = await timed(svc().job(`${hostile.url}/tap/async/huge`).wait({ minPollMs: 5 }));
    expect(value).toBeInstanceOf(TapProtocolError);
    expect((value as Error).message).toMatch(/larger than 16777216 bytes/);
    expect(hostile.bytesSent).toBeLessThan(120_000_000);
    expect(ms).toBeLessThan(10_000);
  });

  it('an endless text body where a VOTable was expected is quoted from its first MB only', async () => {
    hostile.on('POST /tap/sync', hostile.endless('text/plain', 'Service overloaded: ', 'x'.repeat(1024), 200_000_000));
    const { value } = await timed(svc().query('SELECT 1'));
    expect(value).toBeInstanceOf(TapProtocolError);
    expect((value as Error).message).toMatch(/expected a VOTable, got text\/plain \(Service overloaded/);
    expect(hostile.bytesSent).toBeLessThan(50_000_000);
  });
});

describe('data integrity of results', () => {
  it('a declared nrows the rows do not match: a warning on the result, an error in strict mode', async () => {
    hostile.on('POST /tap/sync', HostileService.send(200, VOT, tableResult(49, { before: 'OK', nrows: 100 })));
    const r = await svc().query('SELECT * FROM t');
    expect(r.rowCount).toBe(49);
    expect(r.warnings.join()).toMatch(/nrows="100" but 49 rows were read/);
    await expect(svc({ strict: true }).query('SELECT * FROM t')).rejects.toBeInstanceOf(TapProtocolError);
    const events = [];
    for await (const ev of svc().queryStream('SELECT * FROM t')) events.push(ev);
    const end = events.at(-1) as { type: string; warnings: string[] };
    expect(end.warnings.join()).toMatch(/nrows="100"/);
  });

  it('QUERY_STATUS OK before the table with rows = MAXREC and nothing after: possibly truncated', async () => {
    hostile.on('POST /tap/sync', HostileService.send(200, VOT, tableResult(10, { before: 'OK' })));
    const r = await svc().query('SELECT * FROM t', { maxrec: 10 });
    expect(r.overflow).toBe(true);
    expect(r.overflowInfo.certain).toBe(false);
    expect(r.overflowInfo.reason).toMatch(/possibly truncated/);
  });

  it('QUERY_STATUS OK after the table still proves the result complete', async () => {
    hostile.on('POST /tap/sync', HostileService.send(200, VOT, tableResult(10, { before: 'OK', after: 'OK' })));
    expect((await svc().query('SELECT * FROM t', { maxrec: 10 })).overflow).toBe(false);
    hostile.on('POST /tap/sync', HostileService.send(200, VOT, tableResult(9, { before: 'OK' })));
    expect((await svc().query('SELECT * FROM t', { maxrec: 10 })).overflow).toBe(false);
  });
});

describe('errors', () => {
  it('cancelling during the result download is a TapAbortError', async () => {
    hostile.on(
      'GET /tap/async/j',
      HostileService.send(200, 'text/xml', uwsJob('j', 'COMPLETED', [`${hostile.url}/tap/async/j/results/result`])),
    );
    hostile.on(
      'GET /tap/async/j/results/result',
      hostile.endless(
        VOT,
        '<?xml version="1.0"?><VOTABLE><RESOURCE type="results"><TABLE><FIELD name="a" datatype="int"/><DATA><TABLEDATA>',
        '<TR><TD>1</TD></TR>',
        50_000_000,
      ),
    );
    const controller = new AbortController();
    const job = svc().job(`${hostile.url}/tap/async/j`);
    const pending = job.fetchResult({ signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 150);
    const err = await pending;
    expect(err).toBeInstanceOf(TapAbortError);
    const events: string[] = [];
    const streamJob = svc().job(`${hostile.url}/tap/async/j`);
    const c2 = new AbortController();
    const streamed = (async () => {
      for await (const ev of streamJob.streamResult({ signal: c2.signal, batchSize: 100 })) {
        events.push(ev.type);
        if (events.length === 3) c2.abort();
      }
    })().catch((e: unknown) => e);
    expect(await streamed).toBeInstanceOf(TapAbortError);
  });

  it('a finished job without a results list says what the job document said', async () => {
    hostile.on('GET /tap/async/bare', HostileService.send(200, 'text/xml', uwsJob('bare', 'COMPLETED')));
    const err = await svc()
      .job(`${hostile.url}/tap/async/bare`)
      .fetchResult()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapJobError);
    expect((err as Error).message).toMatch(/COMPLETED but its job document lists no result/);
    expect((err as Error).message).not.toMatch(/not found while/);
  });
});

describe('credentials', () => {
  const TOKEN = 'tok-4f9a1c77e2';
  const COOKIE = 'sess-93bd0a11';

  it('a service echoing the token and cookie in its error body does not get them quoted', async () => {
    const echo = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`bad auth: ${req.headers.authorization} cookie ${req.headers.cookie} ${encodeURIComponent(TOKEN)}`);
    };
    hostile.on('POST /tap/sync', echo);
    hostile.on(
      'GET /tap/async/e',
      HostileService.send(
        200,
        'text/xml',
        uwsJob('e', 'ERROR', [], `<uws:errorSummary type="fatal"><uws:message>token ${TOKEN} refused</uws:message></uws:errorSummary>`),
      ),
    );
    hostile.on('GET /tap/async/e/error', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`your cookie was session=${COOKIE}`);
    });
    const logs: TapLogEvent[] = [];
    const s = svc({ token: TOKEN, cookies: { session: COOKIE }, retry: { retries: 1, baseDelayMs: 1 }, logger: (e) => logs.push(e) });
    const errors = [
      await s.query('SELECT 1').catch((e: unknown) => e),
      await s
        .job(`${hostile.url}/tap/async/e`)
        .fetchResult()
        .catch((e: unknown) => e),
      await s.job(`${hostile.url}/tap/async/e`).error(),
    ];
    expect(hostile.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const seen =
      JSON.stringify(errors, (_k, v: unknown) => (v instanceof Error ? { ...v, text: v.message, trace: v.stack, cause: v.cause } : v)) +
      JSON.stringify(logs);
    expect(errors[0]).toBeInstanceOf(Error);
    expect(errors[1]).toBeInstanceOf(TapQueryError);
    expect(seen).toContain('***');
    expect(seen).not.toContain(TOKEN);
    expect(seen).not.toContain(COOKIE);
  });

  it('TapService.job(url, { token }) sends the token only to a configured service origin', async () => {
    hostile.on('GET /tap/async/x', HostileService.send(200, 'text/xml', uwsJob('x', 'COMPLETED')));
    const url = `${hostile.url}/tap/async/x`;
    expect(() => TapService.job(url, { token: TOKEN })).toThrow(/not a configured service origin/);
    expect(() => TapService.job(url, { token: TOKEN, serviceUrl: 'http://127.0.0.2:9/tap' })).toThrow(TypeError);
    expect(hostile.requests).toHaveLength(0);
    await TapService.job(url, { token: TOKEN, serviceUrl: `${hostile.url}/tap`, ...quick }).info();
    await TapService.job(url, { token: TOKEN, trustedOrigins: [hostile.url], ...quick }).info();
    await TapService.job(url, quick).info(); // no credentials: nothing to protect
    expect(hostile.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, undefined]);
  });
});
