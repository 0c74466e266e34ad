/** UWS 1.1 jobs of the local TAP service: phases, blocking WAIT, results, errors, destruction. */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { StagedTable } from '../loaders.js';
import { escXml as esc } from './output.js';
import type { RequestParams } from './params.js';
import type { TapResponse } from './tap-request.js';

export type Phase = 'PENDING' | 'QUEUED' | 'EXECUTING' | 'COMPLETED' | 'ERROR' | 'ABORTED' | 'HELD' | 'SUSPENDED' | 'ARCHIVED' | 'UNKNOWN';
export const ACTIVE_PHASES: Phase[] = ['PENDING', 'QUEUED', 'EXECUTING'];

export interface Job {
  id: string;
  phase: Phase;
  params: RequestParams;
  uploads?: Record<string, StagedTable>;
  creationTime: Date;
  startTime?: Date;
  endTime?: Date;
  destruction: Date;
  executionDuration: number;
  runId?: string;
  result?: TapResponse;
  error?: string;
  events: EventEmitter;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const nil = (tag: string) => `<uws:${tag} xsi:nil="true"/>`;
const NS =
  'xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

export class JobStore {
  private readonly jobs = new Map<string, Job>();
  private readonly reaper: NodeJS.Timeout;

  constructor(
    private readonly retentionSeconds: number,
    private readonly executionSeconds: number,
  ) {
    this.reaper = setInterval(() => this.reap(), 60_000);
    this.reaper.unref();
  }

  create(params: RequestParams): Job {
    const now = new Date();
    const job: Job = {
      id: randomBytes(8).toString('hex'),
      phase: 'PENDING',
      params,
      creationTime: now,
      destruction: new Date(now.getTime() + this.retentionSeconds * 1000),
      executionDuration: this.executionSeconds,
      events: new EventEmitter(),
    };
    const runId = params.values.get('RUNID')?.at(-1);
    if (runId !== undefined) job.runId = runId;
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  list(): Job[] {
    return [...this.jobs.values()];
  }

  delete(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    if (ACTIVE_PHASES.includes(job.phase)) this.setPhase(job, 'ABORTED');
    return this.jobs.delete(id);
  }

  setPhase(job: Job, phase: Phase): void {
    job.phase = phase;
    if (phase === 'EXECUTING') job.startTime = new Date();
    if (phase === 'COMPLETED' || phase === 'ERROR' || phase === 'ABORTED') job.endTime ??= new Date();
    job.events.emit('phase', phase);
  }

  /** Resolves when the job leaves `phase` or after `seconds`. */
  waitForChange(job: Job, phase: Phase, seconds: number): Promise<void> {
    if (job.phase !== phase) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        job.events.off('phase', done);
        resolve();
      };
      const timer = setTimeout(done, seconds * 1000);
      job.events.on('phase', done);
    });
  }

  private reap(): void {
    const now = Date.now();
    for (const job of this.jobs.values()) if (job.destruction.getTime() <= now) this.delete(job.id);
  }

  close(): void {
    clearInterval(this.reaper);
  }
}

export function jobXml(job: Job, jobUrl: string): string {
  const parameters = [...job.params.values]
    .map(([k, vs]) => vs.map((v) => `<uws:parameter id="${esc(k.toLowerCase())}">${esc(v)}</uws:parameter>`).join(''))
    .join('');
  const results =
    job.phase === 'COMPLETED' ? `<uws:result id="result" xlink:type="simple" xlink:href="${esc(jobUrl)}/results/result"/>` : '';
  const error = job.error
    ? `<uws:errorSummary type="fatal" hasDetail="true"><uws:message>${esc(job.error)}</uws:message></uws:errorSummary>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<uws:job ${NS} version="1.1">
<uws:jobId>${job.id}</uws:jobId>
${job.runId !== undefined ? `<uws:runId>${esc(job.runId)}</uws:runId>` : ''}${nil('ownerId')}
<uws:phase>${job.phase}</uws:phase>
${nil('quote')}
<uws:creationTime>${iso(job.creationTime)}</uws:creationTime>
${job.startTime ? `<uws:startTime>${iso(job.startTime)}</uws:startTime>` : nil('startTime')}
${job.endTime ? `<uws:endTime>${iso(job.endTime)}</uws:endTime>` : nil('endTime')}
<uws:executionDuration>${job.executionDuration}</uws:executionDuration>
<uws:destruction>${iso(job.destruction)}</uws:destruction>
<uws:parameters>${parameters}</uws:parameters>
<uws:results>${results}</uws:results>
${error}
</uws:job>
`;
}

export function jobListXml(jobs: Job[], baseUrl: string): string {
  const refs = jobs.map(
    (j) =>
      `<uws:jobref id="${j.id}" xlink:type="simple" xlink:href="${esc(baseUrl)}/${j.id}"><uws:phase>${j.phase}</uws:phase>${j.runId !== undefined ? `<uws:runId>${esc(j.runId)}</uws:runId>` : ''}<uws:creationTime>${iso(j.creationTime)}</uws:creationTime></uws:jobref>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<uws:jobs ${NS} version="1.1">\n${refs.join('\n')}\n</uws:jobs>\n`;
}

export { iso as isoTime };
