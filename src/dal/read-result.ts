/**
 * Turns an HTTP response into a TapResult or a typed error: VOTable results are parsed as they
 * stream in; error VOTables (DaCHS: HTTP 200), HTML pages and text bodies become TapQueryError /
 * TapProtocolError naming the URL; overflow is judged and, in strict mode, thrown.
 */
import { looksLikeHtml, parseErrorBody, parseErrorPosition } from './errordoc.js';
import { TapError, TapOverflowError, TapProtocolError, TapQueryError } from './errors.js';
import { isParquetFormat, isXmlContentType } from './formats.js';
import { header, readTextHead, type HttpResponse } from './http.js';
import { judgeOverflow } from './overflow.js';
import { countBytes, type TapProgressListener } from './progress.js';
import { TapResult } from './result.js';
import { TrailingStatusProbe } from './trailing-status.js';
import { redactUrl } from './urls.js';
import { readParquetResult } from './parquet-adapter.js';
import { readResultVOTable } from './votable-adapter.js';

export interface ResultContext {
  /** "sync query", "result of job ..." */
  what: string;
  method: string;
  maxrec?: number | undefined;
  top?: number | undefined;
  /** The service's default output limit, when known (judges overflow when no QUERY_STATUS is given). */
  defaultLimit?: number | undefined;
  strict?: boolean | undefined;
  jobUrl?: string | undefined;
  query?: string | undefined;
  onProgress?: TapProgressListener | undefined;
}

/** Whether an error carries a low-level network code (so the HTTP layer maps and may retry it). */
export function isNetworkFailure(err: unknown): boolean {
  for (let e: unknown = err, d = 0; e instanceof Error && d < 5; e = e.cause, d++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_|HPE_)/.test(code)) return true;
  }
  return false;
}

export function queryError(serverMessage: string, where: string, ctx: Pick<ResultContext, 'jobUrl' | 'query'>): TapQueryError {
  const pos = parseErrorPosition(serverMessage);
  const at = pos.line !== undefined && pos.column !== undefined ? ` [line ${pos.line}, column ${pos.column}]` : '';
  const source = ctx.jobUrl !== undefined ? `job ${ctx.jobUrl}` : where;
  return new TapQueryError(`query failed${at}: ${serverMessage} (${source})`, {
    url: where.replace(/^\S+ /, ''),
    serverMessage,
    line: pos.line,
    column: pos.column,
    jobUrl: ctx.jobUrl,
    query: ctx.query,
  });
}

/** Enough of an unexpected body to quote the server's message. */
const ERROR_TEXT_BYTES = 1 << 20;

/** Reads a non-VOTable body and throws the most useful error for it. */
export async function unexpectedBody(res: HttpResponse, ctx: ResultContext, url: string): Promise<never> {
  const text = await readTextHead(res, ERROR_TEXT_BYTES);
  const parsed = parseErrorBody(text, res.contentType);
  if (parsed.kind === 'votable' || parsed.kind === 'uws') throw queryError(parsed.message, `${ctx.method} ${url}`, ctx);
  const what = looksLikeHtml(text, res.contentType) ? 'an HTML page' : `${res.contentType || 'an untyped body'}`;
  throw new TapProtocolError(
    `${ctx.what}: expected a VOTable, got ${what}${parsed.message === '' ? '' : ` (${parsed.message})`} (${ctx.method} ${url})`,
    { url, status: res.status, serverMessage: parsed.message || undefined },
  );
}

/**
 * Strict mode: a table whose declared nrows differs from the rows read lost rows (or gained some)
 * on the way, a TapProtocolError. Otherwise the lenient read has put it on the report's warnings.
 */
export function requireDeclaredRows(declared: number | undefined, read: number, ctx: ResultContext, url: string): void {
  if (ctx.strict !== true || declared === undefined || declared === read) return;
  throw new TapProtocolError(
    `${ctx.what}: the results table declares nrows="${declared}" but ${read} rows were read (${ctx.method} ${url})`,
    { url },
  );
}

export async function readResult(res: HttpResponse, ctx: ResultContext): Promise<TapResult> {
  const url = redactUrl(res.url);
  const parquet = isParquetFormat(res.contentType);
  if (res.contentType !== '' && !isXmlContentType(res.contentType) && !parquet) return unexpectedBody(res, ctx, url);
  const counter = { bytes: 0 };
  const len = header(res.headers, 'content-length');
  const total = len === undefined ? undefined : Number(len);
  const onProgress = ctx.onProgress;
  const report = onProgress === undefined ? undefined : (received: number) => onProgress({ type: 'bytes', url, received, total });
  let doc;
  const probe = new TrailingStatusProbe();
  try {
    const body = countBytes(res.body as AsyncIterable<Uint8Array>, counter, report);
    doc = parquet ? await readParquetResult(body) : await readResultVOTable(probe.watch(body));
  } catch (err) {
    if (err instanceof TapError || isNetworkFailure(err)) throw err;
    const msg = (err as Error).message;
    throw new TapProtocolError(
      `${ctx.what}: the response is not a readable ${parquet ? 'Parquet file' : 'VOTable'}: ${msg} (${ctx.method} ${url})`,
      {
        url,
        status: res.status,
        cause: err,
      },
    );
  }
  if (doc.status?.toUpperCase() === 'ERROR') {
    throw queryError(doc.statusMessage?.trim() || 'the service reported an error without a message', `${ctx.method} ${url}`, ctx);
  }
  const resultsResource = doc.resources.find((r) => r.type === 'results');
  const table = resultsResource?.tables[0] ?? doc.tables[0];
  if (table === undefined) {
    throw new TapProtocolError(`${ctx.what}: the VOTable holds no TABLE and no error status (${ctx.method} ${url})`, { url });
  }
  const verdict = judgeOverflow({
    status: doc.status,
    rows: table.rowCount,
    maxrec: ctx.maxrec,
    top: ctx.top,
    defaultLimit: ctx.defaultLimit,
    statusAfterTable: probe.statusAfterTable,
  });
  requireDeclaredRows(table.nrows, table.rowCount, ctx, url);
  onProgress?.({ type: 'rows', url, rows: verdict.keepRows });
  const result = new TapResult(doc, table, verdict, {
    url,
    jobUrl: ctx.jobUrl,
    contentType: res.contentType,
    bytes: counter.bytes,
    maxrec: ctx.maxrec,
    top: ctx.top,
  });
  if (ctx.strict === true && verdict.overflow) {
    throw new TapOverflowError(`result overflow: ${verdict.reason} (${ctx.jobUrl ?? `${ctx.method} ${url}`})`, {
      url,
      rowCount: verdict.keepRows,
      maxrec: ctx.maxrec,
      jobUrl: ctx.jobUrl,
    });
  }
  return result;
}
