import path from 'node:path';
import type { CliContext, CommandSpec } from '../command.js';
import { checkAdql, loadCommandSchema } from '../../tooling/index.js';
import { toFileDiagnostics } from '../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS, RemoteProblem, UsageError, CliError } from '../errors.js';
import { formatDiagnostics } from '../format/diagnostics.js';
import { RESULT_FORMATS, renderResult, type ResultFormat } from '../format/results.js';
import { COLUMNAR_FORMATS, columnarBytes, isColumnarFormat, type ColumnarFormat } from '../format/columnar.js';
import { choiceOption, intOption, readOneQuery, stringOption, writeTextFile } from '../io.js';
import { ProgressLine, formatBytes, formatSeconds } from '../progress.js';
import { SERVICE_OPTION, openService, requireService } from '../service.js';
import { cliUploads } from '../uploads.js';
import { PLOT_STYLE_OPTIONS, plotSpecFrom, plotSvg, writePlot } from '../plot-output.js';
import { packageVersion } from '../version.js';
import type { TapProgressEvent, TapResult, TapService, TapUploadSource, SavedResult } from '../../tap/index.js';
import { TapError, TapServiceError } from '../../tap/index.js';

/** Server formats used when streaming straight to a file. */
const SERVER_FORMAT: Record<string, string> = { csv: 'csv', votable: 'votable' };

export function progressReporter(line: ProgressLine, started = Date.now()): (e: TapProgressEvent) => void {
  return (e) => {
    const elapsed = formatSeconds(Date.now() - started);
    if (e.type === 'phase') line.update(`job ${e.jobUrl}: ${e.phase} (${elapsed})`, `phase:${e.phase}`, true);
    else if (e.type === 'bytes')
      line.update(`received ${formatBytes(e.received)}${e.total ? ` of ${formatBytes(e.total)}` : ''} (${elapsed})`, 'bytes');
    else if (e.type === 'rows') line.update(`parsed ${e.rows} rows (${elapsed})`, 'rows');
  };
}

/** A result as text in `format`: to the file `out` (saying so on stderr), else to stdout, as wide as the terminal. */
export async function writeResultText(ctx: CliContext, result: TapResult, format: ResultFormat, out: string | undefined): Promise<void> {
  const text = renderResult(result, format, {
    ...(ctx.stdout.isTTY && out === undefined && ctx.stdout.columns ? { maxWidth: ctx.stdout.columns } : {}),
    header: ctx.style.bold,
  });
  if (out === undefined) {
    ctx.stdout.write(text);
    return;
  }
  await writeTextFile(ctx, out, text);
  ctx.stderr.write(`wrote ${out} (${result.rowCount} rows)\n`);
}

/** Explains a TAP failure in one line, naming the URL or job URL to resume from. */
export function tapFailure(err: unknown, signal: AbortSignal): never {
  if (signal.aborted) throw new CliError(`interrupted${err instanceof Error ? `: ${err.message}` : ''}`, 130);
  if (err instanceof TapServiceError && (err.status === 401 || err.status === 403)) {
    throw new RemoteProblem(err.message, 'the service wants credentials: set the variable that "tokenEnv" names for it in .adqlrc.json');
  }
  if (err instanceof TapError) throw new RemoteProblem(err.message);
  throw err;
}

export const queryCommand: CommandSpec = {
  name: 'query',
  summary: 'validate and run a query (sync or async), print or save the result',
  usage: ['query [options] "ADQL"', 'query [options] -f FILE|-'],
  description:
    "The query is validated first (against --schema or the service's cached metadata); errors stop it\n" +
    '(exit 1) unless --no-validate. Results print as an aligned table on a terminal and as CSV on a pipe.\n' +
    'With --async the job URL is printed first, a progress line follows, and Ctrl-C aborts the remote job.\n' +
    'A truncated result (MAXREC or the service limit) is reported on stderr; --strict makes it exit 1.',
  options: {
    ...SERVICE_OPTION,
    file: {
      type: 'string',
      short: 'f',
      valueName: 'FILE',
      description: 'read the query from a file (- for stdin); an argument may also be a file or -',
    },
    async: { type: 'boolean', short: 'a', description: 'run as an async (UWS) job' },
    maxrec: { type: 'string', short: 'm', valueName: 'N', description: 'MAXREC: the most rows to return' },
    upload: {
      type: 'string',
      short: 'u',
      multiple: true,
      valueName: 'NAME=FILE',
      description: 'upload a table as TAP_UPLOAD.NAME: a VOTable, CSV, TSV, Parquet or JSON file (converted locally), or a URL',
    },
    out: {
      type: 'string',
      short: 'o',
      valueName: 'FILE',
      description: 'write the result to a file (streamed in the server format for csv/votable)',
    },
    format: {
      type: 'string',
      valueName: 'FORMAT',
      description: 'csv, json, votable, table, parquet (VOParquet) or arrow (Arrow IPC file) (default: table on a terminal, else csv)',
    },
    schema: { type: 'string', valueName: 'FILE', description: 'schema file to validate against' },
    'no-validate': { type: 'boolean', description: 'send the query without validating it first' },
    strict: { type: 'boolean', description: 'exit 1 when the result is truncated' },
    'keep-job': { type: 'boolean', description: 'with --async: keep the job on the service (default: delete it)' },
    timeout: { type: 'string', valueName: 'SECONDS', description: 'with --async: give up waiting after this long (the job is aborted)' },
    plot: {
      type: 'string',
      valueName: 'SPEC',
      description:
        'plot the result (-o FILE.svg or FILE.png; SVG to stdout without -o): sky, sky:RA,DEC, scatter:X,Y, hist:X, bar:CATEGORY[,VALUE]',
    },
    ...PLOT_STYLE_OPTIONS,
  },
  examples: [
    ["adql query -s http://127.0.0.1:8080/tap 'SELECT TOP 5 id, ra, dec FROM zcat.main'", 'run a sync query and print a table'],
    [
      "adql query -s dachs --plot sky --projection mollweide 'SELECT ra, dec FROM zcat.main' -o sky.svg",
      'plot the result (see adql plot --help for the plot forms)',
    ],
    ['adql query -s dachs --async -f big.adql --out big.vot --format votable', 'run an async job, stream the result to a file'],
    [
      "adql query -s dachs -u mine=sources.vot 'SELECT * FROM TAP_UPLOAD.mine AS m JOIN zcat.main AS z ON m.id = z.id'",
      'cross-match an uploaded table',
    ],
    ["adql query -s dachs --maxrec 100 --format json 'SELECT * FROM zcat.main' > rows.json", 'JSON output with a row limit'],
    [
      "adql query -s dachs --format parquet -o main.parquet 'SELECT * FROM zcat.main'",
      'save as VOParquet (units, UCDs and descriptions inside) for pandas, Polars or DuckDB',
    ],
  ],
  async run(ctx, values, positionals) {
    const input = await readOneQuery(ctx, positionals, stringOption(values, 'file'), 'query');
    const adql = input.text;
    const format: ResultFormat | ColumnarFormat =
      choiceOption(values, 'format', [...RESULT_FORMATS, ...COLUMNAR_FORMATS]) ??
      (ctx.stdout.isTTY && values.out === undefined ? 'table' : 'csv');
    if (isColumnarFormat(format) && values.out === undefined) {
      throw new UsageError(`--format ${format} writes a binary file`, `give -o FILE (e.g. -o result.${format})`);
    }
    const maxrec = intOption(values, 'maxrec');
    const plotSpec = typeof values.plot === 'string' ? await plotSpecFrom(values.plot, values) : undefined;
    const timeout = intOption(values, 'timeout', 1);
    const uploads = await cliUploads(ctx, (values.upload as string[] | undefined) ?? []);
    const resolved = requireService(ctx, stringOption(values, 'service'), 'query');

    if (!values['no-validate']) {
      const schema = await loadCommandSchema(ctx, { service: resolved.url, schemaFile: stringOption(values, 'schema'), quiet: true });
      const name = input.file === '<argument>' ? '<query>' : input.file;
      const diagnostics = toFileDiagnostics(name, adql, checkAdql(adql, schema))
        .filter((d) => d.severity === 'error' || d.severity === 'warning')
        // The validator cannot know uploaded tables' columns: do not block on them.
        .filter((d) => !(d.code === 'unknown-upload-table' && Object.keys(uploads).length > 0));
      if (diagnostics.length > 0)
        ctx.stderr.write(formatDiagnostics('human', diagnostics, [{ file: name, text: adql }], ctx.errStyle, packageVersion()));
      if (diagnostics.some((d) => d.severity === 'error')) {
        ctx.stderr.write('the query was not sent (fix it, or use --no-validate to send it anyway)\n');
        return EXIT_PROBLEMS;
      }
    }

    const service = openService(resolved);
    const out = stringOption(values, 'out');
    const progress = new ProgressLine(ctx.stderr, ctx.errStyle);
    const onProgress = progressReporter(progress);
    const streamToFile = out !== undefined && SERVER_FORMAT[format] !== undefined && plotSpec === undefined;
    const common = { ...(maxrec !== undefined ? { maxrec } : {}), uploads, signal: ctx.signal, onProgress };
    let outcome: { result?: TapResult; saved?: SavedResult };
    try {
      outcome = values.async
        ? await runAsyncJob(ctx, service, adql, {
            ...common,
            format,
            streamTo: streamToFile ? path.resolve(ctx.cwd, out!) : undefined,
            keepJob: values['keep-job'] === true,
            timeoutMs: timeout ? timeout * 1000 : undefined,
            progress,
          })
        : streamToFile
          ? { saved: await service.queryToFile(adql, path.resolve(ctx.cwd, out!), { ...common, format: SERVER_FORMAT[format]! }) }
          : { result: await service.query(adql, common) };
    } catch (err) {
      progress.done();
      tapFailure(err, ctx.signal);
    }
    progress.done();
    let overflow: boolean | undefined;
    if (outcome.saved) {
      overflow = outcome.saved.overflow;
      ctx.stderr.write(`wrote ${outcome.saved.path} (${formatBytes(outcome.saved.bytes)}, ${outcome.saved.contentType})\n`);
    } else if (outcome.result && plotSpec) {
      overflow = outcome.result.overflow;
      await writePlot(ctx, await plotSvg(outcome.result, plotSpec), out, outcome.result.rowCount);
    } else if (outcome.result) {
      const result = outcome.result;
      overflow = result.overflow;
      if (isColumnarFormat(format)) {
        const bytes = columnarBytes(result, format);
        await writeTextFile(ctx, out!, bytes);
        ctx.stderr.write(
          `wrote ${out} (${result.rowCount} rows, ${formatBytes(bytes.byteLength)}, ${format === 'parquet' ? 'VOParquet' : 'Arrow IPC'})\n`,
        );
      } else {
        await writeResultText(ctx, result, format, out);
      }
    }
    if (overflow) {
      const limit = maxrec !== undefined ? `MAXREC=${maxrec}` : 'the service row limit';
      ctx.stderr.write(
        `${ctx.errStyle.yellow('warning:')} the result was truncated at ${limit}; raise --maxrec, add TOP, or split the query (adql partition)\n`,
      );
      if (values.strict) return EXIT_PROBLEMS;
    }
    return EXIT_OK;
  },
};

interface AsyncRunOptions {
  maxrec?: number;
  uploads: Record<string, TapUploadSource>;
  signal: AbortSignal;
  onProgress: (e: TapProgressEvent) => void;
  format: ResultFormat | ColumnarFormat;
  streamTo: string | undefined;
  keepJob: boolean;
  timeoutMs: number | undefined;
  progress: ProgressLine;
}

/** Submit, run, wait (Ctrl-C or --timeout aborts the remote job), fetch or stream, delete. */
async function runAsyncJob(
  ctx: CliContext,
  service: TapService,
  adql: string,
  o: AsyncRunOptions,
): Promise<{ result?: TapResult; saved?: SavedResult }> {
  const job = await service.submit(adql, {
    ...(o.maxrec !== undefined ? { maxrec: o.maxrec } : {}),
    uploads: o.uploads,
    signal: o.signal,
    ...(o.streamTo ? { format: SERVER_FORMAT[o.format]! } : {}),
  });
  ctx.stderr.write(`job: ${job.url}\n`);
  let finished = false;
  try {
    await job.run({ signal: o.signal });
    const info = await job.wait({ signal: o.signal, onProgress: o.onProgress, ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
    finished = true;
    if (info.phase !== 'COMPLETED') {
      const error = await job.error().catch(() => undefined);
      o.progress.done();
      throw new RemoteProblem(
        `job ${job.url} ended in phase ${info.phase}${error ? `: ${error.message}` : ''}`,
        o.keepJob ? `inspect it with "adql jobs show ${job.url}"` : undefined,
      );
    }
    const fetchOptions = { signal: o.signal, onProgress: o.onProgress };
    return o.streamTo ? { saved: await job.saveResult(o.streamTo, fetchOptions) } : { result: await job.fetchResult(fetchOptions) };
  } catch (err) {
    if (!finished) {
      // Interrupted or timed out while the job may still run: abort it remotely so it stops using the service.
      o.progress.done();
      await job.abort().catch(() => undefined);
      ctx.stderr.write(`aborted job ${job.url}\n`);
    }
    throw err;
  } finally {
    if (!o.keepJob) await job.delete().catch(() => undefined);
  }
}
