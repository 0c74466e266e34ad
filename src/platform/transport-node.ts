/** The Node transport: undici's request, redirects left to the caller (see transport.ts). */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Dispatcher } from 'undici';
import type { TransportRequest, TransportResponse, TransportSend } from './transport.js';

/** undici's request function, called on a dispatcher (what its package entry wraps as `request`). */
type RequestOn = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

interface UndiciRequest {
  request: RequestOn;
  /** The process-wide dispatcher (a default Agent unless someone set another), shared with the package entry. */
  globalDispatcher: () => Dispatcher;
}

let undici: UndiciRequest | undefined;

/**
 * undici loads on the first request, so that importing adqlkit or running `adql lint` does not pay
 * for it, and only what a request needs: its request function and the global dispatcher (with the
 * Agent it makes). The package entry also loads fetch, WebSocket, EventSource, cookies, caches,
 * mocks and proxy agents, and through them Node's own copy of undici: about 3 times the start-up
 * (callgrind: 374 against 137 million instructions over `node -e 0`, some 40 ms of CPU). undici
 * has no `exports` map, so the two files are found beside its resolved entry; should a release
 * move them, the package entry is used.
 */
function loadUndici(): UndiciRequest {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('undici'));
  const requestFile = join(root, 'lib', 'api', 'api-request.js');
  const globalFile = join(root, 'lib', 'global.js');
  if (existsSync(requestFile) && existsSync(globalFile)) {
    const request = require(requestFile) as unknown;
    const { getGlobalDispatcher } = require(globalFile) as { getGlobalDispatcher?: unknown };
    if (typeof request === 'function' && typeof getGlobalDispatcher === 'function') {
      return { request: request as RequestOn, globalDispatcher: getGlobalDispatcher as () => Dispatcher };
    }
  }
  const entry = require('undici') as typeof import('undici');
  return { request: entry.Dispatcher.prototype.request as RequestOn, globalDispatcher: entry.getGlobalDispatcher };
}

export const send: TransportSend = async (url: string, req: TransportRequest): Promise<TransportResponse> => {
  const { request, globalDispatcher } = (undici ??= loadUndici());
  const target = new URL(url);
  const dispatcher = (req.dispatcher as Dispatcher | undefined) ?? globalDispatcher();
  const r = await request.call(dispatcher, {
    origin: target.origin,
    path: `${target.pathname}${target.search}`,
    method: req.method as Dispatcher.HttpMethod,
    headers: req.headers,
    body: req.body,
    signal: req.signal,
    headersTimeout: req.headersTimeoutMs,
    bodyTimeout: req.bodyTimeoutMs,
  });
  return { statusCode: r.statusCode, headers: r.headers, body: r.body };
};

export type { TransportBody, TransportHeaders, TransportRequest, TransportResponse, TransportSend } from './transport.js';
