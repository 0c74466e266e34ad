/**
 * The local TAP 1.1 service on node:http: /sync, /async (UWS 1.1), /capabilities, /tables,
 * /availability, /examples. Loopback only by default.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalEngine, type LocalEngineOptions } from '../engine.js';
import { EngineError } from '../errors.js';
import type { TableSource } from '../types.js';
import { SAMPLE_EXAMPLES, SAMPLE_FOREIGN_KEYS, sampleTables } from '../sample.js';
import { adqlName } from '../tap-schema.js';
import { errorVOTable } from './output.js';
import { RequestError, type RequestParams, param, readParams } from './params.js';
import { errorResponse, resolveUploads, runTapQuery, type TapResponse } from './tap-request.js';
import { applyCors } from './cors.js';
import { ACTIVE_PHASES, type Job, JobStore, type Phase, isoTime, jobListXml, jobXml } from './uws.js';
import { type Example, type ServiceLimits, availabilityXml, capabilitiesXml, examplesXhtml, singleTableXml, tablesXml } from './vosi.js';

export interface LocalServiceOptions extends LocalEngineOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (loopback only). */
  host?: string;
  /** Use an existing engine instead of creating one from `tables`. */
  engine?: LocalEngine;
  /** DALI examples served at /examples (defaults to a few generic queries on the first table). */
  examples?: Example[];
  limits?: Partial<ServiceLimits>;
  /**
   * Page origins (scheme://host:port) allowed to call the service from a browser, besides the
   * loopback ones, which always are; '*' allows any (see cors.ts).
   */
  corsOrigins?: string[];
}

export interface LocalService {
  /** The TAP base URL, e.g. http://127.0.0.1:41234/tap */
  url: string;
  port: number;
  engine: LocalEngine;
  close(): Promise<void>;
}

const DEFAULT_LIMITS: ServiceLimits = {
  defaultMaxrec: 20000,
  hardMaxrec: 10_000_000,
  uploadLimitBytes: 50_000_000,
  retentionSeconds: 86400,
  executionSeconds: 3600,
};

const XML_TYPE = 'text/xml; charset=utf-8';
const SERVER = 'adqlkit-local-tap';
const MAX_WAIT_SECONDS = 600;

/**
 * Starts a local TAP service. Without `tables` (and without `engine`) it serves the sample catalogue
 * shipped with adqlkit (sample.galaxies, sample.observations).
 */
export async function createLocalService(options: LocalServiceOptions = {}): Promise<LocalService> {
  const useSample = !options.engine && options.tables === undefined && !options.hats?.length;
  if (useSample) {
    options = { ...options, tables: sampleTables(), foreignKeys: options.foreignKeys ?? SAMPLE_FOREIGN_KEYS };
    options.examples ??= SAMPLE_EXAMPLES;
  }
  const engine = options.engine ?? (await LocalEngine.create(options));
  const limits: ServiceLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const jobs = new JobStore(limits.retentionSeconds, limits.executionSeconds);
  const upSince = new Date();
  const host = options.host ?? '127.0.0.1';
  let base = '';
  const examples = options.examples ?? defaultExamples(engine);

  const server: Server = createServer((req, res) => {
    if (applyCors(req, res, options.corsOrigins ?? [])) return;
    handle(req, res).catch((err: Error) => {
      if (res.headersSent) res.destroy();
      else if (err instanceof RequestError) send(res, err.status, 'application/x-votable+xml', errorVOTable(err.message));
      else send(res, 500, 'application/x-votable+xml', errorVOTable(`Internal error: ${err.message}`));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base.replace(/\/tap$/, ''));
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/' || path === '/tap') return send(res, 200, 'text/plain; charset=utf-8', landing(base, engine));
    if (!path.startsWith('/tap/'))
      return send(res, 404, 'text/plain; charset=utf-8', `no such resource: ${url.pathname}; the TAP service is at ${base}\n`);
    const rest = path.slice(5);
    switch (rest) {
      case 'capabilities':
        return send(res, 200, XML_TYPE, capabilitiesXml(base, limits));
      case 'availability':
        return send(res, 200, XML_TYPE, availabilityXml(upSince));
      case 'tables':
        return send(res, 200, XML_TYPE, tablesXml(engine.listTables(), engine.foreignKeys(), url.searchParams.get('detail') !== 'min'));
      case 'examples':
        return send(res, 200, 'application/xhtml+xml; charset=utf-8', examplesXhtml(examples));
      case 'sync':
        return sync(req, res, url);
      case 'async':
        return asyncList(req, res, url);
    }
    if (rest.startsWith('tables/')) {
      let name: string;
      try {
        name = decodeURIComponent(rest.slice(7)).toLowerCase();
      } catch {
        return send(res, 400, 'text/plain; charset=utf-8', `malformed %-escape in the table name: ${rest.slice(7)}\n`);
      }
      const t = engine.listTables().find((x) => adqlName(x).toLowerCase() === name);
      return t
        ? send(res, 200, XML_TYPE, singleTableXml(t, engine.foreignKeys()))
        : send(res, 404, 'text/plain; charset=utf-8', `no table ${name}\n`);
    }
    if (rest.startsWith('async/')) return asyncJob(req, res, url, rest.slice(6).split('/'));
    return send(res, 404, 'text/plain; charset=utf-8', `no such resource: ${url.pathname}\n`);
  }

  async function params(req: IncomingMessage, url: URL): Promise<RequestParams> {
    return readParams(req, url, limits.uploadLimitBytes + 1_000_000);
  }

  async function sync(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let p: RequestParams;
    try {
      p = await params(req, url);
    } catch (err) {
      return sendTap(res, errorResponse((err as Error).message, (err as RequestError).status ?? 400));
    }
    sendTap(res, await runTapQuery(engine, p, limits));
  }

  async function asyncList(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'GET') {
      let list = jobs.list();
      const phases = url.searchParams.getAll('PHASE');
      if (phases.length) list = list.filter((j) => phases.includes(j.phase));
      else list = list.filter((j) => j.phase !== 'ARCHIVED');
      const after = url.searchParams.get('AFTER');
      if (after) list = list.filter((j) => j.creationTime > new Date(after));
      const last = Number(url.searchParams.get('LAST'));
      list.sort((a, b) => b.creationTime.getTime() - a.creationTime.getTime());
      if (last > 0) list = list.slice(0, last);
      return send(res, 200, XML_TYPE, jobListXml(list, `${base}/async`));
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'use GET or POST\n');
    let p: RequestParams;
    try {
      // Parameter problems (LANG, FORMAT...) surface when the job runs, as UWS expects.
      p = await params(req, url);
    } catch (err) {
      return sendTap(res, errorResponse((err as Error).message, (err as RequestError).status ?? 400));
    }
    const job = jobs.create(p);
    try {
      // Inline uploads are read now: the request body is gone once this request ends.
      job.uploads = await resolveUploads(p, limits);
    } catch (err) {
      jobs.delete(job.id);
      return sendTap(res, errorResponse((err as Error).message));
    }
    if (param(p, 'PHASE')?.toUpperCase() === 'RUN') start(job);
    redirect(res, `${base}/async/${job.id}`);
  }

  function start(job: Job): void {
    if (job.phase !== 'PENDING' && job.phase !== 'HELD') return;
    jobs.setPhase(job, 'QUEUED');
    setImmediate(async () => {
      if (job.phase !== 'QUEUED') return;
      jobs.setPhase(job, 'EXECUTING');
      const response = await runTapQuery(engine, job.params, limits, job.uploads);
      if ((job.phase as Phase) !== 'EXECUTING') return; // aborted meanwhile
      if (response.error !== undefined) {
        job.error = response.error;
        job.result = response;
        jobs.setPhase(job, 'ERROR');
      } else {
        job.result = response;
        jobs.setPhase(job, 'COMPLETED');
      }
    });
  }

  async function asyncJob(req: IncomingMessage, res: ServerResponse, url: URL, parts: string[]): Promise<void> {
    const [id, sub, subsub] = parts;
    const job = id ? jobs.get(id) : undefined;
    if (!job)
      return send(
        res,
        404,
        'application/x-votable+xml',
        errorVOTable(`no job ${id} at ${base}/async/${id ?? ''} (it may have been deleted or destroyed)`),
      );
    const jobUrl = `${base}/async/${job.id}`;
    const p = req.method === 'POST' || req.method === 'DELETE' ? await params(req, url) : undefined;
    const method = req.method === 'POST' && p && param(p, 'ACTION')?.toUpperCase() === 'DELETE' ? 'DELETE' : req.method;

    if (sub === undefined) {
      if (method === 'DELETE') {
        jobs.delete(job.id);
        return redirect(res, `${base}/async`);
      }
      if (method === 'POST' && p) {
        applyJobParams(job, p);
        return redirect(res, jobUrl);
      }
      const wait = url.searchParams.get('WAIT');
      if (wait !== null && ACTIVE_PHASES.includes(job.phase)) {
        const seconds = Number(wait) < 0 ? MAX_WAIT_SECONDS : Math.min(Number(wait) || 0, MAX_WAIT_SECONDS);
        const phaseParam = url.searchParams.get('PHASE') as Phase | null;
        if (!phaseParam || phaseParam === job.phase) await jobs.waitForChange(job, job.phase, seconds);
      }
      return send(res, 200, XML_TYPE, jobXml(job, jobUrl));
    }
    switch (sub) {
      case 'phase':
        if (method === 'POST' && p) {
          const phase = param(p, 'PHASE')?.toUpperCase();
          if (phase === 'RUN') start(job);
          else if (phase === 'ABORT') {
            if (ACTIVE_PHASES.includes(job.phase)) jobs.setPhase(job, 'ABORTED');
          } else return send(res, 400, 'text/plain; charset=utf-8', `PHASE=${phase ?? ''}: use RUN or ABORT\n`);
          return redirect(res, jobUrl);
        }
        return send(res, 200, 'text/plain; charset=utf-8', job.phase);
      case 'executionduration':
        if (method === 'POST' && p) {
          const v = Number(param(p, 'EXECUTIONDURATION'));
          if (Number.isFinite(v) && v >= 0 && job.phase === 'PENDING')
            job.executionDuration = Math.min(v, limits.executionSeconds) || limits.executionSeconds;
          return redirect(res, jobUrl);
        }
        return send(res, 200, 'text/plain; charset=utf-8', String(job.executionDuration));
      case 'destruction':
        if (method === 'POST' && p) {
          const d = new Date(param(p, 'DESTRUCTION') ?? '');
          if (!Number.isNaN(d.getTime()))
            job.destruction = new Date(Math.min(d.getTime(), job.creationTime.getTime() + limits.retentionSeconds * 1000));
          return redirect(res, jobUrl);
        }
        return send(res, 200, 'text/plain; charset=utf-8', isoTime(job.destruction));
      case 'quote':
        return send(res, 200, 'text/plain; charset=utf-8', '');
      case 'owner':
        return send(res, 200, 'text/plain; charset=utf-8', '');
      case 'parameters':
        if (method === 'POST' && p) {
          applyJobParams(job, p);
          return redirect(res, jobUrl);
        }
        return send(
          res,
          200,
          XML_TYPE,
          jobXml(job, jobUrl).replace(
            /^[\s\S]*?(<uws:parameters>[\s\S]*?<\/uws:parameters>)[\s\S]*$/,
            (_m, x: string) =>
              `<?xml version="1.0" encoding="UTF-8"?>\n${x.replace('<uws:parameters>', '<uws:parameters xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0">')}\n`,
          ),
        );
      case 'results':
        if (subsub === 'result') {
          if (job.phase === 'COMPLETED' && job.result) return sendTap(res, job.result);
          return send(res, 404, 'application/x-votable+xml', errorVOTable(`job ${job.id} has no result (phase ${job.phase})`));
        }
        return send(
          res,
          200,
          XML_TYPE,
          jobXml(job, jobUrl).replace(
            /^[\s\S]*?(<uws:results>[\s\S]*?<\/uws:results>)[\s\S]*$/,
            (_m, x: string) =>
              `<?xml version="1.0" encoding="UTF-8"?>\n${x.replace('<uws:results>', '<uws:results xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink">')}\n`,
          ),
        );
      case 'error':
        if (job.phase === 'ERROR' && job.error !== undefined) return send(res, 200, 'application/x-votable+xml', errorVOTable(job.error));
        return send(res, 404, 'text/plain; charset=utf-8', `job ${job.id} has no error (phase ${job.phase})\n`);
    }
    return send(res, 404, 'text/plain; charset=utf-8', `no such job resource: ${sub}\n`);
  }

  function applyJobParams(job: Job, p: RequestParams): void {
    if (job.phase !== 'PENDING') return;
    for (const [k, v] of p.values) if (k !== 'ACTION' && k !== 'PHASE') job.params.values.set(k, v);
    if (param(p, 'PHASE')?.toUpperCase() === 'RUN') start(job);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}/tap`;

  return {
    url: base,
    port,
    engine,
    close: async () => {
      jobs.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.engine) await engine.close();
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), server: SERVER });
  res.end(body);
}

function sendTap(res: ServerResponse, r: TapResponse): void {
  send(res, r.status, r.contentType, r.body);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'content-type': 'text/plain; charset=utf-8', server: SERVER });
  res.end(`See ${location}\n`);
}

function landing(base: string, engine: LocalEngine): string {
  const names = engine
    .listTables()
    .map(adqlName)
    .filter((n) => !n.toLowerCase().startsWith('tap_schema.'));
  return `adqlkit local TAP service\nTAP base URL: ${base}\nTables: ${names.join(', ')}\n`;
}

function defaultExamples(engine: LocalEngine): Example[] {
  const t = engine.listTables().find((x) => x.schema?.toLowerCase() !== 'tap_schema');
  const out: Example[] = [
    {
      id: 'tables',
      name: 'List the tables',
      description: 'Every table this service publishes.',
      query: 'SELECT table_name, description FROM TAP_SCHEMA.tables',
    },
    {
      id: 'columns',
      name: 'Describe the columns',
      description: 'Columns of every table with units and UCDs.',
      query: 'SELECT table_name, column_name, unit, ucd, description FROM TAP_SCHEMA.columns ORDER BY table_name',
    },
  ];
  if (!t) return out;
  const name = adqlName(t);
  out.push({
    id: 'count',
    name: `Rows of ${name}`,
    description: `How many rows ${name} holds.`,
    query: `SELECT COUNT(*) AS n FROM ${name}`,
  });
  out.push({ id: 'first-rows', name: `First rows of ${name}`, description: `Ten rows of ${name}.`, query: `SELECT TOP 10 * FROM ${name}` });
  const ra = t.columns.find((c) => c.ucd?.startsWith('pos.eq.ra'));
  const dec = t.columns.find((c) => c.ucd?.startsWith('pos.eq.dec'));
  if (ra && dec) {
    out.push({
      id: 'cone',
      name: 'Cone search',
      description: `Objects of ${name} within one degree of (RA, Dec) = (150, 2).`,
      query: `SELECT * FROM ${name} WHERE 1 = CONTAINS(POINT('ICRS', ${ra.name}, ${dec.name}), CIRCLE('ICRS', 150, 2, 1))`,
    });
  }
  return out;
}

export interface ServeLocalOptions {
  /** `name=FILE` specs (as `adql serve --table name=FILE`), or table sources; none: the sample catalogue. */
  tables?: Array<string | TableSource>;
  /** `name=DIR_OR_URL` specs (as `adql serve --hats`): HATS catalogues read partition by partition. */
  hats?: string[];
  port?: number;
  host?: string;
  /** Page origins allowed to call the service from a browser besides loopback ones (see cors.ts). */
  corsOrigins?: string[];
  /** Where to say where the service is (default: stderr). */
  log?: (line: string) => void;
}

/** What `adql serve` runs: parses `name=FILE` specs, starts the service and says where it listens. */
export async function serveLocal(options: ServeLocalOptions = {}): Promise<LocalService> {
  const tables = options.tables?.length ? options.tables.map((t) => parseTableSpec(t)) : undefined;
  const hats = (options.hats ?? []).map((spec) => {
    const { name, file } = parseTableSpec(spec, '--hats', 'mycat.gaia=/data/gaia_hats');
    return { name, location: file! };
  });
  const service = await createLocalService({
    ...(tables ? { tables } : {}),
    ...(hats.length ? { hats } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.corsOrigins?.length ? { corsOrigins: options.corsOrigins } : {}),
  });
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const names = service.engine
    .listTables()
    .map(adqlName)
    .filter((n) => !n.toLowerCase().startsWith('tap_schema.'));
  log(`adqlkit local TAP service at ${service.url} (tables: ${names.join(', ')})`);
  return service;
}

/** `name=FILE` (e.g. `mycat.stars=stars.parquet`) as a table source. */
export function parseTableSpec(spec: string | TableSource, flag = '--table', example = 'mycat.stars=stars.csv'): TableSource {
  if (typeof spec !== 'string') return spec;
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw new EngineError(`${flag} ${spec}: expected name=${flag === '--table' ? 'FILE' : 'DIR_OR_URL'}, e.g. ${example}`);
  }
  return { name: spec.slice(0, eq), file: spec.slice(eq + 1) };
}
