/**
 * Every built-in function of the language catalogue must be known to the parser, typed by the
 * validator and translated by the local engine (or named there as not translatable). The cases are
 * generated from the catalogue: adding a function to it without its typing rule or its translation
 * entry fails here.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/adql/index.js';
import { ADQL_FUNCTIONS, callSyntax, type ArgKind, type BuiltinFunction, type FunctionForm } from '../../src/adql/language/index.js';
import { TranslateError, translate, type Catalog, type TableInfo } from '../../src/engine/translate/index.js';
import { translationOf } from '../../src/engine/translate/coverage.js';
import { ServiceSchema } from '../../src/schema/index.js';
import { validate } from '../../src/validate/index.js';
import { hasTypingRule } from '../../src/validate/functions.js';

// One table the validator and the translator both know: a number with a unit, a string, a point.
const TABLE: TableInfo = {
  name: 't',
  sql: '"t"',
  columns: [
    { name: 'x', datatype: 'double', unit: 'deg' },
    { name: 's', datatype: 'char', arraysize: '*' },
    { name: 'p', datatype: 'double', arraysize: '2', xtype: 'point' },
  ],
};
const catalog: Catalog = { findTable: (schema, table) => (schema === undefined && table.toLowerCase() === 't' ? TABLE : undefined) };
const schema = new ServiceSchema({
  schemas: [],
  foreignKeys: [],
  tables: [{ name: 't', columns: TABLE.columns.map((c) => ({ ...c, datatype: c.datatype! })) }],
});

/**
 * Arguments of each kind that the validator and the translator accept: a column first, then a
 * literal (some positions take only literals: ROUND's digits, RAND's seed).
 */
const SAMPLES: Record<ArgKind, string[]> = {
  numeric: ['x', '2'],
  string: ["'rad'"],
  timestamp: ["CAST('2020-01-01T00:00:00' AS TIMESTAMP)"],
  geometry: ['CIRCLE(10, 20, 1)'],
  point: ['p', 'POINT(10, 20)'],
  comparable: ['x', '2'],
  any: ['x', '2'],
};

/** The argument kinds of the shortest call of a form. */
function argumentsOf(form: FunctionForm): ArgKind[] {
  const kinds = [...form.args];
  while (kinds.length < (form.min ?? 0)) kinds.push(form.rest!);
  return kinds;
}

/** Calls of the function in this form, written as its grammar rule wants them: columns, then literals. */
function callsOf(fn: BuiltinFunction, form: FunctionForm): string[] {
  const kinds = argumentsOf(form);
  return [0, 1].map((choice) => {
    const args = kinds.map((k) => SAMPLES[k][Math.min(choice, SAMPLES[k].length - 1)]!);
    return callSyntax(fn) === 'cast' ? `CAST(${args[0]} AS DOUBLE PRECISION)` : `${fn.name}(${args.join(', ')})`;
  });
}

/** The first of the calls that parses without error, as a query. */
function queryFor(fn: BuiltinFunction, form: FunctionForm): string {
  const queries = callsOf(fn, form).map((call) => `SELECT ${call} AS v FROM t`);
  const query = queries.find((q) => parse(q).errors.length === 0);
  if (query === undefined)
    throw new Error(`no sample call of ${fn.name} parses: ${queries.join(' / ')}: ${parse(queries[0]!).errors[0]?.message}`);
  return query;
}

/** The SQL of a query, or the TranslateError it gets. */
function translated(query: string): string | TranslateError {
  try {
    return translate(parse(query).ast!, { catalog }).sql;
  } catch (err) {
    if (err instanceof TranslateError) return err;
    throw err;
  }
}

describe('the language catalogue', () => {
  it('lists each function once', () => {
    const names = ADQL_FUNCTIONS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const fn of ADQL_FUNCTIONS) {
    describe(fn.name, () => {
      it('has a validator typing rule', () => {
        expect(hasTypingRule(fn), `validate/functions.ts has no typing rule for ${fn.name}`).toBe(true);
      });

      it('has a translation, or an explicit not-translatable entry', () => {
        expect(translationOf(fn), `engine/translate has no entry for ${fn.name}`).toBeDefined();
      });

      const queries = fn.forms.map((form) => queryFor(fn, form));

      it(`${queries.join('; ')}: parse and validate to a known type`, () => {
        for (const query of queries) {
          const result = validate(query, schema);
          expect(
            result.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`),
            query,
          ).toEqual([]);
          expect(result.columns[0]?.adqlType, query).not.toBe('UNKNOWN');
        }
      });

      it('translates, or fails with the reason its translation entry gives', () => {
        const translation = translationOf(fn);
        const results = queries.map(translated);
        if (translation !== undefined && translation !== 'translated') {
          for (const r of results) expect(r instanceof TranslateError && r.message).toContain(translation.notTranslatable);
          return;
        }
        // Every form gives SQL or a TranslateError saying what the local engine lacks; at least one gives SQL.
        const sql = results.filter((r): r is string => typeof r === 'string');
        expect(sql.length, results.join('; ')).toBeGreaterThan(0);
        for (const s of sql) expect(s).toMatch(/^SELECT .+ AS "v" FROM "t" AS "t"$/);
      });
    });
  }
});
