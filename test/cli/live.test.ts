/** The built `adql` binary against the live DaCHS service: query, jobs, schema, examples, capabilities, codegen. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeLive, TAP_URL } from '../support/dachs.js';
import { CLI, ensureBuilt } from './support/build.js';
import { runAdql } from './support/spawn.js';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'adql-live-cache-'));
const env = { ADQLKIT_CACHE_DIR: cacheDir, ADQLKIT_SERVICE: '' };
const adql = (args: string[], options: Parameters<typeof runAdql>[1] = {}) =>
  runAdql(args, { timeoutMs: 60_000, ...options, env: { ...env, ...options.env } });

describeLive('adql against the live DaCHS service', () => {
  beforeAll(ensureBuilt, 180_000);

  it('query: validates, runs sync and prints CSV on a pipe', async () => {
    const r = await adql(['query', '-s', TAP_URL, 'SELECT TOP 3 id, ra, dec FROM zcat.main ORDER BY id']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('id,ra,dec');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['1', '2', '3']);
  });

  it('query: a validation error stops the query before it is sent (exit 1)', async () => {
    const r = await adql(['query', '-s', TAP_URL, 'SELECT TOP 3 id, rra FROM zcat.main']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[unknown-column]');
    expect(r.stderr).toContain('the query was not sent');
    // --no-validate sends it: the service's own error comes back as one line, exit 1.
    const sent = await adql(['query', '-s', TAP_URL, '--no-validate', 'SELECT TOP 3 id, rra FROM zcat.main']);
    expect(sent.code).toBe(1);
    expect(sent.stderr).toMatch(/^adql query: error: .*rra/m);
  });

  it('query: --maxrec truncation is reported, --strict makes it an error, table format aligns', async () => {
    const r = await adql(['query', '-s', TAP_URL, '--maxrec', '2', '--format', 'json', 'SELECT id FROM zcat.main']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.rows).toHaveLength(2);
    expect(json.overflow).toBe(true);
    expect(r.stderr).toContain('truncated at MAXREC=2');
    expect((await adql(['query', '-s', TAP_URL, '--maxrec', '2', '--strict', 'SELECT id FROM zcat.main'])).code).toBe(1);
    const table = await adql(['query', '-s', TAP_URL, '--format', 'table', 'SELECT TOP 2 id, ra FROM zcat.main ORDER BY id']);
    expect(table.stdout.split('\n').slice(0, 2)).toEqual(['id    ra [deg]', '--  ----------']);
    expect(table.stdout).toContain('(2 rows)');
  });

  it('query -f, --upload and --out (streamed VOTable)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'adql-live-'));
    writeFileSync(
      path.join(dir, 'q.adql'),
      'SELECT u.myid, m.ra FROM TAP_UPLOAD.mine AS u JOIN zcat.main AS m ON m.id = u.myid ORDER BY u.myid\n',
    );
    writeFileSync(
      path.join(dir, 'mine.vot'),
      '<?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE><FIELD name="myid" datatype="int"/><DATA><TABLEDATA><TR><TD>2</TD></TR><TR><TD>5</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>',
    );
    const r = await adql(['query', '-s', TAP_URL, '-f', 'q.adql', '--upload', 'mine=mine.vot'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\r\n')
        .map((l) => l.split(',')[0]),
    ).toEqual(['myid', '2', '5']);
    const out = await adql(['query', '-s', TAP_URL, '--out', 'r.vot', '--format', 'votable', 'SELECT TOP 4 id FROM zcat.main'], {
      cwd: dir,
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/wrote .*r\.vot/);
    expect(readFileSync(path.join(dir, 'r.vot'), 'utf8')).toContain('<VOTABLE');
  });

  it('query --async and jobs show/wait/fetch/delete on the kept job', async () => {
    const r = await adql(['query', '-s', TAP_URL, '--async', '--keep-job', 'SELECT TOP 2 id FROM zcat.main ORDER BY id']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\r\n')).toEqual(['id', '1', '2']);
    const jobUrl = /^job: (\S+)$/m.exec(r.stderr)?.[1];
    expect(jobUrl, r.stderr).toBeDefined();
    expect(r.stderr).toContain(`job ${jobUrl}: COMPLETED`);
    const show = await adql(['jobs', 'show', jobUrl!]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/phase\s+COMPLETED/);
    expect(show.stdout).toContain('SELECT TOP 2 id FROM zcat.main');
    const wait = await adql(['jobs', 'wait', jobUrl!]);
    expect(wait.stdout).toBe('COMPLETED\n');
    const fetched = await adql(['jobs', 'fetch', '--format', 'csv', jobUrl!]);
    expect(fetched.stdout.trim().split('\r\n')).toEqual(['id', '1', '2']);
    const list = await adql(['jobs', 'list', '-s', TAP_URL, '--json']);
    expect(JSON.parse(list.stdout).map((j: { url: string }) => j.url)).toContain(jobUrl);
    expect((await adql(['jobs', 'delete', jobUrl!])).stdout).toBe(`deleted ${jobUrl}\n`);
    const gone = await adql(['jobs', 'show', jobUrl!]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('not found');
  });

  it('query --async: Ctrl-C aborts the remote job', async () => {
    // A query slow enough to still be running when interrupted.
    const slow = 'SELECT COUNT(*) AS n FROM zcat.big AS a JOIN zcat.big AS b ON a.id = b.id + 1 WHERE SQRT(ABS(a.ra * b.dec)) > -1';
    const child = spawn(process.execPath, [CLI, 'query', '-s', TAP_URL, '--async', '--keep-job', slow], {
      env: { ...process.env, ...env, NO_COLOR: '1' },
      stdio: 'pipe',
    });
    let stderr = '';
    const jobUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no job URL: ${stderr}`)), 30_000);
      child.stderr.on('data', (d) => {
        stderr += d;
        const m = /^job: (\S+)$/m.exec(stderr);
        if (m && /EXECUTING|QUEUED/.test(stderr)) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toContain(`aborted job ${jobUrl}`);
    const show = await adql(['jobs', 'show', '--json', jobUrl]);
    expect(JSON.parse(show.stdout).phase).toBe('ABORTED');
    await adql(['jobs', 'delete', jobUrl]);
  });

  it('schema: tables, describe, search, save; lint against the saved file and the cache', async () => {
    const tables = await adql(['schema', '-s', TAP_URL]);
    expect(tables.code).toBe(0);
    expect(tables.stdout).toMatch(/^zcat\.main\s+table\s+Synthetic galaxies/m);
    const describe = await adql(['schema', '-s', TAP_URL, 'describe', 'zcat.main']);
    expect(describe.stdout).toMatch(/^ra\s+double\s+deg\s+pos\.eq\.ra;meta\.main/m);
    const search = await adql(['schema', '-s', TAP_URL, 'search', 'redshift']);
    expect(search.code).toBe(0);
    expect(search.stdout).toContain('zcat.');
    const dir = mkdtempSync(path.join(tmpdir(), 'adql-live-'));
    const save = await adql(['schema', '-s', TAP_URL, '--save', 'dachs.json'], { cwd: dir });
    expect(save.code, save.stderr).toBe(0);
    writeFileSync(path.join(dir, 'bad.adql'), 'SELECT ra, dcc FROM zcat.main\n');
    const lintFile = await adql(['lint', '--schema', 'dachs.json', 'bad.adql'], { cwd: dir });
    expect(lintFile.code).toBe(1);
    expect(lintFile.stdout).toContain('[unknown-column]');
    const lintService = await adql(['lint', '-s', TAP_URL, 'bad.adql'], { cwd: dir });
    expect(lintService.stdout).toContain('[unknown-column]');
    // The metadata is cached now: --offline works.
    const offline = await adql(['lint', '-s', TAP_URL, '--offline', 'bad.adql'], { cwd: dir });
    expect(offline.code).toBe(1);
    expect(offline.stdout).toContain('[unknown-column]');
  });

  it('examples: list and run one', async () => {
    const list = await adql(['examples', '-s', TAP_URL]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^1\. \S/m);
    const run = await adql(['examples', '-s', TAP_URL, '--run', '1', '--maxrec', '3', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).rows.length).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/^example 1: /m);
    const missing = await adql(['examples', '-s', TAP_URL, '--run', '999']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no example 999');
  });

  it('capabilities: ADQL versions, geometry features, UDFs, limits', async () => {
    const r = await adql(['capabilities', '-s', TAP_URL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ADQL versions\s+2\.0, 2\.1/);
    expect(r.stdout).toMatch(/adqlgeo\s+.*CONTAINS/);
    expect(r.stdout).toContain('Limits:');
    const json = JSON.parse((await adql(['capabilities', '-s', TAP_URL, '--json'])).stdout);
    expect(json.udfs.length).toBeGreaterThan(0);
  });

  it('codegen: writes the interface and --check detects a stale file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'adql-live-'));
    const r = await adql(['codegen', '-s', TAP_URL, '--schema', 'zcat', '--out', 'db.ts'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'db.ts'), 'utf8')).toContain('zcat');
    expect((await adql(['codegen', '-s', TAP_URL, '--schema', 'zcat', '--out', 'db.ts', '--check'], { cwd: dir })).code).toBe(0);
    writeFileSync(path.join(dir, 'db.ts'), '// stale\n');
    expect((await adql(['codegen', '-s', TAP_URL, '--schema', 'zcat', '--out', 'db.ts', '--check'], { cwd: dir })).code).toBe(1);
  });

  it('an unreachable service is a one-line error (exit 2)', async () => {
    const r = await adql(['capabilities', '-s', 'http://127.0.0.1:9/tap']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('127.0.0.1:9');
  });
});
