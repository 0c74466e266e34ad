/**
 * The on-disk metadata cache, one file per service URL, built to open instantly on services with
 * tens of thousands of tables: line 1 is a JSON header (tables, schemas, keys, capabilities) with
 * the byte offset of each table's columns; the rest holds each table's columns as a compact JSON
 * array, decoded only when a query first touches the table.
 */
import { Buffer } from '#bytes';
import { closeSync, createHash, fstatSync, homedir, join, mkdir, openSync, readSync, rename, stat, writeFile } from '#host';
import type { ColumnMeta, SchemaDocument, TableMeta } from './model.js';

export const CACHE_FORMAT = 'adqlkit-schema-cache';
export const CACHE_VERSION = 1;

/** Default cache directory: $ADQLKIT_CACHE_DIR, else $XDG_CACHE_HOME/adqlkit, else ~/.cache/adqlkit. */
export function defaultCacheDir(): string {
  if (process.env.ADQLKIT_CACHE_DIR) return process.env.ADQLKIT_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'adqlkit');
}

/** The cache file of a service URL. */
export function cacheFileFor(serviceUrl: string, dir = defaultCacheDir()): string {
  const key = createHash('sha256').update(serviceUrl.replace(/\/+$/, '')).digest('hex').slice(0, 24);
  return join(dir, `schema-${key}.cache`);
}

interface HeaderTable extends Omit<TableMeta, 'columns'> {
  /** [offset, length] in bytes of the columns in the body, absent when they were never loaded. */
  c?: [number, number];
}

interface Header extends Omit<SchemaDocument, 'tables'> {
  format: typeof CACHE_FORMAT;
  version: typeof CACHE_VERSION;
  tables: HeaderTable[];
}

type PackedColumn = [string, string | 0, string | 0, string | 0, string | 0, string | 0, string | 0, string | 0, number];

function pack(c: ColumnMeta): PackedColumn {
  const flags = (c.indexed ? 1 : 0) | (c.principal ? 2 : 0) | (c.std ? 4 : 0) | (c.delimited ? 8 : 0) | (c.principal === false ? 16 : 0);
  return [c.name, c.datatype ?? 0, c.arraysize ?? 0, c.xtype ?? 0, c.unit ?? 0, c.ucd ?? 0, c.utype ?? 0, c.description ?? 0, flags];
}

/**
 * Datatypes, units, UCDs... repeat across columns: decoded columns share one copy of each (the
 * parser's fresh copies die young) so a decoded table keeps little more than its names and
 * descriptions alive.
 */
const shared = new Map<string, string>();
const MAX_SHARED_STRINGS = 65_536;

function share(s: string): string {
  const known = shared.get(s);
  if (known !== undefined) return known;
  if (shared.size < MAX_SHARED_STRINGS) shared.set(s, s);
  return s;
}

function unpack(p: PackedColumn): ColumnMeta {
  const f = p[8];
  // one literal with every field (absent ones undefined): no property store grown field by field
  return {
    name: p[0],
    datatype: p[1] ? share(p[1]) : undefined,
    arraysize: p[2] ? share(p[2]) : undefined,
    xtype: p[3] ? share(p[3]) : undefined,
    unit: p[4] ? share(p[4]) : undefined,
    ucd: p[5] ? share(p[5]) : undefined,
    utype: p[6] ? share(p[6]) : undefined,
    description: p[7] || undefined,
    indexed: f & 1 ? true : undefined,
    principal: f & 2 ? true : f & 16 ? false : undefined,
    std: f & 4 ? true : undefined,
    delimited: f & 8 ? true : undefined,
  };
}

/** Serialises a document (columns that are loaded) into the cache format. */
export function encodeCache(doc: SchemaDocument): Uint8Array {
  const chunks: Buffer[] = [];
  let offset = 0;
  const tables: HeaderTable[] = doc.tables.map((t) => {
    const { columns, ...rest } = t;
    const h: HeaderTable = rest;
    if (columns !== undefined) {
      const b = Buffer.from(JSON.stringify(columns.map(pack)), 'utf8');
      h.c = [offset, b.length];
      chunks.push(b);
      offset += b.length;
    }
    return h;
  });
  const { tables: _t, ...docRest } = doc;
  const header: Header = { format: CACHE_FORMAT, version: CACHE_VERSION, ...docRest, tables };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), ...chunks]);
}

export interface DecodedCache {
  doc: SchemaDocument;
  /** Decodes one table's columns from the cache body (undefined when the cache never had them). */
  columns: (t: TableMeta) => ColumnMeta[] | undefined;
}

export class CacheFormatError extends Error {
  override readonly name = 'CacheFormatError';
}

/**
 * Reads the header from bytes holding the whole cache; table columns stay encoded until asked for.
 * (Uint8Array, not Buffer, in the signature: the public declarations need no Node types.)
 */
export function decodeCache(bytes: Uint8Array, file = '<cache>'): DecodedCache {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nl = buf.indexOf(10);
  if (nl < 0) throw new CacheFormatError(`${file}: not an adqlkit schema cache (no header line)`);
  return decodeWith(buf.toString('utf8', 0, nl), nl + 1, (start, end) => buf.toString('utf8', start, end), file);
}

function decodeWith(headerText: string, bodyStart: number, read: (start: number, end: number) => string, file: string): DecodedCache {
  let header: Header;
  try {
    header = JSON.parse(headerText) as Header;
  } catch (err) {
    throw new CacheFormatError(`${file}: corrupt schema cache header (${(err as Error).message})`);
  }
  if (header.format !== CACHE_FORMAT || header.version !== CACHE_VERSION) {
    throw new CacheFormatError(`${file}: not an adqlkit schema cache of version ${CACHE_VERSION}`);
  }
  const where = new WeakMap<TableMeta, [number, number]>();
  const tables: TableMeta[] = header.tables.map((h) => {
    const { c, ...meta } = h;
    const t = meta as TableMeta;
    if (c !== undefined) where.set(t, c);
    return t;
  });
  const { format: _f, version: _v, tables: _t, ...rest } = header;
  const doc: SchemaDocument = { ...rest, tables };
  return {
    doc,
    columns: (t) => {
      const at = where.get(t);
      if (at === undefined) return undefined;
      const packed = JSON.parse(read(bodyStart + at[0], bodyStart + at[0] + at[1])) as PackedColumn[];
      return packed.map(unpack);
    },
  };
}

export async function writeCacheFile(file: string, doc: SchemaDocument): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, encodeCache(doc));
  await rename(tmp, file); // atomic: readers never see a half-written cache
}

/** Closes cache file descriptors of schemas that were garbage-collected. */
const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/**
 * Reads a cache file's header; undefined when it does not exist or is older than `ttlMs`. The
 * columns are read from the file (kept open, so a concurrent refresh, which renames a new file
 * into place, never mixes versions) when a table is first used: the body never sits in memory.
 */
export async function readCacheFile(file: string, ttlMs: number): Promise<(DecodedCache & { ageMs: number }) | undefined> {
  let info;
  try {
    info = await stat(file);
  } catch {
    return undefined;
  }
  const ageMs = Date.now() - info.mtimeMs;
  if (ageMs > ttlMs) return undefined;
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    let headerEnd = -1;
    const chunks: Buffer[] = [];
    let pos = 0;
    while (headerEnd < 0 && pos < size) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, size - pos));
      const n = readSync(fd, chunk, 0, chunk.length, pos);
      if (n <= 0) break;
      const nl = chunk.subarray(0, n).indexOf(10);
      chunks.push(chunk.subarray(0, nl >= 0 ? nl : n));
      if (nl >= 0) headerEnd = pos + nl;
      pos += n;
    }
    if (headerEnd < 0) throw new CacheFormatError(`${file}: not an adqlkit schema cache (no header line)`);
    const read = (start: number, end: number): string => {
      const buf = Buffer.allocUnsafe(end - start);
      readSync(fd, buf, 0, buf.length, start);
      return buf.toString('utf8');
    };
    const decoded = decodeWith(Buffer.concat(chunks).toString('utf8'), headerEnd + 1, read, file);
    closer.register(decoded.columns, fd); // the column reader lives as long as the schema using it
    return { ...decoded, ageMs };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}
