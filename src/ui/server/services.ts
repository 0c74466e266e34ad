/**
 * The services the workbench can talk to: a URL, an `.adqlrc.json` alias (with its token and
 * headers, which stay on this side), or `embedded`: adqlkit's own TAP service on the bundled sample
 * catalogue, started on first use. Each gets a short id; the proxy forwards `/tap/<id>/...` to it.
 */
import { createHash } from 'node:crypto';
import { resolveService, ConfigError, type LoadedConfig } from '../../config/index.js';
import { createLocalService, type LocalService } from '../../engine/index.js';
import { WorkbenchError } from '../errors.js';
import { EMBEDDED_SERVICE as EMBEDDED } from '../protocol.js';

export interface ServiceTarget {
  id: string;
  /** What the page shows and keeps in its URL: the alias, `embedded`, or the URL. */
  name: string;
  /** The TAP base URL the proxy forwards to. */
  url: string;
  /** Credentials added by the proxy; never sent to the page. */
  token?: string;
  headers?: Record<string, string>;
}

export class ServiceDirectory {
  private readonly targets = new Map<string, ServiceTarget>();
  private embedded: Promise<LocalService> | undefined;

  constructor(
    private readonly config: LoadedConfig,
    private readonly env: Record<string, string | undefined>,
  ) {}

  /** Aliases from `.adqlrc.json`, for the page's picker. */
  aliases(): string[] {
    return Object.keys(this.config.config.services ?? {});
  }

  /** The service `adql ui` opens with: --service, else the configured default, else the embedded engine. */
  defaultName(given: string | undefined): string {
    return given ?? (this.env.ADQLKIT_SERVICE || undefined) ?? this.config.config.service ?? EMBEDDED;
  }

  async connect(name: string): Promise<ServiceTarget> {
    const target = name === EMBEDDED ? await this.embeddedTarget() : this.configuredTarget(name);
    this.targets.set(target.id, target);
    return target;
  }

  byId(id: string): ServiceTarget | undefined {
    return this.targets.get(id);
  }

  async close(): Promise<void> {
    if (this.embedded) await (await this.embedded).close();
  }

  private async embeddedTarget(): Promise<ServiceTarget> {
    this.embedded ??= createLocalService();
    const local = await this.embedded;
    return { id: idOf(EMBEDDED), name: EMBEDDED, url: local.url };
  }

  private configuredTarget(name: string): ServiceTarget {
    let resolved;
    try {
      resolved = resolveService(this.config, name, this.env);
    } catch (err) {
      if (err instanceof ConfigError) throw new WorkbenchError(err.message);
      throw err;
    }
    if (resolved === undefined || !/^https?:\/\//i.test(resolved.url)) {
      throw new WorkbenchError(
        `"${name}" is neither a TAP URL nor an alias in .adqlrc.json`,
        'give http(s)://host/path/tap, an alias, or "embedded"',
      );
    }
    return {
      id: idOf(resolved.url),
      name: resolved.alias ?? resolved.url,
      url: resolved.url.replace(/\/+$/, ''),
      ...(resolved.token ? { token: resolved.token } : {}),
      ...(resolved.headers ? { headers: resolved.headers } : {}),
    };
  }
}

function idOf(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}
