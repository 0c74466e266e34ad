/**
 * Integration tests against the live DaCHS 2.7 service (test/support/dachs.ts): every client
 * feature and each seed tutorial's TAP workflow (Rubin DP0.2 intermediate TAP, HEASARC catalog
 * queries, MAST chunked queries). The same file runs in Chromium (test/browser/tap-client-suite.test.ts),
 * so it imports nothing of Node's: the tests that read or write files are in live-files.test.ts.
 */
import { expect, it } from 'vitest';

/** Async jobs take seconds on DaCHS (completion checked once a second), more on a loaded machine. */
const JOB_TIMEOUT = 180_000;
import { describeLive, TAP_URL } from '../support/dachs.js';
import {
  TapAbortError,
  TapJobError,
  TapOverflowError,
  TapQueryError,
  TapService,
  TapUploadError,
  type TapProgressEvent,
} from '../../src/tap/index.js';
import { writeVOTable } from '../../src/votable/index.js';

const tap = new TapService(TAP_URL);

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

describeLive('TAP service metadata (live DaCHS)', { timeout: 60_000 }, () => {
  it('capabilities: ADQL versions, BINARY2, uploads, limits', async () => {
    const caps = await tap.capabilities();
    expect(caps.adqlVersions).toContain('2.0');
    expect(caps.offersBinary2).toBe(true);
    expect(caps.supportsUpload('inline')).toBe(true);
    expect(caps.udfs.some((u) => u.name === 'ivo_hasword')).toBe(true);
    const limits = await tap.limits();
    expect(limits.defaultMaxrec.sync).toBe(20000);
    expect(limits.hardMaxrec.async).toBeGreaterThanOrEqual(20000);
    expect(limits.uploadLimitBytes).toBeGreaterThan(0);
  });

  it('availability', async () => {
    expect((await tap.availability()).available).toBe(true);
  });

  it('tables: detail=min, then columns loaded lazily per table', async () => {
    const set = await tap.tables();
    expect(set.table('zcat.main')).toBeDefined();
    expect(set.table('zcat.truth_match')).toBeDefined();
    const cols = await set.columns('zcat.main');
    expect(cols.map((c) => c.name)).toEqual(
      expect.arrayContaining(['id', 'name', 'ra', 'dec', 'bmag', 'radial_velocity', 'radial_velocity_error', 'morph_type', 'obs_date']),
    );
    expect(cols.find((c) => c.name === 'ra')?.unit).toBe('deg');
    const truth = await tap.table('zcat.truth_match');
    expect(truth.columns?.map((c) => c.name)).toEqual(
      expect.arrayContaining(['zcat_id', 'true_z', 'true_class', 'match_sep', 'match_flag']),
    );
  });

  it('examples are listed and each one runs', async () => {
    const examples = await tap.examples();
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const ex of examples) {
      expect(ex.name).not.toBe('');
      const r = await tap.query(ex.query, { maxrec: 1000 });
      expect(r.columns.length).toBeGreaterThan(0);
    }
  });
});

describeLive('seed: Rubin DP0.2 intermediate TAP queries (live DaCHS)', () => {
  it('1.2 schema discovery through TAP_SCHEMA', async () => {
    const schemas = await tap.query('SELECT * FROM tap_schema.schemas');
    const names = schemas.column('schema_name') as string[];
    expect(names).toEqual(expect.arrayContaining(['tap_schema', 'zcat']));
    const schema = names.find((n) => /zcat/.test(n)) as string;
    const tables = await tap.query(
      `SELECT * FROM tap_schema.tables WHERE tap_schema.tables.schema_name = '${schema}' ORDER BY table_index ASC`,
    );
    expect(tables.column('table_name')).toEqual(expect.arrayContaining(['zcat.main', 'zcat.truth_match']));
  });

  it('2.1 TOP and MAXREC give the same rows; only MAXREC can overflow', async () => {
    const where = 'FROM zcat.main WHERE bmag < 15 AND morph_type IS NOT NULL ORDER BY bmag ASC, id ASC';
    const byTop = await tap.query(`SELECT TOP 5 id, ra, dec, bmag ${where}`);
    const byMaxrec = await tap.query(`SELECT id, ra, dec, bmag ${where}`, { maxrec: 5 });
    expect(byTop.rowCount).toBe(5);
    expect(byMaxrec.rowCount).toBe(5);
    expect(byMaxrec.rows()).toEqual(byTop.rows());
    expect(byTop.overflow).toBe(false);
    expect(byMaxrec.overflow).toBe(true);
  });

  it('2.2 cone search with CONTAINS(POINT, CIRCLE)', async () => {
    const cone = "1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150.0, 2.0, 1.0))";
    const count = await tap.query(`SELECT COUNT(*) AS n FROM zcat.main WHERE ${cone}`);
    const rows = await tap.query(`SELECT id, ra, dec, bmag FROM zcat.main WHERE ${cone}`);
    expect(rows.rowCount).toBe(num(count.rows()[0]?.n));
    expect(rows.rowCount).toBeGreaterThan(10);
    for (const r of rows.rows()) {
      const d = Math.hypot(((r.ra as number) - 150) * Math.cos((2 * Math.PI) / 180), (r.dec as number) - 2);
      expect(d).toBeLessThan(1.01);
    }
  });

  it('2.3 cone search joined with the truth table', async () => {
    const cone = "1 = CONTAINS(POINT('ICRS', m.ra, m.dec), CIRCLE('ICRS', 150.0, 2.0, 2.0))";
    const join = `FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id WHERE ${cone} AND t.match_flag = 1`;
    const n = await tap.query(`SELECT COUNT(*) AS n ${join}`);
    const r = await tap.query(`SELECT m.id, m.ra, m.dec, m.bmag, t.true_z, t.true_class, t.match_sep ${join}`);
    expect(r.rowCount).toBe(num(n.rows()[0]?.n));
    expect(r.columnNames).toEqual(['id', 'ra', 'dec', 'bmag', 'true_z', 'true_class', 'match_sep']);
  });

  it('2.4 GROUP BY histogram', async () => {
    const hist = await tap.query('SELECT true_class, COUNT(true_class) AS n FROM zcat.truth_match GROUP BY true_class ORDER BY true_class');
    const total = await tap.query('SELECT COUNT(true_class) AS n FROM zcat.truth_match');
    const sum = hist.rows().reduce((s, r) => s + num(r.n), 0);
    expect(hist.rowCount).toBeGreaterThan(1);
    expect(sum).toBe(num(total.rows()[0]?.n));
  });
});

describeLive('async jobs (live DaCHS)', { timeout: JOB_TIMEOUT }, () => {
  const query =
    'SELECT TOP 50 m.id, m.ra, m.dec, t.true_z FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id ORDER BY m.id';

  it.concurrent('4.1/4.2 submit, run, wait, results, fetch, retrieve by URL, delete', async () => {
    const job = await tap.submit(query);
    expect(job.url).toMatch(/\/async\/[\w-]+$/);
    expect(await job.phase()).toBe('PENDING');
    await job.run();
    const phases: string[] = [];
    const info = await job.wait({ timeoutMs: 60_000, onProgress: (e) => e.type === 'phase' && phases.push(e.phase) });
    expect(info.phase).toBe('COMPLETED');
    expect(phases.at(-1)).toBe('COMPLETED');
    expect((await job.results()).map((r) => r.id)).toContain('result');
    await job.throwIfError();
    const result = await job.fetchResult();
    expect(result.rowCount).toBe(50);
    const sync = await tap.query(query);
    expect(result.rows()).toEqual(sync.rows());
    // Retrieve by URL (lsst.rsp retrieve_query): a new client, nothing shared.
    const again = TapService.job(job.url);
    expect((await again.fetchResult()).rows()).toEqual(result.rows());
    let streamed = 0;
    for await (const ev of again.streamResult({ batchSize: 20 })) if (ev.type === 'rows') streamed += ev.count;
    expect(streamed).toBe(50);
    expect(await job.delete()).toBe(true);
    await expect(again.info()).rejects.toBeInstanceOf(TapJobError);
    expect(await job.delete()).toBe(false);
  });

  it.concurrent('execution duration and destruction can be read and set (MAST service-limit probe)', async () => {
    const job = await tap.submit('SELECT TOP 1 id FROM zcat.main');
    try {
      const granted = await job.setExecutionDuration(1e7);
      expect(granted).toBeGreaterThan(0);
      expect(granted).toBeLessThanOrEqual(1e7);
      const when = new Date(Date.now() + 3600_000);
      const destruction = await job.setDestruction(when);
      expect(Math.abs(destruction.getTime() - when.getTime())).toBeLessThan(86_400_000 * 30);
      expect((await job.info()).executionDuration).toBe(granted);
    } finally {
      await job.delete();
    }
  });

  it.concurrent('a failing job: runAsync throws TapQueryError with the job URL; error() has the message', async () => {
    const job = await tap.submit('SELECT nosuchcol FROM zcat.main');
    // Both jobs at once: DaCHS takes seconds per job.
    const [failure] = await Promise.all([
      tap.runAsync('SELECT nosuchcol FROM zcat.main').catch((e: unknown) => e),
      job.run().then(() => job.wait({ timeoutMs: 120_000 })),
    ]);
    const err = failure as TapQueryError;
    expect(err).toBeInstanceOf(TapQueryError);
    expect(err.jobUrl).toMatch(/\/async\//);
    expect(err.serverMessage).toMatch(/nosuchcol/);
    const e = await job.error();
    expect(e?.phase).toBe('ERROR');
    expect(e?.message).toMatch(/nosuchcol/);
    expect(e?.detail).toMatch(/nosuchcol/);
    await expect(job.fetchResult()).rejects.toBeInstanceOf(TapQueryError);
    await job.delete();
  });

  it.concurrent('abort a job, and the job list with phase filters', async () => {
    const job = await tap.submit('SELECT TOP 1 id FROM zcat.main');
    await job.abort();
    expect(await job.phase()).toBe('ABORTED');
    const aborted = await tap.jobs({ phase: 'ABORTED' });
    expect(aborted.map((j) => j.url)).toContain(job.url);
    expect(aborted.every((j) => j.phase === 'ABORTED')).toBe(true);
    await expect(job.fetchResult()).rejects.toBeInstanceOf(TapJobError);
    await job.delete();
  });

  it.concurrent('cancelling runAsync through its signal aborts the remote job', async () => {
    const ctl = new AbortController();
    const running = tap.runAsync('SELECT TOP 10 id FROM zcat.main', {
      signal: ctl.signal,
      keepJob: true,
      // Cancel at the first phase the client sees: the embedded engine may finish this query before
      // the first poll (never showing EXECUTING), and then it is the result fetch that is cancelled.
      onProgress: (e) => {
        if (e.type === 'phase') ctl.abort();
      },
    });
    const err = (await running.catch((e: unknown) => e)) as TapAbortError;
    expect(err).toBeInstanceOf(TapAbortError);
    const job = tap.job(err.jobUrl as string);
    expect(['ABORTED', 'COMPLETED']).toContain(await job.phase());
    await job.delete();
  });

  it.concurrent('HEASARC 2.3: run_async of a cone query with magnitude cut, overflow checked', async () => {
    const r = await tap.runAsync(
      "SELECT ra, dec, radial_velocity, radial_velocity_error, bmag, morph_type FROM zcat.main AS cat WHERE 1=CONTAINS(POINT('ICRS', cat.ra, cat.dec), CIRCLE('ICRS', 150, 2, 3.0)) AND cat.bmag < 16 ORDER BY cat.radial_velocity_error",
      { timeoutMs: 60_000 },
    );
    expect(r.rowCount).toBeGreaterThan(0);
    expect(r.overflow).toBe(false);
    const truncated = await tap.runAsync('SELECT id FROM zcat.main', { maxrec: 100, timeoutMs: 60_000 });
    expect(truncated.rowCount).toBe(100);
    expect(truncated.overflow).toBe(true);
  });
});

describeLive('uploads (live DaCHS)', { timeout: JOB_TIMEOUT }, () => {
  it('cross-match with a per-row radius column (HEASARC 3.2), inline from JS rows', async () => {
    const sample = await tap.query(
      'SELECT TOP 20 id, ra, dec, radial_velocity FROM zcat.main WHERE bmag < 16 AND radial_velocity > 0 ORDER BY id',
    );
    const rows = sample.rows().map((r) => [num(r.id), r.ra, r.dec, r.radial_velocity, 0.05 + (num(r.id) % 3) * 0.05]);
    const q = `SELECT mt.id AS src_id, cat.id, cat.ra, cat.dec, cat.radial_velocity, cat.bmag, cat.morph_type
      FROM zcat.main AS cat, tap_upload.mytable AS mt
      WHERE 1=CONTAINS(POINT('ICRS', cat.ra, cat.dec), CIRCLE('ICRS', mt.ra, mt.dec, mt.angddeg))
      AND cat.radial_velocity > 0 ORDER BY cat.ra`;
    const uploads = {
      mytable: {
        columns: [
          { name: 'id', datatype: 'int' as const },
          { name: 'ra', datatype: 'double' as const, unit: 'deg' },
          { name: 'dec', datatype: 'double' as const, unit: 'deg' },
          { name: 'radial_velocity', datatype: 'float' as const },
          { name: 'angddeg', datatype: 'double' as const, unit: 'deg' },
        ],
        rows,
      },
    };
    const r = await tap.query(q, { uploads });
    const matchedSources = new Set(r.column('src_id').map(num));
    expect(matchedSources.size).toBe(20);
    for (const row of r.rows()) {
      if (num(row.src_id) === num(row.id)) expect(row.ra).toBeCloseTo(rows.find((x) => x[0] === num(row.id))?.[1] as number, 6);
    }
    // The same through an async job.
    const viaAsync = await tap.runAsync(q, { uploads, timeoutMs: 60_000 });
    expect(viaAsync.rowCount).toBe(r.rowCount);
  });

  it('uploads from VOTable text, a Blob, a parsed result, and a previous job result (by URL)', async () => {
    const src = await tap.query('SELECT TOP 5 id, ra, dec FROM zcat.main ORDER BY id');
    const text = writeVOTable(src.table, { encoding: 'tabledata' });
    const q = (t: string) => `SELECT u.id FROM tap_upload.${t} AS u JOIN zcat.main AS m ON m.id = u.id ORDER BY u.id`;
    const expected = src.column('id').map(num);
    for (const [name, source] of [
      ['fromtext', text],
      ['fromblob', new Blob([text], { type: 'application/x-votable+xml' })],
      ['fromresult', { table: src.table }],
    ] as const) {
      const r = await tap.query(q(name), { uploads: { [name]: source } });
      expect(r.column('id').map(num)).toEqual(expected);
    }
    const job = await tap.submit('SELECT TOP 5 id, ra, dec FROM zcat.main ORDER BY id', { format: 'tabledata' });
    await job.run();
    await job.wait({ timeoutMs: 60_000 });
    const r = await tap.query(q('prev'), { uploads: { prev: { job } } });
    expect(r.column('id').map(num)).toEqual(expected);
    await job.delete();
  });

  it('upload names are checked before sending', async () => {
    await expect(tap.query('SELECT * FROM tap_upload.missing')).rejects.toBeInstanceOf(TapUploadError);
    await expect(tap.query('SELECT 1 FROM tap_upload.x', { uploads: { 'bad name': 'http://example.org/x.vot' } })).rejects.toBeInstanceOf(
      TapUploadError,
    );
  });
});

describeLive('results, errors, overflow, files, progress (live DaCHS)', () => {
  it('all 5000 rows of zcat.main in BINARY2; default limit not reached', async () => {
    const events: TapProgressEvent[] = [];
    const r = await tap.query('SELECT * FROM zcat.main', { onProgress: (e) => events.push(e) });
    expect(r.rowCount).toBe(5000);
    expect(r.overflow).toBe(false);
    expect(r.contentType).toMatch(/binary2/i);
    expect(events.some((e) => e.type === 'bytes' && e.received === r.bytes)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'rows', rows: 5000 });
  });

  it('streams 5000 rows in batches with row progress; MAXREC trims the stream', async () => {
    const sizes: number[] = [];
    let total = 0;
    for await (const ev of tap.queryStream('SELECT * FROM zcat.main', { batchSize: 1000 })) {
      if (ev.type === 'rows') sizes.push(ev.count);
      if (ev.type === 'end') {
        total = ev.rowCount;
        expect(ev.overflow).toBe(false);
      }
    }
    expect(total).toBe(5000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
    let kept = 0;
    let overflow: boolean | undefined;
    for await (const ev of tap.queryStream('SELECT TOP 10 id FROM zcat.main ORDER BY id', { maxrec: 3 })) {
      if (ev.type === 'rows') kept += ev.count;
      if (ev.type === 'end') overflow = ev.overflow;
    }
    expect([kept, overflow]).toEqual([3, true]);
  });

  it('overflow detected against MAXREC; strict mode throws', async () => {
    const r = await tap.query('SELECT id FROM zcat.main', { maxrec: 100 });
    expect(r.rowCount).toBe(100);
    expect(r.overflow).toBe(true);
    const top = await tap.query('SELECT TOP 200 id FROM zcat.main ORDER BY id', { maxrec: 100 });
    expect(top.rowCount).toBe(100);
    expect(top.overflow).toBe(true);
    await expect(tap.query('SELECT id FROM zcat.main', { maxrec: 10, strict: true })).rejects.toBeInstanceOf(TapOverflowError);
  });

  it('query errors carry the server message and position', async () => {
    const err = (await tap.query('SELECT id\nFRM zcat.main').catch((e: unknown) => e)) as TapQueryError;
    expect(err).toBeInstanceOf(TapQueryError);
    expect(err.line).toBeDefined();
    expect(err.message).toContain(`${TAP_URL}/sync`);
    const missing = (await tap.query('SELECT * FROM zcat.nosuch').catch((e: unknown) => e)) as TapQueryError;
    expect(missing.serverMessage).toMatch(/nosuch/);
  });

  it('delimited mixed-case columns come back with their names', async () => {
    const cols = await tap.table('zcat.photometry');
    const delimited = cols.columns?.filter((c) => c.name.startsWith('"')) ?? [];
    expect(delimited.length).toBeGreaterThan(0);
    const name = delimited[0]?.name as string;
    const r = await tap.query(`SELECT TOP 3 ${name} FROM zcat.photometry`);
    expect(r.rowCount).toBe(3);
    expect(r.columnNames[0]).toBe(name.replace(/^"|"$/g, ''));
  });

  it('credentials do not disturb an anonymous service', async () => {
    const authed = new TapService(TAP_URL, { token: 'abc', headers: { 'X-Test': '1' } });
    expect((await authed.query('SELECT TOP 1 id FROM zcat.main')).rowCount).toBe(1);
  });
});
