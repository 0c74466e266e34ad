/**
 * Resume and merge trust nothing on disk (issue 23): a finished chunk's file that was cut in half
 * (still a valid VOTable), truncated mid-document, or deleted is found by the size, SHA-256 and
 * row count the manifest recorded; resume reruns that chunk, merge names the file. Runs on the
 * local engine's sample catalogue (3000 galaxies), no network.
 */
import { readFile, truncate, unlink, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalService, type LocalService } from '../../src/engine/index.js';
import {
  mergePartition,
  mergePartitionToFile,
  planPartition,
  PartitionRunDirError,
  readManifest,
  resumePartition,
  runPartition,
  type PartitionEvent,
} from '../../src/partition/index.js';
import { TapService } from '../../src/tap/index.js';
import { readVOTable, writeVOTable } from '../../src/votable/index.js';

const QUERY = 'SELECT id, gmag FROM sample.galaxies';
let local: LocalService;
let tap: TapService;

beforeAll(async () => {
  local = await createLocalService();
  tap = new TapService(local.url);
});
afterAll(async () => {
  await local.close();
});

async function finishedRun(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'adqlkit-integrity-')), 'run');
  const plan = await planPartition(tap, QUERY, { by: { kind: 'range', column: 'id' }, chunks: 3 });
  await runPartition(tap, plan, { dir });
  return dir;
}

describe('chunk files are verified', () => {
  it('the manifest records each done chunk’s rows, size and SHA-256', async () => {
    const dir = await finishedRun();
    const manifest = await readManifest(dir);
    for (const c of manifest.chunks) {
      expect(c.status).toBe('done');
      expect(c.rows).toBeGreaterThan(0);
      expect(c.bytes).toBe((await readFile(path.join(dir, c.file!))).length);
      expect(c.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect((await mergePartition(dir)).rowCount).toBe(3000);
  });

  it('a valid VOTable holding half the rows of a chunk: merge refuses naming the file, resume reruns the chunk', async () => {
    const dir = await finishedRun();
    const victim = (await readManifest(dir)).chunks[1]!;
    const file = path.join(dir, victim.file!);
    const table = (await readVOTable(await readFile(file))).tables[0]!;
    const half = Math.floor(table.rowCount / 2);
    await writeFile(
      file,
      writeVOTable({ columns: table.columns.map((f) => ({ name: f.name, datatype: f.datatype })), rows: table.rowArrays().slice(0, half) }),
    );
    const err = await mergePartitionToFile(dir, path.join(dir, 'out.csv'), 'csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartitionRunDirError);
    expect((err as Error).message).toContain(file);
    const events: PartitionEvent[] = [];
    const summary = await resumePartition(dir, { service: tap, onEvent: (e) => events.push(e) });
    expect(summary.ran).toEqual([victim.id]);
    expect(events.find((e) => e.type === 'chunk-invalid')).toMatchObject({ chunk: victim.id });
    expect(summary.rows).toBe(3000);
    expect((await mergePartitionToFile(dir, path.join(dir, 'out.csv'), 'csv')).rows).toBe(3000);
  });

  it('a chunk file truncated mid-document, or deleted: merge names it, resume reruns it', async () => {
    const dir = await finishedRun();
    const [first, second] = (await readManifest(dir)).chunks;
    const cut = path.join(dir, first!.file!);
    await truncate(cut, Math.floor(first!.bytes! / 3));
    await unlink(path.join(dir, second!.file!));
    const err = await mergePartition(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartitionRunDirError);
    expect((err as Error).message).toContain(cut);
    const summary = await resumePartition(dir, { service: tap });
    expect(summary.ran.sort()).toEqual([first!.id, second!.id].sort());
    expect((await mergePartition(dir)).rowCount).toBe(3000);
  });

  it('a manifest from before checksums: rows are counted and compared instead', async () => {
    const dir = await finishedRun();
    const manifest = await readManifest(dir);
    for (const c of manifest.chunks) {
      delete c.sha256;
      delete c.bytes;
    }
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    const c = manifest.chunks[2]!;
    const file = path.join(dir, c.file!);
    const table = (await readVOTable(await readFile(file))).tables[0]!;
    await writeFile(
      file,
      writeVOTable({ columns: table.columns.map((f) => ({ name: f.name, datatype: f.datatype })), rows: table.rowArrays().slice(1) }),
    );
    await expect(mergePartition(dir)).rejects.toThrow(
      new RegExp(`holds ${table.rowCount - 1} rows, the manifest recorded ${table.rowCount}`),
    );
  });
});
