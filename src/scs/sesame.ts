/**
 * Object names to positions through CDS Sesame's HTTP interface: GET {url}/-ox/{resolvers}?{name}
 * answers an XML document in which each <Resolver> that knows the object gives <jradeg>/<jdedeg>
 * (ICRS, J2000, degrees) and one that does not gives <INFO>*** Nothing found ***</INFO>.
 */
import {
  TapError,
  TapNetworkError,
  TapProtocolError,
  TapTimeoutError,
  HttpClient,
  readText,
  child,
  childText,
  children,
  parseXml,
  type HttpClientOptions,
} from '../dal/index.js';

/** CDS's Sesame service (mirrors, e.g. https://vizier.cfa.harvard.edu/viz-bin/nph-sesame, answer the same). */
export const SESAME_URL = 'https://cds.unistra.fr/cgi-bin/nph-sesame';

export interface ResolveNameOptions extends HttpClientOptions {
  /** The Sesame base URL (default SESAME_URL). */
  url?: string;
  /** Databases asked, in order, until one knows the name: S Simbad, N NED, V VizieR (default 'SNV'). */
  resolvers?: string;
  signal?: AbortSignal;
}

export interface ResolvedName {
  /** The name asked for. */
  name: string;
  /** ICRS degrees. */
  ra: number;
  dec: number;
  /** The database that answered, as Sesame names it (e.g. "Simbad"). */
  resolver: string;
  /** Its main identifier and object type, where given. */
  mainId?: string;
  objectType?: string;
}

/** A name that could not be resolved: not found, or Sesame not reachable (`offline`). */
export class NameResolverError extends TapError {
  readonly objectName: string;
  /** True when Sesame could not be reached (no network, refused, timed out). */
  readonly offline: boolean;

  constructor(message: string, options: { url: string; objectName: string; offline: boolean; cause?: unknown }) {
    super(message, { url: options.url, ...(options.cause === undefined ? {} : { cause: options.cause }) });
    this.objectName = options.objectName;
    this.offline = options.offline;
  }
}

/** Resolves an object name ("M31", "NGC 3031") to its ICRS position with CDS Sesame. */
export async function resolveName(name: string, options: ResolveNameOptions = {}): Promise<ResolvedName> {
  const objectName = name.trim();
  if (objectName === '') throw new RangeError('an object name to resolve is empty');
  const resolvers = options.resolvers ?? 'SNV';
  if (!/^[SNVA]+$/.test(resolvers))
    throw new RangeError(`resolvers must be letters of S (Simbad), N (NED), V (VizieR) or A (all), got "${resolvers}"`);
  const base = (options.url ?? SESAME_URL).replace(/\/+$/, '');
  const url = `${base}/-ox/${resolvers}?${encodeURIComponent(objectName)}`;
  const http = new HttpClient(base, { timeoutMs: 15_000, ...options });
  let text: string;
  try {
    text = await http.send(
      {
        method: 'GET',
        url,
        accept: 'text/xml, application/xml',
        retry: 'idempotent',
        redirect: 'follow',
        signal: options.signal,
        what: 'Sesame name resolver',
      },
      readText,
    );
  } catch (err) {
    if (err instanceof TapNetworkError || err instanceof TapTimeoutError) {
      throw new NameResolverError(
        `cannot resolve "${objectName}": the Sesame name resolver at ${base} did not answer (${err.message}); ` +
          'without a network, give the position as RA DEC (degrees or sexagesimal) instead of a name',
        { url, objectName, offline: true, cause: err },
      );
    }
    throw err;
  }
  return readSesame(text, objectName, url);
}

/** The first resolver of a Sesame XML answer that gives a position. */
export function readSesame(text: string, objectName: string, url: string): ResolvedName {
  const root = parseXml(text, 'Sesame name resolver', url);
  if (root.name !== 'Sesame') {
    throw new TapProtocolError(`Sesame name resolver: the answer is not a Sesame document (its root element is <${root.name}>) (${url})`, {
      url,
    });
  }
  const target = child(root, 'Target');
  const asked: string[] = [];
  for (const resolver of children(target, 'Resolver')) {
    const label = resolverName(resolver.attrs.name ?? '');
    asked.push(label);
    const ra = Number(childText(resolver, 'jradeg'));
    const dec = Number(childText(resolver, 'jdedeg'));
    if (childText(resolver, 'jradeg') === undefined || !Number.isFinite(ra) || !Number.isFinite(dec)) continue;
    const mainId = childText(resolver, 'oname')?.trim().replace(/\s+/g, ' ');
    const objectType = childText(resolver, 'otype')?.trim();
    return { name: objectName, ra, dec, resolver: label, ...(mainId ? { mainId } : {}), ...(objectType ? { objectType } : {}) };
  }
  const error = [childText(target, 'ERROR'), ...children(target, 'Resolver').map((r) => childText(r, 'ERROR'))].find((e) => e?.trim());
  const where = asked.length > 0 ? ` (asked ${[...new Set(asked)].join(', ')})` : '';
  throw new NameResolverError(
    error !== undefined
      ? `cannot resolve "${objectName}": Sesame reported an error: ${error.trim()}`
      : `Sesame knows no object named "${objectName}"${where}: check the spelling, or give the position as RA DEC`,
    { url, objectName, offline: false },
  );
}

/** "S=Simbad (via url):    1" -> "Simbad"; "Sc=Simbad (cache)" -> "Simbad". */
function resolverName(attr: string): string {
  const m = /^[A-Za-z]+=\s*([^(:]+)/.exec(attr);
  return (m?.[1] ?? attr).trim() || 'Sesame';
}
