/**
 * Diagnostics: what the validator reports. Codes are stable (tools and editors key on them);
 * messages may improve. Every code, its default severity and its meaning is listed in DIAGNOSTIC_CODES.
 */
import type { SourceRange } from './adql.js';

export type Severity = 'error' | 'warning' | 'info';

/** Replace the text in `range` with `newText` (an insertion when the range is empty). */
export interface TextEdit {
  range: SourceRange;
  newText: string;
}

/** A machine-applicable suggestion: apply all `edits` (non-overlapping) to the query text. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The single most likely fix (e.g. the closest name). */
  preferred?: boolean;
}

export interface RelatedRange {
  range: SourceRange;
  message: string;
}

export interface Diagnostic {
  /** Stable code from DIAGNOSTIC_CODES, e.g. `unknown-column`. */
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** Where the problem is, as the parser's ranges. Absent only for AST nodes without positions (built, not parsed). */
  range?: SourceRange;
  /** Other places that explain the problem (the other table of an ambiguous column, the GROUP BY...). */
  related?: RelatedRange[];
  /** Machine-applicable fixes, best first. */
  fixes?: Fix[];
  /** For capability problems: the TAPRegExt feature (`type#name`) that the service would have to declare. */
  feature?: { type: string; name: string };
}

export const DIAGNOSTIC_CODES = {
  'syntax-error': { severity: 'error', doc: 'The parser rejected the text (the message says what it expected).' },
  // names
  'unknown-table': { severity: 'error', doc: 'No table of this name in the service metadata; fixes offer close names.' },
  'table-needs-schema': { severity: 'error', doc: 'The table exists only schema-qualified (e.g. zcat.main); write it qualified.' },
  'ambiguous-table': { severity: 'error', doc: 'The name matches several tables (e.g. in different schemas); qualify it.' },
  'unknown-upload-table': {
    severity: 'error',
    doc: 'TAP_UPLOAD.x is not a declared upload (declare it with the uploads option or schema.declareUpload); fixes offer close declared names.',
  },
  'duplicate-correlation-name': { severity: 'error', doc: 'Two tables in one FROM have the same name or alias.' },
  'unknown-column': { severity: 'error', doc: 'No column of this name in the tables in scope; fixes offer close names.' },
  'alias-without-as': {
    severity: 'warning',
    doc: 'SELECT ra dec: a name after an expression without AS is its alias, and that name is also a column (a comma may be missing); the fix adds it.',
  },
  'alias-in-expression': {
    severity: 'error',
    doc: 'A select-list alias inside an ORDER BY expression (ORDER BY b + 1): ADQL, like SQL-92, sorts by an alias only as a whole sort key.',
  },
  'ambiguous-column': { severity: 'error', doc: 'An unqualified column exists in more than one table in scope; fixes qualify it.' },
  'unknown-qualifier': { severity: 'error', doc: 'A column is qualified by a table or alias that is not in the FROM clause.' },
  'case-mismatch': { severity: 'error', doc: 'A delimited (case-sensitive) identifier differs only in case from a real name.' },
  'columns-not-loaded': {
    severity: 'info',
    doc: "A lazily loaded table's columns are not available yet: column references to it were not checked.",
  },
  'unknown-using-column': { severity: 'error', doc: 'A JOIN ... USING column is missing from one side of the join.' },
  'natural-join-no-common-columns': { severity: 'warning', doc: 'A NATURAL JOIN between tables without common columns is a cross join.' },
  'duplicate-cte': { severity: 'error', doc: 'Two common table expressions in one WITH have the same name.' },
  'set-operand-columns': { severity: 'error', doc: 'The operands of UNION/INTERSECT/EXCEPT have different numbers of columns.' },
  'order-by-position': { severity: 'error', doc: 'ORDER BY n refers to a select-list position that does not exist.' },
  'duplicate-output-name': { severity: 'warning', doc: 'Two select items produce the same output column name (services rename one).' },
  'unnamed-derived-column': { severity: 'warning', doc: 'A derived table or CTE column computed without AS has no portable name.' },
  // aggregation
  'ungrouped-column': { severity: 'error', doc: 'A column outside aggregates is neither in GROUP BY nor functionally grouped.' },
  'aggregate-in-where': { severity: 'error', doc: 'Aggregates are not allowed in WHERE (use HAVING).' },
  'aggregate-in-group-by': { severity: 'error', doc: 'Aggregates are not allowed in GROUP BY.' },
  'nested-aggregate': { severity: 'error', doc: 'An aggregate inside another aggregate.' },
  'aggregate-in-join-condition': { severity: 'error', doc: 'Aggregates are not allowed in a JOIN ... ON condition.' },
  'having-without-group-by': { severity: 'warning', doc: 'HAVING without GROUP BY treats the whole result as one group.' },
  // functions
  'unknown-function': { severity: 'error', doc: 'Neither an ADQL function nor a UDF the service declares; the message lists close names.' },
  'function-arity': { severity: 'error', doc: 'Wrong number of arguments for the function.' },
  'argument-type': { severity: 'error', doc: 'An argument has the wrong type for the function.' },
  'coordsys-nonstandard': {
    severity: 'warning',
    doc: 'A coordinate-system string that is not a standard STC-S frame (ICRS, FK5, GALACTIC...).',
  },
  'region-not-literal': { severity: 'error', doc: 'REGION takes a string literal.' },
  // types
  'type-mismatch': { severity: 'error', doc: 'A comparison, BETWEEN or IN between values of incompatible types.' },
  'arithmetic-type': { severity: 'error', doc: 'Arithmetic (+ - * /, unary sign) on a non-numeric value.' },
  'concat-type': { severity: 'error', doc: 'String concatenation (||) of a value that is not a string; a fix CASTs it to VARCHAR.' },
  'like-type': { severity: 'error', doc: 'LIKE/ILIKE on a value that is not a string.' },
  'geometry-comparison': { severity: 'error', doc: 'A geometry compared with =, <, ... (use CONTAINS/INTERSECTS/DISTANCE).' },
  'predicate-comparison': {
    severity: 'warning',
    doc: 'CONTAINS/INTERSECTS give 0 or 1; compared with anything else the condition is constant.',
  },
  'timestamp-literal': { severity: 'warning', doc: 'A string compared with a TIMESTAMP is not in ISO 8601 form.' },
  // service capabilities
  'unsupported-feature': {
    severity: 'warning',
    doc: 'The service does not declare the optional ADQL feature the query uses (the message names it); an error with the strict option.',
  },
  'unsupported-adql-version': { severity: 'error', doc: 'The query needs an ADQL version the service does not offer.' },
  'uploads-not-supported': { severity: 'error', doc: 'The query uses TAP_UPLOAD but the service declares no upload method.' },
  'top-over-limit': { severity: 'warning', doc: "TOP is above the service's hard output limit: the result will be truncated." },
  'upload-over-limit': { severity: 'warning', doc: "A declared upload is larger than the service's upload limit." },
} as const satisfies Record<string, { severity: Severity; doc: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
