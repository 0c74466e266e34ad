/**
 * The TAP proxy: the page talks to `/tap/<id>/...` on the workbench's own origin, so services that
 * send no CORS headers work, and credentials from `.adqlrc.json` are added here, never seen by the
 * page. It forwards only to the chosen service's origin. Job documents and redirects name the
 * service's URLs; those are rewritten to the proxy's, so the page's TAP client follows jobs,
 * results and re-attaches through the proxy too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceTarget } from './services.js';

/** Request headers worth passing on (the rest are the browser's or hop-by-hop). */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'accept-language'];
/** Response headers passed back (fetch already decoded any content-encoding). */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'retry-after', 'cache-control', 'last-modified'];

export class ProxyRefusal extends Error {
  override readonly name = 'ProxyRefusal';
}

/** The upstream URL for a proxied request, refused when it is not on the service's origin. */
export function upstreamUrl(target: ServiceTarget, relative: string, from: 'base' | 'origin' = 'base'): URL {
  const base = new URL(from === 'base' ? target.url + '/' : new URL(target.url).origin + '/');
  const url = new URL(relative.replace(/^\/+/, ''), base);
  if (url.origin !== base.origin) {
    throw new ProxyRefusal(`the proxy forwards only to ${base.origin} (the chosen service), not ${url.origin}`);
  }
  return url;
}

/** Whether a response is small metadata whose service URLs must be rewritten (not a result table). */
function rewritable(contentType: string): boolean {
  return /xml|json|text\/plain|text\/html/i.test(contentType) && !/votable/i.test(contentType);
}

/** Proxy paths for what the service names: its base URL, and (DALI examples, results elsewhere on the host) its origin. */
export interface ProxyPaths {
  base: string;
  origin: string;
}

function rewrite(text: string, target: ServiceTarget, paths: ProxyPaths): string {
  const origin = new URL(target.url).origin;
  return text.split(target.url).join(paths.base).split(`${origin}/`).join(`${paths.origin}/`);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function credentialHeaders(target: ServiceTarget): Record<string, string> {
  return { ...(target.headers ?? {}), ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) };
}

export async function forward(
  req: IncomingMessage,
  res: ServerResponse,
  target: ServiceTarget,
  url: URL,
  paths: ProxyPaths,
  userAgent: string,
): Promise<void> {
  const headers: Record<string, string> = { 'user-agent': userAgent, ...credentialHeaders(target) };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const upstreamAbort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) upstreamAbort.abort();
  });
  const body = await readBody(req);
  const upstream = await fetch(url, {
    method: req.method ?? 'GET',
    headers,
    ...(body ? { body: new Uint8Array(body) } : {}),
    redirect: 'manual',
    signal: upstreamAbort.signal,
  });
  const out: Record<string, string> = {};
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) out[name] = value;
  }
  const location = upstream.headers.get('location');
  if (location !== null) out.location = rewrite(new URL(location, url).href, target, paths);
  const contentType = upstream.headers.get('content-type') ?? '';
  if (upstream.body === null) {
    res.writeHead(upstream.status, out).end();
    return;
  }
  if (rewritable(contentType)) {
    const text = rewrite(await upstream.text(), target, paths);
    res.writeHead(upstream.status, { ...out, 'content-length': String(Buffer.byteLength(text)) }).end(text);
    return;
  }
  res.writeHead(upstream.status, out);
  const reader = upstream.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve));
  }
  res.end();
}
