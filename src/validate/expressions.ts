/**
 * Typing and checking of value expressions and search conditions: name resolution, aggregation
 * rules, function arity and argument types, operator types and feature uses.
 */
import type { UdfSignature } from '../schema/index.js';
import {
  CONCATENATION_OPERANDS,
  FEATURE_TYPES,
  castAllowed,
  categoriesCompatible,
  foldName,
  formatIdentifier,
  type NamePart,
} from '../adql/index.js';
import type {
  Aggregate,
  Binary,
  Cast,
  ColumnRef,
  Condition,
  FunctionCall,
  GeometryCall,
  QueryExpression,
  SourceRange,
  UserFunctionCall,
  ValueExpression,
} from './adql.js';
import { endOf, replaceFix, type ValidationContext } from './context.js';
import { checkCoordSys } from './coordsys.js';
import {
  FUNCTIONS_BY_NAME,
  argKindAt,
  argKindForTypeName,
  describeArity,
  formsForArity,
  type ArgKind,
  type FunctionForm,
  type FunctionSpec,
  type ValueMeta,
} from './functions.js';
import { expressionSize } from './expression-size.js';
import { part, resolveColumn, type Resolution } from './resolve.js';
import type { CteEnv, ExprInfo, RelColumn, Scope } from './scope.js';
import { closestNames } from './suggest.js';
import { TYPES, describeType, promoteNumeric, typeFromName, type ValueType } from './types.js';

export type Clause = 'select' | 'where' | 'groupBy' | 'having' | 'orderBy' | 'on';

export interface Grouping {
  /** Structural keys of the GROUP BY expressions. */
  keys: Set<string>;
  /** Sizes of the grouped expressions (see expressionSize): only expressions of these sizes can match. */
  sizes: Set<number>;
  /** Range of the last GROUP BY item (fixes append after it). */
  lastItem: SourceRange | undefined;
  /** Where GROUP BY is, for related ranges. */
  groupByRange: SourceRange | undefined;
}

export interface ExprCtx {
  scope: Scope;
  ctes: CteEnv;
  clause: Clause;
  inAggregate: boolean;
  /** Set when the query block is grouped and the clause must obey grouping. */
  grouping?: Grouping;
  /** Select-list output names usable here (ORDER BY, GROUP BY). */
  aliases?: Map<string, { part: NamePart; info: ExprInfo }>;
  /** Aliases win over input columns (ORDER BY) or only fill in (GROUP BY). */
  aliasesFirst?: boolean;
}

/** Validates a subquery and returns its output columns (provided by the query checker). */
export type SubqueryChecker = (query: QueryExpression, parent: Scope, ctes: CteEnv) => RelColumn[];

const COMPARABLE = new Set(['numeric', 'string', 'timestamp', 'boolean']);

// Built as literals of one shape rather than by spreading: these run for every function call and
// aggregate in a query, and spreads of varying shapes are slow.

/** The same context, inside an aggregate's argument. */
function insideAggregate(x: ExprCtx): ExprCtx {
  return {
    scope: x.scope,
    ctes: x.ctes,
    clause: x.clause,
    inAggregate: true,
    grouping: x.grouping,
    aliases: x.aliases,
    aliasesFirst: x.aliasesFirst,
  };
}

/** What a function's unit and UCD rules read of an argument. */
function valueMeta(i: ExprInfo): ValueMeta {
  return { unit: i.unit || undefined, ucd: i.ucd || undefined };
}

export class ExpressionChecker {
  private readonly resolutions = new Map<ColumnRef, Resolution>(); // lives for one validate() call

  constructor(
    private readonly ctx: ValidationContext,
    private readonly subquery: SubqueryChecker,
  ) {}

  // ------------------------------------------------------------------------------------------
  // Conditions

  /** Checks a condition. AND/OR/NOT/parentheses are unrolled with a stack: chains of any length are safe. */
  condition(c: Condition, x: ExprCtx): void {
    const work: Condition[] = [c];
    while (work.length > 0) {
      const item = work.pop()!;
      if (item.kind === 'Logical') work.push(item.right, item.left);
      else if (item.kind === 'Not') work.push(item.operand);
      else if (item.kind === 'ParenCondition') work.push(item.condition);
      else this.predicate(item, x);
    }
  }

  private predicate(c: Exclude<Condition, { kind: 'Logical' | 'Not' | 'ParenCondition' }>, x: ExprCtx): void {
    switch (c.kind) {
      case 'Comparison': {
        const l = this.value(c.left, x);
        const r = this.value(c.right, x);
        this.checkComparable(l, r, c.left, c.right, c.range, c.op);
        return;
      }
      case 'Between': {
        const e = this.value(c.expr, x);
        const lo = this.value(c.low, x);
        const hi = this.value(c.high, x);
        this.checkComparable(e, lo, c.expr, c.low, c.range, 'BETWEEN');
        this.checkComparable(e, hi, c.expr, c.high, c.range, 'BETWEEN');
        return;
      }
      case 'Like': {
        if (c.caseInsensitive) this.ctx.useFeature(FEATURE_TYPES.string, 'ILIKE', c.range);
        const op = c.caseInsensitive ? 'ILIKE' : 'LIKE';
        for (const side of [c.expr, c.pattern]) {
          const t = this.value(side, x);
          if (t.type.kind !== 'string' && t.type.kind !== 'unknown' && t.type.kind !== 'null') {
            this.ctx.report('like-type', `${op} needs strings, but this is ${describeType(t.type)}`, side.range);
          }
        }
        return;
      }
      case 'InList': {
        const e = this.value(c.expr, x);
        for (const v of c.values) this.checkComparable(e, this.value(v, x), c.expr, v, v.range, 'IN');
        return;
      }
      case 'InSubquery': {
        const e = this.value(c.expr, x);
        const cols = this.subquery(c.query, x.scope, x.ctes);
        if (cols.length !== 1 && !this.ctx.partial) {
          this.ctx.report(
            'set-operand-columns',
            `the subquery of IN must return exactly one column, it returns ${cols.length}`,
            c.query.range,
          );
        } else if (cols[0] !== undefined) {
          this.checkComparable(e, cols[0].info, c.expr, undefined, c.range, 'IN');
        }
        return;
      }
      case 'Exists':
        this.subquery(c.query, x.scope, x.ctes);
        return;
      case 'IsNull':
        this.value(c.expr, x);
        return;
    }
  }

  private checkComparable(
    l: ExprInfo,
    r: ExprInfo,
    le: ValueExpression | undefined,
    re: ValueExpression | undefined,
    range: SourceRange | undefined,
    op: string,
  ): void {
    const a = l.type;
    const b = r.type;
    if (a.kind === 'unknown' || b.kind === 'unknown' || a.kind === 'null' || b.kind === 'null') return;
    if (a.kind === 'geometry' || b.kind === 'geometry') {
      this.ctx.report(
        'geometry-comparison',
        `${op} cannot compare ${describeType(a)} with ${describeType(b)}; test geometries with CONTAINS(...) = 1, INTERSECTS(...) = 1 or DISTANCE(...) < r`,
        range,
      );
      return;
    }
    for (const [p, other, otherExpr] of [
      [a, r, re],
      [b, l, le],
    ] as const) {
      if (!p.predicate) continue;
      if (other.type.kind !== 'numeric' && other.type.kind !== 'boolean') {
        this.ctx.report('type-mismatch', `CONTAINS/INTERSECTS give 0 or 1 and cannot be compared with ${describeType(other.type)}`, range);
        return;
      }
      if (typeof other.literal === 'number' && other.literal !== 0 && other.literal !== 1) {
        this.ctx.report(
          'predicate-comparison',
          `CONTAINS/INTERSECTS give 0 or 1, so comparing with ${other.literal} is constant; compare with 1 (true) or 0 (false)`,
          otherExpr?.range ?? range,
          { fixes: replaceFix('Compare with 1', otherExpr?.range, '1', true) },
        );
      }
      return;
    }
    if (a.kind === b.kind) return;
    if (!COMPARABLE.has(a.kind) || !COMPARABLE.has(b.kind) || !categoriesCompatible(a.kind, b.kind)) {
      this.ctx.report('type-mismatch', `${op} compares ${describeType(a)} with ${describeType(b)}`, range);
      return;
    }
    if (a.kind === 'timestamp' || b.kind === 'timestamp') {
      const lit = a.kind === 'string' ? l.literal : r.literal;
      const litExpr = a.kind === 'string' ? le : re;
      if (typeof lit === 'string' && !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?Z?$/.test(lit)) {
        this.ctx.report(
          'timestamp-literal',
          `'${lit}' is not an ISO 8601 timestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss)`,
          litExpr?.range ?? range,
        );
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Value expressions

  value(e: ValueExpression, x: ExprCtx): ExprInfo {
    if (this.groupedWhole(e, x)) return this.value(e, { ...x, grouping: undefined });
    if (e.kind === 'Binary') return this.operatorTree(e, x);
    return this.term(e, x);
  }

  /**
   * An expression that is itself a GROUP BY expression is grouped as a whole (never an aggregate:
   * GROUP BY cannot hold one, so its key is not worth building). Keys are built only for
   * expressions as large as a GROUP BY expression, so a long chain is not keyed at every level.
   */
  private groupedWhole(e: ValueExpression, x: ExprCtx): boolean {
    if (
      x.grouping === undefined ||
      x.inAggregate ||
      e.kind === 'ColumnRef' ||
      e.kind === 'NumericLiteral' ||
      e.kind === 'StringLiteral' ||
      e.kind === 'Aggregate'
    )
      return false;
    if (!x.grouping.sizes.has(expressionSize(e))) return false;
    return x.grouping.keys.has(this.key(e, x.scope));
  }

  /** Types a tree of binary operators bottom-up with an explicit stack (chains of any length). */
  private operatorTree(root: Binary, x: ExprCtx): ExprInfo {
    // stage 0: type the left operand next; 1: the right one; 2: both are typed, combine them.
    type Frame = { node: Binary; stage: 0 | 1 | 2 };
    const stack: Frame[] = [{ node: root, stage: 0 }];
    const results: ExprInfo[] = [];
    const operand = (e: ValueExpression) => {
      if (e.kind === 'Binary' && !this.groupedWhole(e, x)) stack.push({ node: e, stage: 0 });
      else results.push(this.value(e, x));
    };
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.stage === 0) {
        frame.stage = 1;
        operand(frame.node.left);
      } else if (frame.stage === 1) {
        frame.stage = 2;
        operand(frame.node.right);
      } else {
        stack.pop();
        const r = results.pop()!;
        const l = results.pop()!;
        results.push(this.binary(frame.node, l, r));
      }
    }
    return results[0]!;
  }

  private term(e: Exclude<ValueExpression, { kind: 'Binary' }>, x: ExprCtx): ExprInfo {
    switch (e.kind) {
      case 'NumericLiteral': {
        const integer = /^\d+$/.test(e.text);
        const type = integer ? (Math.abs(e.value) > 2147483647 ? TYPES.bigint : TYPES.integer) : TYPES.double;
        return { type, literal: e.value };
      }
      case 'StringLiteral':
        return { type: TYPES.varchar, literal: e.value };
      case 'Null':
        return { type: TYPES.null };
      case 'ColumnRef':
        return this.columnRef(e, x);
      case 'Paren':
        return this.value(e.expr, x);
      case 'Unary': {
        const t = this.value(e.operand, x);
        if (!isNumericish(t.type)) {
          this.ctx.report('arithmetic-type', `unary ${e.op} needs a number, but this is ${describeType(t.type)}`, e.operand.range);
          return { type: TYPES.unknown };
        }
        const out: ExprInfo = { type: stripPred(t.type) };
        if (t.unit !== undefined) out.unit = t.unit;
        if (typeof t.literal === 'number') out.literal = e.op === '-' ? -t.literal : t.literal;
        return out;
      }
      case 'Aggregate':
        return this.aggregate(e, x);
      case 'FunctionCall':
        return this.builtin(e, x);
      case 'GeometryCall':
        return this.geometry(e, x);
      case 'UserFunctionCall':
        return this.udf(e, x);
      case 'Cast':
        return this.cast(e, x);
    }
  }

  private columnRef(e: ColumnRef, x: ExprCtx): ExprInfo {
    const aliasHit = e.table === undefined && x.aliases !== undefined ? x.aliases.get(foldName(e.column.name)) : undefined;
    if (aliasHit !== undefined && x.aliasesFirst) return aliasHit.info;
    const quiet = aliasHit !== undefined;
    let res = this.resolutions.get(e);
    if (res === undefined) {
      res = resolveColumn(this.ctx, e, x.scope, !quiet);
      if (!(quiet && res.kind === 'unresolved')) this.resolutions.set(e, res);
    }
    if (res.kind === 'unresolved' && aliasHit !== undefined && x.clause === 'orderBy') this.reportAliasInExpression(e);
    if (res.kind === 'unresolved') return aliasHit?.info ?? { type: TYPES.unknown };
    if (res.kind === 'open') return { type: TYPES.unknown, name: e.column.name };
    if (x.grouping !== undefined && !x.inAggregate && res.depth === 0) {
      const key = `c${res.relation.id}.${foldName(res.column.part.name)}`;
      if (!x.grouping.keys.has(key)) this.reportUngrouped(e, x);
    }
    return res.column.info;
  }

  /** A select alias inside an ORDER BY expression (typing.ts ORDER_BY_ALIAS). */
  private reportAliasInExpression(e: ColumnRef): void {
    const name = formatIdentifier(part(e.column));
    this.ctx.report(
      'alias-in-expression',
      `${name} is a name of the select list: ORDER BY can use it only as a whole sort key (ORDER BY ${name}), not inside an expression, where names are the tables' columns; repeat the expression instead of its name`,
      e.range,
    );
  }

  private reportUngrouped(e: ColumnRef, x: ExprCtx): void {
    const g = x.grouping!;
    const text = [e.table?.schema, e.table?.table, e.column]
      .filter((p) => p !== undefined)
      .map((p) => formatIdentifier(part(p!)))
      .join('.');
    const where = x.clause === 'having' ? 'HAVING' : x.clause === 'orderBy' ? 'ORDER BY' : 'the select list';
    this.ctx.report(
      'ungrouped-column',
      g.groupByRange !== undefined
        ? `column ${text} in ${where} must appear in GROUP BY or be used in an aggregate function`
        : `column ${text} in ${where} is not aggregated, but the query aggregates (it has no GROUP BY): add GROUP BY ${text} or use it in an aggregate`,
      e.range,
      {
        fixes:
          g.lastItem !== undefined
            ? [{ title: `Add ${text} to GROUP BY`, edits: [{ range: endOf(g.lastItem), newText: `, ${text}` }] }]
            : [],
        related: g.groupByRange !== undefined ? [{ range: g.groupByRange, message: 'GROUP BY is here' }] : [],
      },
    );
  }

  /** The type of `l op r` from its operands' types. */
  private binary(e: Binary, l: ExprInfo, r: ExprInfo): ExprInfo {
    if (e.op === '||') {
      for (const [t, side] of [
        [l, e.left],
        [r, e.right],
      ] as const) {
        const k = t.type.kind;
        if (k === 'unknown' || k === 'null' || CONCATENATION_OPERANDS.rule.includes(k)) continue;
        const castable = castAllowed(k, 'string') && k !== 'geometry';
        this.ctx.report(
          'concat-type',
          `|| concatenates strings, but this is ${describeType(t.type)}${castable ? '; CAST it to VARCHAR first' : ''}`,
          side.range,
          {
            fixes:
              castable && side.range !== undefined
                ? [
                    {
                      title: 'CAST to VARCHAR',
                      edits: [
                        { range: { start: side.range.start, end: side.range.start }, newText: 'CAST(' },
                        { range: endOf(side.range), newText: ' AS VARCHAR)' },
                      ],
                    },
                  ]
                : [],
          },
        );
      }
      return { type: TYPES.varchar };
    }
    let bad = false;
    for (const [t, side] of [
      [l, e.left],
      [r, e.right],
    ] as const) {
      if (!isNumericish(t.type)) {
        bad = true;
        const hint = t.type.kind === 'string' ? ' (use || to concatenate strings)' : '';
        this.ctx.report('arithmetic-type', `${e.op} needs numbers, but this is ${describeType(t.type)}${hint}`, side.range);
      }
    }
    if (bad) return { type: TYPES.unknown };
    const out: ExprInfo = {
      type:
        e.op === '/' && !(l.type.integer && r.type.integer)
          ? promoteNumeric(promoteNumeric(l.type, r.type), TYPES.real)
          : promoteNumeric(l.type, r.type),
    };
    if ((e.op === '+' || e.op === '-') && l.unit !== undefined && l.unit === r.unit) out.unit = l.unit;
    else if ((e.op === '+' || e.op === '-') && l.unit !== undefined && r.literal !== undefined) out.unit = l.unit;
    else if ((e.op === '*' || e.op === '/') && l.unit !== undefined && typeof r.literal === 'number') out.unit = l.unit;
    return out;
  }

  private aggregate(e: Aggregate, x: ExprCtx): ExprInfo {
    if (x.inAggregate) this.ctx.report('nested-aggregate', `${e.name} inside another aggregate function is not allowed`, e.range);
    else if (x.clause === 'where') {
      this.ctx.report('aggregate-in-where', `aggregate ${e.name}(...) is not allowed in WHERE; filter groups with HAVING`, e.range);
    } else if (x.clause === 'groupBy')
      this.ctx.report('aggregate-in-group-by', `aggregate ${e.name}(...) is not allowed in GROUP BY`, e.range);
    else if (x.clause === 'on')
      this.ctx.report('aggregate-in-join-condition', `aggregate ${e.name}(...) is not allowed in a JOIN condition`, e.range);
    const spec = FUNCTIONS_BY_NAME.get(e.name)!;
    if (e.arg.kind === 'Star') return { type: TYPES.bigint, ucd: 'meta.number', name: e.name.toLowerCase() };
    const arg = this.value(e.arg, insideAggregate(x));
    const kind: ArgKind = e.name === 'COUNT' ? 'any' : e.name === 'MIN' || e.name === 'MAX' ? 'comparable' : 'numeric';
    this.checkArg(spec.name, kind, arg.type, e.arg.range, 0);
    const meta = spec.meta?.([valueMeta(arg)], [undefined]);
    return { type: spec.result([arg.type]), unit: meta?.unit, ucd: meta?.ucd, name: spec.name.toLowerCase() };
  }

  private builtin(e: FunctionCall, x: ExprCtx): ExprInfo {
    const spec = FUNCTIONS_BY_NAME.get(e.name);
    if (spec === undefined) return { type: TYPES.unknown };
    if (spec.feature !== undefined) this.ctx.useFeature(spec.feature.type, spec.feature.name, e.range);
    const infos = e.args.map((a) => this.value(a, x));
    if (e.name === 'COALESCE') this.checkCoalesce(e, infos);
    return this.applySpec(spec, e.args, infos, e.range);
  }

  /** COALESCE: its arguments must be of compatible types (typing.ts COMPATIBLE_CATEGORIES). */
  private checkCoalesce(e: FunctionCall, infos: ExprInfo[]): void {
    const typed = e.args.flatMap((arg, i) => {
      const type = infos[i]!.type;
      return type.kind === 'unknown' || type.kind === 'null' ? [] : [{ arg, type, kind: type.kind }];
    });
    const first = typed[0];
    const clash = first === undefined ? undefined : typed.find((t) => !categoriesCompatible(first.kind, t.kind));
    if (first === undefined || clash === undefined) return;
    this.ctx.report(
      'argument-type',
      `COALESCE mixes ${describeType(first.type)} and ${describeType(clash.type)}: its arguments must all be of compatible types`,
      e.range,
      {
        related: [first, clash].flatMap((t) => (t.arg.range ? [{ range: t.arg.range, message: describeType(t.type) }] : [])),
      },
    );
  }

  private geometry(e: GeometryCall, x: ExprCtx): ExprInfo {
    const spec = FUNCTIONS_BY_NAME.get(e.name)!;
    if (spec.feature !== undefined) this.ctx.useFeature(spec.feature.type, spec.feature.name, e.range);
    if (e.coordSys !== undefined) {
      const cs = this.value(e.coordSys, x);
      if (e.coordSys.kind === 'StringLiteral') checkCoordSys(this.ctx, e.coordSys.value, e.coordSys.range);
      else if (cs.type.kind !== 'string' && cs.type.kind !== 'unknown' && cs.type.kind !== 'null') {
        this.ctx.report(
          'argument-type',
          `the coordinate system of ${e.name} must be a string, found ${describeType(cs.type)}`,
          e.coordSys.range,
        );
      }
    }
    if (e.name === 'REGION' && e.args[0] !== undefined && e.args[0].kind !== 'StringLiteral' && e.args.length === 1) {
      this.ctx.report(
        'region-not-literal',
        "REGION takes a string literal with an STC-S region, e.g. REGION('CIRCLE ICRS 10 20 1')",
        e.args[0].range,
      );
    }
    return this.applySpec(
      spec,
      e.args,
      e.args.map((a) => this.value(a, x)),
      e.range,
    );
  }

  private applySpec(spec: FunctionSpec, args: ValueExpression[], infos: ExprInfo[], range: SourceRange | undefined): ExprInfo {
    const forms = formsForArity(spec.forms, args.length);
    if (forms.length === 0) {
      this.ctx.report(
        'function-arity',
        `${spec.name} takes ${describeArity(spec.forms)} argument${describeArity(spec.forms) === '1' ? '' : 's'}, found ${args.length}`,
        range,
      );
      return { type: spec.result(infos.map((i) => i.type)), name: spec.name.toLowerCase() };
    }
    const form = pickForm(forms, infos);
    const bad = infos.flatMap((info, i) =>
      argAccepts(argKindAt(form, i), info.type) ? [] : [{ index: i, kind: argKindAt(form, i), type: info.type }],
    );
    // Several wrong arguments, or a geometry of the wrong shape: the call does not fit its
    // signature as a whole, so the call is reported (with each argument as a related range);
    // one argument wrong on its own (a string where a number goes) is reported on that argument.
    if (bad.length > 1 || (bad.length === 1 && bad[0]!.type.kind === 'geometry' && args.length > 1)) {
      this.ctx.report(
        'argument-type',
        `${spec.name} cannot take these arguments: ${bad.map((b) => `argument ${b.index + 1} must be ${ARG_KIND_TEXT[b.kind]}, found ${describeType(b.type)}`).join('; ')}`,
        range,
        {
          related: bad.flatMap((b) => {
            const r = args[b.index]!.range;
            return r ? [{ range: r, message: `argument ${b.index + 1}: ${describeType(b.type)}` }] : [];
          }),
        },
      );
    } else {
      for (const b of bad) this.checkArg(spec.name, b.kind, b.type, args[b.index]!.range, b.index);
    }
    const literals = args.map((a) => (a.kind === 'StringLiteral' ? a.value : undefined));
    const meta = spec.meta?.(infos.map(valueMeta), literals);
    return { type: spec.result(infos.map((i) => i.type)), unit: meta?.unit, ucd: meta?.ucd, name: spec.name.toLowerCase() };
  }

  private checkArg(fn: string, kind: ArgKind, t: ValueType, range: SourceRange | undefined, index: number): void {
    if (argAccepts(kind, t)) return;
    this.ctx.report('argument-type', `argument ${index + 1} of ${fn} must be ${ARG_KIND_TEXT[kind]}, found ${describeType(t)}`, range);
  }

  private udf(e: UserFunctionCall, x: ExprCtx): ExprInfo {
    const name = e.name.name;
    const infos = e.args.map((a) => this.value(a, x));
    const caps = this.ctx.schema?.capabilities;
    const udfs = caps?.udfs ?? [];
    const matching = udfs.filter((u) => u.name.toLowerCase() === name.toLowerCase());
    if (matching.length === 0) {
      const builtinNames = [...FUNCTIONS_BY_NAME.keys()];
      const close = closestNames(name, [...builtinNames, ...new Set(udfs.map((u) => u.name))], (n) => n);
      if (caps === undefined && close.length === 0) return { type: TYPES.unknown, name: name.toLowerCase() };
      const range = e.name.range ?? e.range;
      this.ctx.report(
        'unknown-function',
        `unknown function ${name}: it is neither an ADQL function nor a UDF ${caps === undefined ? 'known for this service' : 'this service declares'}${close.length > 0 ? `; did you mean ${close.join(', ')}?` : ''}`,
        range,
        {
          fixes: close.flatMap((c, i) => replaceFix(`Change to ${c}`, e.name.range, c, i === 0)),
          severity: caps === undefined ? 'warning' : 'error',
        },
      );
      return { type: TYPES.unknown, name: name.toLowerCase() };
    }
    this.ctx.useFeature(FEATURE_TYPES.udf, matching[0]!.name, e.range);
    const sig = matching.find((u) => u.params.length === e.args.length);
    if (sig === undefined) {
      const arities = [...new Set(matching.map((u) => u.params.length))].sort();
      this.ctx.report(
        'function-arity',
        `${name} takes ${arities.join(' or ')} argument${arities.join() === '1' ? '' : 's'}, found ${e.args.length} (${matching.map((u) => u.form).join('; ')})`,
        e.range,
      );
      return { type: typeFromName(matching[0]!.returns), name: name.toLowerCase() };
    }
    infos.forEach((info, i) => {
      const p = sig.params[i]!;
      const kind = argKindForTypeName(p.type);
      if (!argAccepts(kind, info.type)) {
        this.ctx.report(
          'argument-type',
          `argument ${i + 1} (${p.name} ${p.type}) of ${sig.name} must be ${kindText(kind)}, found ${describeType(info.type)}`,
          e.args[i]!.range,
        );
      }
    });
    return { type: typeFromName(sig.returns), name: name.toLowerCase(), ...udfMeta(sig) };
  }

  private cast(e: Cast, x: ExprCtx): ExprInfo {
    this.ctx.useFeature(FEATURE_TYPES.type, 'CAST', e.range);
    const from = this.value(e.expr, x);
    const target = typeFromName(e.type.name);
    const castable =
      from.type.kind === 'unknown' ||
      from.type.kind === 'null' ||
      target.kind === 'unknown' ||
      target.kind === 'null' ||
      castAllowed(from.type.kind, target.kind);
    if (!castable) {
      const hint = target.kind === 'timestamp' ? ': only a string (an ISO 8601 date) converts to TIMESTAMP' : '';
      this.ctx.report('argument-type', `CAST cannot convert ${describeType(from.type)} to ${e.type.name}${hint}`, e.expr.range);
    }
    const type =
      e.type.length !== undefined && target.kind === 'string'
        ? {
            ...target,
            adql: e.type.name,
            votable: { datatype: 'char', arraysize: e.type.name === 'CHAR' ? String(e.type.length) : `${e.type.length}*` },
          }
        : target;
    const out: ExprInfo = { type };
    if (from.unit !== undefined && target.kind === 'numeric') out.unit = from.unit;
    if (from.name !== undefined) out.name = from.name;
    return out;
  }

  // ------------------------------------------------------------------------------------------

  /**
   * Structural key of an expression for GROUP BY matching (columns by resolved identity). Built with
   * an explicit stack of pieces still to write: expressions of any length are safe.
   */
  key(root: ValueExpression, scope: Scope): string {
    const out: string[] = [];
    const work: Array<string | ValueExpression> = [root];
    // Pushes pieces so that they pop in the order given.
    const then = (...pieces: Array<string | ValueExpression>) => {
      for (let i = pieces.length - 1; i >= 0; i--) work.push(pieces[i]!);
    };
    const call = (name: string, args: ValueExpression[]) => then(`${name}(`, ...args.flatMap((a, i) => (i === 0 ? [a] : [',', a])), ')');
    while (work.length > 0) {
      const e = work.pop()!;
      if (typeof e === 'string') {
        out.push(e);
        continue;
      }
      switch (e.kind) {
        case 'NumericLiteral':
          out.push(`n${e.value}`);
          break;
        case 'StringLiteral':
          out.push(`s${JSON.stringify(e.value)}`);
          break;
        case 'Null':
          out.push('null');
          break;
        case 'ColumnRef':
          out.push(this.columnKey(e, scope));
          break;
        case 'Paren':
          work.push(e.expr);
          break;
        case 'Unary':
          then(`(${e.op}`, e.operand, ')');
          break;
        case 'Binary':
          then('(', e.left, e.op, e.right, ')');
          break;
        case 'Aggregate':
          if (e.arg.kind === 'Star') out.push(`${e.name}(${e.quantifier ?? ''}*)`);
          else then(`${e.name}(${e.quantifier ?? ''}`, e.arg, ')');
          break;
        case 'FunctionCall':
        case 'GeometryCall':
          call(e.name, e.args);
          break;
        case 'UserFunctionCall':
          call(e.name.name.toLowerCase(), e.args);
          break;
        case 'Cast':
          then('CAST(', e.expr, ` AS ${e.type.name}${e.type.length ?? ''})`);
          break;
      }
    }
    return out.join('');
  }

  private columnKey(e: ColumnRef, scope: Scope): string {
    let res = this.resolutions.get(e);
    if (res === undefined) {
      res = resolveColumn(this.ctx, e, scope, false);
      if (res.kind !== 'unresolved') this.resolutions.set(e, res);
    }
    if (res.kind === 'column') return `c${res.relation.id}.${foldName(res.column.part.name)}`;
    return `?${e.table ? foldName(e.table.table.name) + '.' : ''}${e.column.delimited ? e.column.name : foldName(e.column.name)}`;
  }
}

const ARG_KIND_TEXT: Record<ArgKind, string> = {
  numeric: 'a number',
  string: 'a string',
  timestamp: 'a TIMESTAMP',
  geometry: 'a geometry (POINT, CIRCLE, BOX, POLYGON, REGION)',
  point: 'a POINT',
  comparable: 'a number, string or timestamp',
  any: 'a value',
};

function udfMeta(sig: UdfSignature): Partial<ExprInfo> {
  return sig.description !== undefined ? { description: sig.description.split('\n')[0]! } : {};
}

function pickForm(forms: FunctionForm[], infos: ExprInfo[]): FunctionForm {
  if (forms.length === 1) return forms[0]!;
  return (
    forms.find((f) => infos.every((info, i) => argAccepts(argKindAt(f, i), info.type))) ??
    forms.find((f) => argAccepts(argKindAt(f, 0), infos[0]?.type ?? TYPES.unknown)) ??
    forms[0]!
  );
}

function argAccepts(kind: ArgKind, t: ValueType): boolean {
  if (t.kind === 'unknown' || t.kind === 'null') return true;
  switch (kind) {
    case 'any':
      return true;
    case 'numeric':
      return isNumericish(t);
    case 'string':
      return t.kind === 'string';
    case 'timestamp':
      return t.kind === 'timestamp' || t.kind === 'string';
    case 'geometry':
      return t.kind === 'geometry';
    case 'point':
      return t.kind === 'geometry' && (t.geometry === 'POINT' || t.geometry === 'GEOMETRY');
    case 'comparable':
      return COMPARABLE.has(t.kind);
  }
}

function kindText(kind: ArgKind): string {
  return kind === 'numeric'
    ? 'a number'
    : kind === 'string'
      ? 'a string'
      : kind === 'point'
        ? 'a POINT'
        : kind === 'geometry'
          ? 'a geometry'
          : kind === 'timestamp'
            ? 'a TIMESTAMP'
            : 'a value';
}

function isNumericish(t: ValueType): boolean {
  return t.kind === 'numeric' || t.kind === 'unknown' || t.kind === 'null' || t.kind === 'boolean';
}

function stripPred(t: ValueType): ValueType {
  return t.predicate ? TYPES.integer : t;
}
