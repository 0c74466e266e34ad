/**
 * loadSchema(): a service's metadata from a TAP service (TAP_SCHEMA, else VOSI /tables, plus
 * capabilities), through the on-disk cache, or from a JSON schema file.
 */
import type { TapService, TapServiceOptions } from '../tap/index.js';
import { clearCachedSchema, readCachedSchema, writeCachedSchema } from '#schema-store';
import { loadTapClient } from '#tap-client';
import { ServiceSchema, type AsyncColumnSource } from './catalog.js';
import { readSchemaFile } from './file.js';
import type { ColumnMeta, SchemaDocument, ServiceCapabilities } from './model.js';
import { SchemaLoadError, capabilitiesFromTap, fetchColumnsFromTapSchema, loadFromTapSchema, loadFromVosi } from './tap.js';

export interface LoadSchemaOptions {
  /** Use the schema cache (default true for services): files on Node, IndexedDB (else memory) in a browser. */
  cache?: boolean;
  /** Cache directory (default: $ADQLKIT_CACHE_DIR, $XDG_CACHE_HOME/adqlkit or ~/.cache/adqlkit). */
  cacheDir?: string;
  /** How long a cached schema is used before it is fetched again (default 24 h). */
  ttlMs?: number;
  /** Ignore the cache, fetch from the service and rewrite the cache. */
  refresh?: boolean;
  /** 'eager' loads every column now; 'lazy' loads the table list now and columns per table when a
   *  query uses them; 'auto' (default) is lazy above `lazyThreshold` tables (default 1000). */
  columns?: 'eager' | 'lazy' | 'auto';
  lazyThreshold?: number;
  /** Where to read tables from: 'auto' (default: TAP_SCHEMA, else VOSI), 'tap_schema' or 'vosi'. */
  source?: 'auto' | 'tap_schema' | 'vosi';
  /** Read the capabilities too (default true). */
  capabilities?: boolean;
  /** Tables that queries will upload, by TAP_UPLOAD name. */
  uploads?: Record<string, ColumnMeta[]>;
  /** Tables whose columns decoded from the cache stay in memory (default 16, least recently used dropped first). */
  decodedTables?: number;
  /** Options for the TapService created from a URL. */
  tap?: TapServiceOptions;
}

const DAY = 24 * 3600 * 1000;

/**
 * Loads a schema. `serviceOrUrl` is a TAP base URL, a TapService, a path to a JSON schema file
 * (`*.json`), or a SchemaDocument. Errors say what was tried, with the URL or file.
 */
export async function loadSchema(
  serviceOrUrl: string | URL | TapService | SchemaDocument | ServiceSchema,
  options: LoadSchemaOptions = {},
): Promise<ServiceSchema> {
  if (serviceOrUrl instanceof ServiceSchema) return withUploads(serviceOrUrl, options);
  if (typeof serviceOrUrl === 'object' && !(serviceOrUrl instanceof URL) && !isTapService(serviceOrUrl)) {
    return withUploads(new ServiceSchema(serviceOrUrl), options);
  }
  if (typeof serviceOrUrl === 'string' && !/^https?:\/\//i.test(serviceOrUrl)) {
    const path = serviceOrUrl.replace(/^file:\/\//, '');
    return withUploads(new ServiceSchema(await readSchemaFile(path)), options);
  }
  // The TAP client is loaded only when the service is really asked: a cache hit needs none of it.
  let service: TapService | undefined = isTapService(serviceOrUrl) ? serviceOrUrl : undefined;
  const url = service?.url ?? String(serviceOrUrl).replace(/\/+$/, '');
  const getService = async (): Promise<TapService> => (service ??= new (await loadTapClient()).TapService(url, options.tap ?? {}));
  const useCache = options.cache ?? true;
  const fetchColumns: AsyncColumnSource = async (tables) => fetchColumnsFromTapSchema(await getService(), tables);

  if (useCache && !options.refresh) {
    try {
      const cached = await readCachedSchema(url, options.ttlMs ?? DAY, options.cacheDir);
      if (cached !== undefined) {
        const lazyFetch = cached.doc.source === 'vosi' ? vosiFetcher(getService) : fetchColumns;
        const opts = {
          syncColumns: cached.columns,
          fetchColumns: lazyFetch,
          ...(options.decodedTables ? { decodedTables: options.decodedTables } : {}),
        };
        return withUploads(new ServiceSchema(cached.doc, opts), options);
      }
    } catch {
      // a corrupt or foreign cache file is ignored and rewritten below
    }
  }

  const { doc, fetch } = await fetchDocument(await getService(), options, fetchColumns);
  if (useCache) {
    try {
      await writeCachedSchema(url, doc, options.cacheDir);
    } catch {
      // the cache is an optimisation: a read-only home must not make loading fail
    }
  }
  return withUploads(new ServiceSchema(doc, { fetchColumns: fetch }), options);
}

function isTapService(v: unknown): v is TapService {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as TapService).url === 'string' &&
    typeof (v as TapService).query === 'function' &&
    typeof (v as TapService).capabilities === 'function'
  );
}

function vosiFetcher(getService: () => Promise<TapService>): AsyncColumnSource {
  let pending: Promise<AsyncColumnSource> | undefined;
  return async (tables) => {
    pending ??= getService()
      .then((service) => loadFromVosi(service))
      .then((v) => v.fetch);
    return (await pending)(tables);
  };
}

async function fetchDocument(
  service: TapService,
  options: LoadSchemaOptions,
  tapSchemaFetch: AsyncColumnSource,
): Promise<{ doc: SchemaDocument; fetch: AsyncColumnSource }> {
  let capabilities: ServiceCapabilities | undefined;
  let capsError: unknown;
  if (options.capabilities ?? true) {
    try {
      capabilities = capabilitiesFromTap(await service.capabilities());
    } catch (err) {
      capsError = err;
    }
  }
  const source = options.source ?? 'auto';
  const problems: string[] = [];
  let result: { doc: SchemaDocument; fetch: AsyncColumnSource } | undefined;
  if (source !== 'vosi') {
    try {
      const lo: Parameters<typeof loadFromTapSchema>[1] = {};
      if (options.columns !== undefined) lo.columns = options.columns;
      if (options.lazyThreshold !== undefined) lo.lazyThreshold = options.lazyThreshold;
      const hard = capabilities?.outputLimit?.hard;
      if (hard?.unit === 'row') lo.maxrec = hard.value;
      const { doc } = await loadFromTapSchema(service, lo);
      result = { doc, fetch: tapSchemaFetch };
    } catch (err) {
      problems.push(`TAP_SCHEMA: ${(err as Error).message}`);
    }
  }
  if (result === undefined && source !== 'tap_schema') {
    try {
      const v = await loadFromVosi(service);
      result = { doc: v.doc, fetch: v.fetch };
      if (options.columns === 'eager') await new ServiceSchema(v.doc, { fetchColumns: v.fetch }).loadAllColumns();
    } catch (err) {
      problems.push(`VOSI tables: ${(err as Error).message}`);
    }
  }
  if (result === undefined) {
    throw new SchemaLoadError(`cannot read the table metadata of ${service.url} (${problems.join('; ')})`, service.url);
  }
  if (capabilities !== undefined) result.doc.capabilities = capabilities;
  else if (capsError !== undefined && options.capabilities !== false) {
    // Without capabilities the validator skips feature checks; say why in the document.
    result.doc.capabilities = undefined;
  }
  return result;
}

function withUploads(schema: ServiceSchema, options: LoadSchemaOptions): ServiceSchema {
  for (const [name, columns] of Object.entries(options.uploads ?? {})) schema.declareUpload(name, columns);
  return schema;
}

/** Deletes the cached metadata of a service (the next loadSchema fetches it again). */
export async function clearSchemaCache(serviceUrl: string, options: { cacheDir?: string } = {}): Promise<void> {
  const url = new (await loadTapClient()).TapService(serviceUrl).url;
  await clearCachedSchema(url, options.cacheDir);
}
