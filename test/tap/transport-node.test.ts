/**
 * The Node transport loads only undici's request function and global dispatcher, not its package
 * entry (which brings fetch, WebSocket, mocks, proxies and Node's own undici): requests still reach
 * the server whole, through the global dispatcher or the caller's.
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../src/platform/transport-node.js';
import type { TransportRequest } from '../../src/platform/transport.js';

let server: Server;
let base: string;
const seen: Array<{ method: string; url: string; body: string; header: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, body, header: req.headers['x-probe'] as string | undefined });
      res.writeHead(201, { 'content-type': 'text/plain', 'x-answer': 'yes' });
      res.end(`got ${body.length} bytes`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function request(extra: Partial<TransportRequest> = {}): TransportRequest {
  return {
    method: 'POST',
    headers: { 'x-probe': 'p1', 'content-type': 'text/plain' },
    body: 'hello',
    signal: new AbortController().signal,
    redirect: 'manual',
    headersTimeoutMs: 5000,
    bodyTimeoutMs: 5000,
    ...extra,
  };
}

async function text(body: AsyncIterable<Uint8Array>): Promise<string> {
  let out = '';
  for await (const chunk of body) out += Buffer.from(chunk).toString();
  return out;
}

describe('the Node transport', () => {
  it('sends method, path with its query string, headers and body through the global dispatcher', async () => {
    seen.length = 0;
    const r = await send(`${base}/tap/sync?lang=ADQL&x=a%20b`, request());
    expect(r.statusCode).toBe(201);
    expect(r.headers['x-answer']).toBe('yes');
    expect(await text(r.body)).toBe('got 5 bytes');
    expect(seen).toEqual([{ method: 'POST', url: '/tap/sync?lang=ADQL&x=a%20b', body: 'hello', header: 'p1' }]);
  });

  it("sends through the caller's dispatcher when one is given", async () => {
    let dispatched = 0;
    class CountingAgent extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        dispatched++;
        return super.dispatch(options, handler);
      }
    }
    const agent = new CountingAgent();
    try {
      const r = await send(`${base}/tap/availability`, request({ method: 'GET', body: undefined, dispatcher: agent }));
      expect(await text(r.body)).toBe('got 0 bytes');
      expect(dispatched).toBe(1);
    } finally {
      await agent.close();
    }
  });

  it("does not load undici's package entry (a fresh process, one request)", async () => {
    const transport = fileURLToPath(new URL('../../src/platform/transport-node.ts', import.meta.url));
    const script = `
      import { createRequire } from 'node:module';
      import { send } from ${JSON.stringify(transport)};
      const r = await send(process.argv[1], { method: 'GET', headers: {}, signal: new AbortController().signal,
        redirect: 'manual', headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
      await r.body.dump();
      const require = createRequire(${JSON.stringify(transport)});
      console.log(JSON.stringify({ status: r.statusCode, entryLoaded: require.resolve('undici') in require.cache }));
    `;
    // Asynchronously: the server answering the child runs in this process.
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, `${base}/x`], {
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ status: 201, entryLoaded: false });
  });
});
