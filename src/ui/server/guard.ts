/**
 * Who may use the workbench's API and TAP proxy: a request must carry the per-launch key (printed
 * with the launch URL, so another web page open in the same browser cannot know it), name this
 * server in its Host header (a DNS-rebinding page names its own host), and, when the browser sends
 * an Origin, come from the workbench's own page.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { KEY_HEADER } from '../protocol.js';

export function newLaunchKey(): string {
  return randomBytes(24).toString('base64url');
}

export type GuardVerdict = { ok: true } | { ok: false; status: 403; reason: string };

/** Host names the page may be reached by (loopback only). */
function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function originAllowed(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function keyMatches(given: string | string[] | undefined, key: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Host check alone: for the page and its assets, which hold no secret. */
export function checkHost(req: IncomingMessage, port: number): GuardVerdict {
  if (!hostAllowed(req.headers.host, port)) {
    return {
      ok: false,
      status: 403,
      reason: `the workbench answers only as 127.0.0.1:${port} or localhost:${port}, not ${req.headers.host ?? '(no Host)'}`,
    };
  }
  return { ok: true };
}

/** Host, Origin and the launch key: for the API and the TAP proxy. */
export function checkApiRequest(req: IncomingMessage, port: number, key: string): GuardVerdict {
  const host = checkHost(req, port);
  if (!host.ok) return host;
  if (!originAllowed(req.headers.origin, port)) {
    return { ok: false, status: 403, reason: `requests from ${req.headers.origin} are refused: only the workbench page may use its proxy` };
  }
  if (!keyMatches(req.headers[KEY_HEADER], key)) {
    return {
      ok: false,
      status: 403,
      reason: `missing or wrong ${KEY_HEADER}: open the workbench with the URL adql ui printed (it carries this launch's key)`,
    };
  }
  return { ok: true };
}
