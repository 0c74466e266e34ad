/**
 * The cone search of a TAP table: the same question as SCS (position and radius), asked as an ADQL
 * CONTAINS query built with adqlkit's builder, with the distance from the centre as a column
 * (`search_offset`, degrees) and rows ordered by it.
 */
import { queryBuilder, type Angle, type SelectQueryBuilder } from '../builder/index.js';
import type { TapQueryOptions, TapService, TapColumn } from '../tap/index.js';
import { redactUrl, type TapResult } from '../dal/index.js';
import { ConeSearchTableError } from './errors.js';
import { checkPosition, type SkyPosition } from './position.js';

export interface TapConeColumns {
  /** The RA column (default: found by UCD pos.eq.ra;meta.main, else a column named ra). */
  raColumn?: string;
  decColumn?: string;
  /** Columns to return (default: all). */
  columns?: string[];
}

/** Name of the distance column the cone queries add (degrees from the cone centre). */
export const SEARCH_OFFSET_COLUMN = 'search_offset';

/** The ADQL cone query on `table` (RA/Dec columns given), as a builder query to print or extend. */
export function coneQuery(
  table: string,
  position: SkyPosition,
  radius: Angle,
  columns: Required<Pick<TapConeColumns, 'raColumn' | 'decColumn'>> & Pick<TapConeColumns, 'columns'>,
): SelectQueryBuilder<any, any, any> {
  const { ra, dec } = checkPosition(position);
  const at = (c: string) => `cone.${c}`;
  const where: [string, string] = [at(columns.raColumn), at(columns.decColumn)];
  const base = queryBuilder().from(`${table} as cone`);
  const selected =
    columns.columns === undefined || columns.columns.length === 0 ? base.selectAll('cone') : base.select(...columns.columns.map(at));
  return selected
    .select((eb) => [eb.distance(where, [ra, dec]).as(SEARCH_OFFSET_COLUMN)])
    .where((eb) => eb.coneSearch(where, [ra, dec], radius))
    .orderBy(SEARCH_OFFSET_COLUMN);
}

function findPositionColumn(columns: TapColumn[], axis: 'ra' | 'dec'): string | undefined {
  const ucd = (c: TapColumn) => (c.ucd ?? '').toLowerCase().split(';');
  const byMain = columns.find((c) => ucd(c).includes(`pos.eq.${axis}`) && ucd(c).includes('meta.main'));
  const byUcd = columns.find((c) => ucd(c).includes(`pos.eq.${axis}`));
  const byName = columns.find((c) => c.name.toLowerCase() === axis);
  return (byMain ?? byUcd ?? byName)?.name;
}

/**
 * Cone search on a table of a TAP service: position columns come from the table's VOSI metadata
 * (UCDs) unless given; the query runs synchronously.
 */
export async function tapConeSearch(
  service: TapService,
  table: string,
  position: SkyPosition,
  radius: Angle,
  options: TapConeColumns & Pick<TapQueryOptions, 'maxrec' | 'signal' | 'strict'> = {},
): Promise<TapResult> {
  let { raColumn, decColumn } = options;
  if (raColumn === undefined || decColumn === undefined) {
    const meta = await service.table(table, { signal: options.signal }).catch((err: unknown) => {
      throw new ConeSearchTableError(
        `cone search on ${table}: cannot read the table's columns (${(err as Error).message}); check the table name or pass raColumn and decColumn`,
        { url: redactUrl(service.url), table },
      );
    });
    raColumn ??= findPositionColumn(meta.columns ?? [], 'ra');
    decColumn ??= findPositionColumn(meta.columns ?? [], 'dec');
    if (raColumn === undefined || decColumn === undefined) {
      throw new ConeSearchTableError(
        `cone search on ${table}: no RA/Dec columns found (no UCD pos.eq.ra/pos.eq.dec, no column ra/dec); pass raColumn and decColumn (${redactUrl(service.url)})`,
        { url: redactUrl(service.url), table },
      );
    }
  }
  const query = coneQuery(table, position, radius, { raColumn, decColumn, ...(options.columns ? { columns: options.columns } : {}) });
  return service.query(query.toADQL(), {
    ...(options.maxrec !== undefined ? { maxrec: options.maxrec } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.strict !== undefined ? { strict: options.strict } : {}),
  });
}
