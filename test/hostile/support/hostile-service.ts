/**
 * A fake hostile TAP service for the hostile tests and the fuzz run: listens on 127.0.0.1 only,
 * answers each route with a behaviour the test picks (a document, a stall, a trickle, a held WAIT,
 * an endless body), and records what it was asked. Every behaviour is bounded: stalls and holds end
 * after their time, endless bodies after their byte budget or when the client goes away, and
 * close() ends every connection, so a test can never leave the process hanging.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Behaviour = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest, count: number) => void | Promise<void>;

/** Longest a behaviour may hold a connection, whatever it asks for. */
const MAX_HOLD_MS = 15_000;

export class HostileService {
  readonly requests: SeenRequest[] = [];
  private readonly routes = new Map<string, Behaviour>();
  private readonly counts = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server: Server;
  /** Bytes written by the endless behaviours (to check that a client stopped reading). */
  bytesSent = 0;
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= 1 << 20) chunks.push(c); // the body is recorded up to 1 MB
      });
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://127.0.0.1');
        const seen: SeenRequest = {
          method: req.method ?? '',
          path: u.pathname,
          query: u.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(seen);
        const key = `${req.method} ${u.pathname}`;
        const behaviour = this.routes.get(key) ?? this.routes.get(`* ${u.pathname}`);
        const n = (this.counts.get(key) ?? 0) + 1;
        this.counts.set(key, n);
        if (behaviour === undefined) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end(`no route for ${key}`);
          return;
        }
        Promise.resolve(behaviour(req, res, seen, n)).catch(() => res.destroy());
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  on(route: string, behaviour: Behaviour): this {
    this.routes.set(route, behaviour);
    return this;
  }

  reset(): void {
    this.routes.clear();
    this.counts.clear();
    this.requests.length = 0;
    this.bytesSent = 0;
  }

  /** A timer that close() clears, capped at MAX_HOLD_MS. */
  later(ms: number, f: () => void): void {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        f();
      },
      Math.min(ms, MAX_HOLD_MS),
    );
    this.timers.add(t);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // Behaviours -------------------------------------------------------------------------------

  static send(status: number, type: string, body: string | Buffer): Behaviour {
    return (_req, res) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
  }

  /** Headers at once, `head` of the body, then silence for `ms` (then the connection is cut). */
  stallAfter(head: string, ms: number): Behaviour {
    return (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-votable+xml' });
      res.write(head);
      this.later(ms, () => res.destroy());
    };
  }

  /** Answers after `ms` (a held UWS WAIT), with `body`. */
  holdThen(ms: number, type: string, body: () => string): Behaviour {
    return (_req, res) => {
      this.later(ms, () => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': type });
        res.end(body());
      });
    };
  }

  /** A body of `head` then repeated `filler` up to `budget` bytes, stopping when the client goes away. */
  endless(type: string, head: string, filler: string, budget: number, declaredLength?: number): Behaviour {
    return (_req, res) => {
      res.writeHead(200, { 'content-type': type, ...(declaredLength !== undefined ? { 'content-length': String(declaredLength) } : {}) });
      res.write(head);
      const piece = Buffer.from(filler.repeat(Math.max(1, Math.floor(65536 / filler.length))));
      const pump = (): void => {
        while (!res.destroyed && this.bytesSent < budget) {
          this.bytesSent += piece.length;
          if (!res.write(piece)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.destroy();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    };
  }
}

export const UWS_NS = 'xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink"';

export function uwsJob(id: string, phase: string, results: string[] = [], extra = ''): string {
  const list = results.map((href, i) => `<uws:result id="${i === 0 ? 'result' : `r${i}`}" xlink:href="${href}"/>`).join('');
  return (
    `<?xml version="1.0"?><uws:job version="1.1" ${UWS_NS}><uws:jobId>${id}</uws:jobId><uws:phase>${phase}</uws:phase>` +
    `<uws:parameters><uws:parameter id="query">SELECT * FROM t</uws:parameter></uws:parameters><uws:results>${list}</uws:results>${extra}</uws:job>`
  );
}

/** A TABLEDATA result of `rows` int rows, with QUERY_STATUS INFOs placed as asked. */
export function tableResult(rows: number, options: { before?: string; after?: string; nrows?: number } = {}): string {
  const info = (v: string | undefined) => (v === undefined ? '' : `<INFO name="QUERY_STATUS" value="${v}"/>`);
  const tr = Array.from({ length: rows }, (_, i) => `<TR><TD>${i}</TD></TR>`).join('');
  return (
    `<?xml version="1.0"?><VOTABLE version="1.4"><RESOURCE type="results">${info(options.before)}` +
    `<TABLE${options.nrows === undefined ? '' : ` nrows="${options.nrows}"`}><FIELD name="id" datatype="int"/><DATA><TABLEDATA>${tr}</TABLEDATA></DATA></TABLE>` +
    `${info(options.after)}</RESOURCE></VOTABLE>`
  );
}
