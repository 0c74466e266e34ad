/** One MCP session's state: its services, budget, working directory, registry and the jobs it started. */
import type { TapJob } from '../tap/index.js';
import { Budget, type BudgetLimits } from './budget.js';
import { UnknownJobError } from './errors.js';
import { ServiceDirectory, type ServiceSetup, type SessionService } from './services.js';
import { Workdir } from './workdir.js';

export interface SessionJob {
  job: TapJob;
  service: SessionService;
  /** The call's row cap (the job was sent with one row more, see probeMaxrec). */
  maxrec: number;
}

export interface SessionOptions extends ServiceSetup {
  workdir: string;
  budget: BudgetLimits;
  /** The RegTAP endpoint find_services searches by default (an alias or URL). */
  registry: string | undefined;
}

export class McpSession {
  readonly services: ServiceDirectory;
  readonly budget: Budget;
  readonly workdir: Workdir;
  readonly registry: string | undefined;
  private readonly jobs = new Map<string, SessionJob>();

  constructor(readonly options: SessionOptions) {
    this.workdir = new Workdir(options.workdir);
    this.services = new ServiceDirectory(options);
    this.budget = new Budget(options.budget);
    this.registry = options.registry;
  }

  addJob(job: SessionJob): void {
    this.jobs.set(job.job.url, job);
  }

  /** A job this session created, by its URL (the jobId tools return). */
  job(jobId: string): SessionJob {
    const found = this.jobs.get(jobId);
    if (found === undefined) {
      const known = [...this.jobs.keys()];
      throw new UnknownJobError(
        `no job "${jobId}" in this session (only jobs started by run_adql with mode "async" can be used, until fetched or cancelled)` +
          (known.length > 0 ? `; open jobs: ${known.join(', ')}` : '; there are no open jobs'),
      );
    }
    return found;
  }

  forgetJob(jobId: string): void {
    this.jobs.delete(jobId);
  }

  async close(): Promise<void> {
    await this.services.close();
  }
}
