/** The built `adql` binary, spawned: output, exit codes, help, errors (no network needed). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './support/build.js';
import { runAdql } from './support/spawn.js';
import { tempProject } from './fixtures.js';

beforeAll(ensureBuilt, 180_000);

const GOOD = 'SELECT TOP 5 ra, dec\nFROM zcat.main\nWHERE z > 0.1\n';
const BAD_NAMES = 'SELECT ra, dec, zz\nFROM zcat.main\nWHERE z > 0.1\n';

describe('adql (help, usage, exit codes)', () => {
  it('prints the command list and exits 2 without arguments, 0 with --help', async () => {
    const none = await runAdql([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Commands:');
    const help = await runAdql(['--help']);
    expect(help.code).toBe(0);
    for (const cmd of ['parse', 'format', 'lint', 'query', 'jobs', 'schema', 'examples', 'capabilities'])
      expect(help.stdout).toContain(`  ${cmd}`);
  });

  it('every command has --help with usage and examples', async () => {
    for (const cmd of ['parse', 'format', 'lint', 'query', 'jobs', 'schema', 'examples', 'capabilities']) {
      const r = await runAdql([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain(`adql ${cmd}`);
      expect(r.stdout, cmd).toContain('Usage:');
      expect(r.stdout, cmd).toMatch(/Examples:\n(.+\n)+/);
    }
  });

  it('usage errors are one line with what to do, exit 2', async () => {
    const unknown = await runAdql(['lnt']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/unknown command "lnt"; did you mean lint/);
    const flag = await runAdql(['lint', '--bogus', 'x.adql']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^adql lint: error: Unknown option '--bogus'.*run "adql lint --help"\n$/);
    const missing = await runAdql(['lint', 'does-not-exist.adql']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'adql lint: error: cannot read does-not-exist.adql (no such file); give an existing file, ADQL text in quotes, or - for stdin\n',
    );
    const noInput = await runAdql(['parse']);
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('no input given; pass ADQL in quotes, .adql files (or --file FILE), or - to read stdin');
    const noService = await runAdql(['query', 'SELECT 1 FROM t'], { env: { ADQLKIT_SERVICE: '', ADQLKIT_CONFIG: '' }, cwd: tempProject() });
    expect(noService.code).toBe(2);
    expect(noService.stderr).toContain('no TAP service given; pass --service URL');
  });

  it('colours only when forced (stdout is a pipe here)', async () => {
    const dir = tempProject({ 'bad.adql': BAD_NAMES });
    const plain = await runAdql(['lint', '--schema', 'schema.json', 'bad.adql'], { cwd: dir });
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = await runAdql(['lint', '--color', '--schema', 'schema.json', 'bad.adql'], { cwd: dir });
    expect(forced.stdout).toContain('\u001b[31m');
  });
});

describe('adql parse', () => {
  it('accepts valid ADQL (exit 0) and reports syntax errors with a code frame (exit 1)', async () => {
    const ok = await runAdql(['parse', '-'], { stdin: GOOD });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('no problems in 1 file\n');
    const bad = await runAdql(['parse', '-'], { stdin: 'SELECT ra dec FROM\nWHERE x' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^<stdin>:2:1 error .*found WHERE \[syntax-error\]/);
    expect(bad.stdout).toContain('> 2 | WHERE x\n    | ^^^^^');
  });

  it('prints the AST as JSON with --ast', async () => {
    const r = await runAdql(['parse', '--ast', '-'], { stdin: GOOD });
    expect(r.code).toBe(0);
    const ast = JSON.parse(r.stdout);
    expect(ast.kind).toBe('Select');
    expect(ast.top).toBe(5);
  });

  it('rejects 2.1-only syntax in 2.0 mode', async () => {
    const r = await runAdql(['parse', '--adql-version', '2.0', '-'], { stdin: 'SELECT ra FROM t OFFSET 10' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/2\.1/);
  });
});

describe('adql format', () => {
  it('pretty-prints, checks and rewrites in place', async () => {
    const dir = tempProject({ 'q.adql': 'select top 5 ra,dec from zcat.main where z>0.1 -- near\n' });
    const printed = await runAdql(['format', 'q.adql'], { cwd: dir });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^SELECT TOP 5/);
    expect(printed.stdout).toContain('\nFROM zcat.main');
    expect(printed.stdout).toContain('-- near');
    const check = await runAdql(['format', '--check', 'q.adql'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toBe('q.adql: not formatted\n');
    const write = await runAdql(['format', '-w', 'q.adql'], { cwd: dir });
    expect(write.code).toBe(0);
    expect(readFileSync(path.join(dir, 'q.adql'), 'utf8')).toBe(printed.stdout);
    expect((await runAdql(['format', '--check', 'q.adql'], { cwd: dir })).code).toBe(0);
  });

  it('leaves broken files alone and says why (exit 1)', async () => {
    const r = await runAdql(['format', '-'], { stdin: 'SELECT FROM' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[syntax-error]');
    expect(r.stdout).toBe('');
  });
});

describe('adql lint', () => {
  const dir = tempProject({ 'good.adql': GOOD, 'bad.adql': BAD_NAMES });

  it('is clean on a good query and reports unknown columns with a fix (exit 1)', async () => {
    const good = await runAdql(['lint', '--schema', 'schema.json', 'good.adql'], { cwd: dir });
    expect(good.code).toBe(0);
    expect(good.stdout).toBe('no problems in 1 file\n');
    const bad = await runAdql(['lint', '--schema', 'schema.json', 'good.adql', 'bad.adql'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^bad\.adql:1:17 error .*zz.* \[unknown-column\]/m);
    expect(bad.stdout).toContain('> 1 | SELECT ra, dec, zz\n    |                 ^^');
    expect(bad.stdout).toMatch(/fix: .*\bz\b/);
    expect(bad.stdout).toContain('1 error, 0 warnings in 2 files');
  });

  it('json, sarif and github formats', async () => {
    const json = JSON.parse((await runAdql(['lint', '--schema', 'schema.json', '--format', 'json', 'bad.adql'], { cwd: dir })).stdout);
    expect(json).toEqual([
      expect.objectContaining({
        file: 'bad.adql',
        code: 'unknown-column',
        severity: 'error',
        range: { start: { offset: 16, line: 1, column: 17 }, end: { offset: 18, line: 1, column: 19 } },
      }),
    ]);
    const sarif = JSON.parse((await runAdql(['lint', '--schema', 'schema.json', '--format', 'sarif', 'bad.adql'], { cwd: dir })).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toMatchObject({ startLine: 1, startColumn: 17 });
    const gh = await runAdql(['lint', '--schema', 'schema.json', '--format', 'github', 'bad.adql'], { cwd: dir });
    expect(gh.code).toBe(1);
    expect(gh.stdout).toMatch(/^::error file=bad\.adql,line=1,col=17,endLine=1,endColumn=19,title=adql unknown-column::/);
  });

  it('checks against the ADQL version of .adqlrc.json unless --adql-version says otherwise', async () => {
    const project = tempProject({
      'q.adql': 'SELECT ra FROM zcat.main OFFSET 2\n',
      '.adqlrc.json': JSON.stringify({ schema: 'schema.json', version: '2.0' }),
    });
    const old = await runAdql(['lint', 'q.adql'], { cwd: project });
    expect(old.code).toBe(1);
    expect(old.stdout).toMatch(/OFFSET needs ADQL 2\.1/);
    const flag = await runAdql(['lint', '--adql-version', '2.1', 'q.adql'], { cwd: project });
    expect(flag.code).toBe(0);
    const latest = tempProject({
      'q.adql': 'SELECT ra FROM zcat.main OFFSET 2\n',
      '.adqlrc.json': JSON.stringify({ schema: 'schema.json' }),
    });
    expect((await runAdql(['lint', 'q.adql'], { cwd: latest })).code).toBe(0);
    const broken = tempProject({ 'q.adql': 'SELECT 1\n', '.adqlrc.json': JSON.stringify({ version: '2.2' }) });
    const bad = await runAdql(['lint', 'q.adql'], { cwd: broken });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"version" must be one of "2\.0", "2\.1"/);
  });

  it('finds the schema through .adqlrc.json and notes when there is none', async () => {
    const withConfig = tempProject({ 'bad.adql': BAD_NAMES, '.adqlrc.json': JSON.stringify({ schema: 'schema.json' }) });
    const r = await runAdql(['lint', 'bad.adql'], { cwd: withConfig });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[unknown-column]');
    const bare = tempProject({ 'bad.adql': BAD_NAMES });
    const none = await runAdql(['lint', 'bad.adql'], { cwd: bare, env: { ADQLKIT_SERVICE: '' } });
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('note: no schema');
  });

  it('explains a broken schema file in one line (exit 2)', async () => {
    const broken = tempProject({ 'q.adql': GOOD, 'broken.json': '{"tables": 3}' });
    const r = await runAdql(['lint', '--schema', 'broken.json', 'q.adql'], { cwd: broken });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('broken.json');
  });
});

describe('adql lint on TypeScript sources', () => {
  it('checks embedded ADQL and reports positions in the .ts file', async () => {
    const ts = [
      'const q = adql`',
      '  SELECT ra, dcc',
      '  FROM zcat.main',
      '  WHERE z > ${minZ}`;',
      "await service.query('SELECT TOP 3 nmae FROM zcat.main');",
      '',
    ].join('\n');
    const dir = tempProject({ 'app.ts': ts });
    const r = await runAdql(['lint', '--schema', 'schema.json', '--format', 'json', 'app.ts'], { cwd: dir });
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout) as Array<{ code: string; range: { start: { line: number; column: number } } }>;
    expect(diags.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([
      ['unknown-column', 2, 14],
      ['unknown-column', 5, 35],
    ]);
  });
});

describe('directories as inputs', () => {
  it('lints every .adql file under a directory, skipping node_modules', async () => {
    const dir = tempProject({ 'top.adql': 'SELECT zz FROM zcat.main\n' });
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'queries/deep'), { recursive: true });
    mkdirSync(path.join(dir, 'node_modules'));
    writeFileSync(path.join(dir, 'queries/deep/q.adql'), 'SELECT ra FROM zcat.main\n');
    writeFileSync(path.join(dir, 'node_modules/x.adql'), 'broken');
    const r = await runAdql(['lint', '--schema', 'schema.json', '--format', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).map((d: { file: string }) => d.file)).toEqual(['top.adql']);
    mkdirSync(path.join(dir, 'empty'));
    const empty = await runAdql(['lint', 'empty'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no .adql files under empty');
  });
});
