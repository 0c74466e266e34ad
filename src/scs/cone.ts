/**
 * Simple Cone Search 1.03 client: one GET with RA, DEC, SR (degrees) and VERB; the answer is a
 * VOTable, or an error VOTable sent with HTTP 200 (see ConeSearchError). HTTP goes through the
 * TAP client's layer, so retries, timeouts, credentials and HTTP error bodies work the same way.
 */
import type { Angle } from '../builder/index.js';
import {
  TapProtocolError,
  HttpClient,
  readBody,
  utf8,
  judgeOverflow,
  TapResult,
  redactUrl,
  readResultVOTable,
  type HttpClientOptions,
  type VOTableDocument,
} from '../dal/index.js';
import { ConeSearchError } from './errors.js';
import { checkPosition, type SkyPosition } from './position.js';

export interface ConeSearchOptions {
  /** VERB: 1 = fewest columns, 2 (service default), 3 = all columns. */
  verb?: 1 | 2 | 3;
  /** MAXREC (an SCS 1.1 parameter many services, DaCHS among them, honour). */
  maxrec?: number;
  /** Further parameters sent verbatim (e.g. DaCHS's RESPONSEFORMAT=votabletd). */
  params?: Record<string, string | number>;
  signal?: AbortSignal;
}

/** The SCS error message of a VOTable: INFO (SCS 1.03) or PARAM (SCS 1.0) named "Error". */
function scsErrorMessage(doc: VOTableDocument): string | undefined {
  const info = doc.infos.find((i) => i.name === 'Error' || i.ID === 'Error');
  if (info !== undefined) return (info.value || info.content || 'the service reported an error without a message').trim();
  const params = [...doc.params, ...doc.resources.flatMap((r) => r.params), ...doc.tables.flatMap((t) => t.params)];
  const param = params.find((p) => p.name === 'Error' || p.ID === 'Error');
  if (param !== undefined) return (param.value || 'the service reported an error without a message').trim();
  if (doc.status?.toUpperCase() === 'ERROR') return doc.statusMessage?.trim() || 'the service reported an error without a message';
  return undefined;
}

export class ConeSearchService {
  /** The service's access URL (it may end in "?" or carry fixed parameters, which are kept). */
  readonly url: string;
  readonly http: HttpClient;

  constructor(url: string | URL, options: HttpClientOptions = {}) {
    this.url = String(url);
    this.http = new HttpClient(this.url, options);
  }

  /** The request URL for a cone (RA, DEC and SR in degrees). */
  requestUrl(position: SkyPosition, radius: Angle, options: Omit<ConeSearchOptions, 'signal'> = {}): string {
    const { ra, dec } = checkPosition(position);
    const url = new URL(this.url);
    url.searchParams.set('RA', String(ra));
    url.searchParams.set('DEC', String(dec));
    url.searchParams.set('SR', String(radius.degrees));
    if (options.verb !== undefined) {
      if (![1, 2, 3].includes(options.verb)) throw new RangeError(`VERB must be 1, 2 or 3, got ${String(options.verb)}`);
      url.searchParams.set('VERB', String(options.verb));
    }
    if (options.maxrec !== undefined) {
      if (!Number.isInteger(options.maxrec) || options.maxrec < 0)
        throw new RangeError(`maxrec must be a non-negative integer, got ${String(options.maxrec)}`);
      url.searchParams.set('MAXREC', String(options.maxrec));
    }
    for (const [k, v] of Object.entries(options.params ?? {})) url.searchParams.set(k, String(v));
    return url.href;
  }

  /** Searches the cone; rejects with ConeSearchError when the service reports an error. */
  async search(position: SkyPosition, radius: Angle, options: ConeSearchOptions = {}): Promise<TapResult> {
    const requestUrl = this.requestUrl(position, radius, options);
    return this.http.send(
      {
        method: 'GET',
        url: requestUrl,
        accept: 'application/x-votable+xml, text/xml;q=0.9, */*;q=0.5',
        retry: 'idempotent',
        redirect: 'follow',
        signal: options.signal,
        what: 'cone search',
      },
      async (res) => {
        const shown = redactUrl(res.url);
        const body = await readBody(res);
        let doc: VOTableDocument;
        try {
          doc = await readResultVOTable(body);
        } catch (err) {
          const start = utf8(body.subarray(0, 200)).replace(/\s+/g, ' ');
          throw new TapProtocolError(
            `cone search: the response is not a VOTable (${(err as Error).message}; starts with "${start}") (GET ${shown})`,
            {
              url: shown,
              status: res.status,
              cause: err,
            },
          );
        }
        const error = scsErrorMessage(doc);
        if (error !== undefined) {
          throw new ConeSearchError(`cone search failed: ${error} (GET ${shown})`, { url: shown, serverMessage: error });
        }
        const table = doc.resources.find((r) => r.type === 'results')?.tables[0] ?? doc.tables[0];
        if (table === undefined)
          throw new TapProtocolError(`cone search: the VOTable holds no TABLE and no error (GET ${shown})`, { url: shown });
        const verdict = judgeOverflow({ status: doc.status, rows: table.rowCount, maxrec: options.maxrec });
        return new TapResult(doc, table, verdict, { url: shown, contentType: res.contentType, bytes: body.length, maxrec: options.maxrec });
      },
    );
  }
}
