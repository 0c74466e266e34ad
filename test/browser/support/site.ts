/**
 * Loopback servers for the browser tests: a static site (the page and its bundle, one origin) and a
 * CORS proxy to the live TAP service (another origin), which rewrites the service's own URLs in
 * redirects and job documents so that the page keeps talking to the proxy.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  /** scheme://host:port */
  origin: string;
  close(): Promise<void>;
}

export interface StaticFile {
  type: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/**
 * Serves `files` by path ('/index.html'...); anything else is a 404. `files` is read at each request,
 * so a test may add pages once it knows the site's origin.
 */
export async function serveFiles(files: Record<string, StaticFile>): Promise<Served & { files: Record<string, StaticFile> }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (path === '/favicon.ico' && file === undefined) {
      res.writeHead(204).end(); // asked by the browser itself: not a failure of the page
      return;
    }
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', ...file.headers }).end(file.body);
  });
  return { origin: await listen(server), files, close: closer(server) };
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A proxy for the whole site of the TAP service at `target` (job URLs may lie outside its path:
 * DaCHS's are under /__system__/), answering CORS for `pageOrigin` (preflights included), the way
 * an archive that allows a portal's origin would. `tapUrl` is the service's URL through the proxy.
 */
export async function corsProxy(target: string, pageOrigin: string): Promise<Served & { tapUrl: string; requests: string[] }> {
  const base = new URL(target).origin;
  let origin = '';
  const cors = {
    'access-control-allow-origin': pageOrigin,
    'access-control-expose-headers': 'Content-Length, Content-Type, Location, Retry-After',
    vary: 'Origin',
  };
  /** "METHOD path" of every request forwarded, in order. */
  const requests: string[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'OPTIONS') requests.push(`${req.method} ${req.url}`);
      if (req.method === 'OPTIONS') {
        res
          .writeHead(204, {
            ...cors,
            'access-control-allow-methods': 'GET, POST, DELETE',
            'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
            'access-control-max-age': '600',
          })
          .end();
        return;
      }
      const path = req.url ?? '/';
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await bodyOf(req);
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'accept', 'authorization']) {
        const v = req.headers[name];
        if (typeof v === 'string') headers[name] = v;
      }
      const upstream = await fetch(base + path, {
        method: req.method ?? 'GET',
        headers,
        ...(body === undefined ? {} : { body: new Uint8Array(body) }),
        redirect: 'manual',
      });
      const out: Record<string, string> = { ...cors };
      upstream.headers.forEach((v, k) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
      });
      if (out.location !== undefined) out.location = out.location.replace(base, origin);
      const type = upstream.headers.get('content-type') ?? '';
      if (/xml|html|text/.test(type) && !/votable/.test(type)) {
        const text = (await upstream.text()).split(base).join(origin);
        res.writeHead(upstream.status, out).end(text);
        return;
      }
      res.writeHead(upstream.status, out);
      if (upstream.body !== null) for await (const chunk of upstream.body) res.write(chunk);
      res.end();
    })().catch((err: Error) => {
      if (!res.headersSent) res.writeHead(502, { ...cors, 'content-type': 'text/plain' });
      res.end(`proxy error: ${err.message}\n`);
    });
  });
  origin = await listen(server);
  return { origin, tapUrl: origin + new URL(target).pathname.replace(/\/+$/, ''), requests, close: closer(server) };
}
