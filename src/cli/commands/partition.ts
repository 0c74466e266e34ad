/** `adql partition`: a large query as a partitioned, parallel, resumable run, merged into one result. */
import path from 'node:path';
import {
  describePlan,
  mergePartitionToFile,
  PartitionError,
  PartitionInterruptedError,
  PartitionPlanError,
  PartitionRunError,
  planPartition,
  resumePartition,
  runPartition,
  type MergeFormat,
  type PartitionBy,
  type PartitionEvent,
  type RunSummary,
} from '../../partition/index.js';
import { TapService } from '../../tap/index.js';
import type { CliContext, CommandSpec, ParsedValues } from '../command.js';
import { CliError, EXIT_OK, EXIT_USAGE, RemoteProblem, UsageError } from '../errors.js';
import { choiceOption, intOption, readOneQuery, stringOption } from '../io.js';
import { formatSeconds, ProgressLine } from '../progress.js';
import { SERVICE_OPTION, openService, requireService } from '../service.js';
import { tapFailure } from './query.js';

const FORMATS = ['csv', 'votable', 'parquet'] as const;

/** `COLUMN`, `dec:COLUMN`, `ra:COLUMN` or `tiles:RA,DEC`, plus an optional `--range LO,HI`. */
function parseBy(by: string, range: string | undefined): PartitionBy {
  const [kind, rest] = by.includes(':') ? [by.slice(0, by.indexOf(':')), by.slice(by.indexOf(':') + 1)] : ['range', by];
  let bounds: [string, string] | undefined;
  if (range !== undefined) {
    const parts = range.split(',').map((s) => s.trim());
    if (parts.length !== 2 || parts.some((p) => p === '' || !Number.isFinite(Number(p))))
      throw new UsageError(`--range must be LOW,HIGH (two numbers), got "${range}"`);
    bounds = [parts[0]!, parts[1]!];
  }
  const sky = bounds === undefined ? {} : { range: [Number(bounds[0]), Number(bounds[1])] as [number, number] };
  switch (kind) {
    case 'range':
      return { kind: 'range', column: rest, ...(bounds === undefined ? {} : { range: bounds }) };
    case 'dec':
      return { kind: 'dec', column: rest, ...sky };
    case 'ra':
      return { kind: 'ra', column: rest, ...sky };
    case 'tiles': {
      const [ra, dec, ...extra] = rest.split(',');
      if (ra === undefined || dec === undefined || extra.length > 0)
        throw new UsageError(`--by tiles:RA,DEC needs two columns, got "${rest}"`);
      if (bounds !== undefined) throw new UsageError('--range does not apply to sky tiles (they cover the whole sky)');
      return { kind: 'tiles', ra, dec };
    }
    default:
      throw new UsageError(`--by "${by}": unknown partition kind "${kind}"`, 'use COLUMN, dec:COLUMN, ra:COLUMN or tiles:RA,DEC');
  }
}

/** A progress bar on a terminal (chunks done/total, rows, elapsed, ETA); chunk events one per line elsewhere. */
function progressReporter(ctx: CliContext, line: ProgressLine): (e: PartitionEvent) => void {
  return (e) => {
    if (e.type === 'progress') {
      const width = 12;
      const filled = e.total === 0 ? 0 : Math.round((e.done / e.total) * width);
      const eta = e.etaMs === undefined ? '' : ` ETA ${formatSeconds(e.etaMs)}`;
      line.update(
        `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${e.done}/${e.total} chunks ${e.rows} rows ${formatSeconds(e.elapsedMs)}${eta}`,
        'progress',
      );
      return;
    }
    if (ctx.stderr.isTTY && e.type !== 'chunk-split' && e.type !== 'chunk-failed' && e.type !== 'chunk-invalid') return;
    line.done();
    if (e.type === 'chunk-start') ctx.stderr.write(`chunk ${e.chunk}: job ${e.jobUrl}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}\n`);
    else if (e.type === 'chunk-done') ctx.stderr.write(`chunk ${e.chunk}: ${e.rows} rows in ${formatSeconds(e.ms)}\n`);
    else if (e.type === 'chunk-retry') ctx.stderr.write(`chunk ${e.chunk}: retrying in ${formatSeconds(e.delayMs)} (${e.reason})\n`);
    else if (e.type === 'chunk-split') ctx.stderr.write(`chunk ${e.chunk}: split into ${e.children.join(' and ')} (${e.reason})\n`);
    else if (e.type === 'chunk-failed') ctx.stderr.write(`chunk ${e.chunk}: failed: ${e.reason}\n`);
    else if (e.type === 'job-deleted') ctx.stderr.write(`chunk ${e.chunk}: deleted unfinished job ${e.jobUrl}\n`);
    else if (e.type === 'chunk-invalid') ctx.stderr.write(`chunk ${e.chunk}: rerun: ${e.reason}\n`);
  };
}

function runFailure(err: unknown, ctx: CliContext, dir: string): never {
  const resume = `resume with: adql partition --resume ${dir}`;
  if (err instanceof PartitionInterruptedError) throw new CliError(`interrupted; finished chunks are saved in ${dir}`, 130, resume);
  if (err instanceof PartitionPlanError) throw new CliError(err.message, EXIT_USAGE);
  if (err instanceof PartitionRunError) throw new RemoteProblem(err.message, resume);
  if (err instanceof PartitionError) throw new RemoteProblem(err.message);
  tapFailure(err, ctx.signal);
}

async function finish(ctx: CliContext, values: ParsedValues, dir: string, summary: RunSummary): Promise<number> {
  const named = stringOption(values, 'out');
  const format: MergeFormat =
    choiceOption(values, 'format', FORMATS) ??
    (named?.match(/\.(vot|xml)$/i) ? 'votable' : named?.match(/\.(parquet|pq)$/i) ? 'parquet' : 'csv');
  const out = path.resolve(
    ctx.cwd,
    named ?? path.join(dir, `merged.${format === 'csv' ? 'csv' : format === 'parquet' ? 'parquet' : 'vot'}`),
  );
  const reused = summary.reused.length > 0 ? `, ${summary.reused.length} already done` : '';
  ctx.stderr.write(
    `${summary.chunks} chunks (${summary.ran.length} run${reused}, ${summary.splits} split), ${summary.rows} rows in ${formatSeconds(summary.ms)}\n`,
  );
  const merged = await mergePartitionToFile(dir, out, format);
  ctx.stderr.write(`wrote ${merged.rows} rows to ${merged.path} (${format})\n`);
  return EXIT_OK;
}

export const partitionCommand: CommandSpec = {
  name: 'partition',
  summary: 'run a large query in chunks (parallel, resumable, never silently truncated) and merge them',
  usage: [
    'partition "ADQL" | -f FILE --service URL --by COLUMN [--chunks N | --size N] [--concurrency 5] [--maxrec N] --dir RUN_DIR [--out FILE --format csv|votable|parquet]',
    'partition --resume RUN_DIR [--out FILE --format csv|votable|parquet]',
  ],
  description:
    'Splits the query by ranges of a column (an AST rewrite: one more WHERE conjunct), prints the plan (chunks,\n' +
    'expected rows and time, from the service limits and a sample chunk), then runs the chunks as async jobs, a\n' +
    'few at a time. A chunk that fills MAXREC or hits the time limit is split in two and rerun. Each finished\n' +
    'chunk is saved in RUN_DIR with a manifest, so after a failure or Ctrl-C "--resume RUN_DIR" reruns only what\n' +
    'is missing. ORDER BY and TOP are re-applied when merging; aggregates across chunks are refused.\n' +
    '--by: COLUMN (numeric ranges), dec:COLUMN (declination bands), ra:COLUMN (RA ranges), tiles:RA,DEC (sky tiles).',
  options: {
    ...SERVICE_OPTION,
    file: {
      type: 'string',
      short: 'f',
      valueName: 'FILE',
      description: 'read the query from a file (- for stdin); an argument may also be a file or -',
    },
    by: { type: 'string', short: 'b', valueName: 'COLUMN', description: 'partition column: COLUMN, dec:COLUMN, ra:COLUMN or tiles:RA,DEC' },
    range: {
      type: 'string',
      valueName: 'LO,HI',
      description: 'range of the column (default: MIN and MAX over the query; sky: the whole sky)',
    },
    chunks: { type: 'string', short: 'n', valueName: 'N', description: 'number of chunks (default: from the sample chunk and the limits)' },
    size: { type: 'string', valueName: 'N', description: 'chunk width in column units (ids, degrees)' },
    concurrency: { type: 'string', short: 'j', valueName: 'N', description: 'jobs at once (default 5, as MAST asks)' },
    maxrec: { type: 'string', short: 'm', valueName: 'N', description: "MAXREC per chunk (default: the service's output limit)" },
    'min-size': { type: 'string', valueName: 'N', description: 'do not split overflowing chunks below this width (default: 1 id)' },
    retries: { type: 'string', valueName: 'N', description: 'retries per chunk after transient failures (default 2)' },
    'execution-duration': {
      type: 'string',
      valueName: 'SECONDS',
      description: 'EXECUTIONDURATION asked for each job (default: from the plan)',
    },
    dir: {
      type: 'string',
      short: 'd',
      valueName: 'RUN_DIR',
      description: 'run directory: chunk results and manifest (must not hold a run yet)',
    },
    resume: { type: 'string', valueName: 'RUN_DIR', description: 'rerun the missing or failed chunks of a run, then merge' },
    'dry-run': { type: 'boolean', description: 'print the plan and stop' },
    out: { type: 'string', short: 'o', valueName: 'FILE', description: 'merged result file (default: RUN_DIR/merged.csv)' },
    format: { type: 'string', valueName: 'FORMAT', description: 'csv, votable or parquet (VOParquet) (default: from --out, else csv)' },
  },
  examples: [
    [
      "adql partition -s http://127.0.0.1:8080/tap 'SELECT id, ra, dec, mag FROM zcat.big WHERE mag < 14' --by id --dir run1 -o bright.csv",
      'plan, run and merge, 5 jobs at a time',
    ],
    [
      "adql partition -s http://127.0.0.1:8080/tap 'SELECT id, ra, dec FROM zcat.big' --by dec:dec --chunks 18 --dir run2 --dry-run",
      'show the plan for 10-degree declination bands',
    ],
    [
      'adql partition -s http://127.0.0.1:8080/tap -f q.adql --by tiles:ra,dec --maxrec 10000 -j 2 --dir run3 -o sky.vot',
      'sky tiles, split further where they overflow',
    ],
    ['adql partition --resume run1 -o bright.csv', 'after a crash or Ctrl-C: rerun only the unfinished chunks, then merge'],
  ],
  async run(ctx, values, positionals) {
    const concurrency = intOption(values, 'concurrency', 1);
    const retries = intOption(values, 'retries', 0);
    const executionDuration = intOption(values, 'execution-duration', 1);
    const minSizeText = stringOption(values, 'min-size');
    const minSize = minSizeText === undefined ? undefined : Number(minSizeText);
    if (minSize !== undefined && !(minSize > 0)) throw new UsageError(`--min-size must be a positive number, got "${minSizeText}"`);
    const line = new ProgressLine(ctx.stderr, ctx.errStyle);
    const common = {
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(retries !== undefined ? { retries } : {}),
      ...(executionDuration !== undefined ? { executionDuration } : {}),
      ...(minSize !== undefined ? { minSize } : {}),
      signal: ctx.signal,
      onEvent: progressReporter(ctx, line),
    };

    const resumeDir = stringOption(values, 'resume');
    if (resumeDir !== undefined) {
      if (positionals.length > 0 || values.file !== undefined || values.by !== undefined)
        throw new UsageError('--resume takes no query or --by: they are in the run directory');
      const dir = path.resolve(ctx.cwd, resumeDir);
      const service =
        values.service === undefined ? undefined : openService(requireService(ctx, stringOption(values, 'service'), 'partition'));
      let summary: RunSummary;
      try {
        summary = await resumePartition(dir, { ...common, ...(service ? { service } : {}) });
      } catch (err) {
        line.done();
        runFailure(err, ctx, resumeDir);
      }
      line.done();
      return finish(ctx, values, dir, summary);
    }

    const adql = (await readOneQuery(ctx, positionals, stringOption(values, 'file'), 'partition')).text;
    const by = stringOption(values, 'by');
    if (by === undefined)
      throw new UsageError('no partition column given', 'pass --by COLUMN (an id, or dec:COLUMN, ra:COLUMN, tiles:RA,DEC)');
    const dirOption = stringOption(values, 'dir');
    if (dirOption === undefined && !values['dry-run'])
      throw new UsageError('no run directory given', 'pass --dir RUN_DIR (where chunk results and the manifest are kept)');
    const chunks = intOption(values, 'chunks', 1);
    const sizeText = stringOption(values, 'size');
    const size = sizeText === undefined ? undefined : Number(sizeText);
    if (size !== undefined && !(size > 0)) throw new UsageError(`--size must be a positive number, got "${sizeText}"`);
    const maxrec = intOption(values, 'maxrec', 1);
    const service: TapService = openService(requireService(ctx, stringOption(values, 'service'), 'partition'));
    const dir = path.resolve(ctx.cwd, dirOption ?? '.');
    try {
      ctx.stderr.write('planning (service limits, a sample chunk)...\n');
      const plan = await planPartition(service, adql, {
        by: parseBy(by, stringOption(values, 'range')),
        ...(chunks !== undefined ? { chunks } : {}),
        ...(size !== undefined ? { size } : {}),
        ...(maxrec !== undefined ? { maxrec } : {}),
        ...(concurrency !== undefined ? { concurrency } : {}),
        signal: ctx.signal,
      });
      ctx.stderr.write(`${describePlan(plan)}\n`);
      if (values['dry-run']) return EXIT_OK;
      const summary = await runPartition(service, plan, { ...common, dir });
      line.done();
      return await finish(ctx, values, dir, summary);
    } catch (err) {
      line.done();
      runFailure(err, ctx, dirOption ?? '.');
    }
  },
};
