/**
 * Builds TAP request bodies: the DALI/TAP parameters (REQUEST, LANG, QUERY, MAXREC,
 * RESPONSEFORMAT, UPLOAD...) as application/x-www-form-urlencoded, or multipart/form-data when
 * tables are uploaded inline.
 */
import { Buffer } from '#bytes';
import type { PreparedUploads } from './uploads.js';

export interface TapParams {
  query: string;
  lang: string;
  /** Sent as given: TapService checks it with checkMaxrec when it builds the parameters. */
  maxrec?: number | undefined;
  responseFormat?: string | undefined;
  /** Further parameters sent verbatim (RUNID, EXECUTIONDURATION, DESTRUCTION, service-specific...). */
  extra?: Record<string, string | number> | undefined;
}

export interface RequestBody {
  body: string | Uint8Array;
  contentType: string;
}

/** The one MAXREC rule (DALI: a non-negative integer); `service` names the service in the message. */
export function checkMaxrec(maxrec: number | undefined, service?: string): number | undefined {
  if (maxrec !== undefined && (!Number.isInteger(maxrec) || maxrec < 0)) {
    throw new RangeError(
      `maxrec must be a non-negative integer, got ${String(maxrec)}${service === undefined ? '' : ` (query to ${service})`}`,
    );
  }
  return maxrec;
}

export function paramList(p: TapParams, uploads?: PreparedUploads): Array<[string, string]> {
  const list: Array<[string, string]> = [
    ['REQUEST', 'doQuery'],
    ['LANG', p.lang],
    ['QUERY', p.query],
  ];
  if (p.maxrec !== undefined) list.push(['MAXREC', String(p.maxrec)]);
  if (p.responseFormat !== undefined) list.push(['RESPONSEFORMAT', p.responseFormat]);
  if (uploads !== undefined && uploads.uploadParam !== '') list.push(['UPLOAD', uploads.uploadParam]);
  for (const [k, v] of Object.entries(p.extra ?? {})) list.push([k, String(v)]);
  return list;
}

export function formBody(params: Array<[string, string]>): RequestBody {
  return {
    body: new URLSearchParams(params).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

function quoteName(s: string): string {
  return s.replace(/["\r\n\\]/g, '_');
}

/** multipart/form-data with the parameters first, then one file part per inline upload. */
export function multipartBody(params: Array<[string, string]>, uploads: PreparedUploads): RequestBody {
  const boundary = `----adqlkit${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of params) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoteName(name)}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  for (const part of uploads.parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoteName(part.name)}"; filename="${quoteName(part.filename)}"\r\n` +
          `Content-Type: ${part.contentType}\r\n\r\n`,
        'utf8',
      ),
    );
    chunks.push(Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength));
    chunks.push(Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function requestBody(p: TapParams, uploads?: PreparedUploads): RequestBody {
  const params = paramList(p, uploads);
  return uploads !== undefined && uploads.parts.length > 0 ? multipartBody(params, uploads) : formBody(params);
}
