/**
 * A registry record: one resource (service, table, registry...) with its interfaces, read from the
 * rows of a RegTAP search (one row per interface, see registryQuery), and turned into a client for
 * the service it describes.
 */
import { ConeSearchService } from '../scs/index.js';
import type { HttpClientOptions, TapResult } from '../dal/index.js';
import { TapService, type TapServiceOptions } from '../tap/index.js';
import { RegistryCapabilityError } from './errors.js';
import { auxiliaryIdOf, standardIdOf } from './standards.js';

/** One access point of a capability. */
export interface RegistryInterface {
  /** The capability's standard id (lower case), undefined for non-standard ones (e.g. a web form). */
  standardId: string | undefined;
  capabilityType: string | undefined;
  /** e.g. vs:paramhttp, vr:webbrowser. */
  interfaceType: string | undefined;
  /** "std" for the standard interface of a standard capability. */
  role: string | undefined;
  /** "base" (parameters are appended) or "full". */
  urlUse: string | undefined;
  accessUrl: string;
}

const text = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

export class RegistryRecord {
  readonly ivoid: string;
  readonly resourceType: string | undefined;
  readonly shortName: string | undefined;
  readonly title: string;
  readonly description: string | undefined;
  readonly wavebands: string[];
  readonly contentLevels: string[];
  readonly referenceUrl: string | undefined;
  readonly interfaces: RegistryInterface[] = [];

  constructor(row: Record<string, unknown>) {
    this.ivoid = String(row.ivoid);
    this.resourceType = text(row.res_type);
    this.shortName = text(row.short_name);
    this.title = text(row.res_title) ?? this.ivoid;
    this.description = text(row.res_description);
    // RegTAP hash lists: "#optical#radio#" style.
    this.wavebands = (text(row.waveband) ?? '').split('#').filter((w) => w !== '');
    this.contentLevels = (text(row.content_level) ?? '').split('#').filter((w) => w !== '');
    this.referenceUrl = text(row.reference_url);
  }

  /** The distinct standard ids of the record's capabilities. */
  get standardIds(): string[] {
    return [...new Set(this.interfaces.flatMap((i) => (i.standardId === undefined ? [] : [i.standardId])))];
  }

  /**
   * The access URL for a service type (scs, tap...) or standard id: the standard interface of the
   * capability itself, else (unless `includeAux` is false) of its auxiliary form.
   */
  accessUrl(serviceType: string, options: { includeAux?: boolean } = {}): string | undefined {
    const id = standardIdOf(serviceType);
    const pick = (sid: string) =>
      this.interfaces.find((i) => i.standardId === sid && i.role === 'std') ?? this.interfaces.find((i) => i.standardId === sid);
    return (pick(id) ?? (options.includeAux === false ? undefined : pick(auxiliaryIdOf(id))))?.accessUrl;
  }

  private required(serviceType: string, what: string): string {
    const url = this.accessUrl(serviceType);
    if (url === undefined) {
      const offered = this.standardIds;
      throw new RegistryCapabilityError(
        `${this.ivoid} has no ${what} capability (it offers ${offered.length === 0 ? 'none' : offered.join(', ')}); search with serviceType "${serviceType}"`,
        { ivoid: this.ivoid, offered },
      );
    }
    return url;
  }

  /** A TapService for this record: its TAP capability, or the TAP service that serves it (auxiliary). */
  tapService(options: TapServiceOptions = {}): TapService {
    return new TapService(this.required('tap', 'TAP'), options);
  }

  /** A Simple Cone Search client for this record's cone search capability. */
  coneSearchService(options: HttpClientOptions = {}): ConeSearchService {
    return new ConeSearchService(this.required('scs', 'cone search'), options);
  }
}

/** Groups the rows of a RegTAP search (adjacent rows per ivoid) into records, in row order. */
export function recordsFromResult(result: TapResult): RegistryRecord[] {
  const records: RegistryRecord[] = [];
  let current: RegistryRecord | undefined;
  for (const row of result) {
    if (current === undefined || current.ivoid !== String(row.ivoid)) {
      current = new RegistryRecord(row);
      records.push(current);
    }
    const accessUrl = text(row.access_url);
    if (accessUrl !== undefined) {
      current.interfaces.push({
        standardId: text(row.standard_id)?.toLowerCase(),
        capabilityType: text(row.cap_type),
        interfaceType: text(row.intf_type),
        role: text(row.intf_role),
        urlUse: text(row.url_use),
        accessUrl,
      });
    }
  }
  return records;
}
