/** validate(): a query (text or AST) against a service schema, all problems at once. */
import type { ServiceSchema } from '../schema/index.js';
import { parse, type AdqlError, type QueryExpression, type SourceRange } from './adql.js';
import { checkCapabilities } from './capabilities.js';
import { ValidationContext, replaceFix, type ValidateOptions } from './context.js';
import type { Diagnostic } from './diagnostics.js';
import { QueryChecker, type OutputColumn } from './query.js';
import { CteEnv } from './scope.js';
import { isReservedWord } from '../adql/index.js';

/** Type and metadata of one result column, as far as derivable before running the query. */
export interface ValidatedColumn {
  /** Output column name (alias, column name, or a generated name such as `count`). */
  name: string;
  /** The name was written delimited. */
  delimited: boolean;
  /** Whether the name comes from AS or a column (false: generated, services may name it differently). */
  named: boolean;
  /** ADQL type: SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, CHAR, VARCHAR, TIMESTAMP, POINT, ... or UNKNOWN. */
  adqlType: string;
  /** VOTable FIELD datatype, arraysize and xtype. */
  datatype: string;
  arraysize?: string;
  xtype?: string;
  unit?: string;
  ucd?: string;
  description?: string;
  /** Source table, for plain column references. */
  table?: string;
  /** Source column name, for plain column references. */
  column?: string;
  range?: SourceRange;
}

/** The diagnostics (an array, most severe problems first by position), with the query's result columns. */
export type ValidationResult = Diagnostic[] & {
  /** True when no diagnostic is an error. */
  ok: boolean;
  /** Typed result columns of the query (empty when the text could not be parsed at all). */
  columns: ValidatedColumn[];
  /** The AST that was validated (null when the text could not be parsed at all). */
  ast: QueryExpression | null;
};

/**
 * Validates ADQL text or a parsed AST. With a schema, names are resolved against the service's
 * tables and the query is compared with its capabilities; without one, only the syntax, function
 * arities and literal types are checked. Never throws on bad input.
 */
export function validate(textOrAst: string | QueryExpression, schema?: ServiceSchema, options: ValidateOptions = {}): ValidationResult {
  const ctx = new ValidationContext(schema, options);
  let ast: QueryExpression | null;
  if (typeof textOrAst === 'string') {
    ctx.text = textOrAst;
    const parsed = parse(textOrAst, { recover: true, ...(options.version ? { version: options.version } : {}) });
    ast = parsed.ast;
    for (const e of parsed.errors) ctx.diagnostics.push(syntaxDiagnostic(e, textOrAst));
    if (parsed.errors.length > 0) ctx.partial = true;
  } else {
    ast = textOrAst;
    ctx.text = options.source;
  }
  let columns: ValidatedColumn[] = [];
  if (ast !== null && ast !== undefined) {
    try {
      const out = new QueryChecker(ctx).query(ast, undefined, new CteEnv());
      columns = out.map(toValidatedColumn);
      checkCapabilities(ctx);
    } catch (err) {
      // A partial AST from error recovery may lack fields; never let that escape as a crash.
      if (!ctx.partial) throw err;
    }
  }
  const diagnostics = sortDiagnostics(dropRepeats(ctx.diagnostics));
  return Object.assign(diagnostics, {
    ok: !diagnostics.some((d) => d.severity === 'error'),
    columns,
    ast,
  });
}

/** The parser already rejects wrong built-in arities and argument forms: do not say it twice. */
function dropRepeats(list: Diagnostic[]): Diagnostic[] {
  const syntax = list.filter((d) => d.code === 'syntax-error' && d.range !== undefined);
  if (syntax.length === 0) return list;
  return list.filter((d) => {
    if ((d.code !== 'function-arity' && d.code !== 'argument-type') || d.range === undefined) return true;
    const r = d.range;
    return !syntax.some((e) => e.range!.start.offset <= r.start.offset && r.end.offset <= e.range!.end.offset);
  });
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.range?.start.offset ?? -1) - (b.range?.start.offset ?? -1));
}

function syntaxDiagnostic(e: AdqlError, text: string): Diagnostic {
  const d: Diagnostic = { code: 'syntax-error', severity: 'error', message: e.message, range: e.range };
  if (e.fix !== undefined) d.fixes = [{ ...e.fix, preferred: true }];
  // A reserved word used as a name: offer to quote it.
  const word = text.slice(e.range.start.offset, e.range.end.offset);
  if (/reserved/i.test(e.message) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(word) && isReservedWord(word)) {
    d.fixes = replaceFix(`Quote "${word}" as a delimited identifier`, e.range, `"${word}"`, true);
  }
  return d;
}

function toValidatedColumn(c: OutputColumn): ValidatedColumn {
  const t = c.info.type;
  const r: ValidatedColumn = {
    name: c.part.name,
    delimited: c.part.delimited,
    named: c.named,
    adqlType: t.adql,
    datatype: t.votable.datatype,
  };
  if (t.votable.arraysize !== undefined) r.arraysize = t.votable.arraysize;
  if (t.votable.xtype !== undefined) r.xtype = t.votable.xtype;
  if (c.info.unit !== undefined) r.unit = c.info.unit;
  if (c.info.ucd !== undefined) r.ucd = c.info.ucd;
  if (c.info.description !== undefined) r.description = c.info.description;
  if (c.info.column !== undefined) {
    r.column = c.info.column.name;
    const table = c.table ?? c.info.table;
    if (table !== undefined) r.table = table;
  }
  if (c.range !== undefined) r.range = c.range;
  return r;
}
