/**
 * The one call the TAP client's HTTP layer (dal/http.ts) makes to the network, implemented twice:
 * transport-node.ts on undici, transport-web.ts on fetch. package.json's `imports` picks one for
 * `#transport` by export condition (`node` → undici; `browser` and `default` → fetch), so no code
 * path asks at run time which platform it is on.
 *
 * Failures are thrown as errors carrying a `code` the HTTP layer maps to typed errors: undici's own
 * codes (UND_ERR_*, ECONNREFUSED...), which the fetch transport reuses for the same situations
 * (UND_ERR_BODY_TIMEOUT, UND_ERR_SOCKET), and ADQLKIT_CORS for a response the browser withheld.
 */

/** Lower-cased names, repeated headers as arrays (as Node gives them). */
export type TransportHeaders = Record<string, string | string[] | undefined>;

/** A streamed response body: async iterable bytes that can be dropped or drained. */
export interface TransportBody extends AsyncIterable<Uint8Array> {
  readonly destroyed: boolean;
  destroy(): void;
  dump(): Promise<void>;
}

export interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  signal: AbortSignal;
  /** 'manual': a redirect is returned as a 3xx with its location, for the caller to follow. */
  redirect: 'manual' | 'follow';
  headersTimeoutMs: number;
  /** Longest silence between two pieces of the body. */
  bodyTimeoutMs: number;
  /** An undici dispatcher (Node only; the fetch transport ignores it). */
  dispatcher?: unknown;
  /** fetch's `credentials` mode (browsers only; undici never sends cookies on its own). */
  credentials?: 'omit' | 'same-origin' | 'include' | undefined;
}

export interface TransportResponse {
  statusCode: number;
  headers: TransportHeaders;
  body: TransportBody;
  /** The URL that answered, when the transport followed redirects itself (fetch does). */
  url?: string;
}

export type TransportSend = (url: string, req: TransportRequest) => Promise<TransportResponse>;

/** An error with the `code` the HTTP layer maps (see the module comment). */
export function transportError(message: string, code: string, cause?: unknown): Error {
  return Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });
}
