import path from 'node:path';
import type { CliContext, CommandSpec } from '../command.js';
import { resolveService, type ResolvedService } from '../../config/index.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from '../errors.js';
import { RESULT_FORMATS, renderResult, type ResultFormat } from '../format/results.js';
import { formatTable } from '../format/table.js';
import { choiceOption, intOption, stringOption, writeTextFile } from '../io.js';
import { ProgressLine } from '../progress.js';
import { SERVICE_OPTION, openService, requireService } from '../service.js';
import { progressReporter, tapFailure } from './query.js';

const ACTIONS = ['list', 'show', 'wait', 'fetch', 'abort', 'delete'] as const;
type Action = (typeof ACTIONS)[number];

/** The service a job URL belongs to: a configured one whose URL prefixes it (for its token), else its base. */
function serviceForJob(ctx: CliContext, jobUrl: string, explicit: string | undefined): ResolvedService {
  if (!/^https?:\/\//i.test(jobUrl))
    throw new UsageError(`"${jobUrl}" is not a job URL`, 'give the URL printed by "adql query --async" or "adql jobs list"');
  if (explicit !== undefined) return requireService(ctx, explicit, 'jobs');
  const config = ctx.config();
  for (const alias of Object.keys(config.config.services ?? {})) {
    const s = resolveService(config, alias, ctx.env);
    if (s && jobUrl.startsWith(`${s.url}/`)) return s;
  }
  const def = resolveService(config, undefined, ctx.env);
  if (def && jobUrl.startsWith(`${def.url}/`)) return def;
  // A UWS job URL is <service>/async/<id>: the service base is what precedes /async/.
  const base = /^(.*)\/async\/[^/]+\/?$/i.exec(jobUrl);
  return { url: base ? base[1]! : new URL('.', jobUrl).href.replace(/\/$/, '') };
}

export const jobsCommand: CommandSpec = {
  name: 'jobs',
  summary: 'list, show, wait for, fetch, abort or delete async (UWS) jobs',
  usage: ['jobs list [--service URL] [--phase PHASE] [--last N]', 'jobs show|wait|fetch|abort|delete JOB_URL'],
  description: 'JOB_URL is the URL "adql query --async" prints. "wait" exits 1 when the job ends in ERROR or ABORTED.',
  options: {
    ...SERVICE_OPTION,
    phase: { type: 'string', multiple: true, valueName: 'PHASE', description: 'list: only jobs in this phase (EXECUTING, COMPLETED...)' },
    last: { type: 'string', valueName: 'N', description: 'list: only the N most recent jobs' },
    timeout: { type: 'string', valueName: 'SECONDS', description: 'wait: give up after this long' },
    out: {
      type: 'string',
      short: 'o',
      valueName: 'FILE',
      description: 'fetch: write the result to a file (streamed as the server sent it)',
    },
    format: {
      type: 'string',
      valueName: 'FORMAT',
      description: 'fetch: csv, json, votable or table (default: table on a terminal, else csv)',
    },
    json: { type: 'boolean', description: 'list/show: print JSON' },
  },
  examples: [
    ['adql jobs list -s http://127.0.0.1:8080/tap --phase EXECUTING', 'jobs still running'],
    ['adql jobs show http://127.0.0.1:8080/tap/async/abc123', 'phase, times, query and errors of a job'],
    [
      'adql jobs wait http://127.0.0.1:8080/tap/async/abc123 && adql jobs fetch -o r.vot http://127.0.0.1:8080/tap/async/abc123',
      'wait for a job, then save its result',
    ],
    ['adql jobs delete http://127.0.0.1:8080/tap/async/abc123', 'remove a job from the service'],
  ],
  async run(ctx, values, positionals) {
    const [action, jobUrl, ...extra] = positionals;
    if (action === undefined || !(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(
        action === undefined ? 'no action given' : `unknown action "${action}"`,
        `use one of ${ACTIONS.join(', ')} (see "adql jobs --help")`,
      );
    }
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    if (action === 'list') {
      if (jobUrl !== undefined) throw new UsageError('"jobs list" takes no job URL', 'use --service to choose the service');
      return listJobs(ctx, values);
    }
    if (jobUrl === undefined) throw new UsageError(`"jobs ${action}" needs a job URL`, 'e.g. adql jobs show http://host/tap/async/ID');
    const service = openService(serviceForJob(ctx, jobUrl, stringOption(values, 'service')));
    const job = service.job(jobUrl);
    const signal = ctx.signal;
    try {
      switch (action as Exclude<Action, 'list'>) {
        case 'show': {
          const info = await job.info({ signal });
          if (values.json) {
            ctx.stdout.write(JSON.stringify(info, null, 2) + '\n');
            return EXIT_OK;
          }
          const lines = [
            ['job', job.url],
            ['phase', info.phase],
            ['runId', info.runId],
            ['created', info.creationTime],
            ['started', info.startTime],
            ['ended', info.endTime],
            ['executionDuration', info.executionDuration === undefined ? undefined : `${info.executionDuration} s`],
            ['destruction', info.destruction],
            ['query', info.parameters.query],
            ['results', info.results.map((r) => r.href).join(' ') || undefined],
            ['error', info.errorSummary?.message],
          ].filter((l): l is [string, string] => l[1] !== undefined && l[1] !== '');
          const width = Math.max(...lines.map(([k]) => k.length));
          for (const [k, v] of lines)
            ctx.stdout.write(`${ctx.style.bold(k.padEnd(width))}  ${v.replace(/\n/g, `\n${' '.repeat(width + 2)}`)}\n`);
          return info.phase === 'ERROR' ? EXIT_PROBLEMS : EXIT_OK;
        }
        case 'wait': {
          const timeout = intOption(values, 'timeout', 1);
          const progress = new ProgressLine(ctx.stderr, ctx.errStyle);
          const info = await job.wait({
            signal,
            onProgress: progressReporter(progress),
            ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
          });
          progress.done();
          ctx.stdout.write(`${info.phase}\n`);
          if (info.phase === 'COMPLETED') return EXIT_OK;
          const error = info.phase === 'ERROR' ? await job.error({ signal }).catch(() => undefined) : undefined;
          if (error) ctx.stderr.write(`job ${job.url} failed: ${error.message}\n`);
          return EXIT_PROBLEMS;
        }
        case 'fetch': {
          const out = stringOption(values, 'out');
          const format: ResultFormat =
            choiceOption(values, 'format', RESULT_FORMATS) ?? (ctx.stdout.isTTY && out === undefined ? 'table' : 'csv');
          if (out !== undefined && values.format === undefined) {
            const saved = await job.saveResult(path.resolve(ctx.cwd, out), { signal });
            ctx.stderr.write(`wrote ${saved.path} (${saved.bytes} bytes, ${saved.contentType})\n`);
            return EXIT_OK;
          }
          const result = await job.fetchResult({ signal });
          const text = renderResult(result, format, ctx.stdout.columns ? { maxWidth: ctx.stdout.columns } : {});
          if (out !== undefined) await writeTextFile(ctx, out, text);
          else ctx.stdout.write(text);
          return EXIT_OK;
        }
        case 'abort':
          await job.abort({ signal });
          ctx.stdout.write(`aborted ${job.url}\n`);
          return EXIT_OK;
        case 'delete': {
          await job.delete({ signal });
          ctx.stdout.write(`deleted ${job.url}\n`);
          return EXIT_OK;
        }
      }
    } catch (err) {
      tapFailure(err, signal);
    }
  },
};

async function listJobs(ctx: CliContext, values: Record<string, unknown>): Promise<number> {
  const service = openService(requireService(ctx, stringOption(values, 'service'), 'jobs'));
  const last = intOption(values, 'last', 1);
  const phases = (values.phase as string[] | undefined)?.map((p) => p.toUpperCase());
  try {
    const jobs = await service.jobs({ ...(phases?.length ? { phase: phases } : {}), ...(last ? { last } : {}), signal: ctx.signal });
    // Not every service applies the filters: apply them here too.
    const shown = jobs.filter((j) => !phases?.length || phases.includes(j.phase.toUpperCase()));
    if (values.json) ctx.stdout.write(JSON.stringify(shown, null, 2) + '\n');
    else if (shown.length === 0) ctx.stdout.write('no jobs\n');
    else
      ctx.stdout.write(
        formatTable(
          ['phase', 'created', 'runId', 'url'],
          shown.map((j) => [j.phase, j.creationTime ?? '', j.runId ?? '', j.url]),
          { header: ctx.style.bold },
        ),
      );
    return EXIT_OK;
  } catch (err) {
    tapFailure(err, ctx.signal);
  }
}
