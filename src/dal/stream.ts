/**
 * Streaming results with bounded memory: the VOTable is read batch by batch (the VOTable module's
 * streamVOTable) while it arrives; each batch is handed out with row progress. The overflow verdict
 * comes with the end event, since services put OVERFLOW after the table.
 */
import { TapError, TapOverflowError, TapProtocolError } from './errors.js';
import { isXmlContentType } from './formats.js';
import { header, type HttpResponse } from './http.js';
import { judgeOverflow, type OverflowVerdict } from './overflow.js';
import { countBytes } from './progress.js';
import { requireDeclaredRows, isNetworkFailure, queryError, unexpectedBody, type ResultContext } from './read-result.js';
import { TrailingStatusProbe } from './trailing-status.js';
import { redactUrl } from './urls.js';
import {
  streamResultVOTable,
  type VOTableDocument,
  type VOTableField,
  type VOTableReadReport,
  type VOTableTable,
} from './votable-adapter.js';

export type TapStreamEvent =
  /** The result table's columns, before any row. */
  | { type: 'columns'; columns: VOTableField[] }
  /**
   * A batch of rows: `rows` holds them column-oriented; only its first `count` rows belong to the
   * result (fewer than rows.rowCount only when the service sent more than MAXREC).
   */
  | { type: 'rows'; firstRow: number; count: number; rows: VOTableTable }
  /**
   * The end: rows handed out, overflow verdict, the document's INFOs and status, and the read
   * report (`report.invalidCells` cells that broke the standard were read as null or with null elements, never silently).
   */
  | {
      type: 'end';
      rowCount: number;
      overflow: boolean;
      overflowInfo: OverflowVerdict;
      document: VOTableDocument;
      bytes: number;
      warnings: string[];
      report: VOTableReadReport;
    };

export async function* streamResult(
  res: HttpResponse,
  ctx: ResultContext & { batchSize?: number | undefined },
): AsyncGenerator<TapStreamEvent> {
  const url = redactUrl(res.url);
  if (res.contentType !== '' && !isXmlContentType(res.contentType)) {
    await unexpectedBody(res, ctx, url);
    return;
  }
  const counter = { bytes: 0 };
  const len = header(res.headers, 'content-length');
  const total = len === undefined ? undefined : Number(len);
  const onProgress = ctx.onProgress;
  const report = onProgress === undefined ? undefined : (received: number) => onProgress({ type: 'bytes', url, received, total });
  const limit = ctx.maxrec ?? Infinity;
  let resultTable: number | undefined;
  let handedOut = 0;
  let sent = 0;
  const probe = new TrailingStatusProbe();
  try {
    for await (const ev of streamResultVOTable(
      probe.watch(countBytes(res.body as AsyncIterable<Uint8Array>, counter, report)),
      ctx.batchSize,
    )) {
      if (ev.type === 'table') {
        if (resultTable === undefined) {
          resultTable = ev.tableIndex;
          yield { type: 'columns', columns: ev.table.columns };
        }
      } else if (ev.type === 'rows') {
        if (ev.tableIndex !== resultTable) continue;
        sent += ev.rows.rowCount;
        const count = Math.max(0, Math.min(ev.rows.rowCount, limit - handedOut));
        if (count === 0) continue;
        yield { type: 'rows', firstRow: handedOut, count, rows: ev.rows };
        handedOut += count;
        onProgress?.({ type: 'rows', url, rows: handedOut });
      } else {
        const doc = ev.document;
        if (doc.status?.toUpperCase() === 'ERROR') {
          throw queryError(doc.statusMessage?.trim() || 'the service reported an error without a message', `${ctx.method} ${url}`, ctx);
        }
        if (resultTable === undefined) {
          throw new TapProtocolError(`${ctx.what}: the VOTable holds no TABLE and no error status (${ctx.method} ${url})`, { url });
        }
        const verdict = judgeOverflow({
          status: doc.status,
          rows: sent,
          maxrec: ctx.maxrec,
          top: ctx.top,
          defaultLimit: ctx.defaultLimit,
          statusAfterTable: probe.statusAfterTable,
        });
        requireDeclaredRows(doc.tables[resultTable]?.nrows, sent, ctx, url);
        if (ctx.strict === true && verdict.overflow) {
          throw new TapOverflowError(`result overflow: ${verdict.reason} (${ctx.jobUrl ?? `${ctx.method} ${url}`})`, {
            url,
            rowCount: handedOut,
            maxrec: ctx.maxrec,
            jobUrl: ctx.jobUrl,
          });
        }
        yield {
          type: 'end',
          rowCount: handedOut,
          overflow: verdict.overflow,
          overflowInfo: verdict,
          document: doc,
          bytes: counter.bytes,
          warnings: [...doc.report.warnings],
          report: doc.report,
        };
      }
    }
  } catch (err) {
    if (err instanceof TapError || isNetworkFailure(err)) throw err;
    throw new TapProtocolError(`${ctx.what}: the response is not a readable VOTable: ${(err as Error).message} (${ctx.method} ${url})`, {
      url,
      cause: err,
    });
  }
}
