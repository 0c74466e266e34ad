/**
 * Checking a finished chunk's file against what the manifest recorded when the chunk was saved:
 * its size, its SHA-256 and its row count. A file that was truncated, replaced or edited since is
 * never merged: resume reruns its chunk, merge names the file.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readVOTableFile } from '../votable/index.js';
import type { ChunkRecord } from './run-dir.js';

/** What the manifest keeps of a saved chunk file. */
export interface ChunkFileFacts {
  bytes: number;
  sha256: string;
}

/** Size and SHA-256 of a file, streamed (memory bounded whatever the size). */
export async function fileFacts(file: string): Promise<ChunkFileFacts> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Why a done chunk's file cannot be trusted, or undefined when it matches the manifest. Files of
 * manifests written before checksums were recorded are read and their rows counted instead.
 */
export async function chunkFileProblem(dir: string, rec: ChunkRecord): Promise<string | undefined> {
  if (rec.file === undefined) return `chunk ${rec.id} is done but the manifest names no file`;
  const file = path.join(dir, rec.file);
  const size = await stat(file).then(
    (s) => s.size,
    () => undefined,
  );
  if (size === undefined) return `${file} (chunk ${rec.id}) is missing`;
  if (rec.bytes !== undefined && size !== rec.bytes)
    return `${file} (chunk ${rec.id}) is ${size} bytes, the manifest recorded ${rec.bytes}`;
  if (rec.sha256 !== undefined) {
    const facts = await fileFacts(file);
    if (facts.sha256 !== rec.sha256) return `${file} (chunk ${rec.id}) does not match its recorded SHA-256 (changed since it was saved)`;
    return undefined;
  }
  try {
    const rows = (await readVOTableFile(file)).tables[0]?.rowCount ?? 0;
    if (rec.rows !== undefined && rows !== rec.rows)
      return `${file} (chunk ${rec.id}) holds ${rows} rows, the manifest recorded ${rec.rows}`;
  } catch (err) {
    return `${file} (chunk ${rec.id}) is not a readable VOTable: ${(err as Error).message}`;
  }
  return undefined;
}
