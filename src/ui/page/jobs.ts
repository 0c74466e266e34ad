/// <reference lib="dom" />
/** The async job list (UWS): each job's phase, re-attach to fetch its result, abort, delete. */
import type { TapService, UwsJobRef } from '../../tap/index.js';
import { h } from './dom.js';

export interface JobListEvents {
  reattach(jobUrl: string): void;
  error(message: string): void;
}

export class JobList {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private tap: TapService | undefined;

  constructor(private readonly events: JobListEvents) {
    this.list = h('div', { class: 'job-rows' });
    this.element = h(
      'section',
      { class: 'jobs', testid: 'jobs' },
      h('h2', {}, 'Async jobs ', h('button', { onclick: () => void this.refresh(), testid: 'jobs-refresh' }, 'refresh')),
      this.list,
    );
  }

  use(tap: TapService | undefined): void {
    this.tap = tap;
    this.list.replaceChildren();
  }

  async refresh(): Promise<void> {
    if (!this.tap) return;
    let jobs: UwsJobRef[];
    try {
      jobs = await this.tap.jobs({ last: 20 });
    } catch (err) {
      this.events.error(`job list: ${(err as Error).message}`);
      return;
    }
    this.list.replaceChildren(...jobs.map((job) => this.row(job)));
    if (jobs.length === 0) this.list.append(h('div', { class: 'muted' }, 'no jobs'));
  }

  private row(job: UwsJobRef): HTMLElement {
    const tap = this.tap!;
    const act = (what: string, fn: () => Promise<unknown>) => async () => {
      try {
        await fn();
      } catch (err) {
        this.events.error(`${what} ${job.id}: ${(err as Error).message}`);
      }
      await this.refresh();
    };
    const active = /^(PENDING|QUEUED|EXECUTING|HELD|SUSPENDED)$/.test(job.phase);
    return h(
      'div',
      { class: 'job', testid: 'job', 'data-phase': job.phase, 'data-job-id': job.id },
      h('span', { class: 'job-id' }, job.id),
      h('span', { class: `phase phase-${job.phase.toLowerCase()}`, testid: 'job-phase' }, job.phase),
      h('span', { class: 'muted' }, job.creationTime ?? ''),
      job.phase === 'COMPLETED'
        ? h('button', { onclick: () => this.events.reattach(job.url), testid: 'job-reattach' }, 'open result')
        : undefined,
      active ? h('button', { onclick: act('abort', () => tap.job(job.url).abort()), testid: 'job-abort' }, 'abort') : undefined,
      h('button', { onclick: act('delete', () => tap.job(job.url).delete()) }, 'delete'),
    );
  }
}
