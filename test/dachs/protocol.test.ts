/**
 * The project's DaCHS does what the TAP client's integration tests need: sync queries in every
 * serialization, overflow signalling, error documents, the async (UWS) job lifecycle, and uploads.
 * Raw HTTP, so that a failure here points at the service, not at adqlkit.
 */
import { afterAll, expect, it } from 'vitest';
import { TAP_URL, describeLive } from '../support/dachs.js';
import { errorMessage, form, parseCsv, queryStatus, request, sync, tabledataRowCount, uwsField } from './live.js';

const QUERY = 'SELECT TOP 25 id, name, ra, dec, bmag, obs_date FROM zcat.main ORDER BY id';

describeLive('DaCHS sync queries', () => {
  it('answer in VOTable BINARY (default), BINARY2, TABLEDATA and CSV', async () => {
    const binary = await sync(QUERY);
    expect(binary.contentType).toMatch(/^application\/x-votable\+xml/);
    expect(binary.text).toMatch(/<BINARY>\s*<STREAM encoding="base64">/);
    const b2 = await sync(QUERY, { RESPONSEFORMAT: 'votable/b2' });
    expect(b2.text).toMatch(/<BINARY2>\s*<STREAM encoding="base64">/);
    const td = await sync(QUERY, { RESPONSEFORMAT: 'votable/td' });
    expect(tabledataRowCount(td.text)).toBe(25);
    const csv = await sync(QUERY, { RESPONSEFORMAT: 'csv' });
    expect(csv.contentType).toMatch(/^text\/csv/);
    const table = parseCsv(csv.text);
    expect(table.columns).toEqual(['id', 'name', 'ra', 'dec', 'bmag', 'obs_date']);
    expect(table.rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    for (const doc of [binary, b2, td]) expect(queryStatus(doc.text)).toBe('OK');
  });

  it('signal overflow after the table when MAXREC cuts the result, and not when TOP does', async () => {
    const cut = await sync('SELECT id FROM zcat.main', { MAXREC: 10, RESPONSEFORMAT: 'votable/td' });
    expect(tabledataRowCount(cut.text)).toBe(10);
    expect(queryStatus(cut.text)).toBe('OVERFLOW');
    expect(cut.text.indexOf('value="OVERFLOW"')).toBeGreaterThan(cut.text.indexOf('</TABLE>'));
    const top = await sync('SELECT TOP 5 id FROM zcat.main', { MAXREC: 10, RESPONSEFORMAT: 'votable/td' });
    expect(tabledataRowCount(top.text)).toBe(5);
    expect(queryStatus(top.text)).toBe('OK');
  });

  it('report errors as an error VOTable with the parser position (HTTP 200 in DaCHS 2.7)', async () => {
    const res = await sync('SELEC id FROM zcat.main', { RESPONSEFORMAT: 'csv' });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/xml/);
    expect(queryStatus(res.text)).toBe('ERROR');
    expect(errorMessage(res.text)).toMatch(/line:1, col:1/);
    const missing = await sync('SELECT TOP 1 * FROM zcat.nosuch');
    expect(errorMessage(missing.text)).toMatch(/Could not locate table 'zcat.nosuch'/);
  });
});

const created: string[] = [];

async function createJob(params: Record<string, string | number>): Promise<string> {
  const res = await request(`${TAP_URL}/async`, { method: 'POST', body: form({ LANG: 'ADQL', ...params }) });
  expect(res.status).toBe(303);
  expect(res.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*\/async\/[^/?#]+$/);
  created.push(res.location ?? '');
  return res.location ?? '';
}

async function runAndWait(job: string, waitSeconds = 20): Promise<string> {
  const run = await request(`${job}/phase`, { method: 'POST', body: form({ PHASE: 'RUN' }) });
  expect(run.status).toBe(303);
  const deadline = Date.now() + waitSeconds * 1000;
  let doc = (await request(job)).text;
  for (;;) {
    const phase = uwsField(doc, 'phase') ?? '';
    if (!['PENDING', 'QUEUED', 'EXECUTING'].includes(phase) || Date.now() > deadline) return doc;
    // UWS 1.1 blocking: returns as soon as the phase is no longer the one given
    doc = (await request(`${job}?WAIT=5&PHASE=${phase}`)).text;
  }
}

describeLive('DaCHS async (UWS) jobs', () => {
  afterAll(async () => {
    await Promise.all(created.map((job) => request(job, { method: 'DELETE' })));
  });

  it('go PENDING -> (separate PHASE=RUN) -> COMPLETED, list their result, and are deleted with a 303', async () => {
    const job = await createJob({ QUERY, RESPONSEFORMAT: 'votable/td', PHASE: 'RUN' });
    // DaCHS ignores PHASE=RUN on the creating POST: the job waits for an explicit run
    expect(uwsField((await request(job)).text, 'phase')).toBe('PENDING');
    expect((await request(`${job}/phase`)).text.trim()).toBe('PENDING');
    const done = await runAndWait(job);
    expect(uwsField(done, 'phase')).toBe('COMPLETED');
    const results = (await request(`${job}/results`)).text;
    const href = /xlink:href="([^"]+)"/.exec(results)?.[1];
    expect(href).toBe(`${job}/results/result`);
    const result = await request(href ?? '');
    expect(tabledataRowCount(result.text)).toBe(25);
    const list = (await request(`${TAP_URL}/async`)).text;
    expect(list).toContain(`xlink:href="${job}"`);
    const del = await request(job, { method: 'DELETE' });
    expect(del.status).toBe(303);
    expect((await request(job)).status).toBe(404);
  });

  it('take executionDuration and destruction, and report them back', async () => {
    const job = await createJob({ QUERY });
    const set = await request(`${job}/executionduration`, { method: 'POST', body: form({ EXECUTIONDURATION: 120 }) });
    expect(set.status).toBe(303);
    expect((await request(`${job}/executionduration`)).text.trim()).toBe('120');
    const destruction = '2030-01-01T00:00:00Z';
    await request(`${job}/destruction`, { method: 'POST', body: form({ DESTRUCTION: destruction }) });
    // DaCHS caps destruction at its own maximum lifetime: it may move the date earlier, never later
    const granted = Date.parse((await request(`${job}/destruction`)).text.trim());
    expect(granted).toBeLessThanOrEqual(Date.parse(destruction));
    expect(granted).toBeGreaterThan(Date.now());
  });

  it('end in ERROR with an errorSummary and an /error document for a bad query', async () => {
    const job = await createJob({ QUERY: 'SELECT nosuchcolumn FROM zcat.main' });
    const doc = await runAndWait(job);
    expect(uwsField(doc, 'phase')).toBe('ERROR');
    expect(errorMessage(doc)).toMatch(/nosuchcolumn/);
    const error = await request(`${job}/error`);
    expect(errorMessage(error.text)).toMatch(/nosuchcolumn/);
  });

  it('can be aborted while executing', async () => {
    const job = await createJob({
      QUERY: 'SELECT COUNT(*) FROM zcat.big AS a JOIN zcat.big AS b ON a.mag < b.mag WHERE a.id < 200000',
    });
    await request(`${job}/phase`, { method: 'POST', body: form({ PHASE: 'RUN' }) });
    const started = await request(`${job}?WAIT=5&PHASE=QUEUED`);
    expect(uwsField(started.text, 'phase')).toBe('EXECUTING');
    const abort = await request(`${job}/phase`, { method: 'POST', body: form({ PHASE: 'ABORT' }) });
    expect(abort.status).toBe(303);
    expect(uwsField((await request(job)).text, 'phase')).toBe('ABORTED');
  });
});

const UPLOAD = `<?xml version="1.0" encoding="UTF-8"?>
<VOTABLE version="1.3" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
 <RESOURCE type="results"><TABLE name="mysrc">
  <FIELD name="src_id" datatype="char" arraysize="*"/>
  <FIELD name="ra" datatype="double" unit="deg"/>
  <FIELD name="dec" datatype="double" unit="deg"/>
  <FIELD name="radius" datatype="double" unit="deg"/>
  <DATA><TABLEDATA>
   <TR><TD>a</TD><TD>150.0</TD><TD>2.0</TD><TD>0.5</TD></TR>
   <TR><TD>b</TD><TD>145.0</TD><TD>0.0</TD><TD>0.2</TD></TR>
   <TR><TD>c</TD><TD>10.0</TD><TD>-60.0</TD><TD>0.01</TD></TR>
  </TABLEDATA></DATA>
 </TABLE></RESOURCE>
</VOTABLE>`;

const XMATCH = `SELECT u.src_id, m.id FROM TAP_UPLOAD.mysrc AS u JOIN zcat.main AS m
  ON 1 = CONTAINS(POINT('ICRS', m.ra, m.dec), CIRCLE('ICRS', u.ra, u.dec, u.radius))`;

function uploadBody(params: Record<string, string>): FormData {
  const body = new FormData();
  for (const [k, v] of Object.entries({ LANG: 'ADQL', UPLOAD: 'mysrc,param:t', ...params })) body.set(k, v);
  body.set('t', new Blob([UPLOAD], { type: 'application/x-votable+xml' }), 'mysrc.vot');
  return body;
}

describeLive('DaCHS uploads', () => {
  it('sync inline upload cross-matches with a per-row radius, same as separate cone queries', async () => {
    const res = await request(`${TAP_URL}/sync`, { method: 'POST', body: uploadBody({ QUERY: XMATCH, RESPONSEFORMAT: 'csv' }) });
    expect(res.contentType).toMatch(/^text\/csv/);
    const rows = parseCsv(res.text).rows;
    const cone = await sync(
      `SELECT COUNT(*) FROM zcat.main
      WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150.0, 2.0, 0.5))`,
      { RESPONSEFORMAT: 'csv' },
    );
    const expectedA = Number(parseCsv(cone.text).rows[0]?.[0]);
    expect(expectedA).toBeGreaterThan(0);
    expect(rows.filter((r) => r[0] === 'a')).toHaveLength(expectedA);
  });

  it('async upload runs to COMPLETED with the same rows', async () => {
    const res = await request(`${TAP_URL}/async`, { method: 'POST', body: uploadBody({ QUERY: XMATCH, RESPONSEFORMAT: 'csv' }) });
    expect(res.status).toBe(303);
    const job = res.location ?? '';
    created.push(job);
    const doc = await runAndWait(job);
    expect(uwsField(doc, 'phase')).toBe('COMPLETED');
    const result = parseCsv((await request(`${job}/results/result`)).text);
    const sync_ = parseCsv(
      (await request(`${TAP_URL}/sync`, { method: 'POST', body: uploadBody({ QUERY: XMATCH, RESPONSEFORMAT: 'csv' }) })).text,
    );
    expect(result.rows.map((r) => r.join()).sort()).toEqual(sync_.rows.map((r) => r.join()).sort());
    await request(job, { method: 'DELETE' });
  });
});
