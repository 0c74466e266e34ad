/**
 * The schema cache on Node: one file per service under the cache directory (see cache.ts).
 * `#schema-store` resolves here under the `node` condition; store-browser.ts elsewhere.
 */
import { rm } from '#host';
import { cacheFileFor, defaultCacheDir, readCacheFile, writeCacheFile, type DecodedCache } from './cache.js';
import type { SchemaDocument } from './model.js';

export async function readCachedSchema(url: string, ttlMs: number, cacheDir: string | undefined): Promise<DecodedCache | undefined> {
  return readCacheFile(cacheFileFor(url, cacheDir ?? defaultCacheDir()), ttlMs);
}

export async function writeCachedSchema(url: string, doc: SchemaDocument, cacheDir: string | undefined): Promise<void> {
  await writeCacheFile(cacheFileFor(url, cacheDir ?? defaultCacheDir()), doc);
}

export async function clearCachedSchema(url: string, cacheDir: string | undefined): Promise<void> {
  await rm(cacheFileFor(url, cacheDir ?? defaultCacheDir()), { force: true });
}
