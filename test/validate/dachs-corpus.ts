/**
 * Queries on the project's DaCHS test tables with adqlkit's verdict and what DaCHS 2.7 does with
 * them. `dachs` is the live service's verdict ('ok' or 'error'); where it differs from adqlkit's,
 * `why` says whose leniency or quirk it is.
 */
export interface CorpusQuery {
  q: string;
  /** adqlkit: no error diagnostics ('ok') or at least one ('error'), and the codes expected. */
  adqlkit: 'ok' | 'error';
  codes?: string[];
  dachs: 'ok' | 'error';
  why?: string;
}

export const CORPUS: CorpusQuery[] = [
  // valid for both
  { q: 'SELECT TOP 5 id, ra, dec FROM zcat.main', adqlkit: 'ok', dachs: 'ok' },
  {
    q: "SELECT id, bmag FROM zcat.main WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 2, 0.5)) = 1",
    adqlkit: 'ok',
    dachs: 'ok',
  },
  {
    q: 'SELECT m.id, t.true_z FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id WHERE t.match_flag = 1',
    adqlkit: 'ok',
    dachs: 'ok',
  },
  {
    q: 'SELECT morph_type, COUNT(*) AS n, AVG(bmag) FROM zcat.main GROUP BY morph_type HAVING COUNT(*) > 10 ORDER BY n DESC',
    adqlkit: 'ok',
    dachs: 'ok',
  },
  { q: 'SELECT "MagAB", "MagErr", "Dec", band FROM zcat.photometry', adqlkit: 'ok', dachs: 'ok' },
  { q: 'SELECT zcat_id, true_z, band FROM zcat.truth_match JOIN zcat.photometry USING (zcat_id)', adqlkit: 'ok', dachs: 'ok' },
  { q: 'SELECT zcat_id, band FROM zcat.truth_match NATURAL JOIN zcat.photometry', adqlkit: 'ok', dachs: 'ok' },
  { q: "SELECT id FROM zcat.main WHERE id IN (SELECT zcat_id FROM zcat.truth_match WHERE true_class = 'qso')", adqlkit: 'ok', dachs: 'ok' },
  {
    q: 'SELECT m.id FROM zcat.main AS m WHERE EXISTS (SELECT * FROM zcat.truth_match AS t WHERE t.zcat_id = m.id AND t.true_z > 0.05)',
    adqlkit: 'ok',
    dachs: 'ok',
  },
  { q: 'WITH bright AS (SELECT id, bmag FROM zcat.main WHERE bmag < 14) SELECT b.id, b.bmag FROM bright AS b', adqlkit: 'ok', dachs: 'ok' },
  {
    q: 'SELECT id FROM zcat.main WHERE bmag < 12 UNION SELECT zcat_id AS id FROM zcat.truth_match WHERE true_z > 0.09',
    adqlkit: 'ok',
    dachs: 'ok',
  },
  { q: 'SELECT id FROM zcat.main ORDER BY id OFFSET 10', adqlkit: 'ok', dachs: 'ok' },
  { q: "SELECT LOWER(name) FROM zcat.main WHERE morph_type ILIKE 's%'", adqlkit: 'ok', dachs: 'ok' },
  { q: 'SELECT CAST(id AS DOUBLE PRECISION) AS x, CAST(bmag AS INTEGER) AS y FROM zcat.main', adqlkit: 'ok', dachs: 'ok' },
  { q: "SELECT IN_UNIT(ra, 'rad') AS ra_rad FROM zcat.main", adqlkit: 'ok', dachs: 'ok' },
  { q: "SELECT COALESCE(morph_type, 'unknown') AS m FROM zcat.main", adqlkit: 'ok', dachs: 'ok' },
  { q: "SELECT COUNT(*) FROM zcat.main WHERE ivo_hasword(name, 'ZC') = 1", adqlkit: 'ok', dachs: 'ok' },
  { q: 'SELECT DISTANCE(ra, dec, 150, 2) AS d, DISTANCE(POINT(ra, dec), POINT(150, 2)) AS d2 FROM zcat.main', adqlkit: 'ok', dachs: 'ok' },
  { q: 'SELECT d.r FROM (SELECT ra AS r, bmag FROM zcat.main WHERE bmag < 13) AS d', adqlkit: 'ok', dachs: 'ok' },
  { q: 'SELECT ra AS alpha, dec FROM zcat.main ORDER BY alpha', adqlkit: 'ok', dachs: 'ok' },
  { q: "SELECT id FROM zcat.main WHERE obs_date > '2005-01-01' AND bmag BETWEEN 14 AND 16", adqlkit: 'ok', dachs: 'ok' },
  { q: 'SELECT AREA(CIRCLE(ra, dec, 1)) AS a, CENTROID(CIRCLE(ra, dec, 1)) AS c FROM zcat.main', adqlkit: 'ok', dachs: 'ok' },
  {
    q: "SELECT REGION('CIRCLE ICRS 1 2 3') AS r, BOX(ra, dec, 1, 1) AS b, POLYGON(POINT(1, 2), POINT(2, 3), POINT(3, 1)) AS p FROM zcat.main",
    adqlkit: 'ok',
    dachs: 'ok',
  },
  { q: "SELECT gavo_specconv(ra, 'nm', 'Hz') AS f FROM zcat.main", adqlkit: 'ok', dachs: 'ok' },
  { q: 'SELECT COUNT(*) FROM zcat.main HAVING COUNT(*) > 1', adqlkit: 'ok', codes: ['having-without-group-by'], dachs: 'ok' },
  {
    q: 'SELECT m.id, t.zcat_id AS id FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id',
    adqlkit: 'ok',
    codes: ['duplicate-output-name'],
    dachs: 'ok',
  },
  { q: 'SELECT TOP 30000000 id FROM zcat.main', adqlkit: 'ok', codes: ['top-over-limit'], dachs: 'ok' },
  { q: "SELECT id FROM zcat.main WHERE obs_date > '1/1/2005'", adqlkit: 'ok', codes: ['timestamp-literal'], dachs: 'ok' },
  { q: 'WITH a AS (SELECT ra + 1 FROM zcat.main) SELECT * FROM a', adqlkit: 'ok', codes: ['unnamed-derived-column'], dachs: 'ok' },
  {
    q: 'SELECT zcat_id FROM zcat.truth_match AS t NATURAL JOIN zcat.main AS m',
    adqlkit: 'ok',
    codes: ['natural-join-no-common-columns'],
    dachs: 'ok',
  },
  // invalid for both
  { q: 'SELECT raa FROM zcat.main', adqlkit: 'error', codes: ['unknown-column'], dachs: 'error' },
  { q: 'SELECT ra FROM zcat.mian', adqlkit: 'error', codes: ['unknown-table'], dachs: 'error' },
  { q: 'SELECT "Dec" FROM zcat.main', adqlkit: 'error', codes: ['case-mismatch'], dachs: 'error' },
  { q: 'SELECT magab FROM zcat.photometry', adqlkit: 'error', codes: ['unknown-column'], dachs: 'error' },
  {
    q: 'SELECT zcat_id FROM zcat.truth_match AS t JOIN zcat.photometry AS p ON p.zcat_id = t.zcat_id',
    adqlkit: 'error',
    codes: ['ambiguous-column'],
    dachs: 'error',
  },
  {
    q: 'SELECT morph_type, name, COUNT(*) FROM zcat.main GROUP BY morph_type',
    adqlkit: 'error',
    codes: ['ungrouped-column'],
    dachs: 'error',
  },
  { q: 'SELECT id FROM zcat.main WHERE bmag > AVG(bmag)', adqlkit: 'error', codes: ['aggregate-in-where'], dachs: 'error' },
  { q: 'SELECT SQR(ra) FROM zcat.main', adqlkit: 'error', codes: ['unknown-function'], dachs: 'error' },
  { q: 'SELECT name + 1 FROM zcat.main', adqlkit: 'error', codes: ['arithmetic-type'], dachs: 'error' },
  { q: "SELECT id FROM zcat.main WHERE bmag LIKE '1%'", adqlkit: 'error', codes: ['like-type'], dachs: 'error' },
  { q: 'SELECT id FROM zcat.main WHERE POINT(ra, dec) = 1', adqlkit: 'error', codes: ['geometry-comparison'], dachs: 'error' },
  { q: "SELECT id FROM zcat.main WHERE bmag < 'faint'", adqlkit: 'error', codes: ['type-mismatch'], dachs: 'error' },
  { q: 'SELECT ivo_hasword(name) FROM zcat.main', adqlkit: 'error', codes: ['function-arity'], dachs: 'error' },
  { q: 'SELECT * FROM main', adqlkit: 'error', codes: ['table-needs-schema'], dachs: 'error' },
  {
    q: 'SELECT id, ra FROM zcat.main UNION SELECT zcat_id FROM zcat.truth_match',
    adqlkit: 'error',
    codes: ['set-operand-columns'],
    dachs: 'error',
  },
  {
    q: 'SELECT * FROM zcat.truth_match JOIN zcat.photometry USING (zcatid)',
    adqlkit: 'error',
    codes: ['unknown-using-column'],
    dachs: 'error',
  },
  { q: 'SELECT ra, dec FROM zcat.main ORDER BY 3', adqlkit: 'error', codes: ['order-by-position'], dachs: 'error' },
  { q: 'SELECT m.id FROM zcat.main AS m WHERE main.id = 1', adqlkit: 'error', codes: ['unknown-qualifier'], dachs: 'error' },
  { q: 'SELECT MAX(AVG(bmag)) FROM zcat.main', adqlkit: 'error', codes: ['nested-aggregate'], dachs: 'error' },
  { q: "SELECT id FROM zcat.main WHERE id IN (1, 'two')", adqlkit: 'error', codes: ['type-mismatch'], dachs: 'error' },
  { q: 'SELECT * FROM zcat.main, zcat.main', adqlkit: 'error', codes: ['duplicate-correlation-name'], dachs: 'error' },
  { q: 'SELECT id FROM zcat.main WHERE obs_date > 2005', adqlkit: 'error', codes: ['type-mismatch'], dachs: 'error' },
  // adqlkit and DaCHS differ: each difference is explained
  {
    q: "SELECT id FROM zcat.main WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 2, 1)) = 2",
    adqlkit: 'ok',
    codes: ['predicate-comparison'],
    dachs: 'error',
    why: 'DaCHS bug: it only translates CONTAINS compared with 0 or 1; with 2 it emits broken SQL (column "icrs" does not exist). adqlkit warns that the comparison is constant.',
  },
  {
    q: 'SELECT COORD1(CENTROID(CIRCLE(ra, dec, 1))) AS c1 FROM zcat.main',
    adqlkit: 'ok',
    dachs: 'error',
    why: 'DaCHS quirk: its grammar does not take CENTROID(...) as the argument of COORD1/COORD2 (ADQL 2.1 allows any point value).',
  },
  {
    q: 'SELECT id FROM zcat.main WHERE id <> 3',
    adqlkit: 'ok',
    dachs: 'error',
    why: 'DaCHS quirk: its grammar lacks the ADQL comparison operator <> (it accepts !=).',
  },
  {
    q: 'SELECT m.id FROM zcat.main AS m LEFT JOIN zcat.truth_match AS t ON t.zcat_id = m.id',
    adqlkit: 'ok',
    dachs: 'error',
    why: 'DaCHS quirk: LEFT/RIGHT/FULL JOIN need OUTER in its grammar; ADQL makes OUTER optional.',
  },
  {
    q: "SELECT POINT('ICSR', ra, dec) AS p FROM zcat.main",
    adqlkit: 'ok',
    codes: ['coordsys-nonstandard'],
    dachs: 'error',
    why: 'DaCHS is stricter: it rejects unknown frames at parse time; ADQL 2.1 deprecates the argument, so adqlkit warns.',
  },
  { q: 'SELECT UPPER(name) FROM zcat.main', adqlkit: 'ok', codes: ['unsupported-feature'], dachs: 'ok' },
  {
    q: "SELECT COORDSYS(POINT('ICRS', ra, dec)) FROM zcat.main",
    adqlkit: 'ok',
    codes: ['unsupported-feature'],
    dachs: 'error',
    why: 'An optional feature the service does not declare is a warning (services often run undeclared ones: DaCHS runs UPPER, declaring only LOWER); DaCHS does not run COORDSYS. validate(q, schema, { strict: true }) makes it an error.',
  },
  {
    q: 'SELECT name || id AS label FROM zcat.main',
    adqlkit: 'error',
    codes: ['concat-type'],
    dachs: 'ok',
    why: 'ADQL 2.1 BNF: || concatenates character values (SQL-92 too); PostgreSQL converts the number to text silently. The fix CASTs it to VARCHAR.',
  },
  {
    q: "SELECT id FROM zcat.main WHERE bmag < '15'",
    adqlkit: 'error',
    codes: ['type-mismatch'],
    dachs: 'ok',
    why: 'DaCHS/PostgreSQL leniency: a string literal that looks like a number is cast to REAL; ADQL types do not allow it.',
  },
  {
    q: 'SELECT * FROM zcat.main GROUP BY id',
    adqlkit: 'error',
    codes: ['ungrouped-column'],
    dachs: 'ok',
    why: 'PostgreSQL leniency: columns functionally dependent on a grouped primary key may be selected; ADQL metadata does not say which columns are keys.',
  },
];
