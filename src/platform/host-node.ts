/**
 * The Node facilities a few library paths use (files, gzip, hashing), gathered under `#host` so that
 * package.json's `imports` conditions can give other platforms host-web.ts instead.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export { once } from 'node:events';
export { createWriteStream, closeSync, fstatSync, openSync, readSync } from 'node:fs';
export { open, readFile, writeFile, mkdir, rename, stat, unlink, rm } from 'node:fs/promises';
export { homedir } from 'node:os';
export { join, dirname } from 'node:path';
export { createHash } from 'node:crypto';

/** Gunzips a byte sequence as it arrives (zlib). */
export async function* gunzip(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const z = createGunzip();
  const input = Readable.from(source);
  input.on('error', (e) => z.destroy(e));
  input.pipe(z);
  try {
    for await (const chunk of z) yield chunk as Uint8Array;
  } finally {
    input.destroy();
    z.destroy();
  }
}
