/**
 * UWS 1.0/1.1 documents: a job (phase, times, parameters, results, errorSummary) and a job list.
 * Namespace-agnostic (DaCHS uses the UWS 1.0 namespace with version="1.1").
 */
import { childText, children, deepText, type XmlElement } from '../dal/index.js';

export type UwsPhase =
  'PENDING' | 'QUEUED' | 'EXECUTING' | 'COMPLETED' | 'ERROR' | 'ABORTED' | 'UNKNOWN' | 'HELD' | 'SUSPENDED' | 'ARCHIVED';

/** Phases after which a job will not change on its own. */
export const FINAL_PHASES: ReadonlySet<string> = new Set(['COMPLETED', 'ERROR', 'ABORTED', 'ARCHIVED']);
/** Phases in which a job is alive (waiting to run, running or paused): keep waiting. */
export const ALIVE_PHASES: ReadonlySet<string> = new Set(['PENDING', 'QUEUED', 'EXECUTING', 'HELD', 'SUSPENDED', 'UNKNOWN']);

export interface UwsResultRef {
  id: string;
  href: string;
  mimeType?: string;
  size?: number;
}

export interface UwsErrorSummary {
  message: string;
  /** 'fatal' or 'transient'. */
  type?: string;
  hasDetail: boolean;
}

export interface UwsJobInfo {
  jobId: string;
  runId?: string;
  ownerId?: string;
  phase: string;
  quote?: string;
  creationTime?: string;
  startTime?: string;
  endTime?: string;
  /** Seconds; 0 means unlimited. */
  executionDuration?: number;
  destruction?: string;
  /**
   * Parameters by id as the server spells them (Object.keys gives "QUERY" or "serviceType");
   * looking one up ignores case, so `parameters.query` finds QUERY.
   */
  parameters: Record<string, string>;
  results: UwsResultRef[];
  errorSummary?: UwsErrorSummary;
  /** The version attribute of the job element (UWS 1.1 services support WAIT). */
  version?: string;
}

export interface UwsJobRef {
  id: string;
  url: string;
  phase: string;
  runId?: string;
  ownerId?: string;
  creationTime?: string;
}

function set<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) obj[key] = value;
}

/** A record whose keys keep their spelling while reads and `in` ignore case. */
function caseInsensitiveRecord(): Record<string, string> {
  const find = (t: Record<string, string>, key: string): string | undefined => {
    if (Object.hasOwn(t, key)) return key;
    const lower = key.toLowerCase();
    return Object.keys(t).find((k) => k.toLowerCase() === lower);
  };
  return new Proxy<Record<string, string>>(
    {},
    {
      get: (t, key) => (typeof key === 'string' ? t[find(t, key) ?? key] : Reflect.get(t, key)),
      has: (t, key) => (typeof key === 'string' ? find(t, key) !== undefined : Reflect.has(t, key)),
    },
  );
}

export function parseJob(root: XmlElement): UwsJobInfo {
  const job: UwsJobInfo = {
    jobId: childText(root, 'jobId') ?? '',
    phase: (childText(root, 'phase') ?? 'UNKNOWN').toUpperCase(),
    parameters: caseInsensitiveRecord(),
    results: [],
  };
  set(job, 'runId', childText(root, 'runId'));
  set(job, 'ownerId', childText(root, 'ownerId'));
  set(job, 'quote', childText(root, 'quote'));
  set(job, 'creationTime', childText(root, 'creationTime'));
  set(job, 'startTime', childText(root, 'startTime'));
  set(job, 'endTime', childText(root, 'endTime'));
  set(job, 'destruction', childText(root, 'destruction'));
  set(job, 'version', root.attrs.version);
  const duration = childText(root, 'executionDuration');
  if (duration !== undefined && Number.isFinite(Number(duration))) job.executionDuration = Number(duration);
  for (const params of children(root, 'parameters')) {
    for (const p of children(params, 'parameter')) {
      const id = p.attrs.id ?? '';
      if (id !== '' && p.attrs.nil !== 'true') job.parameters[id] = deepText(p);
    }
  }
  for (const results of children(root, 'results')) {
    for (const r of children(results, 'result')) {
      const ref: UwsResultRef = { id: r.attrs.id ?? '', href: r.attrs.href ?? '' };
      set(ref, 'mimeType', r.attrs.mimeType);
      if (r.attrs.size !== undefined && Number.isFinite(Number(r.attrs.size))) ref.size = Number(r.attrs.size);
      job.results.push(ref);
    }
  }
  const summary = children(root, 'errorSummary')[0];
  if (summary !== undefined) {
    const es: UwsErrorSummary = {
      message: childText(summary, 'message') ?? deepText(summary).trim(),
      hasDetail: summary.attrs.hasDetail === 'true',
    };
    set(es, 'type', summary.attrs.type);
    job.errorSummary = es;
  }
  return job;
}

/** Parses a `<results>` document. */
export function parseResults(root: XmlElement): UwsResultRef[] {
  return children(root, 'result').map((r) => {
    const ref: UwsResultRef = { id: r.attrs.id ?? '', href: r.attrs.href ?? '' };
    set(ref, 'mimeType', r.attrs.mimeType);
    return ref;
  });
}

/** Parses a job list; relative job hrefs are resolved against the list URL. */
export function parseJobList(root: XmlElement, listUrl: string): UwsJobRef[] {
  const base = listUrl.replace(/[?#].*$/, '');
  return children(root, 'jobref').map((j) => {
    const id = j.attrs.id ?? '';
    const href = j.attrs.href;
    const ref: UwsJobRef = {
      id,
      url:
        href !== undefined && href !== ''
          ? new URL(href, base.endsWith('/') ? base : `${base}/`).toString()
          : `${base.replace(/\/+$/, '')}/${id}`,
      phase: (childText(j, 'phase') ?? 'UNKNOWN').toUpperCase(),
    };
    set(ref, 'runId', childText(j, 'runId'));
    set(ref, 'ownerId', childText(j, 'ownerId'));
    set(ref, 'creationTime', childText(j, 'creationTime'));
    return ref;
  });
}
