/**
 * ADQL's typing rules, as data, each with its source: the ADQL 2.1 text, SQL-92 (which ADQL
 * defers to), or common practice where both are silent (what vollt and DaCHS/PostgreSQL do).
 * The validator (src/validate) reads these tables; it keeps no rule of its own about which value
 * types mix.
 *
 * Types are compared by category: the numeric types (SMALLINT ... DOUBLE PRECISION) are one
 * category, CHAR and VARCHAR another, and so on. NULL and values of unknown type fit everywhere.
 */

/** The categories of ADQL values the rules speak about. */
export type TypeCategory = 'numeric' | 'string' | 'timestamp' | 'boolean' | 'geometry' | 'other';

/** A rule and where it comes from. */
export interface SourcedRule<T> {
  readonly rule: T;
  readonly source: string;
}

/** The operands `||` concatenates. */
export const CONCATENATION_OPERANDS: SourcedRule<readonly TypeCategory[]> = {
  rule: ['string'],
  source:
    'ADQL 2.1 BNF: <concatenation> ::= <character_value_expression> <concatenation_operator> <character_factor>; SQL-92 6.13 <string value expression>',
};

/**
 * Pairs of different categories whose values may meet: compared (=, <, BETWEEN, IN), as the
 * arguments of COALESCE, or as corresponding columns of UNION/INTERSECT/EXCEPT. A category always
 * meets itself (geometries only in COALESCE and set operations: they are never compared).
 */
export const COMPATIBLE_CATEGORIES: SourcedRule<ReadonlyArray<readonly [TypeCategory, TypeCategory]>> = {
  rule: [
    ['numeric', 'boolean'],
    ['string', 'boolean'],
    ['timestamp', 'string'],
  ],
  source:
    'SQL-92 8.2 (comparison), 6.9 (COALESCE) and 7.10 (query expression): the values must be of comparable types; ' +
    "BOOLEAN with 1/0 and with 'true'/'false', and TIMESTAMP with an ISO 8601 string: common practice, as vollt and DaCHS (ADQL 2.1 section \"TIMESTAMP\" writes timestamps as DALI strings)",
};

/** CAST: the categories each category converts to (input -> outputs). */
export const CAST_CONVERSIONS: SourcedRule<Readonly<Record<TypeCategory, readonly TypeCategory[]>>> = {
  rule: {
    numeric: ['numeric', 'string'],
    string: ['numeric', 'string', 'timestamp', 'geometry'],
    timestamp: ['string', 'timestamp'],
    geometry: ['geometry'],
    boolean: ['numeric', 'string'],
    other: ['string'],
  },
  source:
    'ADQL 2.1 section "CAST" (table "CAST allowed types"; "Only a character string can be casted into a timestamp"; geometries from DALI strings); ' +
    'geometry to geometry, BOOLEAN and other types: common practice, as PostgreSQL',
};

/**
 * A SELECT alias in ORDER BY: only as a whole sort key (`ORDER BY b`), never inside an expression
 * (`ORDER BY b + 1`), where a name means an input column.
 */
export const ORDER_BY_ALIAS: SourcedRule<'bare sort key only'> = {
  rule: 'bare sort key only',
  source:
    'SQL-92 13.1 (<sort specification>: a column name of the result, or a position); ADQL 2.1 adds expressions over the input columns; PostgreSQL rejects an alias inside an expression',
};

/** Do values of these two categories mix (see COMPATIBLE_CATEGORIES)? */
export function categoriesCompatible(a: TypeCategory, b: TypeCategory): boolean {
  return a === b || COMPATIBLE_CATEGORIES.rule.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/** May CAST convert a value of category `from` to category `to`? */
export function castAllowed(from: TypeCategory, to: TypeCategory): boolean {
  return CAST_CONVERSIONS.rule[from].includes(to);
}
