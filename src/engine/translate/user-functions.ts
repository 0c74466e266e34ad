/** The user-defined functions the local engine offers (declared in its capabilities), and their SQL. */
import { foldName } from '../../adql/index.js';
import type * as A from '../../adql/index.js';
import { TranslateError } from './errors.js';
import type { Scope } from './scope.js';
import { type Value, type ValueTranslator, scalarSql } from './values.js';

interface UserFunction {
  arity: number;
  /** The TAPRegExt signature and description advertised in the capabilities. */
  signature: string;
  description: string;
  sql: (args: string[]) => string;
}

/** The RegTAP 1.1 ivo_* functions (as DaCHS offers them), so RegTAP-style queries run locally. */
export const USER_FUNCTIONS: Record<string, UserFunction> = {
  ivo_hasword: {
    arity: 2,
    signature: 'ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER',
    description: '1 if needle occurs as a whole word in haystack (case-insensitive), else 0.',
    sql: ([h, n]) =>
      `CAST((' ' || lower(regexp_replace(${h}, '[^A-Za-z0-9]+', ' ', 'g')) || ' ') LIKE ('% ' || lower(${n}) || ' %') AS INTEGER)`,
  },
  ivo_nocasematch: {
    arity: 2,
    signature: 'ivo_nocasematch(value TEXT, pattern TEXT) -> INTEGER',
    description: '1 if value matches the LIKE pattern ignoring case, else 0.',
    sql: ([v, p]) => `CAST((${v} ILIKE ${p}) AS INTEGER)`,
  },
  ivo_hashlist_has: {
    arity: 2,
    signature: 'ivo_hashlist_has(hashlist TEXT, item TEXT) -> INTEGER',
    description: '1 if item is one of the #-separated words of hashlist (case-insensitive), else 0.',
    sql: ([l, i]) => `CAST(list_contains(string_split(lower(${l}), '#'), lower(${i})) AS INTEGER)`,
  },
  ivo_interval_overlaps: {
    arity: 4,
    signature: 'ivo_interval_overlaps(l1 NUMERIC, h1 NUMERIC, l2 NUMERIC, h2 NUMERIC) -> INTEGER',
    description: '1 if the intervals [l1, h1] and [l2, h2] overlap, else 0.',
    sql: ([l1, h1, l2, h2]) => `CAST((${h1} >= ${l2} AND ${h2} >= ${l1}) AS INTEGER)`,
  },
  ivo_string_agg: {
    arity: 2,
    signature: 'ivo_string_agg(expr TEXT, delimiter TEXT) -> TEXT',
    description: 'Aggregate: the values joined by delimiter.',
    sql: ([x, d]) => `string_agg(${x}, ${d})`,
  },
};

export function translateUserFunctionCall(e: A.UserFunctionCall, t: ValueTranslator, scope: Scope): Value {
  const udf = USER_FUNCTIONS[foldName(e.name.name)];
  if (!udf) {
    const known = Object.keys(USER_FUNCTIONS).join(', ');
    throw new TranslateError(`unknown function ${e.name.name}; the local engine's user-defined functions are ${known}`, e.range);
  }
  if (e.args.length !== udf.arity) throw new TranslateError(`${e.name.name} takes ${udf.arity} arguments, got ${e.args.length}`, e.range);
  return { kind: 'scalar', sql: udf.sql(e.args.map((a) => scalarSql(t.value(a, scope)))) };
}
