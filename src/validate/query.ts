/**
 * Query blocks: WITH, FROM (tables, uploads, CTEs, derived tables, joins), WHERE, GROUP BY,
 * select list, HAVING, ORDER BY, set operations; produces each block's output columns.
 */
import type { TableEntry } from '../schema/index.js';
import {
  FEATURE_TYPES,
  categoriesCompatible,
  foldName,
  formatIdentifier,
  identifierMatches,
  parseQualifiedName,
  type NamePart,
} from '../adql/index.js';
import type {
  AllColumns,
  Condition,
  Join,
  QueryExpression,
  SelectColumn,
  SelectQuery,
  SetOperation,
  SourceRange,
  TableRef,
  TableReference,
  ValueExpression,
} from './adql.js';
import { replaceFix, type ValidationContext } from './context.js';
import { ExpressionChecker, type ExprCtx, type Grouping } from './expressions.js';
import { expressionSize } from './expression-size.js';
import { part, resolveColumn, resolveQualifier } from './resolve.js';
import { CteEnv, Relation, Scope, infoFromColumn, type ExprInfo, type RelColumn } from './scope.js';
import { closestNames } from './suggest.js';
import { TYPES, describeType, promoteNumeric } from './types.js';

/** One output column of a query block. */
export interface OutputColumn {
  part: NamePart;
  info: ExprInfo;
  /** The name was given with AS (or is a column's own name) rather than generated. */
  named: boolean;
  range: SourceRange | undefined;
  /** Source table of a plain column reference. */
  table?: string;
}

export class QueryChecker {
  readonly exprs: ExpressionChecker;

  constructor(private readonly ctx: ValidationContext) {
    this.exprs = new ExpressionChecker(ctx, (q, parent, ctes) => this.query(q, parent, ctes).map(toRelColumn));
  }

  /** Validates a query expression; `outer` is the enclosing scope for correlated references. */
  query(q: QueryExpression, outer: Scope | undefined, ctes: CteEnv): OutputColumn[] {
    let env = ctes;
    if (q.with !== undefined && q.with.length > 0) {
      env = new CteEnv(ctes);
      this.ctx.useFeature(FEATURE_TYPES.commonTable, 'WITH', q.with[0]!.range);
      for (const cte of q.with) {
        const name = part(cte.name);
        if (env.ownHas(name)) {
          this.ctx.report('duplicate-cte', `WITH defines ${formatIdentifier(name)} twice`, cte.name.range);
          continue;
        }
        const cols = this.query(cte.query, outer, env);
        for (const c of cols) {
          if (!c.named) {
            this.ctx.report(
              'unnamed-derived-column',
              `give this column of ${formatIdentifier(name)} a name with AS so the outer query can use it`,
              c.range,
            );
          }
        }
        env.add({ name, columns: cols.map(toRelColumn), range: cte.range });
      }
    }
    if (q.offset !== undefined) this.ctx.useFeature(FEATURE_TYPES.offset, 'OFFSET', q.range);
    if (q.kind === 'SetOperation') return this.setOperation(q, outer, env);
    return this.select(q, outer, env);
  }

  /**
   * A set operation. `a UNION b UNION c ...` nests on the left: that chain (down to an operand
   * with its own WITH, ORDER BY or OFFSET) is typed bottom-up in a loop, so chains of any length
   * are safe.
   */
  private setOperation(q: SetOperation, outer: Scope | undefined, ctes: CteEnv): OutputColumn[] {
    const chain: SetOperation[] = [q];
    let bottom: QueryExpression = q.left;
    while (bottom.kind === 'SetOperation' && !decorated(bottom)) {
      chain.push(bottom);
      bottom = bottom.left;
    }
    for (const op of chain) this.ctx.useFeature(FEATURE_TYPES.sets, op.op, op.range);
    let columns = this.query(bottom, outer, ctes);
    for (let i = chain.length - 1; i >= 0; i--) columns = this.combine(chain[i]!, columns, outer, ctes);
    return columns;
  }

  /** One set operation, its left operand already typed. */
  private combine(q: SetOperation, left: OutputColumn[], outer: Scope | undefined, ctes: CteEnv): OutputColumn[] {
    const right = this.query(q.right, outer, ctes);
    if (left.length !== right.length && !this.ctx.partial) {
      this.ctx.report(
        'set-operand-columns',
        `${q.op} needs the same number of columns on both sides: ${left.length} on the left, ${right.length} on the right`,
        q.right.range ?? q.range,
        {
          related: q.left.range ? [{ range: q.left.range, message: `left operand: ${left.length} columns` }] : [],
        },
      );
    }
    this.checkCorrespondingTypes(q, left, right);
    const out = left.map((c, i) => {
      const r = right[i];
      if (r === undefined) return c;
      const type =
        c.info.type.kind === 'numeric' && r.info.type.kind === 'numeric' ? promoteNumeric(c.info.type, r.info.type) : c.info.type;
      return { ...c, info: { ...c.info, type } };
    });
    if (q.orderBy !== undefined) {
      // ORDER BY of a set operation sees only the result's column names.
      const names = new Map(out.map((c) => [foldName(c.part.name), c]));
      for (const item of q.orderBy) {
        const e = item.expr;
        if (e.kind === 'NumericLiteral') this.checkPosition(e.value, out.length, e.range);
        else if (e.kind === 'ColumnRef' && e.table === undefined && names.has(foldName(e.column.name))) continue;
        else {
          const close = closestNames(e.kind === 'ColumnRef' ? e.column.name : '', out, (c) => c.part.name);
          this.ctx.report(
            'unknown-column',
            `ORDER BY of ${q.op} can only use output column names (${out.map((c) => formatIdentifier(c.part)).join(', ')}) or positions`,
            e.range,
            {
              fixes: close.flatMap((c, i) =>
                replaceFix(`Change to ${formatIdentifier(c.part)}`, e.range, formatIdentifier(c.part), i === 0),
              ),
            },
          );
        }
      }
    }
    return out;
  }

  /** Corresponding columns of a set operation must be of compatible types (typing.ts). */
  private checkCorrespondingTypes(q: SetOperation, left: OutputColumn[], right: OutputColumn[]): void {
    left.forEach((l, i) => {
      const r = right[i];
      const a = l.info.type.kind;
      const b = r?.info.type.kind;
      if (
        r === undefined ||
        b === undefined ||
        a === 'unknown' ||
        a === 'null' ||
        b === 'unknown' ||
        b === 'null' ||
        categoriesCompatible(a, b)
      )
        return;
      this.ctx.report(
        'type-mismatch',
        `${q.op}: column ${i + 1} is ${describeType(l.info.type)} on the left but ${describeType(r.info.type)} on the right`,
        r.range ?? q.right.range,
        {
          related: l.range ? [{ range: l.range, message: `column ${i + 1} on the left: ${describeType(l.info.type)}` }] : [],
        },
      );
    });
  }

  private checkPosition(n: number, count: number, range: SourceRange | undefined): void {
    if (!Number.isInteger(n) || n < 1 || n > count) {
      this.ctx.report('order-by-position', `ORDER BY ${n}: the select list has ${count} column${count === 1 ? '' : 's'}`, range);
    }
  }

  private select(q: SelectQuery, outer: Scope | undefined, ctes: CteEnv): OutputColumn[] {
    const scope = new Scope(outer);
    if (q.from.length === 0 && this.ctx.partial) scope.unreliable = true;
    for (const item of q.from ?? []) scope.relations.push(...this.fromItem(item, scope, outer, ctes));
    this.checkDuplicateNames(scope.relations);
    this.checkTop(q);

    const base: ExprCtx = { scope, ctes, clause: 'where', inAggregate: false };
    if (q.where !== undefined) this.exprs.condition(q.where, base);

    // Select-list aliases (GROUP BY may use them where they do not shadow input columns).
    const aliases = new Map<string, { part: NamePart; info: ExprInfo }>();
    const groupBy = q.groupBy ?? [];
    let grouping: Grouping | undefined;
    const grouped = groupBy.length > 0 || hasAggregate(q);
    if (grouped) {
      const keys = new Set<string>();
      const sizes = new Set<number>();
      const groupByCtx: ExprCtx = { ...base, clause: 'groupBy', aliases: this.provisionalAliases(q), aliasesFirst: false };
      for (const g of groupBy) {
        this.exprs.value(g, groupByCtx);
        keys.add(this.exprs.key(g, scope));
        sizes.add(expressionSize(g));
        // GROUP BY alias: the aliased expression is grouped.
        if (g.kind === 'ColumnRef' && g.table === undefined) {
          for (const item of q.columns) {
            if (item.kind === 'SelectColumn' && item.alias !== undefined && identifierMatches(part(g.column), part(item.alias))) {
              keys.add(this.exprs.key(item.expr, scope));
              sizes.add(expressionSize(item.expr));
            }
          }
        }
      }
      const first = groupBy[0]?.range;
      const last = groupBy[groupBy.length - 1]?.range;
      grouping = {
        keys,
        sizes,
        lastItem: last,
        groupByRange: first && last ? { start: first.start, end: last.end } : undefined,
      };
    }

    const out: OutputColumn[] = [];
    const selectCtx: ExprCtx = { ...base, clause: 'select', ...(grouping ? { grouping } : {}) };
    for (const item of q.columns) {
      if (item.kind === 'AllColumns') {
        out.push(...this.allColumns(item, scope, grouping));
        continue;
      }
      const info = this.exprs.value(item.expr, selectCtx);
      this.checkAliasWithoutAs(item, scope);
      const naturalName = item.expr.kind === 'ColumnRef' ? part(item.expr.column) : undefined;
      const named = item.alias !== undefined || naturalName !== undefined;
      const p: NamePart =
        item.alias !== undefined ? part(item.alias) : (naturalName ?? { name: info.name ?? `col${out.length + 1}`, delimited: false });
      const qualifier = item.expr.kind === 'ColumnRef' && info.column !== undefined ? item.expr.table : undefined;
      const col: OutputColumn = { part: p, info, named, range: item.range, table: qualifier?.table.name };
      out.push(col);
      if (item.alias !== undefined) aliases.set(foldName(item.alias.name), col);
    }
    this.checkDuplicateOutputs(out);

    if (q.having !== undefined) {
      if (groupBy.length === 0) {
        this.ctx.report(
          'having-without-group-by',
          'HAVING without GROUP BY treats the whole result as one group; did you mean WHERE?',
          q.having.range,
        );
      }
      this.exprs.condition(q.having, {
        ...base,
        clause: 'having',
        grouping: grouping ?? { keys: new Set(), sizes: new Set(), lastItem: undefined, groupByRange: undefined },
      });
    }

    if (q.orderBy !== undefined) {
      // A result column name (alias) is a sort key only on its own (typing.ts ORDER_BY_ALIAS): inside
      // an expression a name is an input column, and an alias there is reported.
      const sortKeyCtx: ExprCtx = { ...base, clause: 'orderBy', aliases, aliasesFirst: true, grouping };
      const expressionCtx: ExprCtx = { ...base, clause: 'orderBy', aliases, aliasesFirst: false, grouping };
      for (const c of out) if (c.named && !aliases.has(foldName(c.part.name))) aliases.set(foldName(c.part.name), c);
      for (const item of q.orderBy) {
        const e = item.expr;
        if (e.kind === 'NumericLiteral') {
          this.checkPosition(e.value, out.length, e.range);
          continue;
        }
        this.exprs.value(e, e.kind === 'ColumnRef' && e.table === undefined ? sortKeyCtx : expressionCtx);
      }
    }
    return out;
  }

  /**
   * `SELECT ra dec`: a name after an expression without AS is its alias; when that name is also a
   * column in scope, a comma was probably forgotten.
   */
  private checkAliasWithoutAs(item: SelectColumn, scope: Scope): void {
    const alias = item.alias;
    const text = this.ctx.text;
    const exprEnd = item.expr.range?.end;
    if (alias === undefined || alias.range === undefined || exprEnd === undefined || text === undefined) return;
    if (/\bAS\b/i.test(text.slice(exprEnd.offset, alias.range.start.offset))) return;
    // `mag_i mag_i` names a column after itself: nothing is lost.
    if (item.expr.kind === 'ColumnRef' && identifierMatches(part(item.expr.column), part(alias))) return;
    const asColumn = resolveColumn(this.ctx, { kind: 'ColumnRef', column: alias }, scope, false);
    if (asColumn.kind !== 'column') return;
    const name = formatIdentifier(part(alias));
    const exprText = text.slice(item.expr.range!.start.offset, exprEnd.offset);
    this.ctx.report(
      'alias-without-as',
      `${name} is read as the name (alias) of ${exprText}, not as the column ${name}: a comma may be missing (${exprText}, ${name}); write AS ${name} if the alias is meant`,
      alias.range,
      {
        fixes: [
          {
            title: `Add a comma: ${exprText}, ${name}`,
            edits: [{ range: { start: exprEnd, end: exprEnd }, newText: ',' }],
            preferred: true,
          },
        ],
      },
    );
  }

  /** Aliases known before the select list is typed (for GROUP BY alias references). */
  private provisionalAliases(q: SelectQuery): Map<string, { part: NamePart; info: ExprInfo }> {
    const m = new Map<string, { part: NamePart; info: ExprInfo }>();
    for (const item of q.columns) {
      if (item.kind === 'SelectColumn' && item.alias !== undefined)
        m.set(foldName(item.alias.name), { part: part(item.alias), info: { type: TYPES.unknown } });
    }
    return m;
  }

  private allColumns(item: AllColumns, scope: Scope, grouping: Grouping | undefined): OutputColumn[] {
    let relations = scope.relations;
    if (item.qualifier !== undefined) {
      const q = resolveQualifier(this.ctx, item.qualifier, scope, true);
      if (q === undefined) return [];
      relations = [q.relation];
    }
    if (grouping !== undefined) {
      this.ctx.report(
        'ungrouped-column',
        `${item.qualifier ? 'qualified ' : ''}* selects columns that are not in GROUP BY; list the grouped columns instead`,
        item.range,
      );
    }
    return relations.flatMap((r) =>
      r
        .columns()
        .map((c) => ({ part: c.part, info: c.info, named: true, range: item.range, ...(r.table ? { table: r.table.meta.name } : {}) })),
    );
  }

  private checkDuplicateOutputs(out: OutputColumn[]): void {
    const seen = new Map<string, OutputColumn>();
    for (const c of out) {
      if (!c.named) continue;
      const k = c.part.delimited ? c.part.name : foldName(c.part.name);
      const prev = seen.get(k);
      if (prev !== undefined && prev.range !== c.range) {
        this.ctx.report(
          'duplicate-output-name',
          `two result columns are named ${formatIdentifier(c.part)}; give one of them another name with AS`,
          c.range,
          {
            related: prev.range ? [{ range: prev.range, message: 'first column of that name' }] : [],
          },
        );
      } else seen.set(k, c);
    }
  }

  private checkTop(q: SelectQuery): void {
    if (q.top === undefined) return;
    const hard = this.ctx.schema?.capabilities?.outputLimit?.hard;
    if (this.ctx.options.capabilities === false || hard === undefined || hard.unit !== 'row') return;
    if (q.top > hard.value) {
      // point at "SELECT [DISTINCT] TOP n", not the whole query
      const first = q.columns[0]?.range;
      const range = q.range !== undefined && first !== undefined ? { start: q.range.start, end: first.start } : q.range;
      this.ctx.report(
        'top-over-limit',
        `TOP ${q.top} is above this service's hard output limit of ${hard.value} rows: the result will be truncated`,
        range,
      );
    }
  }

  private checkDuplicateNames(relations: Relation[]): void {
    const seen = new Map<string, Relation>();
    for (const r of relations) {
      const key = `${r.exposedSchema ? foldName(r.exposedSchema.name) + '.' : ''}${r.exposed.delimited ? r.exposed.name : foldName(r.exposed.name)}`;
      const prev = seen.get(key);
      if (prev !== undefined) {
        // Name what is repeated: the alias when there is one (it was already given), else the table.
        const message = r.aliased
          ? `the name ${formatIdentifier(r.exposed)} is given twice in FROM (${prev.display} and ${r.display}); give one of them another alias`
          : `${r.display} appears twice in FROM under the same name; give one of them an alias (AS t2)`;
        this.ctx.report('duplicate-correlation-name', message, r.range, {
          related: prev.range ? [{ range: prev.range, message: 'first use' }] : [],
        });
      } else seen.set(key, r);
    }
  }

  // ------------------------------------------------------------------------------------------
  // FROM

  private fromItem(t: TableReference, scope: Scope, outer: Scope | undefined, ctes: CteEnv): Relation[] {
    switch (t.kind) {
      case 'TableRef':
        return [this.tableRef(t, ctes)];
      case 'DerivedTable': {
        const cols = this.query(t.query, outer, ctes);
        const alias = part(t.alias);
        return [
          new Relation(
            'derived',
            alias,
            formatIdentifier(alias),
            t.range,
            { kind: 'columns', columns: cols.map(toRelColumn) },
            undefined,
            true,
          ),
        ];
      }
      case 'Join':
        return this.join(t, scope, outer, ctes);
    }
  }

  private join(j: Join, scope: Scope, outer: Scope | undefined, ctes: CteEnv): Relation[] {
    const left = this.fromItem(j.left, scope, outer, ctes);
    const right = this.fromItem(j.right, scope, outer, ctes);
    const both = [...left, ...right];
    if (j.natural) {
      const common = commonColumns(left, right);
      if (common.length === 0 && !both.some((r) => r.open)) {
        this.ctx.report(
          'natural-join-no-common-columns',
          `NATURAL JOIN of ${left.map((r) => r.display).join(', ')} and ${right.map((r) => r.display).join(', ')}: they have no column in common, so this is a cross join`,
          j.range,
        );
      }
      for (const c of common) scope.merged.set(foldName(c.part.name), c);
    } else if (j.condition?.kind === 'JoinUsing') {
      for (const id of j.condition.columns) {
        const p = part(id);
        const l = left.flatMap((r) => r.find(p).map((c) => ({ relation: r, column: c })));
        const r = right.flatMap((rel) => rel.find(p));
        const missing: string[] = [];
        if (l.length === 0 && !left.some((x) => x.open)) missing.push(left.map((x) => x.display).join(', '));
        if (r.length === 0 && !right.some((x) => x.open)) missing.push(right.map((x) => x.display).join(', '));
        if (missing.length > 0) {
          // Suggest only names that both sides have, and never the name written.
          const candidates = commonColumns(left, right).filter((c) => !identifierMatches(c.part, p));
          const close = closestNames(id.name, candidates, (c) => c.part.name);
          this.ctx.report(
            'unknown-using-column',
            `USING column ${formatIdentifier(p)} must exist on both sides of the join; it is missing in ${missing.join(' and ')}${close.length ? `; did you mean ${formatIdentifier(close[0]!.part)}?` : ''}`,
            id.range,
            {
              fixes: close
                .slice(0, 1)
                .flatMap((c) => replaceFix(`Change to ${formatIdentifier(c.part)}`, id.range, formatIdentifier(c.part), true)),
            },
          );
        } else if (l[0] !== undefined) {
          scope.merged.set(foldName(p.name), { part: l[0].column.part, column: l[0].column, relation: l[0].relation });
        }
      }
    } else if (j.condition?.kind === 'JoinOn') {
      const onScope = new Scope(outer);
      onScope.relations.push(...both);
      for (const [k, v] of scope.merged) onScope.merged.set(k, v);
      onScope.unreliable = scope.unreliable;
      this.exprs.condition(j.condition.condition, { scope: onScope, ctes, clause: 'on', inAggregate: false });
    }
    return both;
  }

  private tableRef(t: TableRef, ctes: CteEnv): Relation {
    const parts = [t.name.catalog, t.name.schema, t.name.table].filter((p) => p !== undefined).map((p) => part(p!));
    const alias = t.alias !== undefined ? part(t.alias) : undefined;
    const last = parts[parts.length - 1]!;
    const exposed = alias ?? last;
    const display =
      alias !== undefined
        ? `${parts.map(formatIdentifier).join('.')} AS ${formatIdentifier(alias)}`
        : parts.map(formatIdentifier).join('.');
    const schemaPart = alias === undefined && parts.length >= 2 ? parts[parts.length - 2] : undefined;
    const make = (source: ConstructorParameters<typeof Relation>[4], kind: Relation['kind'] = 'table', table?: TableEntry): Relation =>
      new Relation(kind, exposed, display, t.range, source, schemaPart, alias !== undefined, table);

    if (parts.length === 1) {
      const cte = ctes.lookup(last);
      if (cte !== undefined) return make({ kind: 'columns', columns: cte.columns }, 'cte');
    }
    const isUpload = parts.length >= 2 && foldName(parts[parts.length - 2]!.name) === 'tap_upload';
    if (isUpload) this.noteUpload(t.range);

    const schema = this.ctx.schema;
    if (isUpload) {
      const declared = this.ctx.options.uploads?.[last.name] ?? findCaseInsensitive(this.ctx.options.uploads, last.name);
      if (declared !== undefined) {
        const columns = Array.isArray(declared) ? declared : declared.columns;
        if (columns !== undefined) {
          return make(
            {
              kind: 'columns',
              columns: columns.map((c) => ({
                part: c.delimited
                  ? { name: c.name, delimited: true }
                  : (parseQualifiedName(c.name)[0] ?? { name: c.name, delimited: false }),
                info: infoFromColumn(c),
              })),
            },
            'upload',
          );
        }
      }
    }
    if (schema === undefined) return make({ kind: 'open', reason: 'no-schema' }, isUpload ? 'upload' : 'table');

    const found = schema.lookupTable(parts);
    switch (found.status) {
      case 'found': {
        if (!schema.hasColumns(found.table)) {
          this.ctx.report(
            'columns-not-loaded',
            `the columns of ${found.table.meta.name} are not loaded yet, so column names on it were not checked (use check() or schema.loadColumns())`,
            t.name.range,
          );
          return make({ kind: 'open', reason: 'not-loaded' }, 'table', found.table);
        }
        return make({ kind: 'schema', schema, table: found.table }, found.table.upload ? 'upload' : 'table', found.table);
      }
      case 'undeclared-upload':
        // An error: the name may be misspelt, and nothing about the table can be checked.
        this.ctx.report(
          'unknown-upload-table',
          `TAP_UPLOAD.${formatIdentifier(last)} is not a declared upload: declare the table you send (validate's uploads option or schema.declareUpload), or check its name`,
          t.name.range,
          {
            fixes: closestNames(last.name, schema.uploadEntries(), (e) => e.tablePart.name).flatMap((e, i) =>
              replaceFix(`Change to TAP_UPLOAD.${e.meta.name}`, t.name.range, `TAP_UPLOAD.${e.meta.name}`, i === 0),
            ),
          },
        );
        return make({ kind: 'open', reason: 'undeclared-upload' }, 'upload');
      case 'unqualified': {
        const names = found.candidates.map((c) => c.meta.name);
        this.ctx.report(
          'table-needs-schema',
          `table ${formatIdentifier(last)} must be written with its schema: ${names.join(' or ')}`,
          t.name.range,
          {
            fixes: names.flatMap((n, i) => replaceFix(`Change to ${n}`, t.name.range, n, i === 0)),
          },
        );
        const only = found.candidates.length === 1 ? found.candidates[0] : undefined;
        if (only !== undefined && schema.hasColumns(only)) return make({ kind: 'schema', schema, table: only }, 'table', only);
        return make({ kind: 'open', reason: 'unknown-table' });
      }
      case 'ambiguous': {
        const names = found.candidates.map((c) => c.meta.name);
        this.ctx.report('ambiguous-table', `${display} matches several tables (${names.join(', ')}); write the exact name`, t.name.range, {
          fixes: names.flatMap((n) => replaceFix(`Change to ${n}`, t.name.range, n)),
        });
        return make({ kind: 'open', reason: 'unknown-table' });
      }
      case 'not-found': {
        this.reportUnknownTable(t, parts);
        return make({ kind: 'open', reason: 'unknown-table' });
      }
    }
  }

  private reportUnknownTable(t: TableRef, parts: NamePart[]): void {
    const schema = this.ctx.schema!;
    const last = parts[parts.length - 1]!;
    const written = parts.map(formatIdentifier).join('.');
    // A delimited name that differs only in case.
    if (last.delimited) {
      const ci = schema.lookupTable(parts.map((p) => ({ name: p.name, delimited: false })));
      if (ci.status === 'found') {
        this.ctx.report(
          'case-mismatch',
          `${written} is delimited, so it is case-sensitive; the table is ${ci.table.meta.name}`,
          t.name.range,
          {
            fixes: replaceFix(`Change to ${ci.table.meta.name}`, t.name.range, ci.table.meta.name, true),
          },
        );
        return;
      }
    }
    const entries = [...schema.entries(), ...schema.uploadEntries()];
    const qualified = parts.length >= 2;
    const label = (e: TableEntry): string => (qualified ? `${e.schemaPart?.name ?? ''}.${e.tablePart.name}` : e.tablePart.name);
    const wanted = qualified ? `${parts[parts.length - 2]!.name}.${last.name}` : last.name;
    let close = closestNames(wanted, entries, label);
    if (close.length === 0 && qualified) close = closestNames(last.name, entries, (e) => e.tablePart.name);
    const names = close.map((e) => (e.upload ? `TAP_UPLOAD.${e.meta.name}` : e.meta.name));
    this.ctx.report(
      'unknown-table',
      `table ${written} does not exist on this service${names.length > 0 ? `; did you mean ${names.join(', ')}?` : ''}`,
      t.name.range,
      {
        fixes: names.flatMap((n, i) => replaceFix(`Change to ${n}`, t.name.range, n, i === 0)),
      },
    );
  }

  private noteUpload(range: SourceRange | undefined): void {
    if (this.ctx.usesUpload === null) this.ctx.usesUpload = range;
  }
}

function findCaseInsensitive<T>(rec: Record<string, T> | undefined, name: string): T | undefined {
  if (rec === undefined) return undefined;
  const k = Object.keys(rec).find((key) => key.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : rec[k];
}

function commonColumns(left: Relation[], right: Relation[]): { part: NamePart; column: RelColumn; relation: Relation }[] {
  const out: { part: NamePart; column: RelColumn; relation: Relation }[] = [];
  for (const l of left) {
    for (const c of l.columns()) {
      if (right.some((r) => r.find(c.part).length > 0)) out.push({ part: c.part, column: c, relation: l });
    }
  }
  return out;
}

function decorated(q: QueryExpression): boolean {
  return (q.with?.length ?? 0) > 0 || (q.orderBy?.length ?? 0) > 0 || q.offset !== undefined;
}

function toRelColumn(c: OutputColumn): RelColumn {
  return { part: c.part, info: c.info };
}

/**
 * Does the block aggregate (an aggregate in its select list, HAVING or ORDER BY; not in subqueries)?
 * An explicit stack of expressions and conditions still to look at: chains of any length are safe.
 */
function hasAggregate(q: SelectQuery): boolean {
  const work: Array<ValueExpression | Condition> = [];
  for (const c of q.columns) if (c.kind === 'SelectColumn') work.push(c.expr);
  if (q.having !== undefined) work.push(q.having);
  for (const o of q.orderBy ?? []) work.push(o.expr);
  while (work.length > 0) {
    const e = work.pop()!;
    switch (e.kind) {
      case 'Aggregate':
        return true;
      case 'Logical':
      case 'Binary':
      case 'Comparison':
        work.push(e.left, e.right);
        break;
      case 'Not':
        work.push(e.operand);
        break;
      case 'ParenCondition':
        work.push(e.condition);
        break;
      case 'Between':
        work.push(e.expr, e.low, e.high);
        break;
      case 'Like':
        work.push(e.expr, e.pattern);
        break;
      case 'InList':
        work.push(e.expr);
        for (const v of e.values) work.push(v);
        break;
      case 'InSubquery':
      case 'IsNull':
      case 'Paren':
      case 'Cast':
        work.push(e.expr);
        break;
      case 'Unary':
        work.push(e.operand);
        break;
      case 'FunctionCall':
      case 'UserFunctionCall':
        for (const a of e.args) work.push(a);
        break;
      case 'GeometryCall':
        for (const a of e.args) work.push(a);
        if (e.coordSys !== undefined) work.push(e.coordSys);
        break;
      default:
        break;
    }
  }
  return false;
}
