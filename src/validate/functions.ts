/**
 * The validator's typing rules for ADQL's built-in functions: the result type, unit and UCD of each
 * function of the language catalogue (adql/language/functions.ts), which gives its forms, argument
 * kinds and optional feature.
 */
import {
  ADQL_FUNCTIONS,
  FEATURE_TYPES,
  callSyntax,
  type ArgKind,
  type BuiltinFunction,
  type BuiltinName,
  type FunctionForm,
} from '../adql/index.js';
import { TYPES, promoteNumeric, type ValueType } from './types.js';

export { argKindAt, formsForArity, type ArgKind, type FunctionForm } from '../adql/index.js';

/** What an expression's value is known to carry besides its type. */
export interface ValueMeta {
  unit?: string;
  ucd?: string;
}

/** How the validator types a call. */
export interface TypingRule {
  /** Result type from the argument types (after the form was chosen). */
  result: (args: ValueType[]) => ValueType;
  /** Result unit/UCD from the arguments' metadata. */
  meta?: (args: ValueMeta[], literalArgs: (string | undefined)[]) => ValueMeta;
}

export interface FunctionSpec extends TypingRule {
  name: string;
  category: 'math' | 'trig' | 'string' | 'geometry' | 'aggregate' | 'conditional' | 'unit';
  forms: readonly FunctionForm[];
  /** The optional-feature declaration a service must make; absent for mandatory functions. */
  feature?: { type: string; name: string };
  description: string;
}

const doubleResult = (): ValueType => TYPES.double;
const sameNumeric = (args: ValueType[]): ValueType => (args[0]?.kind === 'numeric' ? numericOnly(args[0]) : TYPES.double);
const keepUnit = (args: ValueMeta[]): ValueMeta => ({ unit: args[0]?.unit });
/** An aggregate's unit and UCD: the argument's unit, and its UCD behind a stat.* word. */
const statistic = (args: ValueMeta[], word: string): ValueMeta => ({
  unit: args[0]?.unit,
  ucd: args[0]?.ucd ? `${word};${args[0].ucd}` : undefined,
});
const noUnit = (): ValueMeta => ({});
const radians = (): ValueMeta => ({ unit: 'rad' });
const degrees = (): ValueMeta => ({ unit: 'deg' });

function numericOnly(t: ValueType): ValueType {
  if (!t.predicate) return t;
  return TYPES.integer;
}

const math = (result: TypingRule['result'] = doubleResult, meta: TypingRule['meta'] = noUnit): TypingRule => ({ result, meta });
const trig = (meta: TypingRule['meta']): TypingRule => ({ result: doubleResult, meta });
const sameString = (a: ValueType[]): ValueType => (a[0]?.kind === 'string' ? a[0] : TYPES.varchar);
const is = (type: ValueType, meta?: TypingRule['meta']): TypingRule =>
  meta === undefined ? { result: () => type } : { result: () => type, meta };

/** One rule per catalogue function; CAST is typed from its target type by the CAST expression rule. */
const TYPING_RULES: Record<Exclude<BuiltinName, 'CAST'>, TypingRule> = {
  ABS: math(sameNumeric, keepUnit),
  CEILING: math(sameNumeric, keepUnit),
  DEGREES: math(doubleResult, degrees),
  EXP: math(),
  FLOOR: math(sameNumeric, keepUnit),
  LOG: math(),
  LOG10: math(),
  MOD: math((a) => promoteNumeric(a[0] ?? TYPES.double, a[1] ?? TYPES.double), keepUnit),
  PI: math(),
  POWER: math(),
  RADIANS: math(doubleResult, radians),
  RAND: math(),
  ROUND: math(sameNumeric, keepUnit),
  SQRT: math(),
  TRUNCATE: math(sameNumeric, keepUnit),
  ACOS: trig(radians),
  ASIN: trig(radians),
  ATAN: trig(radians),
  ATAN2: trig(radians),
  COS: trig(noUnit),
  COT: trig(noUnit),
  SIN: trig(noUnit),
  TAN: trig(noUnit),
  COUNT: is(TYPES.bigint, () => ({ ucd: 'meta.number' })),
  AVG: is(TYPES.double, (a) => statistic(a, 'stat.mean')),
  SUM: { result: (a) => (a[0]?.integer ? TYPES.bigint : a[0]?.kind === 'numeric' ? numericOnly(a[0]) : TYPES.double), meta: keepUnit },
  MIN: { result: (a) => numericOnly(a[0] ?? TYPES.unknown), meta: (a) => statistic(a, 'stat.min') },
  MAX: { result: (a) => numericOnly(a[0] ?? TYPES.unknown), meta: (a) => statistic(a, 'stat.max') },
  LOWER: { result: sameString },
  UPPER: { result: sameString },
  COALESCE: { result: (a) => a.find((t) => t.kind !== 'null' && t.kind !== 'unknown') ?? a[0] ?? TYPES.unknown, meta: keepUnit },
  IN_UNIT: is(TYPES.double, (_a, lit) => (lit[1] !== undefined ? { unit: lit[1] } : {})),
  POINT: is(TYPES.point),
  CIRCLE: is(TYPES.circle),
  BOX: is(TYPES.box),
  POLYGON: is(TYPES.polygon),
  REGION: is(TYPES.region),
  CENTROID: is(TYPES.point),
  COORD1: is(TYPES.double, degrees),
  COORD2: is(TYPES.double, degrees),
  COORDSYS: is(TYPES.varchar),
  DISTANCE: is(TYPES.double, () => ({ unit: 'deg', ucd: 'pos.angDistance' })),
  CONTAINS: is(TYPES.predicate),
  INTERSECTS: is(TYPES.predicate),
  AREA: is(TYPES.double, () => ({ unit: 'deg**2' })),
};

/** Can the validator type calls of this catalogue function? */
export function hasTypingRule(fn: BuiltinFunction): boolean {
  return callSyntax(fn) === 'cast' || Object.hasOwn(TYPING_RULES, fn.name);
}

function spec(fn: BuiltinFunction, rule: TypingRule): FunctionSpec {
  const out: FunctionSpec = {
    name: fn.name,
    category: fn.category as FunctionSpec['category'],
    forms: fn.forms,
    ...rule,
    description: fn.doc,
  };
  if (fn.feature !== undefined) out.feature = { type: FEATURE_TYPES[fn.feature], name: fn.name };
  return out;
}

/** The built-in functions written as calls (CAST has its own syntax), with their typing rules. */
export const BUILTIN_FUNCTIONS: readonly FunctionSpec[] = ADQL_FUNCTIONS.flatMap((fn) => {
  const rule = (TYPING_RULES as Partial<Record<string, TypingRule>>)[fn.name];
  return callSyntax(fn) === 'cast' || rule === undefined ? [] : [spec(fn, rule)];
});

export const FUNCTIONS_BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(BUILTIN_FUNCTIONS.map((f) => [f.name, f]));

/** Arity of the forms, for messages: "1 or 2", "2 or 4", "at least 6". */
export function describeArity(forms: readonly FunctionForm[]): string {
  const parts = forms.map((f) => (f.rest !== undefined ? `at least ${f.min ?? f.args.length}` : String(f.args.length)));
  const unique = [...new Set(parts)];
  if (unique.length === 1) return unique[0]!;
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]!}`;
}

/** Argument kind for a UDF parameter type from a TAPRegExt signature. */
export function argKindForTypeName(type: string): ArgKind {
  const t = type
    .toUpperCase()
    .replace(/\(.*\)/, '')
    .trim();
  if (/\[\]$/.test(t)) return 'any';
  if (['SMALLINT', 'INTEGER', 'INT', 'BIGINT', 'REAL', 'DOUBLE', 'DOUBLE PRECISION', 'NUMERIC', 'FLOAT', 'DECIMAL'].includes(t))
    return 'numeric';
  if (['TEXT', 'VARCHAR', 'CHAR', 'CHARACTER', 'CHARACTER VARYING', 'UNICODECHAR', 'CLOB'].includes(t)) return 'string';
  if (t === 'TIMESTAMP') return 'timestamp';
  if (t === 'POINT') return 'point';
  if (['GEOMETRY', 'CIRCLE', 'POLYGON', 'BOX', 'REGION', 'SHAPE'].includes(t)) return 'geometry';
  return 'any';
}
