/**
 * Documentation of ADQL 2.1's built-in functions for editor completion, hover and signature help,
 * from the language catalogue (adql/language/functions.ts; the optional ones name their TAPRegExt feature).
 */
import { ADQL_FUNCTIONS, FEATURE_TYPES, type BuiltinFunction } from '../adql/index.js';

export interface FunctionDoc {
  name: string;
  params: string[];
  returns: string;
  doc: string;
  /** Optional language feature (TAPRegExt) the service must declare, e.g. `features-adqlgeo`. */
  feature?: string;
  kind: 'aggregate' | 'math' | 'trig' | 'string' | 'geometry' | 'other';
}

function docOf(fn: BuiltinFunction): FunctionDoc {
  const kind = fn.category === 'conditional' || fn.category === 'unit' || fn.category === 'type' ? 'other' : fn.category;
  const doc: FunctionDoc = { kind, name: fn.name, params: [...fn.params], returns: fn.returns, doc: fn.doc };
  if (fn.feature !== undefined) doc.feature = FEATURE_TYPES[fn.feature].slice(FEATURE_TYPES[fn.feature].indexOf('#') + 1);
  return doc;
}

export const BUILTIN_FUNCTIONS: FunctionDoc[] = ADQL_FUNCTIONS.map(docOf);

export const BUILTIN_BY_NAME = new Map(BUILTIN_FUNCTIONS.map((d) => [d.name, d]));

export function functionSignature(d: { name: string; params: string[]; returns: string }): string {
  return `${d.name}(${d.params.join(', ')}) → ${d.returns}`;
}

/** Reserved words that end a table reference (so the next word is not an alias). */
export const CLAUSE_WORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'ORDER',
  'BY',
  'HAVING',
  'OFFSET',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'JOIN',
  'NATURAL',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'OUTER',
  'CROSS',
  'ON',
  'USING',
  'AS',
  'WITH',
  'AND',
  'OR',
  'NOT',
  'LIMIT',
  'TOP',
  'DISTINCT',
  'ALL',
  'ASC',
  'DESC',
]);
