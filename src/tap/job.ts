/**
 * An async TAP query: a UWS 1.1 job. run() is its own POST PHASE=RUN (DaCHS ignores PHASE=RUN on
 * creation); wait() polls adaptively (fine-grained first, so a quick job's result is fetched right
 * after it completes) and, on UWS 1.1 services, switches to the blocking WAIT for long jobs, all
 * under one deadline. Every error names the job URL so the work can be resumed with
 * TapService.job(url).
 */
import {
  parseErrorBody,
  parseErrorPosition,
  TapAbortError,
  TapError,
  TapJobError,
  TapProtocolError,
  TapQueryError,
  TapServiceError,
  TapTimeoutError,
  saveResponse,
  readText,
  sleep,
  findTop,
  readResult,
  streamResult,
  childUrl,
  redactUrl,
  resolveUrl,
  child,
  parseXml,
  type SavedResult,
  type HttpClient,
  type HttpRequest,
  type TapProgressListener,
  type TapStreamEvent,
  type TapResult,
  type XmlElement,
} from '../dal/index.js';
import { formBody } from './params.js';
import { ALIVE_PHASES, FINAL_PHASES, parseJob, parseResults, type UwsJobInfo, type UwsResultRef } from './uws.js';

export interface TapJobContext {
  query?: string | undefined;
  maxrec?: number | undefined;
  defaultLimit?: number | undefined;
  strict?: boolean | undefined;
}

export interface TapWaitOptions {
  /** Overall deadline for the wait, in ms (default: no deadline). */
  timeoutMs?: number;
  /** Phases to stop at (default: the final ones, COMPLETED, ERROR, ABORTED, ARCHIVED). */
  phases?: string[];
  signal?: AbortSignal;
  onProgress?: TapProgressListener;
  /** First polling interval (default 100 ms); grows by 1.3x up to `maxPollMs`. */
  minPollMs?: number;
  /** Longest polling interval while the job is young (default 150 ms, for prompt results; doubled after patienceMs/2). */
  maxPollMs?: number;
  /** After this long (default 5000 ms), use UWS WAIT blocking requests (UWS 1.1) or slower polling. */
  patienceMs?: number;
  /** Use the UWS 1.1 WAIT parameter for long waits: 'auto' (default, when the job says version 1.1), true, false. */
  blocking?: boolean | 'auto';
  /** Abort the remote job when `signal` fires (default false here; runAsync does it). */
  abortOnCancel?: boolean;
}

export interface TapFetchOptions {
  signal?: AbortSignal;
  onProgress?: TapProgressListener;
  /** Result id to fetch (default "result", else the first one). */
  resultId?: string;
  /** Throw TapOverflowError when the result is truncated. */
  strict?: boolean;
}

export interface TapJobErrorInfo {
  phase: string;
  /** The errorSummary message, else the /error document's message. */
  message: string;
  type: string | undefined;
  hasDetail: boolean;
  /** The message read from <job>/error (VOTable, text...), when it could be fetched. */
  detail: string | undefined;
  line: number | undefined;
  column: number | undefined;
}

interface Signals {
  signal?: AbortSignal | undefined;
}

/** Unreadable job pages (HTML, no phase, an unknown phase) tolerated in a row by wait() before it gives up. */
const UNREADABLE_LIMIT = 3;
/** A UWS job document is a few kB; one this large is not one (and is read at every poll). */
const JOB_DOCUMENT_BYTES = 16 * 2 ** 20;
/** How long past the WAIT time a blocking request may take to answer, when no deadline is nearer. */
const WAIT_GRACE_MS = 30_000;

/** A UWS job document, or a TapProtocolError saying what came back instead. */
function readJobDocument(text: string, url: string): UwsJobInfo {
  const root: XmlElement = parseXml(text, 'job document', url);
  const phase = child(root, 'phase');
  if (root.name !== 'job' || phase === undefined) {
    const what = root.name !== 'job' ? `a <${root.name}> document` : 'a job document without a <phase>';
    throw new TapProtocolError(`job document: ${what} came back instead of a UWS job (${url})`, { url });
  }
  const info = parseJob(root);
  if (!ALIVE_PHASES.has(info.phase) && !FINAL_PHASES.has(info.phase)) {
    throw new TapProtocolError(`job document: phase ${JSON.stringify(info.phase.slice(0, 40))} is not a UWS phase (${url})`, { url });
  }
  return info;
}

export class TapJob {
  /** The job URL (as the service gave it). */
  readonly url: string;
  private readonly http: HttpClient;
  private readonly context: TapJobContext;
  private last: UwsJobInfo | undefined;
  /** Set when the job document listed no result and resultUrl() fell back to <job>/results/result. */
  private guessedResult: string | undefined;

  constructor(url: string, http: HttpClient, context: TapJobContext = {}) {
    this.url = url;
    this.http = http;
    this.context = context;
  }

  /** The job id (last path segment of the URL). */
  get id(): string {
    return new URL(this.url).pathname.replace(/\/+$/, '').split('/').pop() ?? '';
  }

  /** The job document seen last (undefined before the first info()/wait()). */
  get lastInfo(): UwsJobInfo | undefined {
    return this.last;
  }

  private get shownUrl(): string {
    return redactUrl(this.url);
  }

  private req(method: HttpRequest['method'], url: string, what: string, o: Signals, extra: Partial<HttpRequest> = {}): HttpRequest {
    return {
      method,
      url,
      what: `${what} of job ${this.shownUrl}`,
      retry: 'idempotent',
      redirect: 'follow',
      signal: o.signal,
      ...extra,
    };
  }

  /**
   * A failure to read the result: when the job document listed no result and the standard
   * <job>/results/result is not there either, says so (the job is there; its result is not).
   */
  private resultFailure(err: unknown, url: string, doing: string): TapError {
    if (url === this.guessedResult && err instanceof TapServiceError && (err.status === 404 || err.status === 410)) {
      const results = this.last?.results.length ?? 0;
      return this.http.redactor.error(
        new TapJobError(
          `job ${this.shownUrl} is ${this.last?.phase ?? 'finished'} but its job document lists ${results === 0 ? 'no result' : 'no usable result href'}, ` +
            `and ${redactUrl(url)} answered HTTP ${err.status}${err.serverMessage === undefined ? '' : `: ${err.serverMessage}`}: the service kept no result for it`,
          {
            jobUrl: this.shownUrl,
            ...(this.last?.phase !== undefined ? { phase: this.last.phase } : {}),
            serverMessage: err.serverMessage,
            url: redactUrl(url),
            cause: err,
          },
        ),
      );
    }
    return this.jobFailure(err, doing);
  }

  /** Wraps "job gone" and other HTTP failures into TapJobError naming the job URL. */
  private jobFailure(err: unknown, doing: string): TapError {
    if (err instanceof TapServiceError && (err.status === 404 || err.status === 410)) {
      return new TapJobError(
        `job ${this.shownUrl} not found while trying to ${doing} (deleted, expired or never existed)${err.serverMessage === undefined ? '' : `: ${err.serverMessage}`}`,
        { jobUrl: this.shownUrl, serverMessage: err.serverMessage, cause: err },
      );
    }
    return err instanceof TapError
      ? err
      : new TapJobError(`${doing} failed for job ${this.shownUrl}: ${String(err)}`, { jobUrl: this.shownUrl, cause: err });
  }

  private async postParam(params: Array<[string, string]>, path: string, doing: string, o: Signals): Promise<void> {
    const { body, contentType } = formBody(params);
    try {
      await this.http.send(
        this.req('POST', path === '' ? this.url : childUrl(this.url, path), doing, o, { body, contentType, redirect: 'manual' }),
        async (res) => {
          await res.body.dump();
        },
      );
    } catch (err) {
      throw this.jobFailure(err, doing);
    }
  }

  private async getText(path: string, doing: string, o: Signals): Promise<string> {
    try {
      return await this.http.send(this.req('GET', childUrl(this.url, path), doing, o, { accept: 'text/plain, */*' }), readText);
    } catch (err) {
      throw this.jobFailure(err, doing);
    }
  }

  /** Starts the job (POST PHASE=RUN to <job>/phase). */
  async run(options: Signals = {}): Promise<this> {
    await this.postParam([['PHASE', 'RUN']], 'phase', 'run', options);
    return this;
  }

  /** Asks the service to abort the job (POST PHASE=ABORT). */
  async abort(options: Signals = {}): Promise<void> {
    await this.postParam([['PHASE', 'ABORT']], 'phase', 'abort', options);
  }

  /** The current phase, fetched from <job>/phase. */
  async phase(options: Signals = {}): Promise<string> {
    return (await this.getText('phase', 'read the phase', options)).trim().toUpperCase();
  }

  /** The whole job document (phase, times, parameters, results, errorSummary). */
  async info(options: Signals & { wait?: { seconds: number; phase: string; maxMs?: number } } = {}): Promise<UwsJobInfo> {
    let url = this.url;
    const extra: Partial<HttpRequest> = { accept: 'application/xml, text/xml, */*' };
    if (options.wait !== undefined) {
      const u = new URL(this.url);
      u.searchParams.set('WAIT', String(options.wait.seconds));
      u.searchParams.set('PHASE', options.wait.phase);
      url = u.toString();
      extra.timeoutMs = Math.min(options.wait.seconds * 1000 + WAIT_GRACE_MS, options.wait.maxMs ?? Infinity);
    }
    try {
      const info = await this.http.send(this.req('GET', url, 'read', options, extra), async (res) =>
        readJobDocument(await readText(res, JOB_DOCUMENT_BYTES), this.shownUrl),
      );
      this.last = info;
      return info;
    } catch (err) {
      throw this.jobFailure(err, 'read the job document');
    }
  }

  /**
   * Waits until the job reaches a final phase (or one of `phases`), within `timeoutMs`.
   * PENDING, QUEUED, EXECUTING, HELD and SUSPENDED count as alive. Resolves to the job document.
   */
  async wait(options: TapWaitOptions = {}): Promise<UwsJobInfo> {
    const started = performance.now();
    const deadline = options.timeoutMs === undefined ? Infinity : started + options.timeoutMs;
    const targets = new Set((options.phases ?? [...FINAL_PHASES]).map((p) => p.toUpperCase()));
    const minPoll = options.minPollMs ?? 100;
    const maxPoll = options.maxPollMs ?? 150;
    const patience = options.patienceMs ?? 5000;
    const callerSignal = options.signal;
    // Every request and pause of the wait ends at the deadline, whatever the service does (a
    // WAIT held open past its time, a stalled body): the deadline error is then thrown.
    const deadlineSignal = Number.isFinite(deadline) ? AbortSignal.timeout(Math.max(0, options.timeoutMs!)) : undefined;
    const signal =
      deadlineSignal === undefined
        ? callerSignal
        : callerSignal === undefined
          ? deadlineSignal
          : AbortSignal.any([callerSignal, deadlineSignal]);
    let lastPhase: string | undefined;
    const deadlineError = (): TapTimeoutError => {
      const phase = lastPhase ?? 'not yet known';
      return new TapTimeoutError(
        `job ${this.shownUrl} still ${phase} after ${Math.round(performance.now() - started)} ms (deadline of ${options.timeoutMs} ms reached); ` +
          `it keeps running on the service: re-attach with TapService.job(url).wait(), or abort() it`,
        {
          url: this.shownUrl,
          jobUrl: this.shownUrl,
          ...(lastPhase !== undefined ? { phase: lastPhase } : {}),
          timeoutMs: options.timeoutMs,
        },
      );
    };
    // A few unreadable pages in a row (a proxy's HTML page, a document without a phase) are
    // tolerated as transient; more are a protocol error, even without a deadline.
    let unreadable = 0;
    const read = async (wait?: { seconds: number; phase: string; maxMs?: number }): Promise<UwsJobInfo> => {
      for (;;) {
        try {
          const got = await this.info(wait === undefined ? { signal } : { signal, wait });
          unreadable = 0;
          return got;
        } catch (err) {
          if (!(err instanceof TapProtocolError) || signal?.aborted === true) throw err;
          if (++unreadable >= UNREADABLE_LIMIT) {
            throw new TapProtocolError(
              `waiting for job ${this.shownUrl}: ${unreadable} unreadable answers in a row, the last: ${err.message}`,
              {
                url: this.shownUrl,
                status: err.status,
                cause: err,
              },
            );
          }
          await sleep(Math.min(interval, Math.max(0, deadline - performance.now())), signal, `waiting for job ${this.shownUrl}`);
        }
      }
    };
    let interval = minPoll;
    let waitSeconds = 1;
    let previous: string | undefined;
    const note = (info: UwsJobInfo): void => {
      if (info.phase !== previous) {
        options.onProgress?.({
          type: 'phase',
          jobUrl: this.shownUrl,
          phase: info.phase,
          previous,
          elapsedMs: Math.round(performance.now() - started),
        });
        previous = info.phase;
      }
    };
    try {
      let info = await read();
      lastPhase = info.phase;
      note(info);
      for (;;) {
        if (targets.has(info.phase) || FINAL_PHASES.has(info.phase)) return info;
        const now = performance.now();
        const remaining = deadline - now;
        if (remaining <= 0) throw deadlineError();
        const elapsed = now - started;
        const blocking = options.blocking ?? 'auto';
        const useWait = blocking === true || (blocking === 'auto' && info.version === '1.1');
        if (elapsed >= patience && useWait && info.phase !== 'PENDING' && remaining >= 1000) {
          // Never ask the service to hold the request longer than the time left.
          const seconds = Math.max(1, Math.min(waitSeconds, 60, Math.floor(remaining / 1000)));
          waitSeconds = Math.min(waitSeconds * 2, 60);
          info = await read({ seconds, phase: info.phase, maxMs: remaining });
        } else {
          // Fine-grained while the job is young (a quick job's result comes right after it ends),
          // coarser later, so a job costs few requests however long it runs.
          const cap =
            elapsed < patience / 2 ? maxPoll : elapsed < patience ? 2 * maxPoll : Math.min(5000, Math.max(2 * maxPoll, elapsed / 10));
          await sleep(Math.min(interval, remaining), signal, `waiting for job ${this.shownUrl}`);
          interval = Math.min(interval * 1.3, cap);
          info = await read();
        }
        lastPhase = info.phase;
        note(info);
      }
    } catch (err) {
      if (deadlineSignal?.aborted === true && callerSignal?.aborted !== true) throw deadlineError();
      if (err instanceof TapTimeoutError && err.jobUrl === undefined && performance.now() >= deadline) throw deadlineError();
      if (callerSignal?.aborted === true) {
        let aborted = '';
        if (options.abortOnCancel === true) {
          aborted = await this.abort({ signal: AbortSignal.timeout(10_000) }).then(
            () => '; the job was aborted on the service',
            (e: unknown) => `; aborting it failed too: ${(e as Error).message}`,
          );
        }
        throw new TapAbortError(`waiting for job ${this.shownUrl} cancelled${aborted}`, {
          url: this.shownUrl,
          jobUrl: this.shownUrl,
          cause: callerSignal.reason,
        });
      }
      throw err;
    }
  }

  /** The result list (<job>/results), from the last job document when it has one. */
  async results(options: Signals = {}): Promise<UwsResultRef[]> {
    if (this.last !== undefined && this.last.results.length > 0) return this.last.results;
    try {
      return await this.http.send(this.req('GET', childUrl(this.url, 'results'), 'list the results', options), async (res) =>
        parseResults(parseXml(await readText(res), 'results list', this.shownUrl)),
      );
    } catch (err) {
      throw this.jobFailure(err, 'list the results');
    }
  }

  /** The URL of a result (default "result"); the job must be COMPLETED. */
  async resultUrl(options: Signals & { resultId?: string } = {}): Promise<string> {
    let info = this.last;
    if (info === undefined || info.phase !== 'COMPLETED') info = await this.info(options);
    if (info.phase !== 'COMPLETED') throw await this.notCompleted(info, options);
    // A job document without results: ask <job>/results; a service without that list (404) still
    // may serve the standard <job>/results/result, tried next.
    const results =
      info.results.length > 0
        ? info.results
        : await this.results(options).catch((err: unknown) => {
            if (
              err instanceof TapJobError &&
              err.cause instanceof TapServiceError &&
              (err.cause.status === 404 || err.cause.status === 410)
            )
              return [];
            throw err;
          });
    const wanted = options.resultId ?? 'result';
    const ref = results.find((r) => r.id === wanted) ?? (options.resultId === undefined ? results[0] : undefined);
    if (ref === undefined || ref.href === '') {
      if (options.resultId === undefined) {
        this.guessedResult = childUrl(this.url, 'results/result');
        return this.guessedResult;
      }
      throw new TapJobError(`job ${this.shownUrl} has no result "${wanted}" (results: ${results.map((r) => r.id).join(', ') || 'none'})`, {
        jobUrl: this.shownUrl,
        phase: info.phase,
      });
    }
    return resolveUrl(ref.href, this.url);
  }

  /** The error a finished job carries: TapQueryError for ERROR, TapJobError otherwise. */
  private async notCompleted(info: UwsJobInfo, options: Signals): Promise<TapError> {
    return this.http.redactor.error(await this.finishedError(info, options));
  }

  private async finishedError(info: UwsJobInfo, options: Signals): Promise<TapError> {
    if (info.phase === 'ERROR') {
      const e = await this.error(options);
      const message = e?.message ?? 'no error message given';
      const at = e?.line !== undefined && e.column !== undefined ? ` [line ${e.line}, column ${e.column}]` : '';
      return new TapQueryError(`query failed${at}: ${message} (job ${this.shownUrl})`, {
        url: this.shownUrl,
        serverMessage: message,
        line: e?.line,
        column: e?.column,
        jobUrl: this.shownUrl,
        query: this.context.query ?? info.parameters.query,
      });
    }
    const hint = ALIVE_PHASES.has(info.phase) ? ' (wait() for it first)' : '';
    return new TapJobError(`job ${this.shownUrl} is ${info.phase}, not COMPLETED: no result to fetch${hint}`, {
      jobUrl: this.shownUrl,
      phase: info.phase,
    });
  }

  private resultContext(info: UwsJobInfo | undefined, options: TapFetchOptions, method: string) {
    const query = this.context.query ?? info?.parameters.query;
    const maxrecParam = info?.parameters.maxrec;
    const maxrec = this.context.maxrec ?? (maxrecParam !== undefined && maxrecParam !== '' ? Number(maxrecParam) : undefined);
    return {
      what: `result of job ${this.shownUrl}`,
      method,
      maxrec: Number.isFinite(maxrec) ? maxrec : undefined,
      top: query === undefined ? undefined : findTop(query),
      defaultLimit: this.context.defaultLimit,
      strict: options.strict ?? this.context.strict,
      jobUrl: this.shownUrl,
      query,
      onProgress: options.onProgress,
    };
  }

  /** Fetches and parses the result (streamed), judging overflow against the job's MAXREC/TOP. */
  async fetchResult(options: TapFetchOptions = {}): Promise<TapResult> {
    const url = await this.resultUrl(options);
    const ctx = this.resultContext(this.last, options, 'GET');
    try {
      return await this.http.send(
        this.req('GET', url, 'fetch the result', options, { accept: 'application/x-votable+xml, text/xml, */*' }),
        (res) => readResult(res, ctx),
      );
    } catch (err) {
      if (err instanceof TapQueryError) {
        throw new TapJobError(`the result of job ${this.shownUrl} is an error document: ${err.serverMessage}`, {
          jobUrl: this.shownUrl,
          phase: this.last?.phase,
          serverMessage: err.serverMessage,
          url: redactUrl(url),
        });
      }
      throw this.resultFailure(err, url, 'fetch the result');
    }
  }

  /** Yields the result in batches as it arrives (bounded memory): columns, rows..., end. */
  async *streamResult(options: TapFetchOptions & { batchSize?: number } = {}): AsyncGenerator<TapStreamEvent> {
    const url = await this.resultUrl(options);
    const req = this.req('GET', url, 'stream the result', options, { accept: 'application/x-votable+xml, text/xml, */*' });
    let res;
    try {
      res = await this.http.open(req);
    } catch (err) {
      throw this.resultFailure(err, url, 'stream the result');
    }
    try {
      yield* streamResult(res, { ...this.resultContext(this.last, options, 'GET'), batchSize: options.batchSize });
    } catch (err) {
      throw this.http.mapError(err, req, res.url);
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
  }

  /** Streams the result to a file in the server's format (no parsing). */
  async saveResult(path: string, options: TapFetchOptions = {}): Promise<SavedResult> {
    const url = await this.resultUrl(options);
    const ctx = this.resultContext(this.last, options, 'GET');
    try {
      return await this.http.send(this.req('GET', url, 'save the result', options), (res) => saveResponse(res, path, ctx));
    } catch (err) {
      throw this.resultFailure(err, url, 'save the result');
    }
  }

  /**
   * The job's error: errorSummary from the job document plus the <job>/error document.
   * Undefined when the job has no error.
   */
  async error(options: Signals = {}): Promise<TapJobErrorInfo | undefined> {
    let info = this.last;
    if (info === undefined || (info.phase !== 'ERROR' && !FINAL_PHASES.has(info.phase))) info = await this.info(options);
    if (info.phase !== 'ERROR' && info.errorSummary === undefined) return undefined;
    let detail: string | undefined;
    try {
      detail = await this.http.send(this.req('GET', childUrl(this.url, 'error'), 'read the error', options), async (res) => {
        const text = await readText(res);
        return parseErrorBody(text, res.contentType).message || undefined;
      });
    } catch (err) {
      if (err instanceof TapAbortError) throw err;
      detail = undefined;
    }
    // The job document and the error document are the service's words: a service echoing a credential must not get it shown.
    const message = this.http.redactor.text(info.errorSummary?.message || detail || 'the job failed without an error message');
    if (detail !== undefined) detail = this.http.redactor.text(detail);
    const pos = parseErrorPosition(message);
    return {
      phase: info.phase,
      message,
      type: info.errorSummary?.type,
      hasDetail: info.errorSummary?.hasDetail ?? detail !== undefined,
      detail,
      line: pos.line,
      column: pos.column,
    };
  }

  /**
   * Deletes the job (HTTP DELETE; POST ACTION=DELETE where DELETE is refused). The 303 to the job
   * list is not followed. Resolves to false when the job was already gone.
   */
  async delete(options: Signals = {}): Promise<boolean> {
    try {
      await this.http.send(this.req('DELETE', this.url, 'delete', options, { redirect: 'manual' }), async (res) => {
        await res.body.dump();
      });
      return true;
    } catch (err) {
      if (err instanceof TapServiceError && (err.status === 404 || err.status === 410)) return false;
      if (err instanceof TapServiceError && (err.status === 405 || err.status === 501)) {
        await this.postParam([['ACTION', 'DELETE']], '', 'delete', options);
        return true;
      }
      throw this.jobFailure(err, 'delete');
    }
  }

  /** Execution duration in seconds (0: unlimited). */
  async executionDuration(options: Signals = {}): Promise<number> {
    return Number((await this.getText('executionduration', 'read the execution duration', options)).trim());
  }

  /** Asks for a new execution duration; resolves to what the service granted (it may clamp it). */
  async setExecutionDuration(seconds: number, options: Signals = {}): Promise<number> {
    await this.postParam([['EXECUTIONDURATION', String(Math.round(seconds))]], 'executionduration', 'set the execution duration', options);
    return this.executionDuration(options);
  }

  /** Destruction time (when the service deletes the job), as a Date. */
  async destruction(options: Signals = {}): Promise<Date> {
    return new Date((await this.getText('destruction', 'read the destruction time', options)).trim());
  }

  /** Asks for a new destruction time; resolves to what the service granted. */
  async setDestruction(when: Date, options: Signals = {}): Promise<Date> {
    await this.postParam(
      [['DESTRUCTION', when.toISOString().replace(/\.\d{3}Z$/, 'Z')]],
      'destruction',
      'set the destruction time',
      options,
    );
    return this.destruction(options);
  }

  /** Throws the job's error (TapQueryError for ERROR, TapJobError for ABORTED) if it has one. */
  async throwIfError(options: Signals = {}): Promise<void> {
    const info = this.last ?? (await this.info(options));
    if (info.phase === 'ERROR' || info.phase === 'ABORTED') throw await this.notCompleted(info, options);
  }
}
