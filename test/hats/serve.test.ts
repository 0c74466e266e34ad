/** `adql serve --hats name=DIR`: a HATS catalogue served as TAP, answering cone searches like a scan of every row. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../cli/support/build.js';
import { runAdql } from '../cli/support/spawn.js';
import { HATS_CORPUS, bruteForceRows, corpusProblem, separation } from './corpus.js';

if (corpusProblem) console.log(`skipping adql serve --hats: ${corpusProblem}`);
const withCorpus = corpusProblem ? describe.skip : describe;

withCorpus('adql serve --hats', () => {
  beforeAll(ensureBuilt, 180_000);

  it('serves a HATS collection; a cone search returns the rows a full scan finds', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'adql-hats-cache-'));
    const env = { ...process.env, NO_COLOR: '1', ADQLKIT_CACHE_DIR: cache };
    const collection = path.join(HATS_CORPUS, 'small_sky_o1_collection');
    const child = spawn(process.execPath, [CLI, 'serve', '--hats', `sky.objects=${collection}`], { env, stdio: 'pipe' });
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
      expect(stderr).toContain('sky.objects');
      const adql = 'SELECT id FROM sky.objects WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(320, -40, 8)) ORDER BY id';
      const query = await runAdql(['query', '-s', url, adql], { env: { ADQLKIT_CACHE_DIR: env.ADQLKIT_CACHE_DIR } });
      expect(query.code, query.stderr).toBe(0);
      const got = query.stdout.trim().split('\r\n').slice(1);
      const all = await bruteForceRows(path.join(collection, 'small_sky_order1'), 'id', 'ra', 'dec');
      const expected = all
        .filter((r) => separation(r.ra, r.dec, 320, -40) <= 8)
        .map((r) => r.id)
        .sort((a, b) => Number(a) - Number(b));
      expect(expected.length).toBeGreaterThan(0);
      expect(got).toEqual(expected);
      const schema = await runAdql(['schema', '-s', url, 'describe', 'sky.objects'], { env: { ADQLKIT_CACHE_DIR: env.ADQLKIT_CACHE_DIR } });
      expect(schema.code, schema.stderr).toBe(0);
      expect(schema.stdout).toMatch(/^ra\s.*deg/m);
    } finally {
      child.kill('SIGINT');
    }
    const code = await new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve),
    );
    rmSync(cache, { recursive: true, force: true });
    expect(code).toBe(0);
  }, 120_000);

  it('a bad --hats spec or a directory that is no catalogue is a one-line error (exit 2)', async () => {
    const spec = await runAdql(['serve', '--hats', 'nodir']);
    expect(spec.code).toBe(2);
    expect(spec.stderr).toContain('expected name=DIR_OR_URL');
    const notHats = await runAdql(['serve', '--hats', `x.y=${HATS_CORPUS}`]);
    expect(notHats.code).toBe(2);
    expect(notHats.stderr.trim().split('\n')).toHaveLength(1);
    expect(notHats.stderr).toContain('not a HATS catalogue');
  });
});
