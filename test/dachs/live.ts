/**
 * Small raw-HTTP helpers for checking the project's DaCHS service itself (test/dachs/). They use
 * plain fetch on purpose: these tests pin down what the service provides, independently of
 * adqlkit's own TAP client and VOTable reader.
 */
import { TAP_URL } from '../support/dachs.js';

export interface RawResponse {
  status: number;
  contentType: string;
  location: string | null;
  text: string;
}

/** A request that never follows redirects, so 303s of UWS can be checked. */
export async function request(url: string, init: RequestInit = {}): Promise<RawResponse> {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(60_000), ...init });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    location: res.headers.get('location'),
    text: await res.text(),
  };
}

export function form(params: Record<string, string | number>): URLSearchParams {
  return new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
}

/** POST /tap/sync with LANG=ADQL. */
export function sync(query: string, params: Record<string, string | number> = {}): Promise<RawResponse> {
  return request(`${TAP_URL}/sync`, { method: 'POST', body: form({ LANG: 'ADQL', QUERY: query, ...params }) });
}

/** A sync query as CSV, parsed; throws with the server's message when it answers with an error VOTable. */
export async function csvQuery(query: string, params: Record<string, string | number> = {}): Promise<CsvTable> {
  const res = await sync(query, { RESPONSEFORMAT: 'csv', ...params });
  if (res.status !== 200 || !res.contentType.startsWith('text/csv')) {
    throw new Error(`query failed (HTTP ${res.status}, ${res.contentType}): ${errorMessage(res.text) ?? res.text.slice(0, 300)}\n${query}`);
  }
  return parseCsv(res.text);
}

export interface CsvTable {
  columns: string[];
  rows: string[][];
}

/** RFC 4180 CSV (DaCHS writes CRLF, quotes fields with commas/quotes/newlines, empty field = NULL). */
export function parseCsv(text: string): CsvTable {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [columns = [], ...rows] = records;
  return { columns, rows };
}

/** The value of the last INFO name="QUERY_STATUS" (DaCHS puts OK before the table, OVERFLOW after it). */
export function queryStatus(votable: string): string | undefined {
  const all = [...votable.matchAll(/<INFO[^>]*name="QUERY_STATUS"[^>]*value="([^"]*)"/g)];
  return all.at(-1)?.[1];
}

/** The message of an error VOTable (QUERY_STATUS=ERROR) or of a UWS errorSummary. */
export function errorMessage(xml: string): string | undefined {
  const info = /<INFO[^>]*name="QUERY_STATUS"[^>]*value="ERROR"[^>]*>([\s\S]*?)<\/INFO>/.exec(xml);
  if (info) return decodeXml(info[1] ?? '');
  const summary = /<uws:errorSummary[^>]*>\s*<uws:message>([\s\S]*?)<\/uws:message>/.exec(xml);
  return summary ? decodeXml(summary[1] ?? '') : undefined;
}

/** Number of <TR> rows of a TABLEDATA VOTable. */
export function tabledataRowCount(votable: string): number {
  return (votable.match(/<TR[\s>]/g) ?? []).length;
}

/** The text of one UWS element, e.g. uwsField(job, 'phase'). */
export function uwsField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<uws:${name}(?:\\s[^>]*)?>([\\s\\S]*?)</uws:${name}>`).exec(xml);
  return m ? decodeXml(m[1] ?? '').trim() : undefined;
}

export function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}
