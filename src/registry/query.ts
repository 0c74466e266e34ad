/**
 * RegTAP 1.1 search queries, composed with adqlkit's builder: one row per interface of each
 * matching resource (LEFT JOINs keep resources without capabilities, e.g. authorities), ordered so
 * that rows of one resource are adjacent. Constraints on capabilities and subjects are written as
 * `ivoid IN (subquery)` so that a matching resource comes back with all its capabilities.
 */
import { queryBuilder, type ConditionLike, type SelectQueryBuilder } from '../builder/index.js';
import { RegistryConstraintError } from './errors.js';
import { auxiliaryIdOf, standardIdOf } from './standards.js';

/** What to search the registry for; all given constraints must hold. */
export interface RegistrySearch {
  /**
   * Words each matching resource has in its title, description or subjects. Every entry must match;
   * an entry of several words ("cfa redshift") matches when all its words occur (RegTAP ivo_hasword).
   */
  keywords?: string | string[];
  /** Service types (scs, tap/table, sia, sia2, ssa, slap) or standard ids; any of them. */
  serviceType?: string | string[];
  /** Also match resources that offer the service type as an auxiliary capability (published tables). */
  includeAux?: boolean;
  /** Wavebands (VODataService terms: radio, millimeter, infrared, optical, uv, euv, x-ray, gamma-ray); any. */
  waveband?: string | string[];
  /** Only these resources (IVOA identifiers, compared case-insensitively as RegTAP stores them lower case). */
  ivoid?: string | string[];
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The columns a search returns, in the order RegistryRecord reads them. */
export const RECORD_COLUMNS = [
  'r.ivoid',
  'r.res_type',
  'r.short_name',
  'r.res_title',
  'r.res_description',
  'r.waveband',
  'r.content_level',
  'r.reference_url',
  'c.cap_index',
  'c.standard_id',
  'c.cap_type',
  'i.intf_index',
  'i.intf_type',
  'i.intf_role',
  'i.url_use',
  'i.access_url',
] as const;

/** The standard ids a search for these service types matches (with their auxiliary forms when asked). */
export function standardIdsFor(types: string[], includeAux: boolean): string[] {
  const ids = types.map(standardIdOf);
  return [...new Set(includeAux ? ids.flatMap((id) => [id, auxiliaryIdOf(id)]) : ids)];
}

/** The RegTAP query for a search (print it with toADQL(), or extend it). */
export function registryQuery(search: RegistrySearch = {}): SelectQueryBuilder<any, any, any> {
  let query = queryBuilder()
    .from('rr.resource as r')
    .leftJoin('rr.capability as c', 'c.ivoid', 'r.ivoid')
    .leftJoin('rr.interface as i', (eb) => eb.and(eb('i.ivoid', '=', eb.ref('c.ivoid')), eb('i.cap_index', '=', eb.ref('c.cap_index'))))
    .select(...RECORD_COLUMNS);

  for (const keyword of list(search.keywords)) {
    const words = keyword.trim();
    if (words === '') throw new RegistryConstraintError('an empty keyword matches nothing: leave it out');
    const bySubject = queryBuilder()
      .from('rr.res_subject')
      .select('ivoid')
      .where((eb) => eb(eb.udf('ivo_nocasematch', 'res_subject', eb.val(`%${words}%`)), '=', 1));
    query = query.where((eb) =>
      eb.or(
        eb(eb.udf('ivo_hasword', 'r.res_title', eb.val(words)), '=', 1),
        eb(eb.udf('ivo_hasword', 'r.res_description', eb.val(words)), '=', 1),
        eb('r.ivoid', 'in', bySubject),
      ),
    );
  }

  const types = list(search.serviceType);
  if (types.length > 0) {
    const ids = standardIdsFor(types, search.includeAux === true);
    query = query.where('r.ivoid', 'in', queryBuilder().from('rr.capability').select('ivoid').where('standard_id', 'in', ids));
  } else if (search.includeAux === true) {
    throw new RegistryConstraintError('includeAux needs a service type (e.g. serviceType: "tap")');
  }

  const wavebands = list(search.waveband).map((w) => w.trim().toLowerCase());
  if (wavebands.length > 0) {
    query = query.where((eb) =>
      eb.or(...wavebands.map((w): ConditionLike => eb(eb.udf('ivo_hashlist_has', 'r.waveband', eb.val(w)), '=', 1))),
    );
  }

  const ivoids = list(search.ivoid).map((id) => id.trim().toLowerCase());
  if (ivoids.length > 0) query = query.where('r.ivoid', 'in', ivoids);

  return query.orderBy('r.ivoid').orderBy('c.cap_index').orderBy('i.intf_index');
}

/** The ADQL text of a search. */
export function registryAdql(search: RegistrySearch = {}): string {
  return registryQuery(search).toADQL();
}
