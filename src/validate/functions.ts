/**
 * The catalogue of ADQL 2.1 built-in functions: arity, argument kinds, result type, unit and UCD
 * rules, and the TAPRegExt feature that a service must declare for the optional ones (ADQL 2.1 §4).
 */
import { FEATURE_TYPES } from '../schema/model.js';
import { TYPES, promoteNumeric, type ValueType } from './types.js';

/** What an argument position accepts. */
export type ArgKind =
  | 'numeric'
  | 'string'
  | 'timestamp'
  /** any geometry */
  | 'geometry'
  /** a POINT (or a geometry of unknown shape) */
  | 'point'
  /** anything comparable: numbers, strings, timestamps */
  | 'comparable'
  | 'any';

export interface FunctionForm {
  args: ArgKind[];
  /** Further arguments of this kind may follow (`min` counts all arguments). */
  rest?: ArgKind;
  min?: number;
  /** Number of trailing rest arguments must be a multiple of this (POLYGON coordinates). */
  restMultiple?: number;
}

/** What an expression's value is known to carry besides its type. */
export interface ValueMeta {
  unit?: string;
  ucd?: string;
}

export interface FunctionSpec {
  name: string;
  category: 'math' | 'trig' | 'string' | 'geometry' | 'aggregate' | 'conditional' | 'unit';
  forms: FunctionForm[];
  /** Result type from the argument types (after the form was chosen). */
  result: (args: ValueType[]) => ValueType;
  /** Result unit/UCD from the arguments' metadata. */
  meta?: (args: ValueMeta[], literalArgs: (string | undefined)[]) => ValueMeta;
  /** The optional-feature declaration a service must make; absent for mandatory functions. */
  feature?: { type: string; name: string };
  description: string;
}

const doubleResult = (): ValueType => TYPES.double;
const sameNumeric = (args: ValueType[]): ValueType => (args[0]?.kind === 'numeric' ? numericOnly(args[0]) : TYPES.double);
const keepUnit = (args: ValueMeta[]): ValueMeta => ({ unit: args[0]?.unit });
/** An aggregate's unit and UCD: the argument's unit, and its UCD behind a stat.* word. */
const statistic = (args: ValueMeta[], word: string): ValueMeta => ({ unit: args[0]?.unit, ucd: args[0]?.ucd ? `${word};${args[0].ucd}` : undefined });
const noUnit = (): ValueMeta => ({});

function numericOnly(t: ValueType): ValueType {
  if (!t.predicate) return t;
  return TYPES.integer;
}

function math(name: string, forms: FunctionForm[], description: string, result: FunctionSpec["result"] = doubleResult, meta: FunctionSpec["meta"] = noUnit): FunctionSpec {
  return { name, category: 'math', forms, result, meta, description };
}
function trig(name: string, arity: number, description: string, meta: FunctionSpec['meta']): FunctionSpec {
  return { name, category: 'trig', forms: [{ args: Array<ArgKind>(arity).fill('numeric') }], result: doubleResult, meta, description };
}
const geo = (name: string) => ({ type: FEATURE_TYPES.geometry, name });

const N: ArgKind = 'numeric';

export const BUILTIN_FUNCTIONS: readonly FunctionSpec[] = [
  // Mathematical functions (ADQL 2.1 §2.3.1): mandatory.
  math('ABS', [{ args: [N] }], 'Absolute value.', sameNumeric, keepUnit),
  math('CEILING', [{ args: [N] }], 'Smallest integer not less than x.', sameNumeric, keepUnit),
  math('DEGREES', [{ args: [N] }], 'Radians to degrees.', doubleResult, () => ({ unit: 'deg' })),
  math('EXP', [{ args: [N] }], 'e to the power x.'),
  math('FLOOR', [{ args: [N] }], 'Largest integer not greater than x.', sameNumeric, keepUnit),
  math('LOG', [{ args: [N] }], 'Natural logarithm.'),
  math('LOG10', [{ args: [N] }], 'Base-10 logarithm.'),
  math('MOD', [{ args: [N, N] }], 'Remainder of x / y.', (a) => promoteNumeric(a[0] ?? TYPES.double, a[1] ?? TYPES.double), keepUnit),
  math('PI', [{ args: [] }], 'The constant pi.'),
  math('POWER', [{ args: [N, N] }], 'x to the power y.'),
  math('RADIANS', [{ args: [N] }], 'Degrees to radians.', doubleResult, () => ({ unit: 'rad' })),
  math('RAND', [{ args: [] }, { args: [N] }], 'Random number in [0, 1), with an optional seed.'),
  math('ROUND', [{ args: [N] }, { args: [N, N] }], 'x rounded to n decimal places (default 0).', sameNumeric, keepUnit),
  math('SQRT', [{ args: [N] }], 'Square root.'),
  math('TRUNCATE', [{ args: [N] }, { args: [N, N] }], 'x truncated to n decimal places (default 0).', sameNumeric, keepUnit),
  // Trigonometric functions (§2.3.2): mandatory, angles in radians.
  trig('ACOS', 1, 'Arc cosine, in radians.', () => ({ unit: 'rad' })),
  trig('ASIN', 1, 'Arc sine, in radians.', () => ({ unit: 'rad' })),
  trig('ATAN', 1, 'Arc tangent, in radians.', () => ({ unit: 'rad' })),
  trig('ATAN2', 2, 'Arc tangent of y/x, in radians.', () => ({ unit: 'rad' })),
  trig('COS', 1, 'Cosine of an angle in radians.', noUnit),
  trig('COT', 1, 'Cotangent of an angle in radians.', noUnit),
  trig('SIN', 1, 'Sine of an angle in radians.', noUnit),
  trig('TAN', 1, 'Tangent of an angle in radians.', noUnit),
  // Aggregates (§2.3.4 set functions): mandatory.
  {
    name: 'COUNT',
    category: 'aggregate',
    forms: [{ args: ['any'] }],
    result: () => TYPES.bigint,
    meta: () => ({ ucd: 'meta.number' }),
    description: 'Number of rows (COUNT(*)) or of non-NULL values.',
  },
  {
    name: 'AVG',
    category: 'aggregate',
    forms: [{ args: [N] }],
    result: () => TYPES.double,
    meta: (a) => statistic(a, 'stat.mean'),
    description: 'Average of the non-NULL values.',
  },
  {
    name: 'SUM',
    category: 'aggregate',
    forms: [{ args: [N] }],
    result: (a) => (a[0]?.integer ? TYPES.bigint : a[0]?.kind === 'numeric' ? numericOnly(a[0]) : TYPES.double),
    meta: keepUnit,
    description: 'Sum of the non-NULL values.',
  },
  {
    name: 'MIN',
    category: 'aggregate',
    forms: [{ args: ['comparable'] }],
    result: (a) => numericOnly(a[0] ?? TYPES.unknown),
    meta: (a) => statistic(a, 'stat.min'),
    description: 'Smallest value.',
  },
  {
    name: 'MAX',
    category: 'aggregate',
    forms: [{ args: ['comparable'] }],
    result: (a) => numericOnly(a[0] ?? TYPES.unknown),
    meta: (a) => statistic(a, 'stat.max'),
    description: 'Largest value.',
  },
  // String functions (§4.2, optional: features-adql-string).
  {
    name: 'LOWER',
    category: 'string',
    forms: [{ args: ['string'] }],
    result: (a) => (a[0]?.kind === 'string' ? a[0] : TYPES.varchar),
    feature: { type: FEATURE_TYPES.string, name: 'LOWER' },
    description: 'The string in lower case.',
  },
  {
    name: 'UPPER',
    category: 'string',
    forms: [{ args: ['string'] }],
    result: (a) => (a[0]?.kind === 'string' ? a[0] : TYPES.varchar),
    feature: { type: FEATURE_TYPES.string, name: 'UPPER' },
    description: 'The string in upper case.',
  },
  // COALESCE (§4.7.1, optional: features-adql-conditional).
  {
    name: 'COALESCE',
    category: 'conditional',
    forms: [{ args: ['any'], rest: 'any', min: 1 }],
    result: (a) => a.find((t) => t.kind !== 'null' && t.kind !== 'unknown') ?? a[0] ?? TYPES.unknown,
    meta: keepUnit,
    feature: { type: FEATURE_TYPES.conditional, name: 'COALESCE' },
    description: 'The first non-NULL argument.',
  },
  // IN_UNIT (§4.8.1, optional: features-adql-unit).
  {
    name: 'IN_UNIT',
    category: 'unit',
    forms: [{ args: [N, 'string'] }],
    result: () => TYPES.double,
    meta: (_a, lit) => (lit[1] !== undefined ? { unit: lit[1] } : {}),
    feature: { type: FEATURE_TYPES.unit, name: 'IN_UNIT' },
    description: 'The value converted to the given VOUnit.',
  },
  // Geometry functions (§4.2 of 2.0, §4.1 of 2.1; optional: features-adqlgeo).
  {
    name: 'POINT',
    category: 'geometry',
    forms: [{ args: [N, N] }],
    result: () => TYPES.point,
    feature: geo('POINT'),
    description: 'A point on the sphere: POINT([coordsys,] longitude, latitude), degrees.',
  },
  {
    name: 'CIRCLE',
    category: 'geometry',
    forms: [{ args: [N, N, N] }, { args: ['point', N] }],
    result: () => TYPES.circle,
    feature: geo('CIRCLE'),
    description: 'A circle: CIRCLE([coordsys,] lon, lat, radius) or CIRCLE(point, radius), degrees.',
  },
  {
    name: 'BOX',
    category: 'geometry',
    forms: [{ args: [N, N, N, N] }, { args: ['point', N, N] }],
    result: () => TYPES.box,
    feature: geo('BOX'),
    description: 'A box: BOX([coordsys,] lon, lat, width, height) or BOX(point, width, height), degrees.',
  },
  {
    name: 'POLYGON',
    category: 'geometry',
    forms: [
      { args: [N, N, N, N, N, N], rest: N, min: 6, restMultiple: 2 },
      { args: ['point', 'point', 'point'], rest: 'point', min: 3 },
    ],
    result: () => TYPES.polygon,
    feature: geo('POLYGON'),
    description: 'A polygon: POLYGON([coordsys,] lon1, lat1, lon2, lat2, lon3, lat3, ...) or POLYGON(p1, p2, p3, ...).',
  },
  {
    name: 'REGION',
    category: 'geometry',
    forms: [{ args: ['string'] }],
    result: () => TYPES.region,
    feature: geo('REGION'),
    description: 'A region from an STC-S string literal.',
  },
  {
    name: 'CENTROID',
    category: 'geometry',
    forms: [{ args: ['geometry'] }],
    result: () => TYPES.point,
    feature: geo('CENTROID'),
    description: 'The centre of a geometry, as a POINT.',
  },
  {
    name: 'COORD1',
    category: 'geometry',
    forms: [{ args: ['point'] }],
    result: () => TYPES.double,
    meta: () => ({ unit: 'deg' }),
    feature: geo('COORD1'),
    description: 'First coordinate (longitude) of a POINT, degrees.',
  },
  {
    name: 'COORD2',
    category: 'geometry',
    forms: [{ args: ['point'] }],
    result: () => TYPES.double,
    meta: () => ({ unit: 'deg' }),
    feature: geo('COORD2'),
    description: 'Second coordinate (latitude) of a POINT, degrees.',
  },
  {
    name: 'COORDSYS',
    category: 'geometry',
    forms: [{ args: ['geometry'] }],
    result: () => TYPES.varchar,
    feature: geo('COORDSYS'),
    description: 'The coordinate system of a geometry (deprecated in ADQL 2.1).',
  },
  {
    name: 'DISTANCE',
    category: 'geometry',
    forms: [{ args: ['point', 'point'] }, { args: [N, N, N, N] }],
    result: () => TYPES.double,
    meta: () => ({ unit: 'deg', ucd: 'pos.angDistance' }),
    feature: geo('DISTANCE'),
    description: 'Great-circle distance in degrees: DISTANCE(p1, p2) or DISTANCE(lon1, lat1, lon2, lat2).',
  },
  {
    name: 'CONTAINS',
    category: 'geometry',
    forms: [{ args: ['geometry', 'geometry'] }],
    result: () => TYPES.predicate,
    feature: geo('CONTAINS'),
    description: '1 if the first geometry lies within the second, else 0.',
  },
  {
    name: 'INTERSECTS',
    category: 'geometry',
    forms: [{ args: ['geometry', 'geometry'] }],
    result: () => TYPES.predicate,
    feature: geo('INTERSECTS'),
    description: '1 if the two geometries overlap, else 0.',
  },
  {
    name: 'AREA',
    category: 'geometry',
    forms: [{ args: ['geometry'] }],
    result: () => TYPES.double,
    meta: () => ({ unit: 'deg**2' }),
    feature: geo('AREA'),
    description: 'Area of a geometry in square degrees.',
  },
];

export const FUNCTIONS_BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(BUILTIN_FUNCTIONS.map((f) => [f.name, f]));

/** Arity of the forms, for messages: "1 or 2", "2 or 4", "at least 6". */
export function describeArity(forms: readonly FunctionForm[]): string {
  const parts = forms.map((f) => (f.rest !== undefined ? `at least ${f.min ?? f.args.length}` : String(f.args.length)));
  const unique = [...new Set(parts)];
  if (unique.length === 1) return unique[0]!;
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]!}`;
}

/** The forms that accept `count` arguments. */
export function formsForArity(forms: readonly FunctionForm[], count: number): FunctionForm[] {
  return forms.filter((f) => {
    if (f.rest === undefined) return f.args.length === count;
    const min = f.min ?? f.args.length;
    if (count < min) return false;
    return f.restMultiple === undefined || (count - min) % f.restMultiple === 0;
  });
}

/** The kind expected at argument `i` of a form. */
export function argKindAt(form: FunctionForm, i: number): ArgKind {
  return form.args[i] ?? form.rest ?? 'any';
}

/** Argument kind for a UDF parameter type from a TAPRegExt signature. */
export function argKindForTypeName(type: string): ArgKind {
  const t = type.toUpperCase().replace(/\(.*\)/, '').trim();
  if (/\[\]$/.test(t)) return 'any';
  if (['SMALLINT', 'INTEGER', 'INT', 'BIGINT', 'REAL', 'DOUBLE', 'DOUBLE PRECISION', 'NUMERIC', 'FLOAT', 'DECIMAL'].includes(t)) return 'numeric';
  if (['TEXT', 'VARCHAR', 'CHAR', 'CHARACTER', 'CHARACTER VARYING', 'UNICODECHAR', 'CLOB'].includes(t)) return 'string';
  if (t === 'TIMESTAMP') return 'timestamp';
  if (t === 'POINT') return 'point';
  if (['GEOMETRY', 'CIRCLE', 'POLYGON', 'BOX', 'REGION', 'SHAPE'].includes(t)) return 'geometry';
  return 'any';
}
