/**
 * ADQL's built-in functions, as data: every form (argument kinds), the documented result type, the
 * version that introduced it, the TAPRegExt feature an optional one belongs to, and a short doc
 * (ADQL 2.1 §2 and §4). The lexer, the parser's arity checks, the 2.0 version check, the validator,
 * the language server and the DuckDB translator all read this list; adding a function here makes
 * test/adql/language-catalogue.test.ts fail until the validator can type it and the translator can
 * translate it (or says it cannot).
 */
import type { FeatureKey } from './features.js';
import type { AdqlVersion } from './version.js';

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

/** One way to call a function. */
export interface FunctionForm {
  readonly args: readonly ArgKind[];
  /** Further arguments of this kind may follow (`min` counts all arguments). */
  readonly rest?: ArgKind;
  readonly min?: number;
  /** Number of trailing rest arguments must be a multiple of this (POLYGON coordinates). */
  readonly restMultiple?: number;
}

/** The spec's grouping; it also decides which grammar rule parses a call (see {@link callSyntax}). */
export type FunctionCategory = 'aggregate' | 'math' | 'trig' | 'string' | 'conditional' | 'unit' | 'type' | 'geometry';

export interface BuiltinFunction {
  readonly name: string;
  readonly category: FunctionCategory;
  readonly forms: readonly FunctionForm[];
  /** Parameter names as documentation shows them (`[x]` optional, `...` repeated). */
  readonly params: readonly string[];
  /** Result type as documentation shows it. */
  readonly returns: string;
  /** The ADQL version that introduced the function. */
  readonly since: AdqlVersion;
  /** The optional language feature (TAPRegExt) a service must declare; absent for mandatory functions. */
  readonly feature?: FeatureKey;
  readonly doc: string;
}

const N = 'numeric';

export const ADQL_FUNCTIONS = [
  // Set functions (aggregates): mandatory.
  {
    name: 'COUNT',
    category: 'aggregate',
    forms: [{ args: ['any'] }],
    params: ['[DISTINCT] expr | *'],
    returns: 'BIGINT',
    since: '2.0',
    doc: 'Number of rows (COUNT(*)) or of non-NULL values.',
  },
  {
    name: 'AVG',
    category: 'aggregate',
    forms: [{ args: [N] }],
    params: ['[DISTINCT] numeric'],
    returns: 'DOUBLE',
    since: '2.0',
    doc: 'Average of the non-NULL values.',
  },
  {
    name: 'MIN',
    category: 'aggregate',
    forms: [{ args: ['comparable'] }],
    params: ['expr'],
    returns: 'same as argument',
    since: '2.0',
    doc: 'Smallest value.',
  },
  {
    name: 'MAX',
    category: 'aggregate',
    forms: [{ args: ['comparable'] }],
    params: ['expr'],
    returns: 'same as argument',
    since: '2.0',
    doc: 'Largest value.',
  },
  {
    name: 'SUM',
    category: 'aggregate',
    forms: [{ args: [N] }],
    params: ['[DISTINCT] numeric'],
    returns: 'numeric',
    since: '2.0',
    doc: 'Sum of the non-NULL values.',
  },
  // Mathematical functions (§2.3): mandatory.
  { name: 'ABS', category: 'math', forms: [{ args: [N] }], params: ['x'], returns: 'numeric', since: '2.0', doc: 'Absolute value of x.' },
  {
    name: 'CEILING',
    category: 'math',
    forms: [{ args: [N] }],
    params: ['x'],
    returns: 'numeric',
    since: '2.0',
    doc: 'Smallest integer not less than x.',
  },
  {
    name: 'DEGREES',
    category: 'math',
    forms: [{ args: [N] }],
    params: ['radians'],
    returns: 'DOUBLE',
    since: '2.0',
    doc: 'Converts radians to degrees.',
  },
  {
    name: 'EXP',
    category: 'math',
    forms: [{ args: [N] }],
    params: ['x'],
    returns: 'DOUBLE',
    since: '2.0',
    doc: 'e raised to the power x.',
  },
  {
    name: 'FLOOR',
    category: 'math',
    forms: [{ args: [N] }],
    params: ['x'],
    returns: 'numeric',
    since: '2.0',
    doc: 'Largest integer not greater than x.',
  },
  { name: 'LOG', category: 'math', forms: [{ args: [N] }], params: ['x'], returns: 'DOUBLE', since: '2.0', doc: 'Natural logarithm of x.' },
  {
    name: 'LOG10',
    category: 'math',
    forms: [{ args: [N] }],
    params: ['x'],
    returns: 'DOUBLE',
    since: '2.0',
    doc: 'Base-10 logarithm of x.',
  },
  {
    name: 'MOD',
    category: 'math',
    forms: [{ args: [N, N] }],
    params: ['x', 'y'],
    returns: 'numeric',
    since: '2.0',
    doc: 'Remainder of x / y.',
  },
  { name: 'PI', category: 'math', forms: [{ args: [] }], params: [], returns: 'DOUBLE', since: '2.0', doc: 'The constant π.' },
  {
    name: 'POWER',
    category: 'math',
    forms: [{ args: [N, N] }],
    params: ['x', 'y'],
    returns: 'DOUBLE',
    since: '2.0',
    doc: 'x raised to the power y.',
  },
  {
    name: 'RADIANS',
    category: 'math',
    forms: [{ args: [N] }],
    params: ['degrees'],
    returns: 'DOUBLE',
    since: '2.0',
    doc: 'Converts degrees to radians.',
  },
  {
    name: 'RAND',
    category: 'math',
    forms: [{ args: [] }, { args: [N] }],
    params: ['[seed]'],
    returns: 'DOUBLE',
    since: '2.0',
    doc: 'Random number in [0, 1), optionally seeded.',
  },
  {
    name: 'ROUND',
    category: 'math',
    forms: [{ args: [N] }, { args: [N, N] }],
    params: ['x', '[digits]'],
    returns: 'numeric',
    since: '2.0',
    doc: 'x rounded to `digits` decimal places (default 0).',
  },
  { name: 'SQRT', category: 'math', forms: [{ args: [N] }], params: ['x'], returns: 'DOUBLE', since: '2.0', doc: 'Square root of x.' },
  {
    name: 'TRUNCATE',
    category: 'math',
    forms: [{ args: [N] }, { args: [N, N] }],
    params: ['x', '[digits]'],
    returns: 'numeric',
    since: '2.0',
    doc: 'x truncated to `digits` decimal places (default 0).',
  },
  // Trigonometric functions (§2.3): mandatory, angles in radians.
  {
    name: 'ACOS',
    category: 'trig',
    forms: [{ args: [N] }],
    params: ['x'],
    returns: 'DOUBLE',
    since: '2.0',
    doc: 'Arc cosine, in radians.',
  },
  { name: 'ASIN', category: 'trig', forms: [{ args: [N] }], params: ['x'], returns: 'DOUBLE', since: '2.0', doc: 'Arc sine, in radians.' },
  {
    name: 'ATAN',
    category: 'trig',
    forms: [{ args: [N] }],
    params: ['x'],
    returns: 'DOUBLE',
    since: '2.0',
    doc: 'Arc tangent, in radians.',
  },
  {
    name: 'ATAN2',
    category: 'trig',
    forms: [{ args: [N, N] }],
    params: ['y', 'x'],
    returns: 'DOUBLE',
    since: '2.0',
    doc: 'Arc tangent of y/x, in radians, using the signs for the quadrant.',
  },
  { name: 'COS', category: 'trig', forms: [{ args: [N] }], params: ['radians'], returns: 'DOUBLE', since: '2.0', doc: 'Cosine.' },
  { name: 'COT', category: 'trig', forms: [{ args: [N] }], params: ['radians'], returns: 'DOUBLE', since: '2.0', doc: 'Cotangent.' },
  { name: 'SIN', category: 'trig', forms: [{ args: [N] }], params: ['radians'], returns: 'DOUBLE', since: '2.0', doc: 'Sine.' },
  { name: 'TAN', category: 'trig', forms: [{ args: [N] }], params: ['radians'], returns: 'DOUBLE', since: '2.0', doc: 'Tangent.' },
  // String functions (§4.4, optional).
  {
    name: 'LOWER',
    category: 'string',
    forms: [{ args: ['string'] }],
    params: ['string'],
    returns: 'VARCHAR',
    since: '2.1',
    feature: 'string',
    doc: 'Lower-case copy of a string.',
  },
  {
    name: 'UPPER',
    category: 'string',
    forms: [{ args: ['string'] }],
    params: ['string'],
    returns: 'VARCHAR',
    since: '2.1',
    feature: 'string',
    doc: 'Upper-case copy of a string.',
  },
  // COALESCE (§4.8), IN_UNIT (§4.9), CAST (§4.7): optional.
  {
    name: 'COALESCE',
    category: 'conditional',
    forms: [{ args: ['any'], rest: 'any', min: 1 }],
    params: ['value', 'value', '...'],
    returns: 'type of the arguments',
    since: '2.1',
    feature: 'conditional',
    doc: 'The first non-NULL argument.',
  },
  {
    name: 'IN_UNIT',
    category: 'unit',
    forms: [{ args: [N, 'string'] }],
    params: ['value', 'unit'],
    returns: 'DOUBLE',
    since: '2.1',
    feature: 'unit',
    doc: "Converts a value with a unit to another unit, e.g. IN_UNIT(dist, 'pc').",
  },
  {
    name: 'CAST',
    category: 'type',
    forms: [{ args: ['any'] }],
    params: ['value AS type'],
    returns: 'type',
    since: '2.1',
    feature: 'type',
    doc: 'Converts a value to INTEGER, BIGINT, SMALLINT, REAL, DOUBLE PRECISION, CHAR(n), VARCHAR(n), TIMESTAMP, POINT, CIRCLE or POLYGON.',
  },
  // Geometry functions (§4.2; optional). The deprecated leading coordinate
  // system of POINT, CIRCLE, BOX and POLYGON is not an argument here: the parser splits it off.
  {
    name: 'POINT',
    category: 'geometry',
    forms: [{ args: [N, N] }],
    params: ['ra', 'dec'],
    returns: 'POINT',
    since: '2.0',
    feature: 'geometry',
    doc: 'A point on the sky (degrees). An optional leading coordinate-system string is deprecated.',
  },
  {
    name: 'CIRCLE',
    category: 'geometry',
    forms: [{ args: [N, N, N] }, { args: ['point', N] }],
    params: ['ra', 'dec', 'radius'],
    returns: 'CIRCLE',
    since: '2.0',
    feature: 'geometry',
    doc: 'A circle: centre (degrees) and radius (degrees); the centre may also be a POINT.',
  },
  {
    name: 'BOX',
    category: 'geometry',
    forms: [{ args: [N, N, N, N] }, { args: ['point', N, N] }],
    params: ['ra', 'dec', 'width', 'height'],
    returns: 'BOX',
    since: '2.0',
    feature: 'geometry',
    doc: 'A box centred on (ra, dec) with the given width and height in degrees (deprecated in 2.1).',
  },
  {
    name: 'POLYGON',
    category: 'geometry',
    forms: [
      { args: [N, N, N, N, N, N], rest: N, min: 6, restMultiple: 2 },
      { args: ['point', 'point', 'point'], rest: 'point', min: 3 },
    ],
    params: ['ra1', 'dec1', 'ra2', 'dec2', 'ra3', 'dec3', '...'],
    returns: 'POLYGON',
    since: '2.0',
    feature: 'geometry',
    doc: 'A polygon with great-circle edges; at least three vertices (or POINTs).',
  },
  {
    name: 'REGION',
    category: 'geometry',
    forms: [{ args: ['string'] }],
    params: ['stc_string'],
    returns: 'REGION',
    since: '2.0',
    feature: 'geometry',
    doc: 'A region from an STC-S string (deprecated).',
  },
  {
    name: 'CENTROID',
    category: 'geometry',
    forms: [{ args: ['geometry'] }],
    params: ['geometry'],
    returns: 'POINT',
    since: '2.0',
    feature: 'geometry',
    doc: 'Centre of a geometry.',
  },
  {
    name: 'CONTAINS',
    category: 'geometry',
    forms: [{ args: ['geometry', 'geometry'] }],
    params: ['geometry', 'geometry'],
    returns: 'INTEGER',
    since: '2.0',
    feature: 'geometry',
    doc: '1 when the first geometry lies inside the second, else 0. Compare with 1: CONTAINS(...) = 1.',
  },
  {
    name: 'INTERSECTS',
    category: 'geometry',
    forms: [{ args: ['geometry', 'geometry'] }],
    params: ['geometry', 'geometry'],
    returns: 'INTEGER',
    since: '2.0',
    feature: 'geometry',
    doc: '1 when the geometries overlap, else 0. Compare with 1: INTERSECTS(...) = 1.',
  },
  {
    name: 'DISTANCE',
    category: 'geometry',
    forms: [{ args: ['point', 'point'] }, { args: [N, N, N, N] }],
    params: ['point', 'point'],
    returns: 'DOUBLE',
    since: '2.0',
    feature: 'geometry',
    doc: 'Angular distance in degrees; DISTANCE(ra1, dec1, ra2, dec2) is the 4-number form (2.1).',
  },
  {
    name: 'AREA',
    category: 'geometry',
    forms: [{ args: ['geometry'] }],
    params: ['geometry'],
    returns: 'DOUBLE',
    since: '2.0',
    feature: 'geometry',
    doc: 'Area in square degrees.',
  },
  {
    name: 'COORD1',
    category: 'geometry',
    forms: [{ args: ['point'] }],
    params: ['point'],
    returns: 'DOUBLE',
    since: '2.0',
    feature: 'geometry',
    doc: 'First coordinate (RA) of a point, degrees.',
  },
  {
    name: 'COORD2',
    category: 'geometry',
    forms: [{ args: ['point'] }],
    params: ['point'],
    returns: 'DOUBLE',
    since: '2.0',
    feature: 'geometry',
    doc: 'Second coordinate (Dec) of a point, degrees.',
  },
  {
    name: 'COORDSYS',
    category: 'geometry',
    forms: [{ args: ['geometry'] }],
    params: ['geometry'],
    returns: 'VARCHAR',
    since: '2.0',
    feature: 'geometry',
    doc: 'Coordinate-system string of a geometry (deprecated).',
  },
] as const satisfies readonly BuiltinFunction[];

type Entry = (typeof ADQL_FUNCTIONS)[number];

/** The name of a built-in function of the given categories. */
export type FunctionNameOf<C extends FunctionCategory> = Extract<Entry, { category: C }>['name'];
export type BuiltinName = Entry['name'];

/** The grammar rule that parses a call: a plain call, an aggregate (DISTINCT, `*`), a geometry call
 *  (optional coordinate system), or CAST(value AS type). */
export type CallSyntax = 'call' | 'aggregate' | 'geometry' | 'cast';

export function callSyntax(fn: BuiltinFunction): CallSyntax {
  switch (fn.category) {
    case 'aggregate':
      return 'aggregate';
    case 'geometry':
      return 'geometry';
    case 'type':
      return 'cast';
    default:
      return 'call';
  }
}

export const FUNCTION_BY_NAME: ReadonlyMap<string, BuiltinFunction> = new Map(ADQL_FUNCTIONS.map((f) => [f.name, f]));

/** The names of the functions of the given categories, in catalogue order. */
export function functionNames<C extends FunctionCategory>(...categories: C[]): FunctionNameOf<C>[] {
  return ADQL_FUNCTIONS.filter((f) => (categories as FunctionCategory[]).includes(f.category)).map((f) => f.name as FunctionNameOf<C>);
}

/** The functions a grammar rule parses, in catalogue order. */
export function functionsWithSyntax(syntax: CallSyntax): BuiltinFunction[] {
  return ADQL_FUNCTIONS.filter((f) => callSyntax(f) === syntax);
}

/** [fewest, most] arguments over all forms of a function (most is Infinity when a form repeats). */
export function arityRange(fn: BuiltinFunction): [number, number] {
  let min = Infinity;
  let max = 0;
  for (const form of fn.forms) {
    min = Math.min(min, form.min ?? form.args.length);
    max = Math.max(max, form.rest !== undefined ? Infinity : form.args.length);
  }
  return [min, max];
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

/** Functions that ADQL 2.0 does not have, by name. */
export function isNewIn21(name: string): boolean {
  return FUNCTION_BY_NAME.get(name)?.since === '2.1';
}
