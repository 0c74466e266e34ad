/**
 * The services a session may query: those named with --service (an alias or URL from
 * .adqlrc.json, credentials resolved there and never shown), any other TAP URL an agent gives
 * (without credentials unless the config has them), and "local", the embedded engine started on
 * loopback on first use (the bundled sample catalogue, or the --table files).
 */
import { TapService } from '../tap/index.js';
import { serveLocal, type LocalService } from '../engine/index.js';
import { loadSchema, type ServiceSchema } from '../schema/index.js';
import type { ResolvedService } from '../config/index.js';
import { UnknownServiceError } from './errors.js';

export const LOCAL_SERVICE = 'local';

export interface SessionService {
  /** The name tools use: the alias, the URL, or "local". */
  name: string;
  /** The base URL (for "local": the loopback URL of the embedded engine). */
  url: string;
  tap: TapService;
  local: boolean;
}

export interface ServiceSetup {
  /** --service values in order; the first is the default (none: the embedded engine). */
  services: string[];
  /** Resolves an alias or URL through .adqlrc.json (credentials attached there). */
  resolve(nameOrUrl: string): ResolvedService;
  /** Loads a remote service's schema for validation (config schema files, the on-disk cache). */
  loadSchema(service: ResolvedService): Promise<ServiceSchema | undefined>;
  /** name=FILE tables for the embedded engine (none: the bundled sample catalogue). */
  localTables: string[];
  userAgent: string;
  log(line: string): void;
}

interface Entry {
  service: SessionService;
  resolved: ResolvedService | undefined;
  schema?: Promise<{ schema: ServiceSchema | undefined; problem: string | undefined }>;
}

const stripSlash = (url: string) => url.replace(/\/+$/, '');

export class ServiceDirectory {
  private readonly entries = new Map<string, Entry>();
  private local: Promise<LocalService> | undefined;
  readonly defaultName: string;

  constructor(private readonly setup: ServiceSetup) {
    const names = setup.services.map((value) => (value === LOCAL_SERVICE ? LOCAL_SERVICE : this.add(value).service.name));
    this.defaultName = names[0] ?? LOCAL_SERVICE;
  }

  /** Names tools accept, in the order given ("local" last unless named). */
  names(): string[] {
    const names = [...this.entries.keys()];
    return names.includes(LOCAL_SERVICE) ? names : [...names, LOCAL_SERVICE];
  }

  private add(value: string): Entry {
    const resolved = this.setup.resolve(value);
    const name = resolved.alias ?? resolved.url;
    const existing = this.entries.get(name);
    if (existing) return existing;
    const tap = new TapService(resolved.url, {
      ...(resolved.token ? { token: resolved.token } : {}),
      ...(resolved.headers ? { headers: resolved.headers } : {}),
      userAgent: this.setup.userAgent,
    });
    const entry: Entry = { service: { name, url: resolved.url, tap, local: false }, resolved };
    this.entries.set(name, entry);
    return entry;
  }

  /** The service a tool names (undefined: the default). A URL not named at start is accepted; an unknown name is not. */
  async get(name: string | undefined): Promise<SessionService> {
    return (await this.entry(name)).service;
  }

  private async entry(name: string | undefined): Promise<Entry> {
    const wanted = name ?? this.defaultName;
    if (wanted === LOCAL_SERVICE) return this.localEntry();
    const known = this.entries.get(wanted) ?? [...this.entries.values()].find((e) => e.service.url === stripSlash(wanted));
    if (known) return known;
    if (/^https?:\/\//i.test(wanted)) return this.add(wanted);
    throw new UnknownServiceError(
      `unknown service "${wanted}"; use one of ${this.names()
        .map((n) => `"${n}"`)
        .join(', ')} or a TAP service URL (http://...)`,
    );
  }

  private async localEntry(): Promise<Entry> {
    const known = this.entries.get(LOCAL_SERVICE);
    if (known) return known;
    this.local ??= serveLocal({ tables: this.setup.localTables, log: this.setup.log });
    const local = await this.local;
    const again = this.entries.get(LOCAL_SERVICE);
    if (again) return again;
    const entry: Entry = {
      service: { name: LOCAL_SERVICE, url: local.url, tap: new TapService(local.url, { userAgent: this.setup.userAgent }), local: true },
      resolved: undefined,
    };
    this.entries.set(LOCAL_SERVICE, entry);
    return entry;
  }

  /**
   * The schema queries are validated against, loaded once per service. When it cannot be loaded,
   * `problem` says why (validation then checks syntax and functions only).
   */
  async schemaOf(name: string | undefined): Promise<{ schema: ServiceSchema | undefined; problem: string | undefined }> {
    const entry = await this.entry(name);
    entry.schema ??= (async () => {
      try {
        const schema = entry.resolved ? await this.setup.loadSchema(entry.resolved) : await loadSchema(entry.service.tap, { cache: false });
        return { schema, problem: schema === undefined ? 'no schema available' : undefined };
      } catch (err) {
        return { schema: undefined, problem: (err as Error).message };
      }
    })();
    const loaded = await entry.schema;
    // A failure is not remembered: the service may answer next time.
    if (loaded.schema === undefined) entry.schema = undefined;
    return loaded;
  }

  /** Stops the embedded engine, when it was started. */
  async close(): Promise<void> {
    if (this.local) await (await this.local).close();
  }
}
