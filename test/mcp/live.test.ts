/** `adql mcp --service <the live DaCHS>`: the SDK's client against a real TAP service, which is also its RegTAP registry. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TAP_URL, describeLive } from '../support/dachs.js';
import { ensureMcpBuilt, startMcp, textOf, type McpServerUnderTest, type RunOutput } from './support/server.js';

let mcp: McpServerUnderTest;

describeLive('adql mcp against the live DaCHS', () => {
  beforeAll(async () => {
    await ensureMcpBuilt();
    mcp = await startMcp(['--service', TAP_URL, '--registry', TAP_URL]);
  }, 180_000);
  afterAll(async () => mcp?.close());

  it('find_services finds the TAP service, and tables through their auxiliary capability', async () => {
    type Found = { count: number; services: Array<{ ivoid: string; interfaces: Array<{ standardId: string; accessUrl: string }> }> };
    const tap = await mcp.ok<Found>('find_services', { keywords: ['adqlkit'], serviceType: ['tap'], includeTables: false });
    expect(tap.services.map((s) => s.ivoid)).toEqual(['ivo://adqlkit.test/tap']);
    expect(tap.services[0]!.interfaces).toContainEqual({ standardId: 'ivo://ivoa.net/std/tap', accessUrl: TAP_URL });
    const tables = await mcp.ok<Found>('find_services', { keywords: ['redshift'], serviceType: ['tap'] });
    expect(tables.services.map((s) => s.ivoid)).toContain('ivo://adqlkit.test/zcat/q/main');
    const none = await mcp.ok<Found>('find_services', { keywords: ['no-such-word-anywhere'] });
    expect(none).toMatchObject({ count: 0, services: [] });
  });

  it('list_tables, search_tables and describe_table show zcat with units, UCDs and descriptions', async () => {
    const listed = await mcp.ok<{ service: string; tables: Array<{ name: string }> }>('list_tables', { schema: 'zcat' });
    expect(listed.service).toBe(TAP_URL);
    expect(listed.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['zcat.main', 'zcat.photometry', 'zcat.big']));
    const found = await mcp.ok<{ matches: Array<{ name: string; matchedColumns: string[] }> }>('search_tables', { keyword: 'radial' });
    expect(found.matches.find((m) => m.name === 'zcat.main')?.matchedColumns).toContain('radial_velocity');
    const main = await mcp.ok<{ columns: Array<{ name: string; unit?: string; ucd?: string; description?: string; primary: boolean }> }>(
      'describe_table',
      { table: 'zcat.main' },
    );
    expect(main.columns.find((c) => c.name === 'id')).toMatchObject({ primary: true, ucd: 'meta.id;meta.main' });
    expect(main.columns.find((c) => c.name === 'ra')).toMatchObject({ unit: 'deg', ucd: 'pos.eq.ra;meta.main' });
    const missing = await mcp.call('describe_table', { table: 'zcat.nothere' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^describing zcat\.nothere on http:\/\/.+: /);
  });

  it('validate_adql fixes a misspelled column and a delimited name written in the wrong case', async () => {
    type V = {
      valid: boolean;
      schemaChecked: boolean;
      diagnostics: Array<{ code: string; line: number; column: number }>;
      correctedQuery?: string;
    };
    const typo = await mcp.ok<V>('validate_adql', { query: 'SELECT TOP 3 id, bmagg FROM zcat.main' });
    expect(typo).toMatchObject({ valid: false, schemaChecked: true, correctedQuery: 'SELECT TOP 3 id, bmag FROM zcat.main' });
    expect(typo.diagnostics[0]).toMatchObject({ code: 'unknown-column', line: 1, column: 18 });
    const cased = await mcp.ok<V>('validate_adql', { query: 'SELECT TOP 3 "magab" FROM zcat.photometry' });
    expect(cased.diagnostics[0]!.code).toBe('case-mismatch');
    expect(cased.correctedQuery).toBe('SELECT TOP 3 "MagAB" FROM zcat.photometry');
  });

  it('run_adql refuses an invalid query, runs a valid one, and reports truncation against the real row count', async () => {
    const refused = await mcp.call('run_adql', { query: 'SELECT TOP 3 id, rra FROM zcat.main' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/NOT sent[\s\S]*\[unknown-column\][\s\S]*SELECT TOP 3 id, ra FROM zcat\.main/);

    const out = await mcp.ok<RunOutput>('run_adql', { query: 'SELECT TOP 3 id, ra, dec FROM zcat.main ORDER BY id', format: 'csv' });
    expect(out.result).toMatchObject({ rowCount: 3, complete: true });
    expect(out.result!.columns.find((c) => c.name === 'ra')?.unit).toBe('deg');
    expect(
      readFileSync(out.result!.file, 'utf8')
        .split(/\r?\n/)
        .slice(1, 4)
        .map((l) => l.split(',')[0]),
    ).toEqual(['1', '2', '3']);

    const count = await mcp.ok<RunOutput>('run_adql', { query: 'SELECT COUNT(*) AS n FROM zcat.main' });
    const total = Number(count.result!.preview.split('\n')[1]);
    const cut = await mcp.ok<RunOutput>('run_adql', { query: 'SELECT id FROM zcat.main', maxRows: 5 });
    expect(total).toBeGreaterThan(5);
    expect(cut.result).toMatchObject({ rowCount: 5, complete: false, verdictCertain: true });
    expect(cut.message).toMatch(/^TRUNCATED: only the first 5 rows were returned; more rows match the query/);
    const whole = await mcp.ok<RunOutput>('run_adql', { query: 'SELECT id FROM zcat.main', maxRows: total });
    expect(whole.result).toMatchObject({ rowCount: total, complete: true });
  });

  it('run_adql runs an async job on DaCHS to completion', async () => {
    const out = await mcp.ok<RunOutput>('run_adql', {
      query: 'SELECT TOP 25 id, bmag FROM zcat.main WHERE bmag < 16 ORDER BY id',
      mode: 'async',
      waitSeconds: 120,
    });
    expect(out).toMatchObject({ status: 'completed', phase: 'COMPLETED', result: { rowCount: 25, complete: true } });
    expect(out.jobId).toMatch(/\/async\/[^/]+$/);
  }, 180_000);

  it('a job left pending is looked at, fetched, and another one cancelled', async () => {
    const heavy = 'SELECT COUNT(*) AS n, AVG(mag) AS mean_mag FROM zcat.big WHERE mag > 13.5';
    const started = await mcp.ok<RunOutput>('run_adql', { query: heavy, mode: 'async', waitSeconds: 0 });
    expect(started).toMatchObject({ status: 'pending', service: TAP_URL });
    const status = await mcp.ok<{ phase: string }>('job_status', { jobId: started.jobId });
    expect(['PENDING', 'QUEUED', 'EXECUTING', 'COMPLETED']).toContain(status.phase);
    const fetched = await mcp.ok<RunOutput>('fetch_job', { jobId: started.jobId, waitSeconds: 120 });
    expect(fetched).toMatchObject({ status: 'completed', result: { rowCount: 1, complete: true } });
    expect(fetched.result!.columns.find((c) => c.name === 'mean_mag')?.unit).toBe('mag');
    const other = await mcp.ok<RunOutput>('run_adql', { query: heavy, mode: 'async', waitSeconds: 0 });
    const cancelled = await mcp.ok<{ message: string }>('cancel_job', { jobId: other.jobId });
    expect(cancelled.message).toMatch(/^the job (\(\w+\) was aborted|had ended \(\w+\)) and was deleted$/);
  }, 180_000);

  it('service_examples, capabilities, and the embedded engine in the same session', async () => {
    const examples = await mcp.ok<{ examples: Array<{ name: string; query: string }> }>('service_examples');
    const cone = examples.examples.find((e) => /CONTAINS/i.test(e.query))!;
    expect(cone).toBeDefined();
    const ran = await mcp.ok<RunOutput>('run_adql', { query: cone.query, maxRows: 50 });
    expect(ran.result!.rowCount).toBeGreaterThan(0);
    const caps = await mcp.ok<{ adqlVersions: string[]; uploadMethods: string[]; session: { defaultService: string; services: string[] } }>(
      'capabilities',
    );
    expect(caps.adqlVersions).toContain('2.1');
    expect(caps.session).toMatchObject({ defaultService: TAP_URL, services: [TAP_URL, 'local'] });
    const local = await mcp.ok<RunOutput>('run_adql', { query: 'SELECT TOP 2 id FROM sample.galaxies ORDER BY id', service: 'local' });
    expect(local).toMatchObject({ service: 'local', result: { rowCount: 2 } });
  });
});
