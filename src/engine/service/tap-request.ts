/** One TAP query request (sync or one async job's run): parameters in, serialized result out. */
import type { LocalEngine } from '../engine.js';
import { LocalQueryError } from '../errors.js';
import { type StagedTable, stageVOTable } from '../loaders.js';
import { EngineError } from '../errors.js';
import { errorVOTable, outputFormat, serialize } from './output.js';
import { RequestError, type RequestParams, param } from './params.js';
import type { ServiceLimits } from './vosi.js';

export interface TapResponse {
  status: number;
  contentType: string;
  /** Text, or bytes for Parquet. */
  body: string | Uint8Array;
  /** Set for failed queries: the message (also inside the error VOTable). */
  error?: string;
}

export function errorResponse(message: string, status = 400): TapResponse {
  return { status, contentType: 'application/x-votable+xml', body: errorVOTable(message), error: message };
}

/** Validates the parameters that do not need the engine; throws RequestError. */
export function checkTapParams(p: RequestParams): void {
  const request = param(p, 'REQUEST');
  if (request !== undefined && request !== 'doQuery') {
    throw new RequestError(`REQUEST=${request} is not supported; use REQUEST=doQuery (or leave it out)`);
  }
  const lang = param(p, 'LANG');
  if (lang !== undefined && !/^ADQL(-2\.[01])?$/i.test(lang)) {
    throw new RequestError(`LANG=${lang} is not supported; this service speaks ADQL (ADQL-2.0, ADQL-2.1)`);
  }
  const format = param(p, 'RESPONSEFORMAT') ?? param(p, 'FORMAT');
  if (!outputFormat(format)) {
    throw new RequestError(`RESPONSEFORMAT=${format} is not supported; use votable, votable/td, votable/b2, csv or tsv`);
  }
  const maxrec = param(p, 'MAXREC');
  if (maxrec !== undefined && !/^\s*\d+\s*$/.test(maxrec)) throw new RequestError(`MAXREC=${maxrec} is not a non-negative integer`);
}

/** Resolves UPLOAD=name,uri[;name,uri] into staged tables (inline parts or http(s) URLs). */
export async function resolveUploads(p: RequestParams, limits: ServiceLimits): Promise<Record<string, StagedTable>> {
  const spec = p.values.get('UPLOAD') ?? [];
  const out: Record<string, StagedTable> = {};
  for (const item of spec.flatMap((s) => s.split(';')).filter((s) => s.trim() !== '')) {
    const comma = item.indexOf(',');
    if (comma < 0) throw new RequestError(`UPLOAD=${item}: expected name,uri`);
    const name = item.slice(0, comma).trim();
    const uri = item.slice(comma + 1).trim();
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new RequestError(`UPLOAD table name "${name}" is not a regular ADQL identifier`);
    let bytes: Uint8Array;
    if (uri.startsWith('param:')) {
      const part = p.files.get(uri.slice(6));
      if (!part) throw new RequestError(`UPLOAD=${name},${uri}: the request has no part named ${uri.slice(6)}`);
      bytes = part;
    } else if (/^https?:\/\//i.test(uri)) {
      bytes = await fetchUpload(name, uri, limits.uploadLimitBytes);
    } else {
      throw new RequestError(`UPLOAD=${name},${uri}: the URI must be param:<part> or an http(s) URL`);
    }
    if (bytes.length > limits.uploadLimitBytes) {
      throw new RequestError(`UPLOAD=${name}: ${bytes.length} bytes exceed the upload limit of ${limits.uploadLimitBytes}`);
    }
    try {
      out[name] = await stageVOTable(bytes, `UPLOAD ${name}`);
    } catch (err) {
      if (err instanceof EngineError) throw new RequestError(err.message);
      throw err;
    }
  }
  return out;
}

/**
 * Downloads an upload given by URL within the upload limit: a declared Content-Length over the
 * limit is refused before any byte is read, and the body is counted as it streams, so a server
 * that lies about (or omits) its length is cut off at the limit (30 s in all).
 */
async function fetchUpload(name: string, uri: string, limit: number): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(30_000);
  const res = await fetch(uri, { signal }).catch((err: Error) => {
    throw new RequestError(`UPLOAD=${name}: cannot fetch ${uri}: ${err.message}`);
  });
  const tooBig = (size: string): RequestError =>
    new RequestError(`UPLOAD=${name}: ${uri} is ${size} bytes, over the upload limit of ${limit}`, 413);
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new RequestError(`UPLOAD=${name}: ${uri} answered HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw tooBig(String(declared));
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body !== null) {
    const reader = res.body.getReader();
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        size += r.value.byteLength;
        if (size > limit) throw tooBig(`more than ${limit}`);
        chunks.push(r.value);
      }
    } catch (err) {
      await reader.cancel().catch(() => undefined);
      if (err instanceof RequestError) throw err;
      throw new RequestError(`UPLOAD=${name}: reading ${uri} failed: ${(err as Error).message}`);
    }
  }
  return Buffer.concat(chunks, size);
}

/** Runs the query a request describes and serializes the result. */
export async function runTapQuery(
  engine: LocalEngine,
  p: RequestParams,
  limits: ServiceLimits,
  uploads?: Record<string, StagedTable>,
): Promise<TapResponse> {
  try {
    checkTapParams(p);
    const query = param(p, 'QUERY');
    if (query === undefined || query.trim() === '') throw new RequestError('the QUERY parameter is missing');
    const format = outputFormat(param(p, 'RESPONSEFORMAT') ?? param(p, 'FORMAT'))!;
    const maxrecText = param(p, 'MAXREC');
    const maxrec = Math.min(maxrecText === undefined ? limits.defaultMaxrec : Number(maxrecText), limits.hardMaxrec);
    const tables = uploads ?? (await resolveUploads(p, limits));
    const result = await engine.query(query, { maxrec, uploads: tables });
    return { status: 200, contentType: format.mime, body: await serialize(result, format) };
  } catch (err) {
    // Query errors answer HTTP 200 with an error VOTable, as DaCHS does (DALI allows either).
    if (err instanceof LocalQueryError) return errorResponse(`Query error: ${err.describe()}`, 200);
    if (err instanceof RequestError) return errorResponse(err.message, err.status);
    return errorResponse(`Internal error: ${(err as Error).message}`, 500);
  }
}
