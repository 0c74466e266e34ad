/**
 * Partitioned runs against the live DaCHS service (zcat.big, ids 1..N without gaps). Row counts
 * are kept small (id cuts) so the suite stays around a minute on a loaded machine.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeLive, TAP_URL } from '../support/dachs.js';
import { TapService } from '../../src/tap/index.js';
import {
  mergePartition,
  partitionQuery,
  planPartition,
  PartitionInterruptedError,
  PartitionPlanError,
  PartitionRunError,
  readManifest,
  resumePartition,
  runPartition,
  type PartitionEvent,
} from '../../src/partition/index.js';

const JOB_TIMEOUT = 240_000;
const tap = new TapService(TAP_URL);
const QUERY = 'SELECT id, ra, dec, mag FROM zcat.big WHERE id <= 12000 AND mag < 14.5';

const runDir = async (name: string) => path.join(await mkdtemp(path.join(tmpdir(), 'adqlkit-partition-')), name);
const key = (row: unknown[]) => JSON.stringify(row, (_, v) => (typeof v === 'bigint' ? Number(v) : v));
const multiset = (rows: Iterable<unknown[]>) => [...rows].map(key).sort();

describeLive('partitioned runs (live DaCHS)', { timeout: JOB_TIMEOUT }, () => {
  it('the merged result equals the unpartitioned one, with at most `concurrency` jobs executing at once', async () => {
    const whole = await tap.query(QUERY);
    expect(whole.overflow).toBe(false);
    const ours = new Set<string>();
    let maxLibrary = 0;
    let maxListed = 0;
    let polling = true;
    // The service's own job list, read while the run goes: how many of our jobs are alive at once.
    const poller = (async () => {
      while (polling) {
        const alive = (await tap.jobs()).filter((j) => ours.has(j.url) && (j.phase === 'EXECUTING' || j.phase === 'QUEUED'));
        maxListed = Math.max(maxListed, alive.length);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const dir = await runDir('equal');
    const { result, summary, plan } = await partitionQuery(tap, QUERY, {
      by: { kind: 'range', column: 'id' },
      chunks: 4,
      concurrency: 2,
      sample: false,
      dir,
      onEvent: (e) => {
        if (e.type === 'chunk-start') {
          ours.add(e.jobUrl);
          maxLibrary = Math.max(maxLibrary, e.running);
        }
      },
    });
    polling = false;
    await poller;
    expect(plan.chunks).toHaveLength(4);
    expect(summary.chunks).toBe(4);
    expect(result!.rowCount).toBe(whole.rowCount);
    expect(result!.columns.map((c) => [c.name, c.datatype, c.unit, c.ucd])).toEqual(
      whole.columns.map((c) => [c.name, c.datatype, c.unit, c.ucd]),
    );
    expect(multiset(result!.rowArrays())).toEqual(multiset(whole.rowArrays()));
    expect(maxLibrary).toBeLessThanOrEqual(2);
    expect(maxListed).toBeLessThanOrEqual(2);
    expect(maxListed).toBeGreaterThanOrEqual(1);
    const manifest = await readManifest(dir);
    for (const c of manifest.chunks) {
      expect(c).toMatchObject({ status: 'done', query: expect.stringContaining('AND id >=') });
      expect(c.jobUrl).toMatch(/^http/);
      expect((await stat(path.join(dir, c.file!))).size).toBeGreaterThan(0);
    }
  });

  it('ORDER BY and TOP are re-applied across declination bands', async () => {
    const adql = 'SELECT TOP 40 id, dec, mag FROM zcat.big WHERE id <= 12000 AND mag < 14.5 ORDER BY mag DESC, id';
    const whole = await tap.query(adql);
    const { result } = await partitionQuery(tap, adql, {
      by: { kind: 'dec', column: 'dec' },
      chunks: 3,
      sample: false,
      dir: await runDir('ordered'),
    });
    expect(result!.rowCount).toBe(40);
    expect([...result!.rowArrays()].map(key)).toEqual(whole.rowArrays().map(key));
  });

  it('RA ranges and sky tiles cover every row once', async () => {
    const whole = multiset((await tap.query(QUERY)).rowArrays());
    const [ra, tiles] = await Promise.all([
      partitionQuery(tap, QUERY, { by: { kind: 'ra', column: 'ra' }, chunks: 2, sample: false, dir: await runDir('ra') }),
      partitionQuery(tap, QUERY, {
        by: { kind: 'tiles', ra: 'ra', dec: 'dec' },
        chunks: 4,
        concurrency: 3,
        sample: false,
        dir: await runDir('tiles'),
      }),
    ]);
    expect(tiles.plan.chunks.map((c) => c.bounds.length)).toEqual([2, 2, 2, 2]);
    expect(multiset(ra.result!.rowArrays())).toEqual(whole);
    expect(multiset(tiles.result!.rowArrays())).toEqual(whole);
  });

  it('with a small MAXREC, overflowing chunks are split until nothing overflows; the result is complete', async () => {
    const adql = 'SELECT id, mag FROM zcat.big WHERE id <= 6000 AND mag < 14.5';
    const whole = await tap.query(adql);
    const events: PartitionEvent[] = [];
    const dir = await runDir('split');
    const { result, summary } = await partitionQuery(tap, adql, {
      by: { kind: 'range', column: 'id' },
      chunks: 2,
      maxrec: Math.ceil(whole.rowCount / 3),
      sample: false,
      dir,
      onEvent: (e) => events.push(e),
    });
    expect(summary.splits).toBeGreaterThanOrEqual(2);
    expect(events.filter((e) => e.type === 'chunk-split')).toHaveLength(summary.splits);
    expect(multiset(result!.rowArrays())).toEqual(multiset(whole.rowArrays()));
    const manifest = await readManifest(dir);
    expect(manifest.chunks.filter((c) => c.status === 'split').every((c) => c.children?.length === 2)).toBe(true);
    expect(manifest.chunks.filter((c) => c.status === 'done').every((c) => c.rows! < manifest.plan.maxrec)).toBe(true);
  });

  it('a chunk that still overflows at the minimum size fails loudly instead of being truncated', async () => {
    const plan = await planPartition(tap, 'SELECT id FROM zcat.big WHERE id <= 100', {
      by: { kind: 'range', column: 'id' },
      chunks: 1,
      maxrec: 5,
      sample: false,
    });
    const dir = await runDir('minimum');
    const run = runPartition(tap, plan, { dir, minSize: 100 });
    await expect(run).rejects.toThrow(PartitionRunError);
    await expect(run).rejects.toThrow(/5 rows for MAXREC=5.*minimum chunk size/);
    expect((await readManifest(dir)).chunks[0]).toMatchObject({ status: 'failed' });
  });

  it('a chunk that runs into the time limit is split too', async () => {
    // Per-id counts over a self-join: seconds of work per 100000 ids, against a 1 s limit.
    const adql = 'SELECT a.id, COUNT(*) AS n FROM zcat.big AS a JOIN zcat.big AS b ON a.mag = b.mag WHERE a.id <= 200000 GROUP BY a.id';
    const plan = await planPartition(tap, adql, {
      by: { kind: 'range', column: 'a.id', type: 'integer', range: [1, 200000] },
      chunks: 1,
      maxrec: 250_000,
      sample: false,
    });
    const events: PartitionEvent[] = [];
    const run = runPartition(tap, plan, {
      dir: await runDir('time-limit'),
      executionDuration: 1,
      minSize: 100_000,
      onEvent: (e) => events.push(e),
    });
    // The halves may finish within the limit or not; either way nothing is returned silently incomplete.
    await run.catch((err: unknown) => expect(String(err)).toMatch(/time limit.*minimum chunk size/));
    expect(events.find((e) => e.type === 'chunk-split')).toMatchObject({
      chunk: 'c0001',
      reason: expect.stringMatching(/time limit: .*timed out/),
    });
  });

  it('Ctrl-C midway, then resume: nothing lost, no finished chunk rerun', async () => {
    const whole = await tap.query(QUERY);
    const plan = await planPartition(tap, QUERY, { by: { kind: 'range', column: 'id' }, chunks: 5, sample: false });
    const dir = await runDir('interrupted');
    const stop = new AbortController();
    let done = 0;
    const first = runPartition(tap, plan, {
      dir,
      concurrency: 2,
      signal: stop.signal,
      onEvent: (e) => e.type === 'chunk-done' && ++done === 2 && stop.abort(),
    });
    await expect(first).rejects.toThrow(PartitionInterruptedError);
    const before = await readManifest(dir);
    const finished = before.chunks.filter((c) => c.status === 'done');
    expect(finished.length).toBeGreaterThanOrEqual(2);
    expect(finished.length).toBeLessThan(5);
    const mtimes = await Promise.all(finished.map(async (c) => (await stat(path.join(dir, c.file!))).mtimeMs));
    const summary = await resumePartition(dir, { service: tap });
    expect(summary.reused.sort()).toEqual(finished.map((c) => c.id).sort());
    expect(summary.ran.some((id) => summary.reused.includes(id))).toBe(false);
    expect(summary.ran.length + summary.reused.length).toBe(5);
    expect(await Promise.all(finished.map(async (c) => (await stat(path.join(dir, c.file!))).mtimeMs))).toEqual(mtimes);
    expect(multiset((await mergePartition(dir)).rowArrays())).toEqual(multiset(whole.rowArrays()));
  });

  it('a killed CLI run resumes: its leftover remote jobs are deleted, finished chunks kept', async () => {
    const started = Date.now();
    const dir = await runDir('killed');
    const cli = path.resolve('src/cli/main.ts');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cli, 'partition', '-s', TAP_URL, QUERY, '--by', 'id', '--chunks', '4', '-j', '2', '--dir', dir],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // Killed (no chance to clean up) once one chunk is saved and another job is running.
        if (/chunk c\d+: \d+ rows/.test(stderr) && child.exitCode === null) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    const before = await readManifest(dir);
    const finished = before.chunks.filter((c) => c.status === 'done').map((c) => c.id);
    expect(finished.length).toBeGreaterThanOrEqual(1);
    const summary = await resumePartition(dir, { service: tap });
    expect(summary.reused.sort()).toEqual(finished.sort());
    // No job of this run is left on the service, including one whose creation the kill interrupted.
    const queries = new Set((await readManifest(dir)).chunks.map((c) => c.query));
    const listed = await Promise.all(
      (await tap.jobs()).map((j) =>
        tap
          .job(j.url)
          .info()
          .catch(() => undefined),
      ),
    );
    const ofThisTest = (created: string | undefined) => created !== undefined && Date.parse(created) >= started - 60_000;
    expect(
      listed.filter((info) => info !== undefined && ofThisTest(info.creationTime) && queries.has(info.parameters.query ?? '')),
    ).toEqual([]);
    expect((await mergePartition(dir)).rowCount).toBe((await tap.query(QUERY)).rowCount);
    expect(await readFile(path.join(dir, 'manifest.json'), 'utf8')).not.toContain('"running"');
  });

  it('plans for invalid partitions fail with clear messages', async () => {
    const plan = (adql: string, by: Parameters<typeof planPartition>[2]['by']) =>
      planPartition(tap, adql, { by, chunks: 2, sample: false });
    await expect(plan('SELECT id, name FROM zcat.main', { kind: 'range', column: 'name' })).rejects.toThrow(
      /column name is not numeric: zcat\.main\.name is a string \((char|unicodeChar)/,
    );
    await expect(plan('SELECT id FROM zcat.big WHERE id < 0', { kind: 'range', column: 'id' })).rejects.toThrow(
      /empty range: the query selects no rows/,
    );
    await expect(plan('SELECT id FROM zcat.big', { kind: 'range', column: 'id', range: [10, 5] })).rejects.toThrow(
      /empty range for id: 10 > 5/,
    );
    await expect(plan('SELECT TOP 10 id FROM zcat.big', { kind: 'range', column: 'id' })).rejects.toThrow(/TOP 10 without ORDER BY/);
    await expect(plan('SELECT AVG(mag) FROM zcat.big', { kind: 'range', column: 'id' })).rejects.toThrow(PartitionPlanError);
  });
});
