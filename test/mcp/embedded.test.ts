/** `adql mcp` with no service: the SDK's client against the embedded engine serving the bundled sample catalogue. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParquet } from '../../src/columnar/index.js';
import { readVOTableFile, writeVOTable } from '../../src/votable/index.js';
import { ensureMcpBuilt, startMcp, textOf, type McpServerUnderTest, type RunOutput } from './support/server.js';

const TOOLS = [
  'cancel_job',
  'capabilities',
  'describe_table',
  'fetch_job',
  'find_services',
  'job_status',
  'list_tables',
  'run_adql',
  'search_tables',
  'service_examples',
  'validate_adql',
];

let mcp: McpServerUnderTest;

beforeAll(async () => {
  await ensureMcpBuilt();
  mcp = await startMcp();
}, 180_000);
afterAll(async () => mcp?.close());

/** The galaxies the sample holds, asked of the engine itself (so truncation checks compare with the truth). */
async function galaxyCount(): Promise<number> {
  const out = await mcp.ok<RunOutput>('run_adql', { query: 'SELECT COUNT(*) AS n FROM sample.galaxies', format: 'csv' });
  return Number(out.result!.preview.split('\n')[1]);
}

describe('adql mcp on the embedded engine', () => {
  it('lists every tool with a description and input and output JSON schemas', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    for (const t of tools) {
      expect(t.description?.length, t.name).toBeGreaterThan(40);
      expect(t.inputSchema.type, t.name).toBe('object');
      expect(t.outputSchema?.type, t.name).toBe('object');
    }
    const run = tools.find((t) => t.name === 'run_adql')!;
    expect(run.inputSchema.required).toEqual(['query']);
    expect(Object.keys(run.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['query', 'service', 'mode', 'maxRows', 'format', 'uploads']),
    );
  });

  it('list_tables, search_tables and describe_table find and describe the sample tables', async () => {
    const listed = await mcp.ok<{ service: string; tables: Array<{ name: string }> }>('list_tables', { schema: 'sample' });
    expect(listed.service).toBe('local');
    expect(listed.tables.map((t) => t.name)).toEqual(['sample.galaxies', 'sample.observations']);
    const found = await mcp.ok<{ matches: Array<{ name: string; matchedColumns: string[] }> }>('search_tables', { keyword: 'redshift' });
    expect(found.matches.find((m) => m.name === 'sample.galaxies')?.matchedColumns).toContain('redshift');
    const table = await mcp.ok<{
      name: string;
      resourceUri: string;
      columns: Array<{ name: string; unit?: string; ucd?: string; description?: string }>;
    }>('describe_table', { table: 'sample.galaxies' });
    const ra = table.columns.find((c) => c.name === 'ra')!;
    expect(ra).toMatchObject({ unit: 'deg', ucd: 'pos.eq.ra;meta.main' });
    expect(ra.description).toBeTruthy();
    // The same description as a resource a client can attach.
    const resource = await mcp.client.readResource({ uri: table.resourceUri });
    const text = (resource.contents[0] as { text: string }).text;
    expect(text).toContain('sample.galaxies');
    expect(text).toMatch(/ra\s+deg\s+pos\.eq\.ra;meta\.main/);
  });

  it('validate_adql names a misspelled column with its position and fix, and returns the corrected query', async () => {
    const v = await mcp.ok<{
      valid: boolean;
      diagnostics: Array<{ code: string; line: number; column: number; fixes: Array<{ edits: Array<{ newText: string }> }> }>;
      correctedQuery: string;
    }>('validate_adql', { query: 'SELECT TOP 5 ra, decc\nFROM sample.galaxies' });
    expect(v.valid).toBe(false);
    expect(v.diagnostics[0]).toMatchObject({ code: 'unknown-column', line: 1, column: 18 });
    expect(v.diagnostics[0]!.fixes[0]!.edits[0]!.newText).toBe('dec');
    expect(v.correctedQuery).toBe('SELECT TOP 5 ra, dec\nFROM sample.galaxies');
    const again = await mcp.ok<{ valid: boolean; errors: number }>('validate_adql', { query: v.correctedQuery });
    expect(again).toMatchObject({ valid: true, errors: 0 });
  });

  it('run_adql refuses an invalid query with the diagnostics and a fix, without sending it', async () => {
    const before = await mcp.ok<{ session: { budget: { requestsUsed: number } } }>('capabilities');
    const refused = await mcp.call('run_adql', { query: 'SELECT TOP 3 id, redshfit FROM sample.galaxies' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('The query was NOT sent');
    expect(textOf(refused)).toContain('[unknown-column]');
    expect(textOf(refused)).toContain('SELECT TOP 3 id, redshift FROM sample.galaxies');
    expect(refused.structuredContent).toMatchObject({
      status: 'refused',
      validation: { valid: false, correctedQuery: 'SELECT TOP 3 id, redshift FROM sample.galaxies' },
    });
    const after = await mcp.ok<{ session: { budget: { requestsUsed: number } } }>('capabilities');
    // Only the second capabilities call was charged: the refused query never reached the service.
    expect(after.session.budget.requestsUsed).toBe(before.session.budget.requestsUsed + 1);
  });

  it('run_adql returns columns with units, the first rows, the count, and saves the full result', async () => {
    const out = await mcp.ok<RunOutput>('run_adql', {
      query: 'SELECT TOP 7 id, ra, dec, gmag FROM sample.galaxies ORDER BY id',
      previewRows: 3,
    });
    expect(out.status).toBe('completed');
    const r = out.result!;
    expect(r).toMatchObject({ rowCount: 7, complete: true, previewRows: 3, format: 'votable' });
    expect(r.verdict).toMatch(/^COMPLETE: all 7 rows/);
    expect(r.columns.map((c) => [c.name, c.unit])).toEqual([
      ['id', undefined],
      ['ra', 'deg'],
      ['dec', 'deg'],
      ['gmag', 'mag'],
    ]);
    const lines = r.preview.split('\n');
    expect(lines[0]).toBe('id | ra | dec | gmag');
    expect(lines.slice(1).map((l) => l.split(' | ')[0])).toEqual(['1', '2', '3']);
    expect(path.dirname(r.file)).toBe(path.join(mcp.workdir, 'adql-results'));
    const saved = await readVOTableFile(r.file);
    expect(saved.tables[0]!.rowCount).toBe(7);
    expect(saved.tables[0]!.column('id').toArray()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The full result is also a resource.
    const resource = await mcp.client.readResource({ uri: r.resourceUri });
    expect((resource.contents[0] as { text: string }).text).toContain('<VOTABLE');
  });

  it('run_adql reports an overflowing query as truncated, in words, and saves only the rows returned', async () => {
    const total = await galaxyCount();
    const out = await mcp.ok<RunOutput>('run_adql', { query: 'SELECT id FROM sample.galaxies', maxRows: 10, format: 'csv' });
    const r = out.result!;
    expect(total).toBeGreaterThan(10);
    expect(r).toMatchObject({ rowCount: 10, complete: false, maxrec: 10, format: 'csv' });
    expect(r.verdict).toMatch(/^TRUNCATED: only the first 10 rows were returned; more rows match the query/);
    expect(r.verdictCertain).toBe(true);
    expect(r.verdict).toContain('raise maxRows');
    const asVOTable = await mcp.call('run_adql', { query: 'SELECT id FROM sample.galaxies', maxRows: 10, previewRows: 0 });
    expect(textOf(asVOTable)).toMatch(/^TRUNCATED/);
    const saved = await readVOTableFile((asVOTable.structuredContent as unknown as RunOutput).result!.file);
    expect(saved.tables[0]!.rowCount).toBe(10);
    expect(saved.infos.find((i) => i.name === 'QUERY_STATUS')?.value).toBe('OVERFLOW');
    // The same as VOParquet: the rows handed out, the status in the embedded VOTable header.
    const asParquet = await mcp.call('run_adql', {
      query: 'SELECT id FROM sample.galaxies ORDER BY id',
      maxRows: 10,
      previewRows: 0,
      format: 'parquet',
    });
    expect(asParquet.isError, textOf(asParquet)).toBeFalsy();
    const parquetFile = (asParquet.structuredContent as unknown as RunOutput).result!.file;
    expect(parquetFile).toMatch(/\.parquet$/);
    const fromParquet = await readParquet(new Uint8Array(readFileSync(parquetFile)));
    expect(fromParquet.tables[0]!.column('id').toArray()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(fromParquet.infos.filter((i) => i.name === 'QUERY_STATUS').at(-1)?.value).toBe('OVERFLOW');
    const csv = readFileSync(r.file, 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('id');
    expect(csv).toHaveLength(11);
  });

  it('run_adql runs an async job to completion', async () => {
    const out = await mcp.ok<RunOutput>('run_adql', {
      query: 'SELECT TOP 20 id, redshift FROM sample.galaxies WHERE redshift > 0.05 ORDER BY id',
      mode: 'async',
      waitSeconds: 60,
    });
    expect(out.status).toBe('completed');
    expect(out.jobId).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tap\/async\//);
    expect(out.phase).toBe('COMPLETED');
    expect(out.result).toMatchObject({ rowCount: 20, complete: true });
    // A fetched job is deleted and forgotten.
    const status = await mcp.call('job_status', { jobId: out.jobId });
    expect(status.isError).toBe(true);
    expect(textOf(status)).toContain('no job');
  });

  it('job_status, fetch_job and cancel_job work on a job run_adql left pending', async () => {
    const started = await mcp.ok<RunOutput>('run_adql', {
      query: 'SELECT TOP 5 id FROM sample.galaxies ORDER BY id',
      mode: 'async',
      waitSeconds: 0,
    });
    expect(started).toMatchObject({ status: 'pending', service: 'local' });
    expect(started.message).toContain('fetch_job');
    const status = await mcp.ok<{ phase: string; jobId: string }>('job_status', { jobId: started.jobId });
    expect(status.jobId).toBe(started.jobId);
    expect(['QUEUED', 'EXECUTING', 'COMPLETED']).toContain(status.phase);
    const fetched = await mcp.ok<RunOutput>('fetch_job', { jobId: started.jobId, waitSeconds: 60, format: 'csv' });
    expect(fetched).toMatchObject({ status: 'completed', phase: 'COMPLETED', result: { rowCount: 5, complete: true, format: 'csv' } });
    expect(readFileSync(fetched.result!.file, 'utf8').trim().split(/\r?\n/)).toEqual(['id', '1', '2', '3', '4', '5']);

    const other = await mcp.ok<RunOutput>('run_adql', {
      query: 'SELECT TOP 5 galaxy_id FROM sample.observations',
      mode: 'async',
      waitSeconds: 0,
    });
    const cancelled = await mcp.ok<{ message: string }>('cancel_job', { jobId: other.jobId });
    expect(cancelled.message).toMatch(/^the job (\(\w+\) was aborted|had ended \(COMPLETED\)) and was deleted$/);
    expect(textOf(await mcp.call('fetch_job', { jobId: other.jobId }))).toContain('no job');
  });

  it('uploads a VOTable from the working directory and cross-matches it (columns validated)', async () => {
    writeFileSync(
      path.join(mcp.workdir, 'mine.vot'),
      writeVOTable({
        columns: [
          { name: 'gid', datatype: 'int' },
          { name: 'label', datatype: 'char', arraysize: '*' },
        ],
        rows: [
          [2, 'b'],
          [3, 'c'],
        ],
      }),
    );
    const bad = await mcp.call('validate_adql', { query: 'SELECT m.labl FROM TAP_UPLOAD.mine AS m', uploads: { mine: 'mine.vot' } });
    expect((bad.structuredContent as { diagnostics: Array<{ code: string }> }).diagnostics[0]!.code).toBe('unknown-column');
    const out = await mcp.ok<RunOutput>('run_adql', {
      query: 'SELECT m.label, g.id, g.ra FROM TAP_UPLOAD.mine AS m JOIN sample.galaxies AS g ON g.id = m.gid ORDER BY g.id',
      uploads: { mine: 'mine.vot' },
    });
    expect(out.result!.rowCount).toBe(2);
    expect(
      out
        .result!.preview.split('\n')
        .slice(1)
        .map((l) => l.split(' | ').slice(0, 2).join(',')),
    ).toEqual(['b,2', 'c,3']);
  });

  it('answers bad arguments with a clear error', async () => {
    const noQuery = await mcp.call('run_adql', {});
    expect(noQuery.isError).toBe(true);
    expect(textOf(noQuery)).toMatch(/Invalid arguments for tool run_adql.*query/s);
    const negative = await mcp.call('run_adql', { query: 'SELECT TOP 1 id FROM sample.galaxies', maxRows: -3 });
    expect(textOf(negative)).toMatch(/maxRows/);
    const service = await mcp.call('list_tables', { service: 'nowhere' });
    expect(textOf(service)).toBe('unknown service "nowhere"; use one of "local" or a TAP service URL (http://...)');
    const outside = await mcp.call('run_adql', { query: 'SELECT TOP 1 id FROM sample.galaxies', saveAs: '../escape.vot' });
    expect(textOf(outside)).toMatch(/saveAs "\.\.\/escape\.vot" is outside the working directory/);
    const upload = await mcp.call('run_adql', { query: 'SELECT * FROM TAP_UPLOAD.t', uploads: { t: '/etc/passwd' } });
    expect(textOf(upload)).toMatch(/outside the working directory/);
    const job = await mcp.call('job_status', { jobId: 'http://example.org/tap/async/1' });
    expect(textOf(job)).toMatch(/^no job "http:\/\/example\.org\/tap\/async\/1" in this session/);
    const registry = await mcp.call('find_services', { keywords: ['galaxies'] });
    expect(textOf(registry)).toMatch(/no registry configured/);
  });

  it('service_examples, capabilities, prompts and resource templates', async () => {
    const examples = await mcp.ok<{ examples: Array<{ query: string }> }>('service_examples');
    expect(examples.examples.length).toBeGreaterThan(0);
    for (const e of examples.examples) {
      const v = await mcp.ok<{ valid: boolean }>('validate_adql', { query: e.query });
      expect(v.valid, e.query).toBe(true);
    }
    const caps = await mcp.ok<{
      adqlVersions: string[];
      session: { services: string[]; defaultService: string; workdir: string; budget: { rowsPerCall: number } };
    }>('capabilities');
    expect(caps.adqlVersions.length).toBeGreaterThan(0);
    expect(caps.session).toMatchObject({ services: ['local'], defaultService: 'local', budget: { rowsPerCall: 10_000 } });
    const { prompts } = await mcp.client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['cone_search', 'crossmatch_upload']);
    const cone = await mcp.client.getPrompt({
      name: 'cone_search',
      arguments: { ra: '150', dec: '2', radius: '0.1', table: 'sample.galaxies' },
    });
    expect((cone.messages[0]!.content as { text: string }).text).toContain("CIRCLE('ICRS', 150, 2, 0.1)");
    const { resourceTemplates } = await mcp.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['adqlkit://results/{+path}', 'adqlkit://schema/{service}/{table}']);
  });
});

describe('adql mcp budgets', () => {
  it('caps rows per call and per session, and refuses when the session budget is spent', async () => {
    const small = await startMcp(['--max-rows-per-call', '8', '--max-session-rows', '12']);
    try {
      const first = await small.ok<RunOutput>('run_adql', { query: 'SELECT id FROM sample.galaxies', maxRows: 100 });
      expect(first.result).toMatchObject({ rowCount: 8, maxrec: 8, complete: false });
      const second = await small.ok<RunOutput>('run_adql', { query: 'SELECT id FROM sample.galaxies' });
      expect(second.result).toMatchObject({ rowCount: 4, maxrec: 4, complete: false });
      const third = await small.call('run_adql', { query: 'SELECT TOP 1 id FROM sample.galaxies' });
      expect(third.isError).toBe(true);
      expect(textOf(third)).toMatch(/row budget \(12 rows\) is spent/);
    } finally {
      await small.close();
    }
  }, 120_000);
});
