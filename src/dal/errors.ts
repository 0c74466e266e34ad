/**
 * Typed errors of the TAP client. Every message names the URL (or job URL) involved so that the
 * caller can resume the work, and none contains credentials (URLs are redacted, headers never shown).
 */

/** Base class of every error thrown by the TAP client. */
export class TapError extends Error {
  /** The (redacted) URL of the request or document concerned, when there is one. */
  readonly url: string | undefined;

  constructor(message: string, options: { url?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.url = options.url;
  }
}

/** The service answered with an HTTP error status or a document the client cannot use. */
export class TapServiceError extends TapError {
  /** HTTP status, when a response was received. */
  readonly status: number | undefined;
  /** The message the server put in its error document (VOTable INFO, UWS errorSummary, HTML, text). */
  readonly serverMessage: string | undefined;

  constructor(message: string, options: { url?: string; status?: number; serverMessage?: string; cause?: unknown } = {}) {
    super(message, options);
    this.status = options.status;
    this.serverMessage = options.serverMessage;
  }
}

/** A response that does not follow the protocol: HTML where XML was expected, truncated or malformed body. */
export class TapProtocolError extends TapServiceError {}

/** The service asked us to slow down (HTTP 429, or 503 with Retry-After) and retries were exhausted. */
export class TapRateLimitError extends TapServiceError {
  /** How long the server asked to wait, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { url?: string; status?: number; serverMessage?: string; retryAfterMs?: number }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The connection failed (refused, reset, dropped mid-body). */
export class TapNetworkError extends TapError {
  /** The low-level error code (ECONNREFUSED, UND_ERR_SOCKET, ...), when known. */
  readonly code: string | undefined;

  constructor(message: string, options: { url?: string; code?: string; cause?: unknown }) {
    super(message, options);
    this.code = options.code;
  }
}

/**
 * In a browser: the service answered but does not allow this page's origin (CORS), so the browser
 * withheld the response. A network error, retried as one: a browser reports a dropped connection
 * the same way, and a retry tells the two apart when the connection comes back.
 */
export class TapCorsError extends TapNetworkError {
  /** The page's origin the service refused. */
  readonly pageOrigin: string | undefined;

  constructor(message: string, options: { url?: string; pageOrigin?: string; cause?: unknown }) {
    super(message, { ...options, code: 'ADQLKIT_CORS' });
    this.pageOrigin = options.pageOrigin;
  }
}

/** The service rejected or failed the query; carries the server's message and position when given. */
export class TapQueryError extends TapError {
  readonly serverMessage: string;
  /** 1-based line of the problem in the ADQL text, when the server gave one. */
  readonly line: number | undefined;
  /** 1-based column of the problem, when the server gave one. */
  readonly column: number | undefined;
  /** The job URL when the query ran as an async job. */
  readonly jobUrl: string | undefined;
  readonly query: string | undefined;

  constructor(
    message: string,
    options: {
      url?: string;
      serverMessage: string;
      line?: number;
      column?: number;
      jobUrl?: string;
      query?: string;
    },
  ) {
    super(message, options);
    this.serverMessage = options.serverMessage;
    this.line = options.line;
    this.column = options.column;
    this.jobUrl = options.jobUrl;
    this.query = options.query;
  }
}

/** An async job is in a state that prevents the operation (aborted, deleted, no result...). */
export class TapJobError extends TapError {
  readonly jobUrl: string;
  /** The job's phase when the error was noticed, if known. */
  readonly phase: string | undefined;
  readonly serverMessage: string | undefined;

  constructor(message: string, options: { jobUrl: string; phase?: string; serverMessage?: string; url?: string; cause?: unknown }) {
    super(message, { url: options.url ?? options.jobUrl, cause: options.cause });
    this.jobUrl = options.jobUrl;
    this.phase = options.phase;
    this.serverMessage = options.serverMessage;
  }
}

/** A request or a wait took longer than allowed. For jobs, the job is left as it was (see jobUrl). */
export class TapTimeoutError extends TapError {
  readonly timeoutMs: number | undefined;
  readonly jobUrl: string | undefined;
  readonly phase: string | undefined;

  constructor(message: string, options: { url?: string; timeoutMs?: number; jobUrl?: string; phase?: string; cause?: unknown }) {
    super(message, options);
    this.timeoutMs = options.timeoutMs;
    this.jobUrl = options.jobUrl;
    this.phase = options.phase;
  }
}

/** The caller cancelled the operation through its AbortSignal. */
export class TapAbortError extends TapError {
  readonly jobUrl: string | undefined;

  constructor(message: string, options: { url?: string; jobUrl?: string; cause?: unknown } = {}) {
    super(message, options);
    this.name = 'AbortError';
    this.jobUrl = options.jobUrl;
  }
}

/** Strict mode: the result was truncated by MAXREC (or the service's default limit). */
export class TapOverflowError extends TapError {
  readonly rowCount: number;
  readonly maxrec: number | undefined;
  readonly jobUrl: string | undefined;

  constructor(message: string, options: { url?: string; rowCount: number; maxrec?: number; jobUrl?: string }) {
    super(message, options);
    this.rowCount = options.rowCount;
    this.maxrec = options.maxrec;
    this.jobUrl = options.jobUrl;
  }
}

/** A bad upload specification (table name, source, size, method the service does not offer). */
export class TapUploadError extends TapError {
  readonly tableName: string | undefined;

  constructor(message: string, options: { url?: string; tableName?: string } = {}) {
    super(message, options);
    this.tableName = options.tableName;
  }
}
