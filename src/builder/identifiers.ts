/**
 * Identifier spelling rules: when a name can be written bare and when it must be delimited.
 * A name is written bare only if it is a regular ADQL identifier (letter, then letters, digits,
 * underscores) that is not a reserved word (ADQL 2.1 §2.1.2 and §2.1.3); everything else is
 * delimited with `"` and embedded quotes doubled, so no name can change a query's structure.
 */
import type { ColumnRef, Identifier, TableName } from '../adql/ast.js';
import { AdqlBuilderError } from './errors.js';

// ADQL 2.1 §2.1.2 (SQL-92) and §2.1.3 (ADQL) reserved words.
const RESERVED_WORDS = new Set(
  (
    'ABSOLUTE ACTION ADD ALL ALLOCATE ALTER AND ANY ARE AS ASC ASSERTION AT AUTHORIZATION AVG BEGIN ' +
    'BETWEEN BIT BIT_LENGTH BOTH BY CASCADE CASCADED CASE CAST CATALOG CHAR CHARACTER CHAR_LENGTH ' +
    'CHARACTER_LENGTH CHECK CLOSE COALESCE COLLATE COLLATION COLUMN COMMIT CONNECT CONNECTION ' +
    'CONSTRAINT CONSTRAINTS CONTINUE CONVERT CORRESPONDING COUNT CREATE CROSS CURRENT CURRENT_DATE ' +
    'CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR DATE DAY DEALLOCATE DECIMAL DECLARE DEFAULT ' +
    'DEFERRABLE DEFERRED DELETE DESC DESCRIBE DESCRIPTOR DIAGNOSTICS DISCONNECT DISTINCT DOMAIN ' +
    'DOUBLE DROP ELSE END END-EXEC ESCAPE EXCEPT EXCEPTION EXEC EXECUTE EXISTS EXTERNAL EXTRACT ' +
    'FALSE FETCH FIRST FLOAT FOR FOREIGN FOUND FROM FULL GET GLOBAL GO GOTO GRANT GROUP HAVING HOUR ' +
    'IDENTITY IMMEDIATE IN INDICATOR INITIALLY INNER INPUT INSENSITIVE INSERT INT INTEGER INTERSECT ' +
    'INTERVAL INTO IS ISOLATION JOIN KEY LANGUAGE LAST LEADING LEFT LEVEL LIKE LOCAL LOWER MATCH MAX ' +
    'MIN MINUTE MODULE MONTH NAMES NATIONAL NATURAL NCHAR NEXT NO NOT NULL NULLIF NUMERIC ' +
    'OCTET_LENGTH OF ON ONLY OPEN OPTION OR ORDER OUTER OUTPUT OVERLAPS PAD PARTIAL POSITION ' +
    'PRECISION PREPARE PRESERVE PRIMARY PRIOR PRIVILEGES PROCEDURE PUBLIC READ REAL REFERENCES ' +
    'RELATIVE RESTRICT REVOKE RIGHT ROLLBACK ROWS SCHEMA SCROLL SECOND SECTION SELECT SESSION ' +
    'SESSION_USER SET SIZE SMALLINT SOME SPACE SQL SQLCODE SQLERROR SQLSTATE SUBSTRING SUM ' +
    'SYSTEM_USER TABLE TEMPORARY THEN TIME TIMESTAMP TIMEZONE_HOUR TIMEZONE_MINUTE TO TRAILING ' +
    'TRANSACTION TRANSLATE TRANSLATION TRIM TRUE UNION UNIQUE UNKNOWN UPDATE UPPER USAGE USER USING ' +
    'VALUE VALUES VARCHAR VARYING VIEW WHEN WHENEVER WHERE WITH WORK WRITE YEAR ZONE ' +
    'ABS ACOS ASIN ATAN ATAN2 CEILING COS COT DEGREES EXP FLOOR LOG LOG10 MOD PI POWER RADIANS RAND ' +
    'ROUND SIN SQRT TAN TRUNCATE AREA BOX CENTROID CIRCLE CONTAINS COORD1 COORD2 COORDSYS DISTANCE ' +
    'INTERSECTS POINT POLYGON REGION BIGINT ILIKE IN_UNIT OFFSET TOP'
  ).split(' '),
);

const REGULAR = /^[A-Za-z][A-Za-z0-9_]*$/;

// Reserved words the parser (and services) accept bare as a qualifier before "." (e.g. the
// PostgreSQL schema in `public.zcat`): plain SQL-92 words, not grammar keywords, function or type names.
const NOT_QUALIFIERS = new Set(
  (
    'SELECT FROM WHERE GROUP BY HAVING ORDER ASC DESC TOP OFFSET DISTINCT ALL AS JOIN NATURAL INNER LEFT ' +
    'RIGHT FULL OUTER ON USING AND OR NOT BETWEEN LIKE ILIKE IN EXISTS IS NULL UNION INTERSECT EXCEPT WITH ' +
    'CAST DOUBLE PRECISION AVG COUNT MAX MIN SUM LOWER UPPER COALESCE CHAR VARCHAR SMALLINT INTEGER BIGINT ' +
    'REAL TIMESTAMP ABS ACOS ASIN ATAN ATAN2 CEILING COS COT DEGREES EXP FLOOR LOG LOG10 MOD PI POWER ' +
    'RADIANS RAND ROUND SIN SQRT TAN TRUNCATE AREA BOX CENTROID CIRCLE CONTAINS COORD1 COORD2 COORDSYS ' +
    'DISTANCE INTERSECTS POINT POLYGON REGION IN_UNIT'
  ).split(' '),
);

function qualifierIdentifier(name: string): Identifier {
  const upper = name.toUpperCase();
  const bare = REGULAR.test(name) && (!RESERVED_WORDS.has(upper) || !NOT_QUALIFIERS.has(upper));
  return bare ? { kind: 'Identifier', name, delimited: false } : identifierFor(name);
}

/** True when `name` may be written without quotes (regular and not reserved). */
export function isBareIdentifier(name: string): boolean {
  return REGULAR.test(name) && !RESERVED_WORDS.has(name.toUpperCase());
}

/** An Identifier node for a name given as a plain value: delimited when it has to be. */
export function identifierFor(name: string): Identifier {
  if (name.length === 0) throw new AdqlBuilderError('an identifier cannot be empty');
  return { kind: 'Identifier', name, delimited: !isBareIdentifier(name) };
}

/**
 * Splits a reference written in ADQL spelling (`zcat.main`, `m.ra`, `p."MagAB"`, `"odd ""name"""`)
 * into identifiers. A bare part that is reserved or not regular is delimited (never pasted).
 */
export function parseDottedName(text: string): Identifier[] {
  const parts: Identifier[] = [];
  let i = 0;
  const n = text.length;
  while (i <= n) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let name = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new AdqlBuilderError(`unterminated delimited identifier in ${JSON.stringify(text)}`);
        name += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          name += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      if (name.length === 0) throw new AdqlBuilderError(`empty delimited identifier in ${JSON.stringify(text)}`);
      parts.push({ kind: 'Identifier', name, delimited: true });
      i = j;
      if (i === n) break;
      if (text.charCodeAt(i) !== 46 /* . */)
        throw new AdqlBuilderError(`expected "." after a delimited identifier in ${JSON.stringify(text)}`);
      i++;
    } else {
      const dot = text.indexOf('.', i);
      const end = dot < 0 ? n : dot;
      const raw = text.slice(i, end).trim();
      if (raw.length === 0) throw new AdqlBuilderError(`empty name part in ${JSON.stringify(text)}`);
      parts.push(dot < 0 ? identifierFor(raw) : qualifierIdentifier(raw));
      if (dot < 0) break;
      i = dot + 1;
    }
  }
  return parts;
}

/** A TableName node from `[catalog.][schema.]table` parts. */
export function tableNameFrom(parts: Identifier[], source: string): TableName {
  if (parts.length < 1 || parts.length > 3)
    throw new AdqlBuilderError(`a table name has 1 to 3 parts, got ${JSON.stringify(source)}`);
  const table = parts[parts.length - 1]!;
  const node: TableName = { kind: 'TableName', table };
  if (parts.length >= 2) node.schema = parts[parts.length - 2]!;
  if (parts.length === 3) node.catalog = parts[0]!;
  return node;
}

/** `[[catalog.]schema.]table.]column` as a ColumnRef node. */
export function columnRefFrom(text: string): ColumnRef {
  const parts = parseDottedName(text);
  if (parts.length > 4) throw new AdqlBuilderError(`a column reference has at most 4 parts, got ${JSON.stringify(text)}`);
  const column = parts.pop()!;
  const node: ColumnRef = { kind: 'ColumnRef', column };
  if (parts.length > 0) node.table = tableNameFrom(parts, text);
  return node;
}

/** Parses a table name like `zcat.main`. */
export function tableNameOf(text: string): TableName {
  return tableNameFrom(parseDottedName(text), text);
}
