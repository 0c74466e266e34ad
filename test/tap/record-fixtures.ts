/**
 * Records the TAP fixtures used by the unit tests (fixtures/tap/) from a live DaCHS service:
 *   npx tsx test/tap/record-fixtures.ts [TAP_URL]
 * Bodies are stored verbatim; index.json keeps each one's Content-Type and request.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const tap = (process.argv[2] ?? 'http://127.0.0.1:8080/tap').replace(/\/+$/, '');
const dir = join(import.meta.dirname, '../../fixtures/tap');
const index: Record<string, { request: string; status: number; contentType: string }> = {};

async function save(name: string, request: string, res: Response): Promise<string> {
  const body = await res.text();
  await writeFile(join(dir, name), body);
  index[name] = { request, status: res.status, contentType: res.headers.get('content-type') ?? '' };
  return body;
}

async function get(name: string, path: string): Promise<string> {
  return save(name, `GET ${path}`, await fetch(`${tap}${path}`));
}

async function post(
  name: string,
  path: string,
  params: Record<string, string>,
  redirect: 'follow' | 'manual' = 'follow',
): Promise<Response> {
  const res = await fetch(`${tap}${path}`, { method: 'POST', body: new URLSearchParams(params), redirect });
  if (name !== '') await save(name, `POST ${path} ${new URLSearchParams(params).toString()}`, res.clone());
  return res;
}

const q = (query: string, extra: Record<string, string> = {}) => ({ REQUEST: 'doQuery', LANG: 'ADQL', QUERY: query, ...extra });
const td = 'application/x-votable+xml;serialization=TABLEDATA';

await get('capabilities.xml', '/capabilities');
await get('availability.xml', '/availability');
await get('tables-detail-min.xml', '/tables?detail=min');
await get('table-zcat-main.xml', '/tables/zcat.main');
await get('examples.html', '/examples');
await post('sync-error-syntax.vot', '/sync', q('SELEKT id FROM zcat.main'));
await post('sync-top-gt-maxrec.vot', '/sync', q('SELECT TOP 10 id FROM zcat.main ORDER BY id', { MAXREC: '3', RESPONSEFORMAT: td }));
await post(
  'sync-exactly-maxrec.vot',
  '/sync',
  q('SELECT id FROM zcat.main WHERE id <= 3 ORDER BY id', { MAXREC: '3', RESPONSEFORMAT: td }),
);
await post(
  'sync-binary2.vot',
  '/sync',
  q('SELECT TOP 5 * FROM zcat.main ORDER BY id', { RESPONSEFORMAT: 'application/x-votable+xml;serialization=BINARY2' }),
);

const created = await post('', '/async', q('SELECT TOP 3 id FROM zcat.main ORDER BY id', { RESPONSEFORMAT: td }), 'manual');
const job = created.headers.get('location') ?? '';
await save('job-pending.xml', 'GET <job> after creation', await fetch(job));
await fetch(`${job}/phase`, { method: 'POST', body: new URLSearchParams({ PHASE: 'RUN' }), redirect: 'manual' });
await save('job-completed.xml', 'GET <job>?WAIT=30', await fetch(`${job}?WAIT=30`));
await save('job-result.vot', 'GET <job>/results/result', await fetch(`${job}/results/result`));
await fetch(job, { method: 'DELETE', redirect: 'manual' });

const bad = (await post('', '/async', q('SELECT nosuchcol FROM zcat.main'), 'manual')).headers.get('location') ?? '';
await fetch(`${bad}/phase`, { method: 'POST', body: new URLSearchParams({ PHASE: 'RUN' }), redirect: 'manual' });
await save('job-error.xml', 'GET <job>?WAIT=30 (failing query)', await fetch(`${bad}?WAIT=30`));
await save('job-error-error.vot', 'GET <job>/error', await fetch(`${bad}/error`));
await save('joblist.xml', 'GET /async', await fetch(`${tap}/async`));
await fetch(bad, { method: 'DELETE', redirect: 'manual' });

await writeFile(join(dir, 'index.json'), `${JSON.stringify({ recordedFrom: tap, service: 'GAVO DaCHS 2.7', files: index }, null, 2)}\n`);
console.log(`recorded ${Object.keys(index).length} responses from ${tap} into ${dir}`);
