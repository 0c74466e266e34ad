/** Async jobs this session started: job_status, fetch_job, cancel_job, and waiting for one to finish. */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { TapTimeoutError } from '../../tap/index.js';
import { summariseResult, summaryText, type ResultFileFormat } from '../results.js';
import type { McpSession, SessionJob } from '../session.js';
import { serviceCall, serviceError, toolRefusal, toolResult } from '../tool-result.js';
import { fileArgs, runOutputSchema, waitArg } from './outputs.js';

export interface FinishOptions {
  waitSeconds: number;
  format: ResultFileFormat;
  saveAs: string | undefined;
  previewRows: number;
  signal: AbortSignal;
  validationWarnings?: string[];
}

const FINAL_PHASES = new Set(['COMPLETED', 'ERROR', 'ABORTED', 'ARCHIVED']);

const jobIdArg = z.string().min(1).describe('The jobId run_adql returned (the job URL)');

/**
 * Waits up to `waitSeconds` for the job (0: not at all); when it completed, fetches and saves its
 * result (rows charged to the budget) and deletes it from the service. Not finished: says so, with the jobId.
 */
export async function finishJob(session: McpSession, entry: SessionJob, o: FinishOptions): Promise<CallToolResult> {
  const { job, service } = entry;
  const format = o.format;
  const warnings = o.validationWarnings && o.validationWarnings.length > 0 ? { validationWarnings: o.validationWarnings } : {};
  const pending = (phase: string): CallToolResult =>
    toolResult({
      status: 'pending',
      service: service.name,
      jobId: job.url,
      phase,
      message: `the job is ${phase}; call fetch_job with this jobId to wait for its result, job_status to look, or cancel_job to stop it`,
      ...warnings,
    });
  if (o.waitSeconds === 0) return pending(await serviceCall(service.name, `reading job ${job.url}`, () => job.phase()));
  let info;
  try {
    info = await job.wait({ timeoutMs: o.waitSeconds * 1000, signal: o.signal });
  } catch (err) {
    if (!(err instanceof TapTimeoutError)) throw serviceError(service.name, `waiting for job ${job.url}`, err);
    return pending(await serviceCall(service.name, `reading job ${job.url}`, () => job.phase()));
  }
  if (info.phase !== 'COMPLETED') {
    const error = await job.error().catch(() => undefined);
    session.forgetJob(job.url);
    await job.delete().catch(() => undefined);
    return toolRefusal(
      `job ${job.url} ended in phase ${info.phase}${error ? `: ${error.message}` : ''}; it was deleted, fix the query and run it again`,
    );
  }
  const result = await serviceCall(service.name, `fetching the result of ${job.url}`, () => job.fetchResult({ signal: o.signal }));
  const summary = await summariseResult(result, {
    workdir: session.workdir,
    format,
    saveAs: o.saveAs,
    previewRows: o.previewRows,
    maxrec: entry.maxrec,
  });
  session.budget.chargeRows(summary.rowCount);
  session.forgetJob(job.url);
  await job.delete().catch(() => undefined);
  return toolResult(
    {
      status: 'completed',
      service: service.name,
      jobId: job.url,
      phase: info.phase,
      message: summary.verdict,
      ...warnings,
      result: summary,
    },
    summaryText(summary),
  );
}

export function registerJobTools(server: McpServer, session: McpSession): void {
  server.registerTool(
    'job_status',
    {
      title: 'Async job status',
      description:
        'The phase (QUEUED, EXECUTING, COMPLETED, ERROR, ABORTED) and times of an async job started by run_adql, and its error message if it failed.',
      inputSchema: { jobId: jobIdArg },
      outputSchema: {
        jobId: z.string(),
        service: z.string(),
        phase: z.string(),
        creationTime: z.string().optional(),
        startTime: z.string().optional(),
        endTime: z.string().optional(),
        error: z.string().optional(),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const entry = session.job(args.jobId);
      session.budget.chargeRequest('job_status');
      const info = await serviceCall(entry.service.name, `reading job ${args.jobId}`, () => entry.job.info());
      const error = info.phase === 'ERROR' ? await entry.job.error().catch(() => undefined) : undefined;
      return toolResult({
        jobId: entry.job.url,
        service: entry.service.name,
        phase: info.phase,
        ...(info.creationTime ? { creationTime: info.creationTime } : {}),
        ...(info.startTime ? { startTime: info.startTime } : {}),
        ...(info.endTime ? { endTime: info.endTime } : {}),
        ...(error ? { error: error.message } : {}),
      });
    },
  );

  server.registerTool(
    'fetch_job',
    {
      title: "Fetch an async job's result",
      description:
        'Wait for an async job started by run_adql, then save its full result in the working directory and answer like run_adql ' +
        '(columns, first rows, row count, overflow verdict, file). The job is deleted from the service afterwards.',
      inputSchema: { jobId: jobIdArg, waitSeconds: waitArg, ...fileArgs },
      outputSchema: runOutputSchema,
    },
    async (args, extra) => {
      const entry = session.job(args.jobId);
      session.budget.chargeRequest('fetch_job');
      return finishJob(session, entry, {
        waitSeconds: args.waitSeconds,
        format: args.format,
        saveAs: args.saveAs,
        previewRows: args.previewRows,
        signal: extra.signal,
      });
    },
  );

  server.registerTool(
    'cancel_job',
    {
      title: 'Cancel an async job',
      description: 'Abort an async job started by run_adql and delete it from the service.',
      inputSchema: { jobId: jobIdArg },
      outputSchema: { jobId: z.string(), service: z.string(), message: z.string() },
      annotations: { destructiveHint: true },
    },
    async (args) => {
      const entry = session.job(args.jobId);
      session.budget.chargeRequest('cancel_job');
      const phase = await serviceCall(entry.service.name, `reading job ${args.jobId}`, () => entry.job.phase());
      // A job that already ended cannot be aborted; deleting it is what is left to do.
      if (!FINAL_PHASES.has(phase)) await serviceCall(entry.service.name, `aborting job ${args.jobId}`, () => entry.job.abort());
      const deleted = await entry.job.delete().catch(() => false);
      session.forgetJob(entry.job.url);
      const what = FINAL_PHASES.has(phase) ? `the job had ended (${phase})` : `the job (${phase}) was aborted`;
      const message = `${what}${deleted ? ' and was deleted' : '; the service keeps it until its destruction time'}`;
      return toolResult({ jobId: entry.job.url, service: entry.service.name, message });
    },
  );
}
