/**
 * The run directory: manifest.json (the plan and every chunk's state) and one result file per
 * finished chunk under chunks/. The manifest is rewritten atomically (temporary file, rename)
 * after every change, so a crash leaves either the old or the new state, never a torn one.
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Bound } from './bounds.js';
import { PartitionRunDirError } from './errors.js';
import type { PartitionPlan } from './plan.js';

export type ChunkStatus = 'pending' | 'running' | 'done' | 'failed' | 'split';

export interface ChunkRecord {
  id: string;
  bounds: Bound[];
  query: string;
  status: ChunkStatus;
  /** Result file, relative to the run directory (done chunks). */
  file?: string;
  rows?: number;
  /** Size and SHA-256 of the result file when it was saved: resume and merge check the file against them. */
  bytes?: number;
  sha256?: string;
  /** Wall time of the job, submit to saved result. */
  ms?: number;
  /** The job running (running chunks) or that produced the result (done chunks). */
  jobUrl?: string;
  /** When the job was asked for: a crash before its URL came back leaves a job only its query identifies. */
  submittedAt?: string;
  attempts: number;
  error?: string;
  /** The two halves a chunk that overflowed was split into. */
  children?: [string, string];
  finishedAt?: string;
}

export interface RunManifest {
  format: 'adqlkit-partition-run';
  version: 1;
  plan: Omit<PartitionPlan, 'chunks'>;
  /** Minimum width per axis below which an overflowing chunk is not split again. */
  minWidths: number[];
  createdAt: string;
  updatedAt: string;
  /** In range order: a split chunk is followed by its halves. */
  chunks: ChunkRecord[];
}

export const MANIFEST = 'manifest.json';

export function manifestPath(dir: string): string {
  return path.join(dir, MANIFEST);
}

export function chunkFile(id: string): string {
  return path.join('chunks', `${id}.vot`);
}

export async function createRunDir(dir: string, manifest: RunManifest): Promise<void> {
  if (await exists(manifestPath(dir))) {
    throw new PartitionRunDirError(`${dir} already holds a partition run; resume it, or choose another directory`, { dir });
  }
  await mkdir(path.join(dir, 'chunks'), { recursive: true });
  await writeManifest(dir, manifest);
}

export async function readManifest(dir: string): Promise<RunManifest> {
  let text: string;
  try {
    text = await readFile(manifestPath(dir), 'utf8');
  } catch (err) {
    throw new PartitionRunDirError(`${dir} is not a partition run directory (cannot read ${MANIFEST}: ${(err as Error).message})`, {
      dir,
      cause: err,
    });
  }
  const manifest = JSON.parse(text) as RunManifest;
  if (manifest.format !== 'adqlkit-partition-run' || manifest.version !== 1) {
    throw new PartitionRunDirError(`${manifestPath(dir)} is not an adqlkit partition manifest (version 1)`, { dir });
  }
  return manifest;
}

export async function writeManifest(dir: string, manifest: RunManifest): Promise<void> {
  manifest.updatedAt = new Date().toISOString();
  const tmp = `${manifestPath(dir)}.tmp`;
  await writeFile(tmp, JSON.stringify(manifest, null, 1));
  await rename(tmp, manifestPath(dir));
}

export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The chunks whose results make up the answer (split chunks are replaced by their halves). */
export function leafChunks(manifest: RunManifest): ChunkRecord[] {
  return manifest.chunks.filter((c) => c.status !== 'split');
}
