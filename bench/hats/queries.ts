/** The HATS benchmark's ADQL, the same text for HATS (T, U), the flat tables and DaCHS (table names replaced). */
export const CONE = 'SELECT COUNT(*) FROM T WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(123.4, 21.7, 1))';
export const HISTOGRAM = 'SELECT FLOOR(dec / 10) * 10 AS band, COUNT(*) AS n FROM T GROUP BY FLOOR(dec / 10) * 10 ORDER BY band';
export const XMATCH = 'SELECT COUNT(*) FROM T AS a JOIN U AS b ON 1 = CONTAINS(POINT(a.ra, a.dec), CIRCLE(b.ra, b.dec, 1.0 / 3600))';

/** The query on other tables: T and U are whole words in the queries above. */
export function onTables(adql: string, t: string, u: string): string {
  return adql.replace(/\bT\b/g, t).replace(/\bU\b/g, u);
}
