/**
 * The browser transport (also the default for runtimes that are neither Node nor a browser): fetch
 * with the caller's AbortSignal and a streamed body.
 *
 * Differences from undici that the HTTP layer must not notice:
 * - A browser does not show a redirect to the page (a manual redirect is opaque), so fetch follows
 *   redirects itself; where the caller asked for 'manual' (a job creation's 303), the final URL is
 *   handed back as a 303 with that location, the followed response dropped. Browsers strip the
 *   Authorization header on a redirect to another origin, the rule the Node client applies itself.
 * - A response the browser withholds (CORS) and a network failure are the same TypeError; a second,
 *   opaque (`no-cors`) request tells them apart: if the server answers it, the first one was CORS.
 * - `user-agent` and `cookie` are forbidden request headers: not sent (cookies follow `credentials`).
 */
import { transportError, type TransportBody, type TransportRequest, type TransportResponse, type TransportSend } from './transport.js';

const FORBIDDEN = new Set(['user-agent', 'cookie']);

export const send: TransportSend = async (url: string, req: TransportRequest): Promise<TransportResponse> => {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (!FORBIDDEN.has(k.toLowerCase())) headers[k] = v;
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method,
      headers,
      body: req.body as RequestInit['body'],
      signal: req.signal,
      redirect: 'follow',
      ...(req.credentials === undefined ? {} : { credentials: req.credentials }),
    });
  } catch (err) {
    if (req.signal.aborted) throw err;
    throw await classify(url, err, req.signal);
  }
  if (req.redirect === 'manual' && res.redirected) {
    await res.body?.cancel().catch(() => undefined);
    return { statusCode: 303, headers: { location: res.url }, body: streamBody(null, req.bodyTimeoutMs), url };
  }
  return { statusCode: res.status, headers: headerRecord(res.headers), body: streamBody(res.body, req.bodyTimeoutMs), url: res.url || url };
};

/** A fetch TypeError as a CORS refusal (the server answers an opaque request) or a network failure. */
async function classify(url: string, err: unknown, signal: AbortSignal): Promise<Error> {
  const reason = err instanceof Error ? err.message : String(err);
  let reachable = false;
  try {
    await fetch(url, { method: 'GET', mode: 'no-cors', signal, redirect: 'follow' });
    reachable = true;
  } catch {
    // unreachable as well: a network failure
  }
  return reachable
    ? transportError(`the server answered, but the browser withheld the response (${reason})`, 'ADQLKIT_CORS', err)
    : transportError(`network request failed (${reason})`, 'UND_ERR_SOCKET', err);
}

function headerRecord(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** A ReadableStream as the body the HTTP layer reads, with the idle timeout between two chunks. */
function streamBody(stream: ReadableStream<Uint8Array> | null, idleMs: number): TransportBody {
  let destroyed = stream === null;
  const reader = stream?.getReader();
  const destroy = (): void => {
    if (destroyed) return;
    destroyed = true;
    reader?.cancel().catch(() => undefined);
  };
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    if (destroyed || reader === undefined) return { done: true, value: undefined };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const idle = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(transportError(`no data for ${idleMs} ms while reading the response body`, 'UND_ERR_BODY_TIMEOUT')),
        idleMs,
      );
    });
    try {
      const r = await Promise.race([reader.read(), idle]);
      if (r.done) destroyed = true;
      return r.done ? { done: true, value: undefined } : { done: false, value: r.value };
    } catch (err) {
      destroy();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    get destroyed() {
      return destroyed;
    },
    destroy,
    async dump() {
      while (!(await next()).done) {
        /* drain */
      }
    },
    [Symbol.asyncIterator]() {
      return {
        next,
        return: async () => {
          destroy();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

export type { TransportBody, TransportHeaders, TransportRequest, TransportResponse, TransportSend } from './transport.js';
