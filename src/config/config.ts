/**
 * `.adqlrc.json`: the configuration shared by the `adql` command, the language server and the ESLint
 * rule. Found by walking up from a start directory (the working directory, the edited document's
 * folder, the linted file's folder). Loading is synchronous because ESLint rules must be.
 *
 * ```json
 * {
 *   "service": "dachs",
 *   "services": {
 *     "dachs": { "url": "http://127.0.0.1:8080/tap", "tokenEnv": "DACHS_TOKEN" },
 *     "gaia": "https://gea.esac.esa.int/tap-server/tap"
 *   },
 *   "schema": "schemas/dachs.json",
 *   "cacheDir": ".adql-cache"
 * }
 * ```
 * Tokens are never written in the file: `tokenEnv` names the environment variable that holds one.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { ConfigError } from './errors.js';

export const CONFIG_FILE_NAME = '.adqlrc.json';

export interface ServiceConfig {
  /** The TAP service's base URL. */
  url: string;
  /** Name of the environment variable that holds a bearer token for this service. */
  tokenEnv?: string;
  /** An offline schema file (JSON, see `adql schema --save`) used instead of the service's metadata. */
  schema?: string;
  /** Extra HTTP headers sent to this service only. */
  headers?: Record<string, string>;
}

export interface AdqlConfig {
  /** Default service: an alias from `services` or a URL. */
  service?: string;
  /** Aliases: a name to a URL or a full service entry. */
  services?: Record<string, string | ServiceConfig>;
  /** Default offline schema file for lint, the language server and ESLint (relative to the config file). */
  schema?: string;
  /** Where schema metadata is cached (relative to the config file). */
  cacheDir?: string;
  /**
   * The ADQL version lint, the language server and ESLint check against (default 2.1). Checked
   * against the versions adqlkit knows where it is used (tooling's configuredAdqlVersion), so that
   * reading the config loads no part of the ADQL implementation.
   */
  version?: string;
}

export interface LoadedConfig {
  /** Absolute path of the config file, absent when none was found. */
  file?: string;
  /** Directory relative paths in the config resolve against. */
  dir: string;
  config: AdqlConfig;
}

/** A service ready to contact: URL, credentials and where its metadata lives. */
export interface ResolvedService {
  url: string;
  /** The alias used, when one was. */
  alias?: string;
  /** Bearer token read from the environment variable named by `tokenEnv`. */
  token?: string;
  /**
   * The `tokenEnv` variable when it is not set: requests then go without a token (a service that
   * needs one answers 401/403), and the CLI warns; a missing variable is no reason to stop.
   */
  missingTokenEnv?: string;
  headers?: Record<string, string>;
  /** Absolute path of an offline schema file for this service, when configured. */
  schemaFile?: string;
}

/** The first `.adqlrc.json` found from `startDir` upwards, or undefined. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const configCache = new Map<string, { mtimeMs: number; loaded: LoadedConfig }>();

/**
 * Loads the config: `explicitFile` when given (must exist), else `$ADQLKIT_CONFIG`, else the nearest
 * `.adqlrc.json` above `startDir`, else an empty config. Cached per file and modification time.
 */
export function loadConfig(startDir: string, explicitFile?: string, env: Record<string, string | undefined> = process.env): LoadedConfig {
  const wanted = explicitFile ?? (env.ADQLKIT_CONFIG || undefined);
  const file = wanted !== undefined ? path.resolve(startDir, wanted) : findConfigFile(startDir);
  if (file === undefined) return { dir: path.resolve(startDir), config: {} };
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    throw new ConfigError(`config file ${file} does not exist; check --config or ADQLKIT_CONFIG`);
  }
  const cached = configCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.loaded;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read config ${file}: ${(err as Error).message}; fix the JSON syntax`);
  }
  const loaded: LoadedConfig = { file, dir: path.dirname(file), config: checkConfig(raw, file) };
  configCache.set(file, { mtimeMs, loaded });
  return loaded;
}

function checkConfig(raw: unknown, file: string): AdqlConfig {
  const fail = (what: string): never => {
    throw new ConfigError(`invalid config ${file}: ${what}`);
  };
  if (!isObject(raw)) fail('the top level must be a JSON object');
  const obj = raw as Record<string, unknown>;
  const known = new Set(['$schema', 'service', 'services', 'schema', 'cacheDir', 'version']);
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) fail(`unknown key "${key}" (known: service, services, schema, cacheDir, version)`);
  }
  for (const key of ['service', 'schema', 'cacheDir', 'version'] as const) {
    if (obj[key] !== undefined && typeof obj[key] !== 'string') fail(`"${key}" must be a string`);
  }
  const services: Record<string, string | ServiceConfig> = {};
  if (obj.services !== undefined) {
    if (!isObject(obj.services)) fail('"services" must be an object mapping names to URLs or entries');
    for (const [name, entry] of Object.entries(obj.services as Record<string, unknown>)) {
      if (typeof entry === 'string') {
        services[name] = entry;
        continue;
      }
      if (!isObject(entry)) fail(`"services.${name}" must be a URL string or an object with "url"`);
      const e = entry as Record<string, unknown>;
      if (typeof e.url !== 'string') fail(`"services.${name}.url" must be a string`);
      for (const key of ['tokenEnv', 'schema'] as const) {
        if (e[key] !== undefined && typeof e[key] !== 'string') fail(`"services.${name}.${key}" must be a string`);
      }
      if (e.headers !== undefined && !isObject(e.headers)) fail(`"services.${name}.headers" must be an object`);
      if ('token' in e) fail(`"services.${name}.token": do not store tokens in the file; use "tokenEnv"`);
      services[name] = e as unknown as ServiceConfig;
    }
  }
  const config: AdqlConfig = {};
  if (typeof obj.service === 'string') config.service = obj.service;
  if (obj.services !== undefined) config.services = services;
  if (typeof obj.schema === 'string') config.schema = obj.schema;
  if (typeof obj.cacheDir === 'string') config.cacheDir = obj.cacheDir;
  if (typeof obj.version === 'string') config.version = obj.version;
  return config;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function looksLikeUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/**
 * Resolves `--service NAME|URL` (or the config's default) to a service. Returns undefined when no
 * service is given anywhere. An unknown alias is an error naming the known ones.
 */
export function resolveService(
  loaded: LoadedConfig,
  nameOrUrl: string | undefined,
  env: Record<string, string | undefined> = process.env,
): ResolvedService | undefined {
  const wanted = nameOrUrl ?? (env.ADQLKIT_SERVICE || undefined) ?? loaded.config.service;
  if (wanted === undefined) return undefined;
  const services = loaded.config.services ?? {};
  const entry = Object.prototype.hasOwnProperty.call(services, wanted) ? services[wanted] : undefined;
  if (entry === undefined) {
    if (looksLikeUrl(wanted)) {
      // A URL that matches a configured entry still gets that entry's token and schema.
      const match = Object.entries(services).find(([, e]) => stripSlash(typeof e === 'string' ? e : e.url) === stripSlash(wanted));
      if (match) return resolveEntry(loaded, match[0], match[1], env);
      return { url: stripSlash(wanted) };
    }
    const names = Object.keys(services);
    throw new ConfigError(
      `unknown service "${wanted}"` +
        (names.length ? ` (configured: ${names.join(', ')})` : ' (no services configured)') +
        `; give a URL like http://host/tap or add it to "services" in ${loaded.file ?? CONFIG_FILE_NAME}`,
    );
  }
  return resolveEntry(loaded, wanted, entry, env);
}

function resolveEntry(
  loaded: LoadedConfig,
  alias: string,
  entry: string | ServiceConfig,
  env: Record<string, string | undefined>,
): ResolvedService {
  if (typeof entry === 'string') return { url: stripSlash(entry), alias };
  const resolved: ResolvedService = { url: stripSlash(entry.url), alias };
  if (entry.tokenEnv !== undefined) {
    const token = env[entry.tokenEnv];
    if (token === undefined || token === '') resolved.missingTokenEnv = entry.tokenEnv;
    else resolved.token = token;
  }
  if (entry.headers !== undefined) resolved.headers = entry.headers;
  if (entry.schema !== undefined) resolved.schemaFile = path.resolve(loaded.dir, entry.schema);
  return resolved;
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The schema cache directory: config `cacheDir`, else $ADQLKIT_CACHE_DIR, else $XDG_CACHE_HOME/adqlkit. */
export function resolveCacheDir(loaded: LoadedConfig, env: Record<string, string | undefined> = process.env): string {
  if (loaded.config.cacheDir !== undefined) return path.resolve(loaded.dir, loaded.config.cacheDir);
  if (env.ADQLKIT_CACHE_DIR) return path.resolve(env.ADQLKIT_CACHE_DIR);
  const base = env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'adqlkit');
}

/** The offline schema file to use: the service's own, else the config's top-level `schema`. */
export function resolveSchemaFile(loaded: LoadedConfig, service: ResolvedService | undefined): string | undefined {
  if (service?.schemaFile !== undefined) return service.schemaFile;
  if (loaded.config.schema !== undefined) return path.resolve(loaded.dir, loaded.config.schema);
  return undefined;
}
