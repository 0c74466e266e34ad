/** ADQL's built-in functions, aggregates and CAST -> DuckDB SQL. */
import type * as A from '../../adql/index.js';
import type { NotTranslatable } from './coverage.js';
import { TranslateError } from './errors.js';
import type { Scope } from './scope.js';
import { sql as numSql } from './sql-num.js';
import { UnitError, conversionFactor } from './units.js';
import { type Value, type ValueTranslator, scalarSql } from './values.js';

/** Translates one call from its translated arguments (`sql` are their SQL scalars). */
type CallTranslation = (e: A.FunctionCall, args: Value[], sql: string[]) => Value;

const scalar = (sql: string): Value => ({ kind: 'scalar', sql });
/** The DuckDB function of the same meaning, called with the same arguments. */
const sqlFunction =
  (name: string): CallTranslation =>
  (_e, _args, sql) =>
    scalar(`${name}(${sql.join(', ')})`);

/** One entry per plain-call built-in (math, trig, string, COALESCE, IN_UNIT). */
export const FUNCTION_TRANSLATIONS: Record<A.BuiltinFunctionName, CallTranslation | NotTranslatable> = {
  ABS: sqlFunction('abs'),
  CEILING: sqlFunction('ceil'),
  DEGREES: sqlFunction('degrees'),
  EXP: sqlFunction('exp'),
  FLOOR: sqlFunction('floor'),
  LOG: sqlFunction('ln'),
  LOG10: sqlFunction('log10'),
  MOD: (_e, _args, s) => scalar(`(${s[0]} % ${s[1]})`),
  PI: sqlFunction('pi'),
  POWER: sqlFunction('pow'),
  RADIANS: sqlFunction('radians'),
  // DuckDB's random() takes no seed: a seeded RAND draws like an unseeded one.
  RAND: () => scalar('random()'),
  ROUND: (e, args, s) => (s.length > 1 ? scalar(`round(${s[0]!}, CAST(${s[1]} AS INTEGER))`) : sqlFunction('round')(e, args, s)),
  SQRT: sqlFunction('sqrt'),
  TRUNCATE: (e, args, s) =>
    s.length > 1 ? scalar(`(trunc(${s[0]} * pow(10, ${s[1]})) / pow(10, ${s[1]}))`) : sqlFunction('trunc')(e, args, s),
  ACOS: sqlFunction('acos'),
  ASIN: sqlFunction('asin'),
  ATAN: sqlFunction('atan'),
  ATAN2: sqlFunction('atan2'),
  COS: sqlFunction('cos'),
  COT: sqlFunction('cot'),
  SIN: sqlFunction('sin'),
  TAN: sqlFunction('tan'),
  LOWER: sqlFunction('lower'),
  UPPER: sqlFunction('upper'),
  COALESCE: sqlFunction('coalesce'),
  IN_UNIT: inUnit,
};

/** The DuckDB aggregate for each ADQL one (same names, same DISTINCT and `*` rules). */
export const AGGREGATE_TRANSLATIONS: Record<A.AggregateName, string> = { COUNT: 'COUNT', AVG: 'AVG', MIN: 'MIN', MAX: 'MAX', SUM: 'SUM' };

/** The DuckDB type for each scalar CAST target (geometry targets: see {@link translateCast}). */
export const CAST_TARGETS: Record<string, string> = {
  CHAR: 'VARCHAR',
  VARCHAR: 'VARCHAR',
  SMALLINT: 'SMALLINT',
  INTEGER: 'INTEGER',
  BIGINT: 'BIGINT',
  REAL: 'FLOAT',
  'DOUBLE PRECISION': 'DOUBLE',
  TIMESTAMP: 'TIMESTAMP',
};

export function translateFunctionCall(e: A.FunctionCall, t: ValueTranslator, scope: Scope): Value {
  const args = e.args.map((a) => t.value(a, scope));
  const translation = FUNCTION_TRANSLATIONS[e.name];
  if (typeof translation !== 'function') throw new TranslateError(translation.notTranslatable, e.range);
  return translation(e, args, args.map(scalarSql));
}

export function translateAggregate(e: A.Aggregate, t: ValueTranslator, scope: Scope): Value {
  const arg = e.arg.kind === 'Star' ? '*' : scalarSql(t.value(e.arg, scope));
  return scalar(`${AGGREGATE_TRANSLATIONS[e.name]}(${e.quantifier === 'DISTINCT' ? 'DISTINCT ' : ''}${arg})`);
}

export function translateCast(e: A.Cast, t: ValueTranslator, scope: Scope): Value {
  const v = t.value(e.expr, scope);
  const type = e.type;
  if (type.name === 'POINT' || type.name === 'CIRCLE' || type.name === 'POLYGON') {
    if (v.kind === 'shape' && v.shape.type === type.name.toLowerCase()) return v;
    throw new TranslateError(`CAST to ${type.name} is not supported by the local engine`, e.range);
  }
  let sql = `CAST(${scalarSql(v)} AS ${CAST_TARGETS[type.name]})`;
  if (type.length !== undefined && (type.name === 'CHAR' || type.name === 'VARCHAR')) {
    sql = type.name === 'CHAR' ? `rpad(left(${sql}, ${type.length}), ${type.length}, ' ')` : `left(${sql}, ${type.length})`;
  }
  return scalar(sql);
}

/** IN_UNIT(column, 'unit'): the column times the conversion factor from its declared unit. */
function inUnit(e: A.FunctionCall, args: Value[]): Value {
  const [value] = args;
  const targetNode = e.args[1];
  if (!value || !targetNode || targetNode.kind !== 'StringLiteral') {
    throw new TranslateError('IN_UNIT needs a value and a unit string literal', e.range);
  }
  const source = value.kind === 'scalar' ? value.column?.unit : undefined;
  if (!source) {
    throw new TranslateError('IN_UNIT needs a column with a known unit as its first argument', e.args[0]?.range ?? e.range);
  }
  try {
    const factor = conversionFactor(source, targetNode.value);
    return scalar(`(${scalarSql(value)} * ${numSql(factor)})`);
  } catch (err) {
    if (err instanceof UnitError) throw new TranslateError(`IN_UNIT: ${err.message}`, targetNode.range ?? e.range);
    throw err;
  }
}
