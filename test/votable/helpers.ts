/** Shared helpers for the VOTable tests. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VOTableValue } from '../../src/votable/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedRoot = path.resolve(repoRoot, '../shared');
export const sharedFixtures = path.join(sharedRoot, 'fixtures');
export const ownFixtures = path.join(repoRoot, 'fixtures/votable');

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(ownFixtures, name), 'utf8');
}

/** Values in a JSON-comparable form: typed arrays → arrays, bigint → number|string, Date → ISO. */
export function plain(v: VOTableValue | unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v instanceof Date) return v.toISOString();
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number | bigint>, plain);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/**
 * Numbers rounded to float32 (deeply): float columns show the shortest decimal of their float32
 * (15.8), astropy and generated inputs hold its float64 expansion; both are the same float32.
 */
export function f32(v: unknown): unknown {
  if (typeof v === 'number') return Math.fround(v);
  if (Array.isArray(v)) return v.map(f32);
  return v;
}

/** Split a buffer into chunks of `size` bytes, for chunk-boundary tests. */
export function* chunked(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

export async function* asyncChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  yield* chunked(bytes, size);
}

export function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}
