/** `adql serve` (embedded engine): starts, answers `adql query` and `adql schema`, stops on Ctrl-C. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from './support/build.js';
import { runAdql } from './support/spawn.js';

describe('adql serve', () => {
  beforeAll(ensureBuilt, 180_000);

  it('serves the sample catalogue until interrupted', async () => {
    const env = { ...process.env, NO_COLOR: '1', ADQLKIT_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'adql-serve-cache-')) };
    const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${stderr}`)), 60_000);
        child.stdout.on('data', (d) => {
          stdout += d;
          const m = /^(http:\/\/127\.0\.0\.1:\d+\/tap)$/m.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      expect(stderr).toContain('sample.galaxies');
      const query = await runAdql(['query', '-s', url, 'SELECT TOP 3 id FROM sample.galaxies ORDER BY id'], {
        env: { ADQLKIT_CACHE_DIR: env.ADQLKIT_CACHE_DIR },
      });
      expect(query.code, query.stderr).toBe(0);
      expect(query.stdout.trim().split('\r\n')[0]).toBe('id');
      expect(query.stdout.trim().split('\r\n')).toHaveLength(4);
      const schema = await runAdql(['schema', '-s', url, 'describe', 'sample.galaxies'], {
        env: { ADQLKIT_CACHE_DIR: env.ADQLKIT_CACHE_DIR },
      });
      expect(schema.code, schema.stderr).toBe(0);
      expect(schema.stdout).toMatch(/^ra\s/m);
    } finally {
      child.kill('SIGINT');
    }
    const code = await new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve),
    );
    expect(code).toBe(0);
  }, 120_000);

  it('a bad --table spec is a one-line error (exit 2)', async () => {
    const r = await runAdql(['serve', '--table', 'nofile']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('expected name=FILE');
  });
});
