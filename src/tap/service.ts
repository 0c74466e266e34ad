/**
 * TapService: the entry point of the TAP client. Metadata (VOSI capabilities, availability,
 * tables, DALI examples, limits), sync queries, async jobs (submit, runAsync, job list,
 * re-attaching by URL), uploads and streaming results to files.
 */
import { TapCapabilities, BINARY2_MIME, type TapLimits } from './capabilities.js';
import {
  saveResponse,
  TapAbortError,
  TapJobError,
  TapProtocolError,
  TapQueryError,
  TapTimeoutError,
  TapUploadError,
  isVOTableFormat,
  isReadableFormat,
  responseFormat,
  HttpClient,
  readText,
  findTop,
  readResult,
  streamResult,
  childUrl,
  normaliseServiceUrl,
  originOf,
  redactUrl,
  resolveUrl,
  child,
  childText,
  children,
  deepText,
  parseXml,
  type SavedResult,
  type TapFormat,
  type HttpClientOptions,
  type HttpRequest,
  type TapProgressListener,
  type TapStreamEvent,
  type TapResult,
} from '../dal/index.js';
import { parseExamplesPage, type TapExample } from './examples.js';
import { TapJob, type TapWaitOptions } from './job.js';
import { checkMaxrec, requestBody, type TapParams } from './params.js';
import { parseTable, parseTableset, TapTableSet, type TapTable } from './tables.js';
import { prepareUploads, type PreparedUploads, type TapUploadSource } from './uploads.js';
import { parseJobList, type UwsJobRef } from './uws.js';

export interface TapServiceOptions extends HttpClientOptions {
  /** Default result format (default 'auto': BINARY2 where offered). */
  format?: TapFormat;
  /** Query language (default "ADQL"). */
  lang?: string;
  /** Throw TapOverflowError whenever a result is truncated (default false: result.overflow is set). */
  strict?: boolean;
}

export interface TapQueryOptions {
  /** MAXREC: the most rows to return. Not sent when undefined (the service default applies). */
  maxrec?: number;
  /** Tables to upload, by TAP_UPLOAD name. */
  uploads?: Record<string, TapUploadSource>;
  format?: TapFormat;
  signal?: AbortSignal;
  lang?: string;
  strict?: boolean;
  onProgress?: TapProgressListener;
  /** Further request parameters (service-specific), sent verbatim. */
  params?: Record<string, string | number>;
}

export interface TapSubmitOptions extends TapQueryOptions {
  /** EXECUTIONDURATION (seconds) requested at creation. */
  executionDuration?: number;
  /** DESTRUCTION time requested at creation. */
  destruction?: Date;
  /** RUNID (a label for the job). */
  runId?: string;
}

export interface TapRunAsyncOptions extends TapSubmitOptions {
  /** Overall deadline for the job to finish, in ms (default: none). */
  timeoutMs?: number;
  /** Keep the job on the service after fetching its result (default: delete it). */
  keepJob?: boolean;
  /** Polling tuning, see TapWaitOptions. */
  wait?: Omit<TapWaitOptions, 'signal' | 'onProgress' | 'timeoutMs'>;
}

export interface TapAvailability {
  available: boolean;
  upSince?: string;
  downAt?: string;
  backAt?: string;
  notes: string[];
}

export interface TapJobListFilter {
  /** Only jobs in these phases (UWS 1.1 PHASE filter). */
  phase?: string | string[];
  /** Only jobs created after this time (AFTER). */
  after?: Date | string;
  /** Only the most recent n jobs (LAST). */
  last?: number;
  signal?: AbortSignal;
}

/** What a user needs before planning a big query: row, time, size and retention limits. */
export interface TapServiceLimits {
  sync: TapLimits;
  async: TapLimits;
  /** Rows returned when MAXREC is not given (sync/async). */
  defaultMaxrec: { sync: number | undefined; async: number | undefined };
  /** Largest MAXREC honoured (sync/async). */
  hardMaxrec: { sync: number | undefined; async: number | undefined };
  /** Largest upload in bytes, when declared in bytes. */
  uploadLimitBytes: number | undefined;
  uploadMethods: string[];
}

const XML_ACCEPT = 'application/xml, text/xml;q=0.9, */*;q=0.5';

export class TapService {
  /** The service base URL (no trailing slash). */
  readonly url: string;
  readonly options: TapServiceOptions;
  /** The HTTP client (shared by this service's jobs). */
  readonly http: HttpClient;
  private caps: Promise<TapCapabilities> | undefined;
  private capsValue: TapCapabilities | undefined;
  private binary2Rejected = false;

  constructor(url: string | URL, options: TapServiceOptions = {}) {
    this.url = normaliseServiceUrl(url);
    this.options = options;
    this.http = new HttpClient(this.url, options);
  }

  /**
   * Re-attaches to an existing async job by its URL (e.g. saved from an earlier session).
   * Credentials (token, cookies, headers) go only to the service the caller names: `serviceUrl`,
   * or an origin listed in `trustedOrigins`; a job URL elsewhere is refused rather than handed
   * the credentials, since a saved URL is not proof of where the token belongs.
   */
  static job(url: string | URL, options: TapServiceOptions & { serviceUrl?: string | URL } = {}): TapJob {
    const jobUrl = normaliseServiceUrl(url);
    const serviceUrl = options.serviceUrl === undefined ? undefined : normaliseServiceUrl(options.serviceUrl);
    const hasCredentials = options.token !== undefined || options.cookies !== undefined || Object.keys(options.headers ?? {}).length > 0;
    const http = new HttpClient(serviceUrl ?? jobUrl, { ...options, trustedOrigins: options.trustedOrigins ?? [] });
    if (
      hasCredentials &&
      (serviceUrl === undefined ? !(options.trustedOrigins ?? []).some((o) => originOf(o) === originOf(jobUrl)) : !http.isTrusted(jobUrl))
    ) {
      throw new TypeError(
        `TapService.job: credentials were given but ${originOf(jobUrl)} is not a configured service origin; ` +
          `pass serviceUrl (the TAP service the job belongs to) or list the origin in trustedOrigins, or use service.job(url) on the TapService`,
      );
    }
    return new TapJob(jobUrl, http, { strict: options.strict });
  }

  /** A job of this service by URL, sharing this service's credentials and settings. */
  job(url: string | URL): TapJob {
    return new TapJob(resolveUrl(String(url), `${this.url}/async/`), this.http, {
      strict: this.options.strict,
      defaultLimit: this.capsValue?.limitsFor('async').outputLimit.default?.value,
    });
  }

  private get shownUrl(): string {
    return redactUrl(this.url);
  }

  private get(url: string, what: string, signal: AbortSignal | undefined, accept = XML_ACCEPT): HttpRequest {
    return { method: 'GET', url, what, retry: 'idempotent', redirect: 'follow', signal, accept };
  }

  private async getXml(url: string, what: string, signal: AbortSignal | undefined) {
    return this.http.send(this.get(url, what, signal), async (res) => ({
      root: parseXml(await readText(res), what, redactUrl(res.url)),
      url: res.url,
    }));
  }

  /** VOSI capabilities with TAPRegExt details (cached; `refresh` re-reads them). */
  capabilities(options: { signal?: AbortSignal; refresh?: boolean } = {}): Promise<TapCapabilities> {
    if (this.caps === undefined || options.refresh === true) {
      const pending = this.getXml(childUrl(this.url, 'capabilities'), 'VOSI capabilities', options.signal).then(
        ({ root, url }) => new TapCapabilities(root, redactUrl(url)),
      );
      this.caps = pending;
      pending.then(
        (c) => (this.capsValue = c),
        () => (this.caps = undefined),
      );
    }
    return this.caps;
  }

  /** VOSI availability. */
  async availability(options: { signal?: AbortSignal } = {}): Promise<TapAvailability> {
    const { root } = await this.getXml(childUrl(this.url, 'availability'), 'VOSI availability', options.signal);
    const out: TapAvailability = {
      available: (childText(root, 'available') ?? '').toLowerCase() === 'true',
      notes: children(root, 'note').map((n) => deepText(n).trim()),
    };
    for (const key of ['upSince', 'downAt', 'backAt'] as const) {
      const v = childText(root, key);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }

  /**
   * VOSI tables. By default asks for `detail=min` (fast on big services); tables listed without
   * columns are completed lazily by `tableSet.columns(name)` from `<tables>/<name>`.
   */
  async tables(options: { signal?: AbortSignal; detail?: 'min' | 'max' } = {}): Promise<TapTableSet> {
    const base = childUrl(this.url, 'tables');
    const url = options.detail === 'max' ? base : `${base}?detail=${options.detail ?? 'min'}`;
    const { root } = await this.getXml(url, 'VOSI tables', options.signal).catch((err: unknown) => {
      // VOSI 1.0 services may refuse the detail parameter: ask for the full tableset instead.
      const status = (err as { status?: number }).status;
      if (url !== base && status !== undefined && status >= 400 && status < 500 && status !== 401 && status !== 403) {
        return this.getXml(base, 'VOSI tables', options.signal);
      }
      throw err;
    });
    return new TapTableSet(parseTableset(root), (name, signal) => this.table(name, { signal }));
  }

  /** One table with its columns, from the per-table VOSI endpoint (`<tables>/<name>`). */
  async table(name: string, options: { signal?: AbortSignal } = {}): Promise<TapTable> {
    const url = childUrl(childUrl(this.url, 'tables'), encodeURIComponent(name).replace(/%2E/gi, '.'));
    const { root } = await this.getXml(url, `VOSI table ${name}`, options.signal);
    const tableEl = root.name === 'table' ? root : child(child(root, 'schema'), 'table');
    if (tableEl === undefined)
      throw new TapProtocolError(`VOSI table ${name}: no <table> in the answer (${redactUrl(url)})`, { url: redactUrl(url) });
    return parseTable(tableEl);
  }

  /** DALI examples, following continuation links (at most `maxPages` pages, default 20). */
  async examples(options: { signal?: AbortSignal; maxPages?: number } = {}): Promise<TapExample[]> {
    const start = childUrl(this.url, 'examples');
    const queue = [start];
    const seen = new Set<string>();
    const out: TapExample[] = [];
    while (queue.length > 0 && seen.size < (options.maxPages ?? 20)) {
      const url = queue.shift() as string;
      if (seen.has(url)) continue;
      seen.add(url);
      const page = await this.http.send(
        this.get(url, 'DALI examples', options.signal, 'application/xhtml+xml, text/html, */*'),
        async (res) => parseExamplesPage(await readText(res), res.url),
      );
      out.push(...page.examples);
      for (const c of page.continuations) if (!seen.has(c)) queue.push(c);
    }
    return out;
  }

  /** Limits from the capabilities: default/hard MAXREC per mode, upload size, retention, duration. */
  async limits(options: { signal?: AbortSignal } = {}): Promise<TapServiceLimits> {
    const caps = await this.capabilities(options);
    const sync = caps.limitsFor('sync');
    const async = caps.limitsFor('async');
    const rows = (l: TapLimits, k: 'default' | 'hard') => (l.outputLimit[k]?.unit === 'row' ? l.outputLimit[k]?.value : undefined);
    const up = caps.limits.uploadLimit.hard ?? caps.limits.uploadLimit.default;
    return {
      sync,
      async,
      defaultMaxrec: { sync: rows(sync, 'default'), async: rows(async, 'default') },
      hardMaxrec: { sync: rows(sync, 'hard'), async: rows(async, 'hard') },
      uploadLimitBytes: up?.unit === 'byte' ? up.value : undefined,
      uploadMethods: caps.uploadMethodsFor(),
    };
  }

  /** RESPONSEFORMAT for a format option; 'auto' = BINARY2 unless the service is known not to offer it. */
  private formatFor(format: TapFormat | undefined): { value: string | undefined; optimistic: boolean } {
    const f = format ?? this.options.format ?? 'auto';
    // Parquet: the service's own Parquet MIME type when its capabilities list one.
    if (f === 'parquet') return { value: this.capsValue?.parquetFormat ?? responseFormat(f), optimistic: false };
    if (f !== 'auto') return { value: responseFormat(f), optimistic: false };
    if (this.capsValue !== undefined) return { value: this.capsValue.offersBinary2 ? BINARY2_MIME : undefined, optimistic: false };
    if (this.binary2Rejected) return { value: undefined, optimistic: false };
    return { value: BINARY2_MIME, optimistic: true };
  }

  private async buildUploads(adql: string, options: TapQueryOptions): Promise<PreparedUploads | undefined> {
    if (options.uploads === undefined || Object.keys(options.uploads).length === 0) {
      if (/\bTAP_UPLOAD\s*\./i.test(adql)) await prepareUploads({}, adql, this.shownUrl);
      return undefined;
    }
    const prepared = await prepareUploads(options.uploads, adql, this.shownUrl, options.signal);
    const caps = this.capsValue;
    if (caps !== undefined) {
      if (prepared.parts.length > 0 && caps.uploadMethods.length > 0 && !caps.supportsUpload('inline')) {
        throw new TapUploadError(
          `the service does not offer inline uploads (methods: ${caps.uploadMethodsFor().join(', ')}) (${this.shownUrl})`,
          {
            url: this.shownUrl,
          },
        );
      }
      const limit = caps.limits.uploadLimit.hard;
      if (limit?.unit === 'byte' && prepared.inlineBytes > limit.value) {
        throw new TapUploadError(
          `uploads total ${prepared.inlineBytes} bytes, over the service's hard limit of ${limit.value} bytes (${this.shownUrl})`,
          {
            url: this.shownUrl,
          },
        );
      }
    }
    return prepared;
  }

  private params(adql: string, options: TapQueryOptions, format: string | undefined, extra?: Record<string, string | number>): TapParams {
    return {
      query: adql,
      lang: options.lang ?? this.options.lang ?? 'ADQL',
      maxrec: checkMaxrec(options.maxrec, this.shownUrl),
      responseFormat: format,
      extra: { ...options.params, ...extra },
    };
  }

  /** Runs a synchronous query and parses the VOTable result (streamed). */
  async query(adql: string, options: TapQueryOptions = {}): Promise<TapResult> {
    const fmt = this.formatFor(options.format);
    if (fmt.value !== undefined && !isReadableFormat(fmt.value)) {
      throw new TypeError(`query() parses VOTable and Parquet results; for ${String(options.format)} use queryToFile() (${this.shownUrl})`);
    }
    const uploads = await this.buildUploads(adql, options);
    try {
      return await this.syncQuery(adql, options, fmt.value, uploads);
    } catch (err) {
      if (fmt.optimistic && err instanceof TapQueryError && /format/i.test(err.serverMessage)) {
        this.binary2Rejected = true;
        return this.syncQuery(adql, options, undefined, uploads);
      }
      throw err;
    }
  }

  private syncQuery(
    adql: string,
    options: TapQueryOptions,
    format: string | undefined,
    uploads: PreparedUploads | undefined,
  ): Promise<TapResult> {
    const { body, contentType } = requestBody(this.params(adql, options, format), uploads);
    const ctx = {
      what: 'sync query',
      method: 'POST',
      maxrec: options.maxrec,
      top: findTop(adql),
      defaultLimit: this.capsValue?.limitsFor('sync').outputLimit.default?.value,
      strict: options.strict ?? this.options.strict,
      query: adql,
      onProgress: options.onProgress,
    };
    return this.http.send(
      {
        method: 'POST',
        url: childUrl(this.url, 'sync'),
        body,
        contentType,
        accept: 'application/x-votable+xml, text/xml;q=0.9, */*;q=0.5',
        retry: 'overload-only',
        redirect: 'follow',
        signal: options.signal,
        what: 'sync query',
      },
      (res) => readResult(res, ctx),
    );
  }

  /**
   * Runs a synchronous query and yields the result in batches as it arrives (bounded memory, row
   * progress): a 'columns' event, 'rows' events, then 'end' with the overflow verdict.
   */
  async *queryStream(adql: string, options: TapQueryOptions & { batchSize?: number } = {}): AsyncGenerator<TapStreamEvent> {
    const fmt = this.formatFor(options.format);
    if (fmt.value !== undefined && !isVOTableFormat(fmt.value)) {
      throw new TypeError(`queryStream() reads VOTable results; for ${String(options.format)} use queryToFile() (${this.shownUrl})`);
    }
    const uploads = await this.buildUploads(adql, options);
    const { body, contentType } = requestBody(this.params(adql, options, fmt.value), uploads);
    const req: HttpRequest = {
      method: 'POST',
      url: childUrl(this.url, 'sync'),
      body,
      contentType,
      accept: 'application/x-votable+xml, text/xml;q=0.9, */*;q=0.5',
      retry: 'overload-only',
      redirect: 'follow',
      signal: options.signal,
      what: 'sync query',
    };
    const res = await this.http.open(req);
    try {
      yield* streamResult(res, {
        what: 'sync query',
        method: 'POST',
        maxrec: options.maxrec,
        top: findTop(adql),
        defaultLimit: this.capsValue?.limitsFor('sync').outputLimit.default?.value,
        strict: options.strict ?? this.options.strict,
        query: adql,
        onProgress: options.onProgress,
        batchSize: options.batchSize,
      });
    } catch (err) {
      throw this.http.mapError(err, req, res.url);
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
  }

  /**
   * Runs a synchronous query and streams the answer to `path` in the server's format (any
   * RESPONSEFORMAT: csv, votable, fits...). Error documents are thrown, not saved.
   */
  async queryToFile(adql: string, path: string, options: TapQueryOptions = {}): Promise<SavedResult> {
    const fmt = this.formatFor(options.format ?? 'votable');
    const uploads = await this.buildUploads(adql, options);
    const { body, contentType } = requestBody(this.params(adql, options, fmt.value), uploads);
    const ctx = {
      what: 'sync query',
      method: 'POST',
      maxrec: options.maxrec,
      top: findTop(adql),
      defaultLimit: this.capsValue?.limitsFor('sync').outputLimit.default?.value,
      query: adql,
      onProgress: options.onProgress,
    };
    return this.http.send(
      {
        method: 'POST',
        url: childUrl(this.url, 'sync'),
        body,
        contentType,
        retry: 'overload-only',
        redirect: 'follow',
        signal: options.signal,
        what: 'sync query',
      },
      (res) => saveResponse(res, path, ctx),
    );
  }

  /** Creates an async job (PENDING; call run()). Resolves to the job, named by its URL. */
  async submit(adql: string, options: TapSubmitOptions = {}): Promise<TapJob> {
    const fmt = this.formatFor(options.format);
    const uploads = await this.buildUploads(adql, options);
    const extra: Record<string, string | number> = {};
    if (options.executionDuration !== undefined) extra.EXECUTIONDURATION = Math.round(options.executionDuration);
    if (options.destruction !== undefined) extra.DESTRUCTION = options.destruction.toISOString();
    if (options.runId !== undefined) extra.RUNID = options.runId;
    const { body, contentType } = requestBody(this.params(adql, options, fmt.value, extra), uploads);
    const listUrl = childUrl(this.url, 'async');
    const jobUrl = await this.http.send(
      {
        method: 'POST',
        url: listUrl,
        body,
        contentType,
        retry: 'overload-only',
        redirect: 'manual',
        signal: options.signal,
        what: 'async job creation',
      },
      async (res) => {
        const location = res.headers.location;
        const loc = Array.isArray(location) ? location[0] : location;
        if (res.status >= 300 && res.status < 400 && loc !== undefined) {
          await res.body.dump();
          return resolveUrl(loc, res.url);
        }
        const text = await readText(res);
        const id = /<(?:\w+:)?jobId>\s*([^<\s]+)\s*</.exec(text)?.[1];
        if (id !== undefined) return `${listUrl}/${id}`;
        const msg = /QUERY_STATUS/.test(text)
          ? ` (${text
              .replace(/<[^>]*>/g, ' ')
              .replace(/\s+/g, ' ')
              .trim()
              .slice(0, 300)})`
          : '';
        throw new TapProtocolError(`async job creation: HTTP ${res.status} without a job URL${msg} (POST ${redactUrl(listUrl)})`, {
          url: redactUrl(listUrl),
          status: res.status,
        });
      },
    );
    return new TapJob(jobUrl, this.http, {
      query: adql,
      maxrec: options.maxrec,
      strict: options.strict ?? this.options.strict,
      defaultLimit: this.capsValue?.limitsFor('async').outputLimit.default?.value,
    });
  }

  /**
   * Create, run, wait, fetch, delete: an async query as one call. Cancelling through `signal`
   * aborts the remote job; on a deadline the job is left running and the error names its URL.
   */
  async runAsync(adql: string, options: TapRunAsyncOptions = {}): Promise<TapResult> {
    const job = await this.submit(adql, options);
    const signal = options.signal;
    let keep = options.keepJob === true;
    try {
      await job.run({ signal });
      const info = await job.wait({
        ...options.wait,
        timeoutMs: options.timeoutMs,
        signal,
        onProgress: options.onProgress,
      });
      if (info.phase !== 'COMPLETED') await job.throwIfError({ signal });
      if (info.phase !== 'COMPLETED') {
        throw new TapJobError(`job ${redactUrl(job.url)} ended in phase ${info.phase} without a result`, {
          jobUrl: redactUrl(job.url),
          phase: info.phase,
        });
      }
      return await job.fetchResult({ signal, onProgress: options.onProgress, strict: options.strict });
    } catch (err) {
      if (err instanceof TapTimeoutError && err.jobUrl !== undefined) keep = true;
      if (err instanceof TapAbortError || signal?.aborted === true) {
        const aborted = await job.abort({ signal: AbortSignal.timeout(10_000) }).then(
          () => 'the job was aborted on the service',
          (e: unknown) => `aborting the job failed: ${(e as Error).message}`,
        );
        throw new TapAbortError(`async query cancelled; ${aborted} (job ${redactUrl(job.url)})`, {
          url: redactUrl(job.url),
          jobUrl: redactUrl(job.url),
          cause: err,
        });
      }
      throw err;
    } finally {
      if (!keep) await job.delete({ signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    }
  }

  /** The async job list (UWS 1.1 filters PHASE, AFTER, LAST where the service supports them). */
  async jobs(filter: TapJobListFilter = {}): Promise<UwsJobRef[]> {
    const url = new URL(childUrl(this.url, 'async'));
    const phases = filter.phase === undefined ? [] : Array.isArray(filter.phase) ? filter.phase : [filter.phase];
    for (const p of phases) url.searchParams.append('PHASE', p.toUpperCase());
    if (filter.after !== undefined) {
      url.searchParams.set('AFTER', typeof filter.after === 'string' ? filter.after : filter.after.toISOString());
    }
    if (filter.last !== undefined) url.searchParams.set('LAST', String(filter.last));
    const { root, url: finalUrl } = await this.getXml(url.toString(), 'async job list', filter.signal);
    return parseJobList(root, finalUrl);
  }
}
