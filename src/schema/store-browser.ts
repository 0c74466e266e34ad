/**
 * The schema cache in a browser: the same encoded form as the Node cache files (cache.ts's
 * encodeCache), kept in IndexedDB per service URL, so a page reload does not fetch a large
 * TAP_SCHEMA again; in memory for the page's life where IndexedDB is unavailable (a private window,
 * a worker without it). `cacheDir` has no meaning here: entries are keyed by service URL alone.
 */
import { decodeCache, encodeCache, type DecodedCache } from './cache.js';
import type { SchemaDocument } from './model.js';

/** The part of IndexedDB used here (the project compiles without the DOM library). */
interface IdbRequest<T> {
  result: T;
  error: Error | null;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbObjectStore {
  get(key: string): IdbRequest<unknown>;
  put(value: unknown, key: string): IdbRequest<unknown>;
  delete(key: string): IdbRequest<unknown>;
}
interface IdbDatabase {
  createObjectStore(name: string): unknown;
  transaction(store: string, mode: 'readonly' | 'readwrite'): { objectStore(name: string): IdbObjectStore };
}
interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: (() => void) | null;
}
interface IdbFactory {
  open(name: string, version: number): IdbOpenRequest;
}

interface Entry {
  savedAt: number;
  bytes: Uint8Array;
}

const DB_NAME = 'adqlkit-schema-cache';
const STORE = 'schemas';
const memory = new Map<string, Entry>();
let database: Promise<IdbDatabase | undefined> | undefined;

function openDatabase(): Promise<IdbDatabase | undefined> {
  database ??= new Promise((resolve) => {
    const idb = (globalThis as { indexedDB?: IdbFactory }).indexedDB;
    if (idb === undefined) return resolve(undefined);
    try {
      const req = idb.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
  return database;
}

function run<T>(db: IdbDatabase, mode: 'readonly' | 'readwrite', op: (store: IdbObjectStore) => IdbRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = op(db.transaction(STORE, mode).objectStore(STORE));
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export async function readCachedSchema(url: string, ttlMs: number, _cacheDir?: string): Promise<DecodedCache | undefined> {
  const db = await openDatabase();
  const entry = db === undefined ? memory.get(url) : ((await run(db, 'readonly', (s) => s.get(url))) as Entry | undefined);
  if (entry === undefined || Date.now() - entry.savedAt > ttlMs) return undefined;
  return decodeCache(entry.bytes, `IndexedDB ${DB_NAME}/${url}`);
}

export async function writeCachedSchema(url: string, doc: SchemaDocument, _cacheDir?: string): Promise<void> {
  const entry: Entry = { savedAt: Date.now(), bytes: encodeCache(doc) };
  const db = await openDatabase();
  if (db === undefined) memory.set(url, entry);
  else await run(db, 'readwrite', (s) => s.put(entry, url));
}

export async function clearCachedSchema(url: string, _cacheDir?: string): Promise<void> {
  memory.delete(url);
  const db = await openDatabase();
  if (db !== undefined) await run(db, 'readwrite', (s) => s.delete(url));
}
