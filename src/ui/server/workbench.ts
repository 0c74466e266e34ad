/**
 * `adql ui`'s server: the page and its script, a small API (which service, which aliases) and the
 * TAP proxy, on 127.0.0.1 by default. Everything but the page itself needs the launch key.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoadedConfig } from '../../config/index.js';
import { WorkbenchError } from '../errors.js';
import { pageScript, PAGE_HTML } from './assets.js';
import { checkApiRequest, checkHost, newLaunchKey } from './guard.js';
import { forward, ProxyRefusal, upstreamUrl } from './proxy.js';
import { searchRegistry } from './registry-search.js';
import { ServiceDirectory, type ServiceTarget } from './services.js';
import type { ConnectAnswer, ServiceDescription } from '../protocol.js';

export interface WorkbenchOptions {
  config: LoadedConfig;
  env: Record<string, string | undefined>;
  /** A URL, an alias or `embedded`; default: the configured service, else the embedded engine. */
  service?: string;
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  userAgent?: string;
  /** A RegTAP endpoint for the picker's registry search (default: none; the search then says how to set one). */
  registry?: string;
  /** The launch key (default: a random one); tests pass their own. */
  key?: string;
  log?: (line: string) => void;
}

export interface Workbench {
  /** The page URL with the launch key: what the user opens. */
  url: string;
  /** The page URL without the key. */
  origin: string;
  key: string;
  port: number;
  close(): Promise<void>;
}

function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(text)), 'cache-control': 'no-store' }).end(text);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendText(res, status, JSON.stringify(value), 'application/json');
}

/** What the page learns about a service: never its credentials. */
function describe(target: ServiceTarget): ServiceDescription {
  return { id: target.id, name: target.name, url: target.url, base: `/tap/${target.id}` };
}

export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const key = options.key ?? newLaunchKey();
  const directory = new ServiceDirectory(options.config, options.env);
  const userAgent = options.userAgent ?? 'adqlkit-ui';
  let bundle: Promise<string> | undefined;
  let port = 0;

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (url.pathname === '/api/connect') {
      const name = url.searchParams.get('service') || directory.defaultName(options.service);
      try {
        const answer: ConnectAnswer = { service: describe(await directory.connect(name)), aliases: directory.aliases() };
        sendJson(res, 200, answer);
      } catch (err) {
        if (err instanceof WorkbenchError) sendJson(res, 400, { error: err.message, hint: err.hint });
        else throw err;
      }
      return;
    }
    if (url.pathname === '/api/registry') {
      if (options.registry === undefined) {
        return sendJson(res, 400, {
          error: 'no registry to search',
          hint: 'start adql ui with --registry URL (a RegTAP service) or set ADQLKIT_REGISTRY',
        });
      }
      return sendJson(res, 200, await searchRegistry(options.registry, url.searchParams.get('q') ?? '', userAgent));
    }
    // /tap/<id>/... is below the service's base URL, /origin/<id>/... below its origin's root.
    const proxied = /^\/(tap|origin)\/([0-9a-f]+)(\/.*)?$/.exec(url.pathname);
    if (proxied) {
      const target = directory.byId(proxied[2]!);
      if (target === undefined) return sendText(res, 404, 'unknown service id: connect to the service first (/api/connect)');
      const upstream = upstreamUrl(target, (proxied[3] ?? '') + url.search, proxied[1] === 'tap' ? 'base' : 'origin');
      const here = `http://${req.headers.host}`;
      return forward(req, res, target, upstream, { base: `${here}/tap/${target.id}`, origin: `${here}/origin/${target.id}` }, userAgent);
    }
    sendText(res, 404, `no such workbench endpoint: ${url.pathname}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://workbench.invalid');
    const host = checkHost(req, port);
    if (!host.ok) return sendText(res, host.status, host.reason);
    if (url.pathname === '/' && req.method === 'GET') return sendText(res, 200, PAGE_HTML, 'text/html; charset=utf-8');
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    if (url.pathname === '/app.js' && req.method === 'GET') {
      bundle ??= pageScript();
      return sendText(res, 200, await bundle, 'text/javascript; charset=utf-8');
    }
    const verdict = checkApiRequest(req, port, key);
    if (!verdict.ok) {
      options.log?.(`adql ui: refused ${req.method} ${url.pathname}: ${verdict.reason}`);
      return sendText(res, verdict.status, verdict.reason);
    }
    await api(req, res, url);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (res.headersSent) res.destroy();
      else sendText(res, err instanceof ProxyRefusal ? 403 : 502, message);
      if (!(err instanceof ProxyRefusal)) options.log?.(`adql ui: ${req.method} ${req.url}: ${message}`);
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new WorkbenchError(`cannot listen on ${host}:${options.port ?? 0}: ${err.code ?? err.message}`, 'pick another --port')),
    );
    server.listen(options.port ?? 0, host, resolve);
  });
  port = (server.address() as AddressInfo).port;
  // Bundle while the browser starts, so the first page load does not wait for it.
  bundle = pageScript();
  bundle.catch(() => undefined);
  const origin = `http://127.0.0.1:${port}/`;
  return {
    url: `${origin}?key=${key}`,
    origin,
    key,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await directory.close();
    },
  };
}
