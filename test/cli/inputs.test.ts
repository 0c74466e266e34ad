/**
 * One input convention in every command (issue 22): an argument is ADQL text, `-` for stdin, or a
 * path that exists; `--file` (`-f`) names a file in parse, lint, format, query and partition alike;
 * the old `-f FORMAT` of parse and lint gets a message saying what to write instead.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultServer } from '../tap/support/fault-server.js';
import { serveFixture } from '../scs/support/dachs-fixtures.js';
import { adql } from './support/in-process.js';

function file(name: string, text: string): string {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'adql-inputs-')), name);
  writeFileSync(p, text);
  return p;
}

describe('parse, lint and format', () => {
  it('take ADQL text as an argument, as query does', async () => {
    const ok = await adql(['parse', 'SELECT TOP 3 ra FROM t ORDER BY 1']);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    const bad = await adql(['parse', 'SELECT ra FROM']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('<argument>:1:15');
    const formatted = await adql(['format', 'select ra from t where dec > -1']);
    expect(formatted.stdout).toBe('SELECT ra\nFROM t\nWHERE dec > -1\n');
    const linted = await adql(['lint', 'SELECT ra, FROM t']);
    expect(linted.code).toBe(1);
  });

  it('read files given as arguments, with --file or with -f', async () => {
    const q = file('q.adql', 'SELECT ra FROM t\n');
    for (const args of [[q], ['--file', q], ['-f', q]]) {
      const r = await adql(['format', ...args]);
      expect(r.stdout, args.join(' ')).toBe('SELECT ra\nFROM t\n');
    }
    const two = await adql(['parse', '-f', q, '--file', file('r.adql', 'SELECT FROM\n')]);
    expect(two.code).toBe(1);
    expect(two.stdout).toMatch(/r\.adql:1:8/);
  });

  it('a word that is neither a file nor ADQL is a missing file, said plainly', async () => {
    const r = await adql(['lint', 'does-not-exist.adql']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'adql lint: error: cannot read does-not-exist.adql (no such file); give an existing file, ADQL text in quotes, or - for stdin\n',
    );
  });

  it('the old -f FORMAT of parse and lint says to write --format', async () => {
    const q = file('q.adql', 'SELECT ra FROM t\n');
    for (const command of ['parse', 'lint']) {
      const r = await adql([command, '-f', 'json', q]);
      expect(r.code, command).toBe(2);
      expect(r.stderr).toBe(
        `adql ${command}: error: -f is --file (an input file) in every command; "json" is an output format: write --format json\n`,
      );
    }
    expect((await adql(['parse', '--format', 'json', q])).code).toBe(0);
  });

  it('format --write refuses ADQL text (there is no file to write)', async () => {
    const r = await adql(['format', '--write', 'select 1 from t']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--write needs files, not - (stdin) or ADQL text');
  });
});

describe('query', () => {
  const server = new FaultServer();
  beforeAll(async () => {
    await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.reset();
    serveFixture(server, 'POST /tap/sync', 'sync-cone-contains-td.vot');
  });
  const sentQuery = () => new URLSearchParams(server.hits('/tap/sync')[0]!.body).get('QUERY');

  it('runs a file given as its argument, as with --file', async () => {
    const q = file('cone.adql', 'SELECT TOP 5 id FROM zcat.main\n');
    for (const args of [[q], ['--file', q], ['-f', q]]) {
      server.requests.length = 0;
      const r = await adql(['query', '-s', `${server.url}/tap`, '--no-validate', ...args]);
      expect(r.code, args.join(' ')).toBe(0);
      expect(sentQuery()).toBe('SELECT TOP 5 id FROM zcat.main\n');
    }
  });

  it('says when there is no query, or more than one', async () => {
    const none = await adql(['query', '-s', `${server.url}/tap`]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no input given');
    const q = file('cone.adql', 'SELECT 1 FROM t\n');
    const both = await adql(['query', '-s', `${server.url}/tap`, '--file', q, 'SELECT 2 FROM t']);
    expect(both.stderr).toContain('give the query as an argument or with --file FILE, not both');
  });
});
