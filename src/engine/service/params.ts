/** Request parameters of DALI/TAP requests: query string, url-encoded and multipart bodies. */
import type { IncomingMessage } from 'node:http';

export class RequestError extends Error {
  override name = 'RequestError';
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface RequestParams {
  /** Parameter values by upper-cased name (DALI names are case-insensitive), in order received. */
  values: Map<string, string[]>;
  /** Multipart file parts by part name (for UPLOAD=t,param:name). */
  files: Map<string, Buffer>;
}

export function param(p: RequestParams, name: string): string | undefined {
  const v = p.values.get(name.toUpperCase());
  return v?.[v.length - 1];
}

function add(p: RequestParams, name: string, value: string): void {
  const key = name.toUpperCase();
  const list = p.values.get(key);
  if (list) list.push(value);
  else p.values.set(key, [value]);
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    req.resume(); // discard the body: the answer is already known
    throw new RequestError(`request body of ${declared} bytes (Content-Length) is larger than the limit of ${limit} bytes`, 413);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RequestError(`request body larger than the limit of ${limit} bytes`, 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readParams(req: IncomingMessage, url: URL, bodyLimit: number): Promise<RequestParams> {
  const p: RequestParams = { values: new Map(), files: new Map() };
  for (const [k, v] of url.searchParams) add(p, k, v);
  if (req.method !== 'POST' && req.method !== 'PUT') return p;
  const type = req.headers['content-type'] ?? '';
  const body = await readBody(req, bodyLimit);
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (!boundary) throw new RequestError('multipart request without a boundary');
    for (const part of multipartParts(body, boundary)) {
      if (part.filename !== undefined) p.files.set(part.name, part.data);
      else add(p, part.name, part.data.toString('utf8'));
      // A part can be both a parameter and an upload source (UPLOAD=t,param:name).
      if (part.filename === undefined) p.files.set(part.name, part.data);
    }
  } else if (body.length > 0) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) add(p, k, v);
  }
  return p;
}

interface Part {
  name: string;
  filename?: string;
  data: Buffer;
}

function multipartParts(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body[start] === 13 && body[start + 1] === 10) start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) throw new RequestError('multipart body ends without its closing boundary');
    let end = next;
    if (body[end - 2] === 13 && body[end - 1] === 10) end -= 2;
    const chunk = body.subarray(start, end);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd === -1) throw new RequestError('multipart part without headers');
    const headers = chunk.subarray(0, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      const part: Part = { name, data: chunk.subarray(headerEnd + 4) };
      if (filename !== undefined) part.filename = filename;
      parts.push(part);
    }
    pos = next;
  }
  return parts;
}
