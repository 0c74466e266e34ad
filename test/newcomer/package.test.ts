/**
 * adqlkit as a new user meets it (issue 22): the packed package installed into a fresh project
 * that has nothing but `typescript` (what npm installs by default: 7.x) and adqlkit. The project
 * type-checks an import of the core without @types/node (under TypeScript 7 and 5.9), runs it as
 * an ES module and through require() from CommonJS, loads the bundled sample through the package,
 * and follows the typed-builder workflow (adql codegen, then tsc names a misspelled column).
 * Needs the build (dist/) and the npm registry (or npm's cache); skips, saying why, without them.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalService, type LocalService } from '../../src/engine/index.js';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const repoTsc = path.join(repo, 'node_modules/typescript/bin/tsc');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function sh(file: string, args: string[], cwd: string, timeoutMs = 240_000): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd,
      timeout: timeoutMs,
      maxBuffer: 1 << 24,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? e.message };
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let project = '';
let skipReason: string | undefined;

beforeAll(async () => {
  if (!existsSync(path.join(repo, 'dist/src/index.js'))) {
    skipReason = 'the build is missing (dist/src/index.js): run npm run build';
    return;
  }
  const tmp = mkdtempSync(path.join(tmpdir(), 'adqlkit-newcomer-'));
  const packed = await sh(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], repo);
  const tarball = packed.stdout.trim().split('\n').pop();
  if (packed.code !== 0 || tarball === undefined || tarball === '') {
    skipReason = `npm pack failed: ${packed.stderr.trim().split('\n').slice(-3).join(' ')}`;
    return;
  }
  project = path.join(tmp, 'app');
  mkdirSync(path.join(project, 'src'), { recursive: true });
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'newcomer-app', private: true, type: 'module' }, null, 2));
  const installed = await sh(
    npm,
    ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(tmp, tarball), 'typescript'],
    project,
  );
  if (installed.code !== 0) {
    skipReason = `npm install from the registry failed (offline?): ${installed.stderr.trim().split('\n').slice(-3).join(' ')}`;
    return;
  }
  // The tsconfig a newcomer writes from the README (nothing about Node), and the same checking every
  // declaration file the project loads (skipLibCheck off), where a Node type in adqlkit's would show.
  const options = { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, noEmit: true };
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, include: ['src'] }));
  writeFileSync(
    path.join(project, 'tsconfig.libcheck.json'),
    JSON.stringify({ compilerOptions: { ...options, skipLibCheck: false }, include: ['src'] }),
  );
}, 300_000);

function skipped(): boolean {
  if (skipReason !== undefined) console.log(`skipped: ${skipReason}`);
  return skipReason !== undefined;
}

const tsc7 = () => path.join(project, 'node_modules/typescript/bin/tsc');

describe('a new project with only typescript and adqlkit installed', { timeout: 240_000 }, () => {
  it('has no @types/node, and npm installed TypeScript 7', async () => {
    if (skipped()) return;
    expect(existsSync(path.join(project, 'node_modules/@types/node'))).toBe(false);
    expect((await sh(process.execPath, [tsc7(), '--version'], project)).stdout).toMatch(/^Version 7\./);
  });

  it('type-checks an import of the core (parse, validate, builder, VOTable, TAP) under TypeScript 7 and 5.9', async () => {
    if (skipped()) return;
    writeFileSync(
      path.join(project, 'src/core.ts'),
      [
        "import { parse, print, validate, queryBuilder, readVOTable, writeVOTable, TapService, arcmin, type TapResult } from 'adqlkit';",
        "const { ast, errors } = parse('SELECT TOP 5 ra, dec FROM zcat.main');",
        'export const text: string = print(ast!) + errors.length;',
        "export const query = queryBuilder().from('zcat.main').select('ra', 'dec').coneSearch({ ra: 'ra', dec: 'dec' }, { ra: 150, dec: 2 }, arcmin(5)).toADQL();",
        "export const xml: string = writeVOTable({ columns: [{ name: 'a', datatype: 'int' }], rows: [[1]] });",
        'export const read = readVOTable(xml);',
        "export const service = new TapService('http://127.0.0.1:8080/tap');",
        'export type Result = TapResult;',
        'export const check = typeof validate;',
        '',
      ].join('\n'),
    );
    for (const compiler of [tsc7(), repoTsc]) {
      const r = await sh(process.execPath, [compiler, '-p', '.', '--pretty', 'false'], project);
      expect(r.stdout + r.stderr, compiler).toBe('');
      expect(r.code).toBe(0);
      // Every declaration checked: none of adqlkit's fails, and nothing asks for Node's types.
      const strict = await sh(process.execPath, [compiler, '-p', 'tsconfig.libcheck.json', '--pretty', 'false'], project);
      const errors = strict.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
      expect(
        errors.filter((e) => e.startsWith('node_modules/adqlkit/') || /NodeJS|'node:|\bBuffer\b|types\/node|for node/.test(e)),
        compiler,
      ).toEqual([]);
      const others = errors.filter((e) => !e.startsWith('src/'));
      if (others.length > 0)
        console.log(`${compiler}: errors in other packages' declarations (hidden by skipLibCheck):\n${others.join('\n')}`);
    }
  });

  it('runs as an ES module, loads the bundled sample with sampleFile, and require() works from CommonJS', async () => {
    if (skipped()) return;
    writeFileSync(
      path.join(project, 'esm.mjs'),
      [
        "import { LocalEngine, sampleFile } from 'adqlkit';",
        "const engine = await LocalEngine.create({ tables: [{ name: 'my.stars', file: sampleFile('galaxies') }] });",
        "const r = await engine.query('SELECT COUNT(*) AS n FROM my.stars');",
        'console.log(String(r.rows[0][0]));',
        'await engine.close();',
      ].join('\n'),
    );
    const esm = await sh(process.execPath, ['esm.mjs'], project);
    expect(esm.stderr).toBe('');
    expect(esm.stdout.trim()).toBe('3000');

    writeFileSync(
      path.join(project, 'cjs.cjs'),
      "const { parse, print } = require('adqlkit');\nconsole.log(print(parse('select a from t where b > -1').ast));\n",
    );
    const cjs = await sh(process.execPath, ['cjs.cjs'], project);
    expect(cjs.stderr).toBe('');
    expect(cjs.stdout.trim()).toBe('SELECT a FROM t WHERE b > -1');
  });

  describe('the typed-builder workflow', () => {
    let local: LocalService | undefined;
    beforeAll(async () => {
      if (skipReason === undefined) local = await createLocalService();
    });
    afterAll(async () => {
      await local?.close();
    });

    it('adql codegen from the service, then tsc accepts a typed query and names a misspelled column and its table', async () => {
      if (skipped()) return;
      const gen = await sh(
        path.join(project, 'node_modules/.bin/adql'),
        ['codegen', '--service', local!.url, '--table', 'sample.*', '--out', 'src/db.ts'],
        project,
      );
      expect(gen.stdout + gen.stderr).toContain('wrote src/db.ts');
      expect(gen.code).toBe(0);
      writeFileSync(
        path.join(project, 'src/typed.ts'),
        [
          "import { queryBuilder } from 'adqlkit';",
          "import type { Database } from './db.js';",
          'const db = queryBuilder<Database>();',
          "export const ok = db.from('sample.galaxies as g').select('g.id', 'g.gmag').where('g.gmag', '<', 15);",
          "export const typo = db.from('sample.galaxies as g').select('g.id', 'g.gmagg');",
          '',
        ].join('\n'),
      );
      for (const compiler of [tsc7(), repoTsc]) {
        const r = await sh(process.execPath, [compiler, '-p', '.', '--pretty', 'false'], project);
        const errors = r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
        expect(errors, compiler).toHaveLength(1);
        expect(errors[0]).toContain('src/typed.ts(5,');
        expect(r.stdout).toContain(`parameter of type '"unknown column gmagg in sample.galaxies AS g; did you mean g.gmag?"'`);
      }
    });
  });
});
