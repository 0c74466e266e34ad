/**
 * A deliberately misbehaving TAP-ish HTTP server on loopback for fault tests: each test installs
 * route handlers; every request is recorded (method, path, headers, body) so tests can check
 * retries and that credentials never reach another host.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string, count: number) => void | Promise<void>;

export class FaultServer {
  readonly requests: RecordedRequest[] = [];
  private routes = new Map<string, Handler>();
  private counts = new Map<string, number>();
  private server: Server;
  url = '';

  constructor(private readonly host = '127.0.0.1') {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        this.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
        const key = `${req.method} ${path.split('?')[0]}`;
        const handler = this.routes.get(key) ?? this.routes.get(`* ${path.split('?')[0]}`);
        const n = (this.counts.get(key) ?? 0) + 1;
        this.counts.set(key, n);
        if (handler === undefined) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end(`no route for ${key}`);
          return;
        }
        Promise.resolve(handler(req, res, body, n)).catch((err: unknown) => {
          res.destroy(err as Error);
        });
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, this.host, () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://${this.host}:${port}`;
    return this;
  }

  /** Route "METHOD /path" (or "* /path") to a handler; the handler gets the call count. */
  on(route: string, handler: Handler): this {
    this.routes.set(route, handler);
    return this;
  }

  reset(): void {
    this.routes.clear();
    this.counts.clear();
    this.requests.length = 0;
  }

  hits(pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(pathPrefix));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const VOTABLE_OK = `<?xml version="1.0"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results">
<INFO name="QUERY_STATUS" value="OK"/>
<TABLE><FIELD name="id" datatype="int"/><FIELD name="name" datatype="char" arraysize="*"/>
<DATA><TABLEDATA><TR><TD>1</TD><TD>a</TD></TR><TR><TD>2</TD><TD>b</TD></TR></TABLEDATA></DATA></TABLE>
</RESOURCE></VOTABLE>`;

export function votableError(message: string): string {
  return `<?xml-stylesheet href='/static/xsl/dalierror-to-html.xsl' type='text/xsl'?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">${message}</INFO></RESOURCE></VOTABLE>`;
}

export function jobDoc(id: string, phase: string, resultHref?: string): string {
  const results =
    resultHref === undefined ? '<uws:results/>' : `<uws:results><uws:result id="result" xlink:href="${resultHref}"/></uws:results>`;
  return `<uws:job version="1.1" xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink"><uws:jobId>${id}</uws:jobId><uws:phase>${phase}</uws:phase><uws:executionDuration>60</uws:executionDuration><uws:parameters><uws:parameter id="query">SELECT id FROM t</uws:parameter></uws:parameters>${results}</uws:job>`;
}
