/**
 * Streams a result straight to a file in the server's format (VOTable, CSV, FITS...), without
 * parsing it. The file appears only when complete (written to "<path>.part", then renamed), an
 * error document is recognised in the first bytes and thrown instead of being saved, and the
 * overflow sign (QUERY_STATUS after the TABLE, or the row count for CSV/TSV) is reported.
 */
import { createWriteStream, once, rename, unlink } from '#host';
import { parseErrorBody } from './errordoc.js';
import { TapProtocolError } from './errors.js';
import { isXmlContentType } from './formats.js';
import { header, type HttpResponse } from './http.js';
import type { TapProgressListener } from './progress.js';
import { queryError, type ResultContext } from './read-result.js';
import { redactUrl } from './urls.js';

export interface SavedResult {
  path: string;
  bytes: number;
  /** The Content-Type the server sent (the file's format). */
  contentType: string;
  /** True/false when the format tells; undefined when it cannot (binary formats such as FITS). */
  overflow: boolean | undefined;
  /** Why overflow is what it is. */
  overflowReason: string;
  url: string;
  jobUrl: string | undefined;
}

const HEAD = 64 * 1024;
const TAIL = 8 * 1024;

function lastQueryStatus(text: string): string | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(/<INFO\b[^>]*\bname\s*=\s*["']QUERY_STATUS["'][^>]*>/g)) {
    const v = /\bvalue\s*=\s*["']([^"']*)["']/.exec(m[0]);
    if (v !== null) last = (v[1] ?? '').toUpperCase();
  }
  return last;
}

/** Error documents: a VOTable with QUERY_STATUS=ERROR and no TABLE, or a UWS/HTML error body. */
function errorInHead(head: string, contentType: string, complete: boolean): string | undefined {
  if (/<VOTABLE\b/.test(head)) {
    if (/<TABLE\b/.test(head)) return undefined;
    if (lastQueryStatus(head) === 'ERROR') return parseErrorBody(head, contentType).message;
    return undefined;
  }
  if (complete && /html/i.test(contentType)) return parseErrorBody(head, contentType).message;
  return undefined;
}

export async function saveResponse(
  res: HttpResponse,
  path: string,
  ctx: ResultContext & { onProgress?: TapProgressListener | undefined },
): Promise<SavedResult> {
  const url = redactUrl(res.url);
  const partPath = `${path}.part`;
  const xml = isXmlContentType(res.contentType);
  const len = header(res.headers, 'content-length');
  const total = len === undefined ? undefined : Number(len);
  let headBuf: Buffer[] = [];
  let headSize = 0;
  let headChecked = false;
  let tail = '';
  let bytes = 0;
  let newlines = 0;
  let lastReport = 0;
  const out = createWriteStream(partPath);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const write = async (chunk: Buffer): Promise<void> => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  const checkHead = async (complete: boolean): Promise<void> => {
    headChecked = true;
    const head = Buffer.concat(headBuf);
    headBuf = [];
    const text = head.toString('utf8');
    const message = errorInHead(text, res.contentType, complete);
    if (message !== undefined) throw queryError(message || 'the service returned an error document', `${ctx.method} ${url}`, ctx);
    if (!xml && /^\s*<VOTABLE\b|^\s*<\?xml/.test(text) && /QUERY_STATUS/.test(text) && !/<TABLE\b/.test(text) && complete) {
      throw queryError(parseErrorBody(text).message, `${ctx.method} ${url}`, ctx);
    }
    await write(head);
  };
  try {
    for await (const raw of res.body) {
      const chunk = raw as Buffer;
      bytes += chunk.length;
      if (!xml) for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) newlines++;
      if (xml) tail = (tail + chunk.subarray(Math.max(0, chunk.length - TAIL)).toString('latin1')).slice(-TAIL);
      if (!headChecked) {
        headBuf.push(chunk);
        headSize += chunk.length;
        if (headSize >= HEAD) await checkHead(false);
      } else {
        await write(chunk);
      }
      if (ctx.onProgress !== undefined && bytes - lastReport >= 65536) {
        lastReport = bytes;
        ctx.onProgress({ type: 'bytes', url, received: bytes, total });
      }
    }
    if (bytes === 0) throw new TapProtocolError(`${ctx.what}: empty result body (${ctx.method} ${url})`, { url });
    if (!headChecked) await checkHead(true);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    await rename(partPath, path);
  } catch (err) {
    out.destroy();
    await unlink(partPath).catch(() => undefined);
    throw err;
  }
  ctx.onProgress?.({ type: 'bytes', url, received: bytes, total });
  let overflow: boolean | undefined;
  let reason: string;
  if (xml) {
    const status = lastQueryStatus(tail);
    const tableEnd = tail.lastIndexOf('</TABLE');
    const limit = ctx.maxrec ?? ctx.defaultLimit;
    if (status === 'OK' && tableEnd >= 0 && lastQueryStatus(tail.slice(tableEnd)) === undefined && limit !== undefined) {
      // OK written before the rows were counted says nothing about MAXREC: the file cannot tell.
      overflow = undefined;
      reason = `the only QUERY_STATUS (OK) precedes the table and none follows it: whether the limit of ${limit} rows cut the result is not stated; count the rows`;
    } else {
      overflow = status === 'OVERFLOW';
      reason = status === undefined ? 'no QUERY_STATUS at the end of the document' : `last QUERY_STATUS is ${status}`;
    }
  } else if (/csv|tab-separated|text\/plain/i.test(res.contentType)) {
    const headerLine = /header=absent/i.test(res.contentType) || /tab-separated/i.test(res.contentType) ? 0 : 1;
    const rows = Math.max(0, newlines - headerLine);
    const limit = ctx.maxrec ?? ctx.defaultLimit;
    overflow = limit !== undefined && rows >= limit && !(ctx.top !== undefined && ctx.top <= limit);
    reason =
      limit === undefined
        ? `${rows} rows; ${res.contentType} carries no overflow sign and the limit is unknown`
        : `${rows} rows for a limit of ${limit}; ${res.contentType} carries no overflow sign, judged from the row count`;
  } else {
    overflow = undefined;
    reason = `${res.contentType || 'this format'} carries no overflow sign`;
  }
  return { path, bytes, contentType: res.contentType, overflow, overflowReason: reason, url, jobUrl: ctx.jobUrl };
}
