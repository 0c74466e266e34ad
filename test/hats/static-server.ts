/**
 * A loopback static file server with HTTP range requests (as object stores and CDNs serve HATS
 * catalogues), logging every request so tests can tell what was fetched.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface LoggedRequest {
  method: string;
  path: string;
  range?: string;
  bytes: number;
}

export interface StaticServer {
  url: string;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

/** `ignoreRanges`: answer every GET with the whole file (200), as servers without range support do. */
export async function serveDirectory(root: string, options: { ignoreRanges?: boolean } = {}): Promise<StaticServer> {
  const requests: LoggedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      requests.push({ method: req.method ?? 'GET', path: rel, bytes: 0 });
      res.writeHead(404).end();
      return;
    }
    const size = statSync(file).size;
    const m = options.ignoreRanges ? null : /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    let [start, end] = [0, size - 1];
    if (m) {
      // A suffix range longer than the file is the whole file (RFC 9110, 14.1.2).
      start = m[1] ? Number(m[1]) : Math.max(0, size - Number(m[2]));
      end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
    }
    const length = end - start + 1;
    const entry: LoggedRequest = { method: req.method ?? 'GET', path: rel, bytes: req.method === 'HEAD' ? 0 : length };
    if (req.headers.range) entry.range = req.headers.range;
    requests.push(entry);
    const headers = { 'content-length': String(length), 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream' };
    if (m) res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}` });
    else res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file, { start, end }).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
