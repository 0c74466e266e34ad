/**
 * The HTTP layer of the TAP client, on undici: one attempt = one request plus manual redirects;
 * `send` adds retries with backoff, Retry-After, AbortSignal, timeouts, and the credential rule
 * (credentials go only to the service's own origin, never through a redirect or a result URL to
 * another host). Nothing secret is ever put in an error or a log event.
 */
import { Buffer } from '#bytes';
import { send as transportSend, type TransportResponse } from '#transport';
import { parseErrorBody } from './errordoc.js';
import {
  TapAbortError,
  TapCorsError,
  TapError,
  TapNetworkError,
  TapProtocolError,
  TapRateLimitError,
  TapServiceError,
  TapTimeoutError,
} from './errors.js';
import { credentialSecrets, SecretRedactor } from './redact.js';
import { originOf, redactUrl, resolveUrl } from './urls.js';

/** Credentials and headers sent with every request to the service's own origin. */
export interface TapAuthOptions {
  /** Bearer token: sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Cookies: a ready `Cookie` header value or name/value pairs. */
  cookies?: string | Record<string, string>;
  /** Extra headers (API keys...): treated as credentials, so only sent to trusted origins. */
  headers?: Record<string, string>;
  /**
   * Further origins (scheme://host:port) allowed to receive the credentials, e.g. a separate
   * results host of the same archive. The service's own origin is always trusted.
   */
  trustedOrigins?: string[];
}

export interface TapRetryOptions {
  /** Retries after the first attempt (default 2). */
  retries?: number;
  /** First backoff delay in ms (default 250), doubled at each retry, with jitter. */
  baseDelayMs?: number;
  /** Upper bound of a backoff delay (default 4000 ms). */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error is thrown (default 30000 ms). */
  maxRetryAfterMs?: number;
}

export type TapLogEvent =
  | { type: 'request'; method: string; url: string; attempt: number }
  | { type: 'response'; method: string; url: string; status: number; ms: number }
  | { type: 'redirect'; from: string; to: string; status: number; credentials: boolean }
  | { type: 'retry'; method: string; url: string; attempt: number; delayMs: number; reason: string };

/**
 * What bounds the time of a request:
 * - `timeoutMs`: connecting plus waiting for the response headers, per attempt (TapTimeoutError);
 * - `bodyTimeoutMs`: the longest silence between two pieces of a response body (TapTimeoutError);
 *   a body that keeps trickling is bounded only by the whole-request bound;
 * - the whole request, body included: the caller's `signal`, e.g. `AbortSignal.timeout(ms)`
 *   (TapAbortError whose cause is the TimeoutError); `job.wait({ timeoutMs })` is a deadline of
 *   its own over every request it makes.
 */
export interface HttpClientOptions extends TapAuthOptions {
  /** Connecting plus waiting for the response headers, per attempt (default 60000 ms). */
  timeoutMs?: number;
  /** Longest silence allowed between two pieces of a response body (default 30000 ms). */
  bodyTimeoutMs?: number;
  retry?: TapRetryOptions | false;
  /** An undici dispatcher (Agent, ProxyAgent, MockAgent...); Node only. */
  dispatcher?: HttpDispatcher;
  /**
   * In a browser, fetch's cookie mode: by default the browser's own rule (cookies for the page's
   * origin only); 'include' sends the service's cookies across origins (the service must allow it
   * with Access-Control-Allow-Credentials). Ignored on Node, where `cookies` sets them.
   */
  credentials?: 'omit' | 'same-origin' | 'include';
  userAgent?: string;
  /** Receives request/response/retry events; URLs are redacted, headers never included. */
  logger?: (event: TapLogEvent) => void;
}

/**
 * An undici dispatcher, typed by the one method every dispatcher has: the public declarations name no
 * undici or Node type, so a project using adqlkit type-checks without @types/node.
 */
export interface HttpDispatcher {
  dispatch(options: never, handler: never): boolean;
}

/** Response headers as Node gives them: lower-cased names, repeated headers as arrays. */
export type HttpHeaders = Record<string, string | string[] | undefined>;

/** What the client uses of a streamed response body (undici's body, a Node Readable, is one). */
export interface HttpResponseBody extends AsyncIterable<Uint8Array> {
  readonly destroyed: boolean;
  destroy(): void;
  /** Reads and discards the rest, so the connection can be reused. */
  dump(): Promise<void>;
}

/** Which failures may be retried: GET-like requests, or a POST only on 503/429 (server overloaded). */
export type RetryMode = 'idempotent' | 'overload-only' | 'never';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  body?: string | Uint8Array;
  contentType?: string;
  accept?: string;
  retry: RetryMode;
  /** 'follow': redirects are followed (303 turns into GET); 'manual': 3xx is returned as is. */
  redirect: 'follow' | 'manual';
  signal?: AbortSignal | undefined;
  /** Overrides the client's headers timeout for this request (e.g. a UWS WAIT that blocks). */
  timeoutMs?: number;
  /** What the request is for, used in messages ("sync query", "VOSI capabilities"...). */
  what: string;
}

export interface HttpResponse {
  status: number;
  /** The final URL after redirects. */
  url: string;
  headers: HttpHeaders;
  contentType: string;
  body: HttpResponseBody;
}

const PACKAGE_UA = 'adqlkit-tap/0.1 (+https://github.com/adqlkit)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_DESTROYED',
  'UND_ERR_INFO',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const MAX_ERROR_BODY = 1 << 20;
/**
 * Largest whole document read into memory (job documents, VOSI, error pages...): bounded, and
 * below what V8 can hold as one string, so an endless body is a clear error, not a crash.
 */
const MAX_DOCUMENT_BYTES = 256 * 2 ** 20;

export function header(headers: HttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Retry-After in ms (delta-seconds or HTTP-date), undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with TapAbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal, what = 'wait'): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(what, signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(what, signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(what: string, signal: AbortSignal | undefined, url?: string): TapAbortError {
  const reason = signal?.reason instanceof Error ? `: ${signal.reason.message}` : '';
  return new TapAbortError(`${what} cancelled${reason}${url === undefined ? '' : ` (${url})`}`, {
    url,
    cause: signal?.reason,
  });
}

/** The fetch transport's CORS refusal, with what to do about it. */
function corsError(req: HttpRequest, url: string, cause: unknown): TapCorsError {
  const pageOrigin = (globalThis as { location?: { origin?: string } }).location?.origin;
  const page = pageOrigin === undefined ? 'this page' : `this page (${pageOrigin})`;
  return new TapCorsError(
    `${req.what}: the service at ${originOf(url)} does not allow requests from ${page} (CORS), so the browser withheld its answer (${req.method} ${url}). ` +
      "Go through a proxy on the page's own origin (adql ui's, or your server's), or ask the archive to allow this origin",
    { url, ...(pageOrigin === undefined ? {} : { pageOrigin }), cause },
  );
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** The message of the innermost meaningful cause, without stack or secrets. */
function causeMessage(err: unknown): string {
  const msgs: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.message !== '' && !msgs.includes(e.message)) msgs.push(e.message);
  }
  return msgs.join(': ') || String(err);
}

export class HttpClient {
  readonly serviceOrigin: string;
  private readonly trusted: Set<string>;
  private readonly authHeaders: Record<string, string>;
  private readonly retry: Required<TapRetryOptions>;
  private readonly timeoutMs: number;
  private readonly bodyTimeoutMs: number;
  private readonly dispatcher: HttpDispatcher | undefined;
  private readonly credentials: HttpClientOptions['credentials'];
  private readonly userAgent: string;
  private readonly logger: ((event: TapLogEvent) => void) | undefined;
  /** Masks the configured credentials in every error and log event. */
  readonly redactor: SecretRedactor;

  constructor(serviceUrl: string, options: HttpClientOptions = {}) {
    this.serviceOrigin = originOf(serviceUrl);
    this.trusted = new Set([this.serviceOrigin, ...(options.trustedOrigins ?? []).map((o) => originOf(o))]);
    const auth: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.headers ?? {})) auth[k.toLowerCase()] = v;
    if (options.token !== undefined) auth.authorization = `Bearer ${options.token}`;
    if (options.cookies !== undefined) {
      auth.cookie =
        typeof options.cookies === 'string'
          ? options.cookies
          : Object.entries(options.cookies)
              .map(([k, v]) => `${k}=${v}`)
              .join('; ');
    }
    this.authHeaders = auth;
    this.redactor = new SecretRedactor(credentialSecrets(options));
    const r = options.retry === false ? { retries: 0 } : (options.retry ?? {});
    this.retry = {
      retries: r.retries ?? 2,
      baseDelayMs: r.baseDelayMs ?? 250,
      maxDelayMs: r.maxDelayMs ?? 4000,
      maxRetryAfterMs: r.maxRetryAfterMs ?? 30_000,
    };
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.bodyTimeoutMs = options.bodyTimeoutMs ?? 30_000;
    this.dispatcher = options.dispatcher;
    this.credentials = options.credentials;
    this.userAgent = options.userAgent ?? PACKAGE_UA;
    const logger = options.logger;
    this.logger = logger === undefined ? undefined : (event) => logger(this.redactEvent(event));
  }

  private redactEvent(event: TapLogEvent): TapLogEvent {
    if (this.redactor.empty) return event;
    const out: Record<string, unknown> = { ...event };
    for (const [k, v] of Object.entries(out)) if (typeof v === 'string') out[k] = this.redactor.text(v);
    return out as TapLogEvent;
  }

  /** Whether a URL may receive the credentials (same origin as the service, or explicitly trusted). */
  isTrusted(url: string): boolean {
    return this.trusted.has(originOf(url));
  }

  private headersFor(url: string, req: HttpRequest, withBody: boolean): Record<string, string> {
    const h: Record<string, string> = { 'user-agent': this.userAgent };
    if (req.accept !== undefined) h.accept = req.accept;
    if (withBody && req.contentType !== undefined) h['content-type'] = req.contentType;
    if (this.isTrusted(url)) Object.assign(h, this.authHeaders);
    return h;
  }

  /**
   * Sends `req` and hands the successful response to `consume`, with retries (per `req.retry`).
   * Error statuses are turned into typed errors with the server's message. The body is always
   * released, whatever `consume` does.
   */
  async send<T>(req: HttpRequest, consume: (res: HttpResponse) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse | undefined;
      try {
        res = await this.attempt(req, attempt);
        if (res.status >= 400) throw await this.statusError(req, res);
        return await consume(res);
      } catch (raw) {
        const err = this.mapError(raw, req, res?.url ?? req.url);
        if (err instanceof TapAbortError) throw err;
        const delay = this.retryDelay(err, req, attempt);
        if (delay === undefined) throw err;
        this.logger?.({
          type: 'retry',
          method: req.method,
          url: redactUrl(req.url),
          attempt,
          delayMs: delay,
          reason: err.message,
        });
        await sleep(delay, req.signal, req.what);
      } finally {
        if (res !== undefined && res.body !== undefined && !res.body.destroyed) res.body.destroy();
      }
    }
  }

  /**
   * Sends `req` (with retries) and returns the response as soon as its status is good, for the
   * caller to stream; the caller must consume or destroy the body. Failures while streaming are
   * not retried (the caller has already seen data); map them with mapError.
   */
  async open(req: HttpRequest): Promise<HttpResponse> {
    return this.send(req, async (res) => {
      const kept: HttpResponse = { ...res };
      // Hand the body over: send() releases only bodies it still owns.
      res.body = undefined as unknown as HttpResponse['body'];
      return kept;
    });
  }

  /** One request, following redirects when asked; credentials dropped on foreign origins. */
  private async attempt(req: HttpRequest, attemptNo: number): Promise<HttpResponse> {
    let url = req.url;
    let method = req.method;
    let body = req.body;
    for (let hop = 0; ; hop++) {
      if (req.signal?.aborted) throw abortError(req.what, req.signal, redactUrl(url));
      this.logger?.({ type: 'request', method, url: redactUrl(url), attempt: attemptNo });
      const started = performance.now();
      // Our own timer for the headers: undici's timers are coarse (about 1 s) for short timeouts.
      const timeoutMs = req.timeoutMs ?? this.timeoutMs;
      const timer = new AbortController();
      const timeout = setTimeout(() => timer.abort(), timeoutMs);
      let r: TransportResponse;
      try {
        r = await transportSend(url, {
          method,
          headers: this.headersFor(url, req, body !== undefined),
          body,
          signal: req.signal === undefined ? timer.signal : AbortSignal.any([req.signal, timer.signal]),
          redirect: req.redirect,
          dispatcher: this.dispatcher,
          credentials: this.credentials,
          headersTimeoutMs: timeoutMs + 5000,
          bodyTimeoutMs: this.bodyTimeoutMs,
        });
      } catch (err) {
        if (timer.signal.aborted && req.signal?.aborted !== true) {
          const shown = redactUrl(url);
          throw new TapTimeoutError(`${req.what}: no answer within ${timeoutMs} ms (${method} ${shown})`, {
            url: shown,
            timeoutMs,
          });
        }
        throw err;
      } finally {
        clearTimeout(timeout);
      }
      const res: HttpResponse = {
        status: r.statusCode,
        url: r.url ?? url,
        headers: r.headers,
        contentType: header(r.headers, 'content-type') ?? '',
        body: r.body,
      };
      this.logger?.({
        type: 'response',
        method,
        url: redactUrl(url),
        status: r.statusCode,
        ms: Math.round(performance.now() - started),
      });
      const location = header(r.headers, 'location');
      if (req.redirect === 'manual' || !REDIRECTS.has(r.statusCode) || location === undefined) return res;
      await r.body.dump().catch(() => undefined);
      if (hop >= 5) {
        throw new TapProtocolError(`${req.what}: too many redirects (last ${redactUrl(url)})`, {
          url: redactUrl(req.url),
          status: r.statusCode,
        });
      }
      const next = resolveUrl(location, url);
      this.logger?.({
        type: 'redirect',
        from: redactUrl(url),
        to: redactUrl(next),
        status: r.statusCode,
        credentials: this.isTrusted(next),
      });
      if (r.statusCode === 303 || ((r.statusCode === 301 || r.statusCode === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      url = next;
    }
  }

  private async statusError(req: HttpRequest, res: HttpResponse): Promise<TapServiceError> {
    let text = '';
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        if (size + buf.length > MAX_ERROR_BODY) {
          chunks.push(buf.subarray(0, MAX_ERROR_BODY - size));
          break;
        }
        chunks.push(buf);
        size += buf.length;
      }
      text = Buffer.concat(chunks).toString('utf8');
    } catch {
      // The error body itself broke off: report the status with what we have.
    }
    const parsed = parseErrorBody(text, res.contentType);
    const detail = parsed.message === '' ? '' : `: ${parsed.message}`;
    const url = redactUrl(res.url);
    const message = `${req.what} failed with HTTP ${res.status}${detail} (${req.method} ${url})`;
    const serverMessage = parsed.message === '' ? undefined : parsed.message;
    if (res.status === 429 || res.status === 503) {
      return new TapRateLimitError(message, {
        url,
        status: res.status,
        serverMessage,
        retryAfterMs: parseRetryAfter(header(res.headers, 'retry-after')),
      });
    }
    return new TapServiceError(message, { url, status: res.status, serverMessage });
  }

  /** Any failure as a TapError naming the URL, with the configured secrets masked. */
  mapError(raw: unknown, req: HttpRequest, atUrl: string): TapError {
    return this.redactor.error(this.typedError(raw, req, atUrl));
  }

  private typedError(raw: unknown, req: HttpRequest, atUrl: string): TapError {
    const url = redactUrl(atUrl);
    // Whatever broke once the caller cancelled (a body cut off mid-parse...) is the cancellation.
    if (req.signal?.aborted && !(raw instanceof TapAbortError)) return abortError(req.what, req.signal, url);
    if (raw instanceof TapError) return raw;
    const code = errorCode(raw);
    if (code === 'ADQLKIT_CORS') return corsError(req, url, raw);
    if (code !== undefined && TIMEOUT_CODES.has(code)) {
      const ms = code === 'UND_ERR_BODY_TIMEOUT' ? this.bodyTimeoutMs : this.timeoutMs;
      return new TapTimeoutError(`${req.what}: no answer within ${ms} ms (${req.method} ${url})`, {
        url,
        timeoutMs: ms,
        cause: raw,
      });
    }
    if (code !== undefined && (NETWORK_CODES.has(code) || code.startsWith('HPE_'))) {
      return new TapNetworkError(`${req.what}: connection failed or broke off (${causeMessage(raw)}) (${req.method} ${url})`, {
        url,
        code,
        cause: raw,
      });
    }
    if ((raw as Error | undefined)?.name === 'AbortError') return abortError(req.what, req.signal, url);
    return new TapProtocolError(`${req.what}: unusable response (${causeMessage(raw)}) from ${url}`, { url, cause: raw });
  }

  private retryDelay(err: TapError, req: HttpRequest, attempt: number): number | undefined {
    if (attempt > this.retry.retries || req.retry === 'never') return undefined;
    let retryable = false;
    let retryAfter: number | undefined;
    if (err instanceof TapRateLimitError) {
      retryable = true;
      retryAfter = err.retryAfterMs;
    } else if (err instanceof TapNetworkError) {
      retryable = req.retry === 'idempotent';
    } else if (err instanceof TapServiceError && !(err instanceof TapProtocolError)) {
      retryable = req.retry === 'idempotent' && (err.status ?? 0) >= 500;
    }
    if (!retryable) return undefined;
    if (retryAfter !== undefined) return retryAfter > this.retry.maxRetryAfterMs ? undefined : retryAfter;
    const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exp * (0.5 + Math.random() * 0.5));
  }
}

/**
 * Reads a whole body as bytes, reporting progress; errors surface to `send` for mapping/retry.
 * The bytes are a Node Buffer, declared as Uint8Array so the declarations need no Node types.
 */
export async function readBody(
  res: HttpResponse,
  onBytes?: (received: number, total: number | undefined) => void,
  maxBytes = MAX_DOCUMENT_BYTES,
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  const len = header(res.headers, 'content-length');
  const total = len === undefined ? undefined : Number(len);
  const tooLarge = (): TapProtocolError => {
    res.body.destroy();
    const url = redactUrl(res.url);
    return new TapProtocolError(
      `response body larger than ${maxBytes} bytes, more than a document of this kind can be (${url}); stream it instead`,
      { url, status: res.status },
    );
  };
  if (total !== undefined && total > maxBytes) throw tooLarge();
  for await (const chunk of res.body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(buf);
    onBytes?.(size, total);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
}

/** A whole body as text, refused (TapProtocolError) beyond `maxBytes` (default 256 MB). */
export async function readText(res: HttpResponse, maxBytes = MAX_DOCUMENT_BYTES): Promise<string> {
  return utf8(await readBody(res, undefined, maxBytes));
}

/** The first `maxBytes` of a body as text (an error message needs no more); the rest is not read. */
export async function readTextHead(res: HttpResponse, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    const buf = chunk as Buffer;
    chunks.push(buf.subarray(0, maxBytes - size));
    size += Math.min(buf.length, maxBytes - size);
    if (size >= maxBytes) break;
  }
  res.body.destroy();
  return utf8(Buffer.concat(chunks, size));
}

/** Decodes bytes as UTF-8 without copying them (as Buffer#toString does: a BOM is kept). */
export function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
