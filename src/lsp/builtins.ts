/**
 * Documentation of ADQL 2.1's built-in functions for editor completion, hover and signature help
 * (ADQL 2.1 §2.3 and §4; the optional ones name their TAPRegExt feature).
 */

export interface FunctionDoc {
  name: string;
  params: string[];
  returns: string;
  doc: string;
  /** Optional language feature (TAPRegExt) the service must declare. */
  feature?: string;
  kind: 'aggregate' | 'math' | 'trig' | 'string' | 'geometry' | 'other';
}

const f = (kind: FunctionDoc['kind'], name: string, params: string[], returns: string, doc: string, feature?: string): FunctionDoc =>
  feature === undefined ? { kind, name, params, returns, doc } : { kind, name, params, returns, doc, feature };

export const BUILTIN_FUNCTIONS: FunctionDoc[] = [
  f('aggregate', 'COUNT', ['[DISTINCT] expr | *'], 'BIGINT', 'Number of rows (COUNT(*)) or of non-NULL values.'),
  f('aggregate', 'AVG', ['[DISTINCT] numeric'], 'DOUBLE', 'Average of the non-NULL values.'),
  f('aggregate', 'MIN', ['expr'], 'same as argument', 'Smallest value.'),
  f('aggregate', 'MAX', ['expr'], 'same as argument', 'Largest value.'),
  f('aggregate', 'SUM', ['[DISTINCT] numeric'], 'numeric', 'Sum of the non-NULL values.'),
  f('math', 'ABS', ['x'], 'numeric', 'Absolute value of x.'),
  f('math', 'CEILING', ['x'], 'numeric', 'Smallest integer not less than x.'),
  f('math', 'DEGREES', ['radians'], 'DOUBLE', 'Converts radians to degrees.'),
  f('math', 'EXP', ['x'], 'DOUBLE', 'e raised to the power x.'),
  f('math', 'FLOOR', ['x'], 'numeric', 'Largest integer not greater than x.'),
  f('math', 'LOG', ['x'], 'DOUBLE', 'Natural logarithm of x.'),
  f('math', 'LOG10', ['x'], 'DOUBLE', 'Base-10 logarithm of x.'),
  f('math', 'MOD', ['x', 'y'], 'numeric', 'Remainder of x / y.'),
  f('math', 'PI', [], 'DOUBLE', 'The constant π.'),
  f('math', 'POWER', ['x', 'y'], 'DOUBLE', 'x raised to the power y.'),
  f('math', 'RADIANS', ['degrees'], 'DOUBLE', 'Converts degrees to radians.'),
  f('math', 'RAND', ['[seed]'], 'DOUBLE', 'Random number in [0, 1), optionally seeded.'),
  f('math', 'ROUND', ['x', '[digits]'], 'numeric', 'x rounded to `digits` decimal places (default 0).'),
  f('math', 'SQRT', ['x'], 'DOUBLE', 'Square root of x.'),
  f('math', 'TRUNCATE', ['x', '[digits]'], 'numeric', 'x truncated to `digits` decimal places (default 0).'),
  f('trig', 'ACOS', ['x'], 'DOUBLE', 'Arc cosine, in radians.'),
  f('trig', 'ASIN', ['x'], 'DOUBLE', 'Arc sine, in radians.'),
  f('trig', 'ATAN', ['x'], 'DOUBLE', 'Arc tangent, in radians.'),
  f('trig', 'ATAN2', ['y', 'x'], 'DOUBLE', 'Arc tangent of y/x, in radians, using the signs for the quadrant.'),
  f('trig', 'COS', ['radians'], 'DOUBLE', 'Cosine.'),
  f('trig', 'COT', ['radians'], 'DOUBLE', 'Cotangent.'),
  f('trig', 'SIN', ['radians'], 'DOUBLE', 'Sine.'),
  f('trig', 'TAN', ['radians'], 'DOUBLE', 'Tangent.'),
  f('string', 'LOWER', ['string'], 'VARCHAR', 'Lower-case copy of a string.', 'features-adql-string'),
  f('string', 'UPPER', ['string'], 'VARCHAR', 'Upper-case copy of a string.', 'features-adql-string'),
  f('other', 'COALESCE', ['value', 'value', '...'], 'type of the arguments', 'The first non-NULL argument.', 'features-adql-conditional'),
  f('other', 'IN_UNIT', ['value', 'unit'], 'DOUBLE', "Converts a value with a unit to another unit, e.g. IN_UNIT(dist, 'pc').", 'features-adql-unit'),
  f('other', 'CAST', ['value AS type'], 'type', 'Converts a value to INTEGER, BIGINT, SMALLINT, REAL, DOUBLE PRECISION, CHAR(n), VARCHAR(n), TIMESTAMP, POINT, CIRCLE or POLYGON.', 'features-adql-type'),
  f('geometry', 'POINT', ['ra', 'dec'], 'POINT', 'A point on the sky (degrees). An optional leading coordinate-system string is deprecated.', 'features-adqlgeo'),
  f('geometry', 'CIRCLE', ['ra', 'dec', 'radius'], 'CIRCLE', 'A circle: centre (degrees) and radius (degrees); the centre may also be a POINT.', 'features-adqlgeo'),
  f('geometry', 'BOX', ['ra', 'dec', 'width', 'height'], 'BOX', 'A box centred on (ra, dec) with the given width and height in degrees (deprecated in 2.1).', 'features-adqlgeo'),
  f('geometry', 'POLYGON', ['ra1', 'dec1', 'ra2', 'dec2', 'ra3', 'dec3', '...'], 'POLYGON', 'A polygon with great-circle edges; at least three vertices (or POINTs).', 'features-adqlgeo'),
  f('geometry', 'REGION', ['stc_string'], 'REGION', 'A region from an STC-S string (deprecated).', 'features-adqlgeo'),
  f('geometry', 'CENTROID', ['geometry'], 'POINT', 'Centre of a geometry.', 'features-adqlgeo'),
  f('geometry', 'CONTAINS', ['geometry', 'geometry'], 'INTEGER', '1 when the first geometry lies inside the second, else 0. Compare with 1: CONTAINS(...) = 1.', 'features-adqlgeo'),
  f('geometry', 'INTERSECTS', ['geometry', 'geometry'], 'INTEGER', '1 when the geometries overlap, else 0. Compare with 1: INTERSECTS(...) = 1.', 'features-adqlgeo'),
  f('geometry', 'DISTANCE', ['point', 'point'], 'DOUBLE', 'Angular distance in degrees; DISTANCE(ra1, dec1, ra2, dec2) is the 4-number form (2.1).', 'features-adqlgeo'),
  f('geometry', 'AREA', ['geometry'], 'DOUBLE', 'Area in square degrees.', 'features-adqlgeo'),
  f('geometry', 'COORD1', ['point'], 'DOUBLE', 'First coordinate (RA) of a point, degrees.', 'features-adqlgeo'),
  f('geometry', 'COORD2', ['point'], 'DOUBLE', 'Second coordinate (Dec) of a point, degrees.', 'features-adqlgeo'),
  f('geometry', 'COORDSYS', ['geometry'], 'VARCHAR', 'Coordinate-system string of a geometry (deprecated).', 'features-adqlgeo'),
];

export const BUILTIN_BY_NAME = new Map(BUILTIN_FUNCTIONS.map((d) => [d.name, d]));

export function functionSignature(d: { name: string; params: string[]; returns: string }): string {
  return `${d.name}(${d.params.join(', ')}) → ${d.returns}`;
}

/** Reserved words that end a table reference (so the next word is not an alias). */
export const CLAUSE_WORDS = new Set([
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'ORDER', 'BY', 'HAVING', 'OFFSET', 'UNION', 'INTERSECT', 'EXCEPT',
  'JOIN', 'NATURAL', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'ON', 'USING', 'AS', 'WITH',
  'AND', 'OR', 'NOT', 'LIMIT', 'TOP', 'DISTINCT', 'ALL', 'ASC', 'DESC',
]);
