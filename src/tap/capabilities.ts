/**
 * VOSI capabilities with the TAPRegExt description of the TAP capability: languages and their
 * features (UDF signatures parsed), output formats, upload methods, and the retention,
 * execution-duration, output and upload limits, per mode (TAPRegExt 1.1 forMode) where given.
 */
import { FEATURE_TYPES, TAPREGEXT_STANDARD_ID, featureTypeAsDeclared } from '../adql/index.js';
import { child, childText, children, deepText, type XmlElement } from '../dal/index.js';

export type TapMode = 'sync' | 'async';

export interface TapLimit {
  value: number;
  /** 'row' or 'byte' for output/upload limits; seconds for durations. */
  unit: string;
}

export interface TapLimitPair {
  default?: TapLimit;
  hard?: TapLimit;
}

export interface TapLimits {
  /** How long job results are kept (seconds). */
  retentionPeriod: TapLimitPair;
  /** How long a query may run (seconds). */
  executionDuration: TapLimitPair;
  /** Rows (or bytes) returned: `default` applies when MAXREC is not given, `hard` is the ceiling. */
  outputLimit: TapLimitPair;
  /** Size of uploads. */
  uploadLimit: TapLimitPair;
}

export interface TapLanguageFeature {
  /** Feature type ivo-id, e.g. ivo://ivoa.net/std/TAPRegExt#features-adqlgeo */
  type: string;
  form: string;
  description?: string;
}

export interface TapUdfArgument {
  name: string;
  type: string;
}

/** A user-defined function from `features-udf`, its signature parsed from the form. */
export interface TapUdf {
  name: string;
  args: TapUdfArgument[];
  returnType: string;
  form: string;
  description?: string;
}

export interface TapLanguage {
  name: string;
  versions: Array<{ version: string; ivoId?: string }>;
  description?: string;
  features: TapLanguageFeature[];
  udfs: TapUdf[];
}

export interface TapOutputFormat {
  mime: string;
  aliases: string[];
  ivoId?: string;
  forMode?: TapMode;
}

export interface TapUploadMethod {
  ivoId: string;
  forMode?: TapMode;
}

export interface TapInterface {
  role?: string;
  version?: string;
  type?: string;
  accessUrl: string;
  /**
   * securityMethod standardIDs of this interface, in document order ("" for a securityMethod
   * without standardID, which says anonymous access is allowed); empty: anonymous only.
   */
  securityMethods: string[];
}

export interface TapCapability {
  standardId: string;
  type?: string;
  interfaces: TapInterface[];
}

export const UDF_FEATURE = featureTypeAsDeclared(FEATURE_TYPES.udf);
export const UPLOAD_METHOD_PREFIX = 'ivo://ivoa.net/std/TAPRegExt#upload-';
export const BINARY2_FORMAT = 'ivo://ivoa.net/std/TAPRegExt#output-votable-binary2';
export const BINARY2_MIME = 'application/x-votable+xml;serialization=BINARY2';

const LIMIT_NAMES = ['retentionPeriod', 'executionDuration', 'outputLimit', 'uploadLimit'] as const;
const TYPE_CONTINUATIONS = new Set(['PRECISION', 'VARYING', 'WITH', 'WITHOUT', 'TIME', 'ZONE', 'LARGE', 'OBJECT']);

/**
 * Parses a UDF form such as `gavo_match(pattern TEXT, string TEXT) -> INTEGER` or
 * `ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER`. Tolerates DaCHS's missing comma in
 * `gavo_specconv(expr NUMERIC, expr_unit TEXT dest_unit TEXT)` and multi-word types
 * (DOUBLE PRECISION, CHAR VARYING(*)). Returns undefined when the form is not a signature.
 */
export function parseUdfSignature(form: string): Omit<TapUdf, 'description'> | undefined {
  const m = /^\s*([A-Za-z_][\w]*)\s*\(([\s\S]*)\)\s*(?:->|returns?)\s*([\s\S]+?)\s*$/i.exec(form);
  if (m === null) return undefined;
  const [, name = '', argText = '', returnType = ''] = m;
  const tokens = argText.replace(/,/g, ' , ').match(/[^\s,()]+(?:\([^)]*\))?|\([^)]*\)|,/g) ?? [];
  const args: TapUdfArgument[] = [];
  let i = 0;
  while (i < tokens.length) {
    const argName = tokens[i++] as string;
    if (argName === ',') continue;
    const type: string[] = [];
    while (i < tokens.length && tokens[i] !== ',') {
      const tok = tokens[i] as string;
      const continues = type.length === 0 || TYPE_CONTINUATIONS.has(tok.replace(/\(.*$/, '').toUpperCase()) || tok.startsWith('(');
      if (!continues) break;
      type.push(tok);
      i++;
    }
    args.push({ name: argName, type: type.join(' ').replace(/\s+\(/g, '(') });
  }
  return { name, args, returnType: returnType.trim(), form: form.trim() };
}

function limit(el: XmlElement | undefined, defaultUnit: string): TapLimit | undefined {
  if (el === undefined) return undefined;
  const value = Number(deepText(el).trim());
  if (!Number.isFinite(value)) return undefined;
  return { value, unit: el.attrs.unit ?? defaultUnit };
}

function limitPair(el: XmlElement, name: (typeof LIMIT_NAMES)[number]): TapLimitPair {
  const unit = name === 'outputLimit' ? 'row' : name === 'uploadLimit' ? 'byte' : 's';
  const pair: TapLimitPair = {};
  const d = limit(child(el, 'default'), unit);
  const h = limit(child(el, 'hard'), unit);
  if (d !== undefined) pair.default = d;
  if (h !== undefined) pair.hard = h;
  return pair;
}

function mode(el: XmlElement): TapMode | undefined {
  const m = el.attrs.forMode;
  return m === 'sync' || m === 'async' ? m : undefined;
}

function emptyLimits(): TapLimits {
  return { retentionPeriod: {}, executionDuration: {}, outputLimit: {}, uploadLimit: {} };
}

export class TapCapabilities {
  /** The capabilities document URL. */
  readonly url: string;
  readonly capabilities: TapCapability[];
  /** Interfaces of the TAP capability (their versions tell TAP 1.0/1.1). */
  readonly interfaces: TapInterface[];
  readonly languages: TapLanguage[];
  readonly outputFormats: TapOutputFormat[];
  readonly uploadMethods: TapUploadMethod[];
  /** Limits that apply to all modes (elements without forMode). */
  readonly limits: TapLimits;
  private readonly modeLimits: Record<TapMode, TapLimits>;
  /**
   * securityMethod standardIDs of every interface of every capability (TAP, VOSI, others),
   * without repeats (empty: anonymous). Per interface: capabilities[i].interfaces[j].securityMethods.
   */
  readonly securityMethods: string[];

  constructor(root: XmlElement, url: string) {
    this.url = url;
    this.capabilities = [];
    this.interfaces = [];
    this.languages = [];
    this.outputFormats = [];
    this.uploadMethods = [];
    this.securityMethods = [];
    this.limits = emptyLimits();
    this.modeLimits = { sync: emptyLimits(), async: emptyLimits() };
    for (const cap of children(root, 'capability')) {
      const standardId = cap.attrs.standardID ?? '';
      const interfaces: TapInterface[] = children(cap, 'interface').map((i) => {
        const itf: TapInterface = { accessUrl: childText(i, 'accessURL') ?? '', securityMethods: [] };
        if (i.attrs.role !== undefined) itf.role = i.attrs.role;
        if (i.attrs.version !== undefined) itf.version = i.attrs.version;
        if (i.attrs.type !== undefined) itf.type = i.attrs.type;
        for (const sm of children(i, 'securityMethod')) {
          const id = sm.attrs.standardID ?? '';
          itf.securityMethods.push(id);
          if (!this.securityMethods.includes(id)) this.securityMethods.push(id);
        }
        return itf;
      });
      const entry: TapCapability = { standardId, interfaces };
      if (cap.attrs.type !== undefined) entry.type = cap.attrs.type;
      this.capabilities.push(entry);
      const isTap = standardId.toLowerCase().startsWith('ivo://ivoa.net/std/tap') || /TableAccess$/.test(cap.attrs.type ?? '');
      if (isTap) this.readTap(cap, interfaces);
    }
  }

  private readTap(cap: XmlElement, interfaces: TapInterface[]): void {
    this.interfaces.push(...interfaces);
    for (const lang of children(cap, 'language')) {
      const features: TapLanguageFeature[] = [];
      const udfs: TapUdf[] = [];
      for (const group of children(lang, 'languageFeatures')) {
        const type = group.attrs.type ?? '';
        for (const f of children(group, 'feature')) {
          const form = childText(f, 'form') ?? '';
          const description = childText(f, 'description');
          const feature: TapLanguageFeature = { type, form };
          if (description !== undefined) feature.description = description;
          features.push(feature);
          if (type === UDF_FEATURE) {
            const sig = parseUdfSignature(form);
            if (sig !== undefined) udfs.push(description === undefined ? sig : { ...sig, description });
          }
        }
      }
      const language: TapLanguage = {
        name: childText(lang, 'name') ?? '',
        versions: children(lang, 'version').map((v) => {
          const out: { version: string; ivoId?: string } = { version: deepText(v).trim() };
          if (v.attrs['ivo-id'] !== undefined) out.ivoId = v.attrs['ivo-id'];
          return out;
        }),
        features,
        udfs,
      };
      const description = childText(lang, 'description');
      if (description !== undefined) language.description = description;
      this.languages.push(language);
    }
    for (const f of children(cap, 'outputFormat')) {
      const fmt: TapOutputFormat = {
        mime: childText(f, 'mime') ?? '',
        aliases: children(f, 'alias').map((a) => deepText(a).trim()),
      };
      if (f.attrs['ivo-id'] !== undefined) fmt.ivoId = f.attrs['ivo-id'];
      const m = mode(f);
      if (m !== undefined) fmt.forMode = m;
      this.outputFormats.push(fmt);
    }
    for (const u of children(cap, 'uploadMethod')) {
      const method: TapUploadMethod = { ivoId: u.attrs['ivo-id'] ?? '' };
      const m = mode(u);
      if (m !== undefined) method.forMode = m;
      this.uploadMethods.push(method);
    }
    for (const name of LIMIT_NAMES) {
      for (const el of children(cap, name)) {
        const m = mode(el);
        (m === undefined ? this.limits : this.modeLimits[m])[name] = limitPair(el, name);
      }
    }
  }

  /** ADQL versions offered, e.g. ["2.0", "2.1"]. */
  get adqlVersions(): string[] {
    return this.languages.filter((l) => l.name.toUpperCase() === 'ADQL').flatMap((l) => l.versions.map((v) => v.version));
  }

  /** All language features (UDFs included) of all languages. */
  get features(): TapLanguageFeature[] {
    return this.languages.flatMap((l) => l.features);
  }

  get udfs(): TapUdf[] {
    return this.languages.flatMap((l) => l.udfs);
  }

  /** Whether a feature is declared: `hasFeature('adqlgeo', 'CONTAINS')` or with the full type ivo-id. */
  hasFeature(type: string, form: string): boolean {
    const t = type.includes('#') ? type : `${TAPREGEXT_STANDARD_ID}#features-${type}`;
    return this.features.some((f) => f.type === t && f.form.toUpperCase() === form.toUpperCase());
  }

  /** Effective limits for a mode: mode-specific declarations override the general ones. */
  limitsFor(forMode: TapMode): TapLimits {
    const out = emptyLimits();
    for (const name of LIMIT_NAMES) {
      const specific = this.modeLimits[forMode][name];
      out[name] = { ...this.limits[name], ...specific };
    }
    return out;
  }

  /** Upload method short names ('inline', 'http', 'https', 'ftp'...) for a mode (accumulative). */
  uploadMethodsFor(forMode?: TapMode): string[] {
    return this.uploadMethods
      .filter((u) => forMode === undefined || u.forMode === undefined || u.forMode === forMode)
      .map((u) => (u.ivoId.startsWith(UPLOAD_METHOD_PREFIX) ? u.ivoId.slice(UPLOAD_METHOD_PREFIX.length) : u.ivoId));
  }

  supportsUpload(method: string = 'inline', forMode?: TapMode): boolean {
    return this.uploadMethodsFor(forMode).includes(method);
  }

  /** Whether VOTable BINARY2 output is offered (by ivo-id or MIME type). */
  /** The MIME type of the service's Parquet (VOParquet) output format, undefined when it lists none. */
  get parquetFormat(): string | undefined {
    return this.outputFormats.find((f) => /parquet/i.test(f.mime) || f.aliases.some((a) => /parquet/i.test(a)))?.mime;
  }

  get offersBinary2(): boolean {
    return this.outputFormats.some((f) => f.ivoId === BINARY2_FORMAT || /serialization\s*=\s*"?binary2/i.test(f.mime));
  }

  /**
   * The security methods declared for a capability (by standardID prefix, e.g.
   * 'ivo://ivoa.net/std/VOSI#tables'), over its interfaces, without repeats; [] when none or absent.
   */
  securityMethodsOf(standardIdPrefix: string): string[] {
    const prefix = standardIdPrefix.toLowerCase();
    const out: string[] = [];
    for (const cap of this.capabilities) {
      if (!cap.standardId.toLowerCase().startsWith(prefix)) continue;
      for (const itf of cap.interfaces) for (const id of itf.securityMethods) if (!out.includes(id)) out.push(id);
    }
    return out;
  }

  /** Access URL of another VOSI/DALI capability (availability, tables, examples...), if declared. */
  endpoint(name: 'availability' | 'capabilities' | 'tables' | 'examples'): string | undefined {
    const id = name === 'examples' ? 'ivo://ivoa.net/std/DALI#examples' : `ivo://ivoa.net/std/VOSI#${name}`;
    const cap = this.capabilities.find((c) => c.standardId.toLowerCase().startsWith(id.toLowerCase()));
    return cap?.interfaces[0]?.accessUrl || undefined;
  }
}
