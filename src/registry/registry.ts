/**
 * A RegTAP 1.1 registry: a TAP service with the `rr` schema (the GAVO and STScI searchable
 * registries, or any DaCHS site's own). Searches are built by registryQuery and read into records.
 */
import { TapService, type TapServiceOptions } from '../tap/index.js';
import { registryAdql, type RegistrySearch } from './query.js';
import { recordsFromResult, type RegistryRecord } from './record.js';

export interface RegistrySearchOptions {
  /** MAXREC for the search (rows are interfaces, several per record). */
  maxrec?: number;
  signal?: AbortSignal;
}

export class RegistryService {
  /** The registry's TAP service. */
  readonly tap: TapService;

  /** `registry`: the RegTAP endpoint (a TAP base URL), or a TapService already opened on it. */
  constructor(registry: string | URL | TapService, options: TapServiceOptions = {}) {
    this.tap = registry instanceof TapService ? registry : new TapService(registry, options);
  }

  /** Resources matching every given constraint, each with all its interfaces, ordered by ivoid. */
  async search(search: RegistrySearch = {}, options: RegistrySearchOptions = {}): Promise<RegistryRecord[]> {
    const result = await this.tap.query(registryAdql(search), {
      ...(options.maxrec !== undefined ? { maxrec: options.maxrec } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    });
    return recordsFromResult(result);
  }

  /** One resource by its IVOA identifier, undefined when the registry does not know it. */
  async record(ivoid: string, options: Pick<RegistrySearchOptions, 'signal'> = {}): Promise<RegistryRecord | undefined> {
    return (await this.search({ ivoid }, options))[0];
  }
}
