/**
 * Running a plan: chunks as async jobs, at most `concurrency` at once, each with its own retries.
 * A chunk that overflows (or runs into the time limit) is split in two and rerun, down to a minimum
 * width, then reported. Every finished chunk is saved and recorded in the manifest before the
 * next step, so `resumePartition` reruns only what is missing, after a crash or Ctrl-C.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { TapQueryError, TapService, type TapJob } from '../tap/index.js';
import { readVOTableFile } from '../votable/index.js';
import { axisWidth, boundWidth, describeBounds, halve, minimumWidth, type Bound } from './bounds.js';
import { PartitionError, PartitionRunError } from './errors.js';
import { overflows, preparePartition, type PartitionPlan } from './plan.js';
import { chunkQuery, type PartitionableQuery } from './rewrite.js';
import { chunkFile, createRunDir, leafChunks, readManifest, writeManifest, type ChunkRecord, type RunManifest } from './run-dir.js';
import { chunkFileProblem, fileFacts, type ChunkFileFacts } from './verify.js';

export type PartitionEvent =
  | { type: 'chunk-start'; chunk: string; jobUrl: string; attempt: number; running: number }
  | { type: 'chunk-done'; chunk: string; rows: number; ms: number; jobUrl: string }
  | { type: 'chunk-retry'; chunk: string; attempt: number; reason: string; delayMs: number }
  | { type: 'chunk-split'; chunk: string; children: [string, string]; reason: string }
  | { type: 'chunk-failed'; chunk: string; reason: string }
  /** resume: a remote job of an unfinished chunk was deleted (it is rerun). */
  | { type: 'job-deleted'; chunk: string; jobUrl: string }
  /** resume: a done chunk's file does not match the manifest (missing, truncated, changed): the chunk is rerun. */
  | { type: 'chunk-invalid'; chunk: string; reason: string }
  | { type: 'progress'; done: number; total: number; rows: number; running: number; elapsedMs: number; etaMs: number | undefined };

export interface RunOptions {
  /** The run directory (created by runPartition; must not hold a run yet). */
  dir: string;
  /** Jobs at once (default: the plan's, 5). */
  concurrency?: number;
  /** Retries per chunk after transient failures (default 2); query errors are not retried. */
  retries?: number;
  /** First retry delay in ms, doubled each time (default 1000). */
  retryDelayMs?: number;
  /** Smallest chunk width an overflowing chunk is split down to, in column units (default: 1 id, a millionth of a float axis). */
  minSize?: number;
  /** EXECUTIONDURATION (seconds) asked for each job (default: the plan's, when the expected time needs more than the service default). */
  executionDuration?: number;
  /** Deadline per job in ms (default: none; the service's execution duration applies). */
  jobTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: PartitionEvent) => void;
}

export interface RunSummary {
  dir: string;
  /** Chunks making up the result (after splits). */
  chunks: number;
  rows: number;
  ms: number;
  /** Chunks this call ran. */
  ran: string[];
  /** Chunks already done before this call (resume). */
  reused: string[];
  splits: number;
  /** Remote jobs of unfinished chunks deleted by resume. */
  deletedJobs: string[];
}

/** The run stopped on Ctrl-C (the signal): finished chunks are kept; resume the directory. */
export class PartitionInterruptedError extends PartitionRunError {}

type Outcome =
  | { kind: 'done'; rows: number; ms: number; jobUrl: string; facts: ChunkFileFacts }
  | { kind: 'split'; reason: string }
  | { kind: 'failed'; reason: string };

function isTimeLimit(err: unknown): boolean {
  return err instanceof TapQueryError && /time ?limit|execution ?duration|timed? ?out|canceling statement/i.test(err.serverMessage);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

class Run {
  private readonly query: PartitionableQuery;
  private readonly started = performance.now();
  private readonly ran: string[] = [];
  private running = 0;
  private splits = 0;
  private doneThisRun = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly service: TapService,
    private readonly manifest: RunManifest,
    private readonly options: RunOptions,
  ) {
    this.query = preparePartition(manifest.plan.query, manifest.plan.by);
  }

  private emit(event: PartitionEvent): void {
    this.options.onEvent?.(event);
  }

  /** Manifest writes are serialised: concurrent chunks finish in any order. */
  private persist(): Promise<void> {
    this.writing = this.writing.then(() => writeManifest(this.options.dir, this.manifest));
    return this.writing;
  }

  private progress(): void {
    const leaves = leafChunks(this.manifest);
    const done = leaves.filter((c) => c.status === 'done');
    const elapsedMs = performance.now() - this.started;
    const remaining = leaves.length - done.length;
    this.emit({
      type: 'progress',
      done: done.length,
      total: leaves.length,
      rows: done.reduce((s, c) => s + (c.rows ?? 0), 0),
      running: this.running,
      elapsedMs,
      etaMs: this.doneThisRun > 0 ? (elapsedMs / this.doneThisRun) * remaining : undefined,
    });
  }

  private async attempt(rec: ChunkRecord, attempt: number): Promise<Outcome> {
    const { plan } = this.manifest;
    const signal = this.options.signal;
    const started = performance.now();
    // Recorded before the job exists, so that resume can find a job whose URL a crash lost.
    rec.status = 'running';
    rec.submittedAt = new Date().toISOString();
    delete rec.jobUrl;
    await this.persist();
    const job: TapJob = await this.service.submit(rec.query, { maxrec: plan.maxrec, runId: `adqlkit-partition ${rec.id}`, signal });
    rec.jobUrl = job.url;
    await this.persist();
    this.emit({ type: 'chunk-start', chunk: rec.id, jobUrl: job.url, attempt, running: this.running });
    try {
      // Set on the pending job, as the tutorial does: DaCHS ignores EXECUTIONDURATION at creation.
      const duration = this.options.executionDuration ?? plan.jobExecutionDuration;
      if (duration !== undefined) await job.setExecutionDuration(duration, { signal });
      await job.run({ signal });
      const info = await job.wait({ signal, ...(this.options.jobTimeoutMs !== undefined ? { timeoutMs: this.options.jobTimeoutMs } : {}) });
      if (info.phase === 'ABORTED') return { kind: 'split', reason: `job ${job.url} was aborted by the service (time limit)` };
      try {
        await job.throwIfError({ signal });
      } catch (err) {
        if (isTimeLimit(err)) return { kind: 'split', reason: `time limit: ${(err as TapQueryError).serverMessage.replace(/\s+/g, ' ')}` };
        throw err;
      }
      const file = path.join(this.options.dir, chunkFile(rec.id));
      const saved = await job.saveResult(file, { signal });
      const doc = await readVOTableFile(file);
      const rows = doc.tables[0]?.rowCount ?? 0;
      if (overflows(rows, saved.overflow === true || doc.overflow, plan.maxrec, plan.top)) {
        await rm(file, { force: true });
        return {
          kind: 'split',
          reason: `${rows} rows for MAXREC=${plan.maxrec}${doc.overflow ? ' (OVERFLOW)' : ''}: the result may be truncated`,
        };
      }
      rec.file = chunkFile(rec.id);
      // Recorded with the rows, so that resume and merge can tell this file from a damaged one.
      return { kind: 'done', rows, ms: performance.now() - started, jobUrl: job.url, facts: await fileFacts(file) };
    } finally {
      // Also on Ctrl-C: a deleted job stops running on the service.
      await job.delete({ signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    }
  }

  private async execute(rec: ChunkRecord): Promise<Outcome> {
    const retries = this.options.retries ?? 2;
    for (let attempt = 1; ; attempt++) {
      rec.attempts++;
      try {
        return await this.attempt(rec, attempt);
      } catch (err) {
        if (this.options.signal?.aborted) throw err;
        const reason = (err as Error).message;
        if (err instanceof TapQueryError || attempt > retries) return { kind: 'failed', reason };
        const delayMs = (this.options.retryDelayMs ?? 1000) * 2 ** (attempt - 1);
        this.emit({ type: 'chunk-retry', chunk: rec.id, attempt, reason, delayMs });
        await sleep(delayMs, this.options.signal);
      }
    }
  }

  /** The two halves of a chunk (along its relatively widest axis), or undefined at the minimum size. */
  private halves(rec: ChunkRecord): [ChunkRecord, ChunkRecord] | undefined {
    const { axes } = this.manifest.plan;
    const order = rec.bounds
      .map((_, i) => i)
      .sort((i, j) => boundWidth(rec.bounds[j]!) / axisWidth(axes[j]!) - boundWidth(rec.bounds[i]!) / axisWidth(axes[i]!));
    for (const i of order) {
      const parts = halve(rec.bounds[i]!, this.manifest.minWidths[i]!);
      if (parts === undefined) continue;
      const make = (b: Bound, suffix: string): ChunkRecord => {
        const bounds = rec.bounds.map((old, k) => (k === i ? b : old));
        return { id: `${rec.id}.${suffix}`, bounds, query: chunkQuery(this.query, bounds), status: 'pending', attempts: 0 };
      };
      return [make(parts[0], '1'), make(parts[1], '2')];
    }
    return undefined;
  }

  private async finish(rec: ChunkRecord, outcome: Outcome, queue: ChunkRecord[]): Promise<void> {
    this.ran.push(rec.id);
    if (outcome.kind === 'done') {
      Object.assign(rec, {
        status: 'done',
        rows: outcome.rows,
        bytes: outcome.facts.bytes,
        sha256: outcome.facts.sha256,
        ms: Math.round(outcome.ms),
        jobUrl: outcome.jobUrl,
        finishedAt: new Date().toISOString(),
      });
      delete rec.error;
      this.doneThisRun++;
      await this.persist();
      this.emit({ type: 'chunk-done', chunk: rec.id, rows: outcome.rows, ms: outcome.ms, jobUrl: outcome.jobUrl });
      return this.progress();
    }
    const halves = outcome.kind === 'split' ? this.halves(rec) : undefined;
    if (halves !== undefined) {
      rec.status = 'split';
      rec.children = [halves[0].id, halves[1].id];
      rec.error = outcome.reason;
      this.manifest.chunks.splice(this.manifest.chunks.indexOf(rec) + 1, 0, ...halves);
      this.splits++;
      await this.persist();
      queue.unshift(...halves);
      this.emit({ type: 'chunk-split', chunk: rec.id, children: rec.children, reason: outcome.reason });
    } else {
      const reason =
        outcome.kind === 'split' ? `${outcome.reason}, and ${describeBounds(rec.bounds)} is at the minimum chunk size` : outcome.reason;
      rec.status = 'failed';
      rec.error = reason;
      await this.persist();
      this.emit({ type: 'chunk-failed', chunk: rec.id, reason });
    }
    this.progress();
  }

  async run(): Promise<RunSummary> {
    const signal = this.options.signal;
    const concurrency = this.options.concurrency ?? this.manifest.plan.concurrency;
    const reused = leafChunks(this.manifest)
      .filter((c) => c.status === 'done')
      .map((c) => c.id);
    const queue = this.manifest.chunks.filter((c) => c.status === 'pending');
    const active = new Set<Promise<void>>();
    // Set when a chunk was cut short (Ctrl-C, or a local failure such as a full disk): start no more.
    let stopped: unknown;
    const starting = () => queue.length > 0 && !signal?.aborted && stopped === undefined;
    this.progress();
    while (starting() || active.size > 0) {
      while (starting() && active.size < concurrency) {
        const rec = queue.shift()!;
        this.running++;
        const task: Promise<void> = this.execute(rec)
          .then((outcome) => this.finish(rec, outcome, queue))
          .catch((err: unknown) => {
            // The chunk goes back to pending (its job was deleted): resume runs it again.
            stopped ??= err;
            rec.status = 'pending';
            // A job whose URL is known was deleted; otherwise its creation may have gone through: resume looks for it.
            if (rec.jobUrl !== undefined) delete rec.submittedAt;
            delete rec.jobUrl;
          })
          .finally(() => {
            this.running--;
            active.delete(task);
          });
        active.add(task);
      }
      if (active.size > 0) await Promise.race(active);
    }
    await this.persist();
    const { dir } = this.options;
    const unfinished = leafChunks(this.manifest).filter((c) => c.status !== 'done');
    if (signal?.aborted) {
      throw new PartitionInterruptedError(
        `partition run interrupted with ${unfinished.length} chunk(s) not done; finished chunks are saved in ${dir}: resume it`,
        { dir, failures: unfinished.map((c) => ({ chunk: c.id, reason: 'interrupted' })), cause: stopped ?? signal.reason },
      );
    }
    if (stopped !== undefined) {
      throw new PartitionRunError(
        `partition run stopped: ${(stopped as Error).message ?? String(stopped)}; ${unfinished.length} chunk(s) not done, finished chunks are saved in ${dir}: fix the cause and resume it`,
        { dir, failures: unfinished.map((c) => ({ chunk: c.id, reason: String((stopped as Error).message ?? stopped) })), cause: stopped },
      );
    }
    const failed = this.manifest.chunks.filter((c) => c.status === 'failed');
    if (failed.length > 0) {
      throw new PartitionRunError(
        `${failed.length} chunk(s) failed (${failed.map((c) => `${c.id}: ${c.error}`).join('; ')}); the others are saved in ${dir}: fix the cause and resume it`,
        { dir, failures: failed.map((c) => ({ chunk: c.id, reason: c.error ?? 'failed' })) },
      );
    }
    const leaves = leafChunks(this.manifest);
    return {
      dir,
      chunks: leaves.length,
      rows: leaves.reduce((s, c) => s + (c.rows ?? 0), 0),
      ms: performance.now() - this.started,
      ran: this.ran,
      reused,
      splits: this.splits,
      deletedJobs: [],
    };
  }
}

function minWidths(plan: PartitionPlan | RunManifest['plan'], minSize: number | undefined): number[] {
  return plan.axes.map((a) => minSize ?? minimumWidth(a));
}

/** Runs a plan into a new run directory. Throws PartitionRunError when chunks fail (the rest is kept: resume it). */
export async function runPartition(service: TapService, plan: PartitionPlan, options: RunOptions): Promise<RunSummary> {
  if (plan.chunks.length === 0) throw new PartitionError('the plan has no chunks');
  const { chunks, ...rest } = plan;
  const now = new Date().toISOString();
  const manifest: RunManifest = {
    format: 'adqlkit-partition-run',
    version: 1,
    plan: rest,
    minWidths: minWidths(plan, options.minSize),
    createdAt: now,
    updatedAt: now,
    chunks: chunks.map((c) => ({ ...c, status: 'pending', attempts: 0 })),
  };
  await createRunDir(options.dir, manifest);
  return new Run(service, manifest, options).run();
}

/**
 * Jobs of the service created for chunks whose job URL was never recorded (the run died while
 * the job was being created): found in the job list by creation time and query text.
 */
async function lostJobs(service: TapService, lost: ChunkRecord[]): Promise<Map<string, ChunkRecord>> {
  const found = new Map<string, ChunkRecord>();
  if (lost.length === 0) return found;
  // A minute of slack for clock differences between client and service.
  const after = new Date(Math.min(...lost.map((c) => Date.parse(c.submittedAt!))) - 60_000);
  const listed = await service.jobs({ after }).catch(() => service.jobs());
  for (const ref of listed) {
    const info = await service
      .job(ref.url)
      .info({ signal: AbortSignal.timeout(10_000) })
      .catch(() => undefined);
    const chunk = lost.find((c) => c.query === info?.parameters.query);
    if (chunk !== undefined) found.set(ref.url, chunk);
  }
  return found;
}

/**
 * Resumes a run directory: deletes the remote jobs of chunks that did not finish, then reruns
 * only the chunks that are not done (finished chunks are never rerun).
 */
export async function resumePartition(dir: string, options: Omit<RunOptions, 'dir'> & { service?: TapService } = {}): Promise<RunSummary> {
  const manifest = await readManifest(dir);
  const service = options.service ?? new TapService(manifest.plan.serviceUrl);
  if (options.minSize !== undefined) manifest.minWidths = minWidths(manifest.plan, options.minSize);
  const unfinished = manifest.chunks.filter((c) => c.status !== 'split' && c.status !== 'done');
  const stale = new Map<string, ChunkRecord>(unfinished.filter((c) => c.jobUrl !== undefined).map((c) => [c.jobUrl!, c]));
  for (const [url, chunk] of await lostJobs(
    service,
    unfinished.filter((c) => c.jobUrl === undefined && c.submittedAt !== undefined),
  ))
    stale.set(url, chunk);
  const deletedJobs: string[] = [];
  for (const [url, chunk] of stale) {
    const deleted = await service
      .job(url)
      .delete({ signal: AbortSignal.timeout(10_000) })
      .catch(() => false);
    if (deleted) {
      deletedJobs.push(url);
      options.onEvent?.({ type: 'job-deleted', chunk: chunk.id, jobUrl: url });
    }
  }
  for (const rec of manifest.chunks) {
    if (rec.status === 'split') continue;
    if (rec.status === 'done') {
      // A done chunk is kept only when its file is the one recorded (size, checksum, rows).
      const problem = await chunkFileProblem(dir, rec);
      if (problem === undefined) continue;
      options.onEvent?.({ type: 'chunk-invalid', chunk: rec.id, reason: problem });
    }
    Object.assign(rec, { status: 'pending', attempts: 0 });
    for (const key of ['jobUrl', 'submittedAt', 'error', 'file', 'rows', 'bytes', 'sha256', 'ms', 'finishedAt'] as const) delete rec[key];
  }
  await writeManifest(dir, manifest);
  const summary = await new Run(service, manifest, { ...options, dir }).run();
  return { ...summary, deletedJobs };
}
