/**
 * CORS for the local TAP service, so a web page can call it directly: requests from loopback
 * origins (http://localhost:*, http://127.x.x.x:*, http://[::1]:*: pages the user serves on this
 * machine) and from the origins the user lists are answered with Access-Control-* headers, and
 * their preflights (OPTIONS) with 204. A preflight from any other origin gets a 403 that says how
 * to allow it; its plain requests are served without the headers, so the browser withholds them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Whether `origin` (scheme://host[:port]) may read the service's answers. */
export function corsAllows(origin: string, allowedOrigins: readonly string[]): boolean {
  if (allowedOrigins.includes('*') || allowedOrigins.includes(origin)) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK_HOST.test(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Adds the CORS headers `req` earns to `res`; answers a preflight itself. Returns true when the
 * request was a preflight (nothing more to do).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (origin === undefined) return false;
  res.setHeader('vary', 'Origin');
  if (!corsAllows(origin, allowedOrigins)) {
    if (!preflight) return false;
    const body =
      `origin ${origin} is not allowed: the local service answers pages on loopback origins; allow others with ` +
      `createLocalService({ corsOrigins: ['${origin}'] })\n`;
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return true;
  }
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-expose-headers', 'Content-Length, Content-Type, Location, Retry-After');
  if (!preflight) return false;
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, DELETE',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}
