/**
 * Where a command, the language server or the ESLint rule gets its schema: an explicit schema file,
 * the configured service's schema file, or the service's metadata through the on-disk cache
 * (`loadSchema`). The ESLint rule must be synchronous, so it reads schema files only.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { cacheFileFor, loadSchema, parseSchemaFile, ServiceSchema, type LoadSchemaOptions } from '../schema/index.js';
import type { AdqlVersion } from '../adql/index.js';
import type { EditorOptions, LoadedSchema } from './backend.js';
import { editorSchemaOf } from './editor-schema.js';
import {
  loadConfig,
  resolveCacheDir,
  resolveSchemaFile,
  resolveService,
  type LoadedConfig,
  type ResolvedService,
} from '../config/index.js';
import { configuredAdqlVersion } from './version.js';
import { SchemaSourceError } from './errors.js';

function wrapSchema(schema: ServiceSchema, origin: string): LoadedSchema {
  return { editor: editorSchemaOf(schema), validator: schema, origin };
}

function tapOptions(service: ResolvedService): LoadSchemaOptions['tap'] {
  return { ...(service.token ? { token: service.token } : {}), ...(service.headers ? { headers: service.headers } : {}) };
}

/** What loading a command's schema needs from its caller (the CLI's context is one). */
export interface SchemaRequestContext {
  cwd: string;
  env: Record<string, string | undefined>;
  /** The `.adqlrc.json` that applies. */
  config(): LoadedConfig;
  /** Where a `quiet` request says why it goes without a schema. */
  stderr: { write(text: string): void };
}

export interface CommandSchemaRequest {
  service?: string | undefined;
  schemaFile?: string | undefined;
  /** Use only the cache; never contact the service. */
  offline?: boolean;
  refresh?: boolean;
  /** Failing to get a service's metadata is not an error (e.g. `adql query` validates when it can). */
  quiet?: boolean;
}

/** The schema for a command (lint, query, schema...), or undefined when none is configured. Errors are SchemaSourceErrors. */
export async function loadCommandSchema(ctx: SchemaRequestContext, req: CommandSchemaRequest): Promise<LoadedSchema | undefined> {
  const config = ctx.config();
  const file = req.schemaFile !== undefined ? path.resolve(ctx.cwd, req.schemaFile) : undefined;
  if (file !== undefined) return loadSchemaFile(file);
  const service = resolveService(config, req.service, ctx.env);
  const configured = resolveSchemaFile(config, service);
  if (configured !== undefined && (req.service === undefined || service?.schemaFile !== undefined)) return loadSchemaFile(configured);
  if (service === undefined) return undefined;
  try {
    return await loadServiceSchema(config, service, req, ctx.env);
  } catch (err) {
    if (req.quiet) {
      ctx.stderr.write(`note: not validated: ${(err as Error).message}\n`);
      return undefined;
    }
    throw err instanceof SchemaSourceError ? err : new SchemaSourceError((err as Error).message, 'check --service, or give --schema FILE');
  }
}

async function loadSchemaFile(file: string): Promise<LoadedSchema> {
  try {
    return wrapSchema(await loadSchema(file), file);
  } catch (err) {
    throw new SchemaSourceError((err as Error).message, 'check --schema (write one with "adql schema --save FILE")');
  }
}

async function loadServiceSchema(
  config: LoadedConfig,
  service: ResolvedService,
  req: CommandSchemaRequest,
  env: Record<string, string | undefined>,
): Promise<LoadedSchema> {
  const cacheDir = resolveCacheDir(config, env);
  if (req.offline) {
    if (!existsSync(cacheFileFor(service.url, cacheDir))) {
      throw new SchemaSourceError(
        `no cached metadata for ${service.url} in ${cacheDir}`,
        `run "adql schema --service ${service.url}" once while online`,
      );
    }
    return wrapSchema(await loadSchema(service.url, { cacheDir, ttlMs: Number.POSITIVE_INFINITY, tap: tapOptions(service) }), service.url);
  }
  return wrapSchema(
    await loadSchema(service.url, { cacheDir, ...(req.refresh ? { refresh: true } : {}), tap: tapOptions(service) }),
    service.url,
  );
}

// ---------------------------------------------------------------------------------------------
// Synchronous (ESLint)

const fileCache = new Map<string, { mtimeMs: number; schema: LoadedSchema }>();

function schemaFileSync(file: string): LoadedSchema {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    throw new SchemaSourceError(`schema file ${file} does not exist (write one with "adql schema --save ${path.basename(file)}")`);
  }
  const hit = fileCache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.schema;
  const schema = wrapSchema(new ServiceSchema(parseSchemaFile(readFileSync(file, 'utf8'), file)), file);
  fileCache.set(file, { mtimeMs, schema });
  return schema;
}

export interface SyncSchemaRequest {
  schemaFile?: string | undefined;
  service?: string | undefined;
  configFile?: string | undefined;
}

/**
 * The schema for files in `dir`, synchronously: an explicit schema file, else the configured
 * service's or the config's schema file. Undefined when none is configured. A configured service
 * without a schema file is an error that says how to write one (the rule cannot go to the network).
 */
export function schemaForSync(dir: string, req: SyncSchemaRequest = {}): LoadedSchema | undefined {
  if (req.schemaFile !== undefined) return schemaFileSync(req.schemaFile);
  const config = loadConfig(dir, req.configFile);
  const service = resolveService(config, req.service);
  const file = resolveSchemaFile(config, service);
  if (file !== undefined) return schemaFileSync(file);
  if (service !== undefined) {
    throw new SchemaSourceError(
      `service ${service.url} has no schema file; write one with "adql schema --service ${service.alias ?? service.url} --save schema.json" and set "schema" in ${config.file ?? '.adqlrc.json'}`,
    );
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Language server: offline-first, fetched on first use, per config directory.

export interface SchemaProvider {
  schemaFor(dir: string, onUpdate: () => void): LoadedSchema | undefined;
  /** Why there is no schema for `dir` (bad config, unreadable schema file, unreachable service), if known. */
  problemFor(dir: string): string | undefined;
  configure(options: EditorOptions): void;
  /** The ADQL version for documents in `dir`: the client's, else the config's. Throws a ConfigError for a bad config. */
  versionFor(dir: string): AdqlVersion | undefined;
  /** Loads the columns of lazily loaded tables a query uses; calls onUpdate when they arrive. */
  ensureColumns(schema: LoadedSchema, tables: Array<Array<{ name: string; delimited: boolean }>>, onUpdate: () => void): void;
}

export function createSchemaProvider(env: Record<string, string | undefined> = process.env): SchemaProvider {
  const entries = new Map<string, { schema?: LoadedSchema; file?: string; pending?: Promise<void>; error?: string }>();
  let overrides: EditorOptions = {};
  const loadingColumns = new Set<string>();
  const keyFor = (dir: string): string => {
    const config = loadConfig(dir, undefined, env);
    return `${config.file ?? dir}\u0000${overrides.schema ?? ''}\u0000${overrides.service ?? ''}`;
  };
  return {
    configure(options) {
      overrides = options;
      entries.clear();
    },
    versionFor(dir) {
      return overrides.version ?? configuredAdqlVersion(loadConfig(dir, undefined, env));
    },
    problemFor(dir) {
      try {
        return entries.get(keyFor(dir))?.error;
      } catch (err) {
        return (err as Error).message;
      }
    },
    schemaFor(dir, onUpdate) {
      let key: string;
      let config: LoadedConfig;
      try {
        config = loadConfig(dir, undefined, env);
        key = keyFor(dir);
      } catch (err) {
        // A broken .adqlrc.json: no schema, and problemFor() says why.
        entries.set(dir, { error: (err as Error).message });
        return undefined;
      }
      let entry = entries.get(key);
      if (entry?.file !== undefined) {
        // Schema files are re-read when they change on disk (cheap: an mtime check per call).
        try {
          entry.schema = schemaFileSync(entry.file);
          entry.error = undefined;
        } catch (err) {
          entry.schema = undefined;
          entry.error = (err as Error).message;
        }
        return entry.schema;
      }
      if (entry === undefined) {
        entry = {};
        entries.set(key, entry);
        const e = entry;
        try {
          const service = overrides.schema === undefined ? resolveService(config, overrides.service, env) : undefined;
          const file = overrides.schema !== undefined ? path.resolve(config.dir, overrides.schema) : resolveSchemaFile(config, service);
          if (file !== undefined) {
            e.file = file;
            try {
              e.schema = schemaFileSync(file);
            } catch (err) {
              e.error = (err as Error).message;
            }
            return e.schema;
          }
          if (service === undefined) return undefined;
          const cacheDir = resolveCacheDir(config, env);
          // Offline first: a stale cache is better than nothing; a fresh fetch replaces it when due.
          e.pending = loadSchema(service.url, { cacheDir, tap: tapOptions(service) })
            .catch(() => loadSchema(service.url, { cacheDir, ttlMs: Number.POSITIVE_INFINITY, tap: tapOptions(service) }))
            .then(
              (s) => {
                e.schema = wrapSchema(s, service.url);
                onUpdate();
              },
              (err: Error) => {
                e.error = `no metadata for ${service.url}: ${err.message}`;
                onUpdate();
              },
            );
        } catch (err) {
          e.error = (err as Error).message;
        }
      }
      return entry.schema;
    },
    ensureColumns(schema, tables, onUpdate) {
      const validator = schema.validator;
      const missing = [];
      for (const parts of tables) {
        const found = validator.lookupTable(parts);
        if (found.status !== 'found' || validator.hasColumns(found.table)) continue;
        const key = `${schema.origin}\u0000${found.table.meta.name}`;
        if (loadingColumns.has(key)) continue;
        loadingColumns.add(key);
        missing.push(found.table);
      }
      if (missing.length === 0) return;
      void validator.loadColumns(missing).then(onUpdate, () => undefined);
    },
  };
}
