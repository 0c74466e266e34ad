/**
 * The Node facilities a few library paths use (files, gzip, hashing), gathered under `#host` so that
 * package.json's `imports` conditions can give other platforms host-web.ts instead.
 */
export { once } from 'node:events';
export { createWriteStream, closeSync, fstatSync, openSync, readSync } from 'node:fs';
export { open, readFile, writeFile, mkdir, rename, stat, unlink, rm } from 'node:fs/promises';
export { homedir } from 'node:os';
export { join, dirname } from 'node:path';
export { createHash } from 'node:crypto';
export { Readable } from 'node:stream';
export { createGunzip } from 'node:zlib';
