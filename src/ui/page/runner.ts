/// <reference lib="dom" />
/**
 * Running a query: sync (one request), or async (a UWS job whose phase and elapsed time are shown;
 * cancel aborts the job on the service). Resolves to the result, or throws the service's error.
 */
import type { TapResult, TapService, TapJob } from '../../tap/index.js';

export type RunMode = 'sync' | 'async';

export interface RunRequest {
  query: string;
  mode: RunMode;
  maxrec: number | undefined;
  uploads: Record<string, string>;
}

export interface RunProgress {
  (phase: string, elapsedMs: number, jobUrl?: string): void;
}

export class RunCancelled extends Error {
  override readonly name = 'RunCancelled';
}

const FINAL = new Set(['COMPLETED', 'ERROR', 'ABORTED']);

export class QueryRun {
  private readonly abort = new AbortController();
  private job: TapJob | undefined;
  private cancelling: Promise<boolean> | undefined;
  private readonly started = performance.now();

  constructor(
    private readonly tap: TapService,
    private readonly request: RunRequest,
    private readonly progress: RunProgress,
  ) {}

  async result(): Promise<TapResult> {
    const { query, maxrec, uploads } = this.request;
    const options = {
      ...(maxrec !== undefined ? { maxrec } : {}),
      ...(Object.keys(uploads).length ? { uploads } : {}),
      signal: this.abort.signal,
    };
    if (this.request.mode === 'sync') {
      const timer = setInterval(() => this.progress('EXECUTING', performance.now() - this.started), 100);
      try {
        return await this.tap.query(query, options);
      } finally {
        clearInterval(timer);
      }
    }
    const job = await this.tap.submit(query, options);
    this.job = job;
    await job.run({ signal: this.abort.signal });
    for (;;) {
      const phase = await job.phase({ signal: this.abort.signal });
      this.progress(phase, performance.now() - this.started, job.url);
      if (FINAL.has(phase)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (this.abort.signal.aborted) throw new RunCancelled('cancelled');
    }
    return job.fetchResult({ signal: this.abort.signal });
  }

  /** Stops waiting; an async job is aborted on the service too. */
  cancel(): Promise<boolean> {
    this.cancelling ??= (async () => {
      this.abort.abort(new RunCancelled('cancelled'));
      if (!this.job) return false;
      await this.job.abort();
      return true;
    })();
    return this.cancelling;
  }

  /** After a cancel: resolves once it is done, to whether a job was aborted on the service. */
  cancelled(): Promise<boolean> {
    return this.cancelling ?? Promise.resolve(false);
  }
}
