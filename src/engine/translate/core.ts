/**
 * ADQL AST -> DuckDB SQL with ADQL semantics: query blocks, FROM, conditions and values, one method per
 * AST node kind. Function calls are translated in functions.ts, geometry in geometry.ts, user-defined
 * functions in user-functions.ts; name resolution is scope.ts.
 *
 * Engine session settings the SQL relies on (set by the engine): integer_division=true (7/2 = 3 as in
 * PostgreSQL) and default_null_order='nulls_last_on_asc_first_on_desc' (PostgreSQL's NULL ordering).
 */
import { foldConstant, foldName, literalConstant } from '../../adql/index.js';
import type * as A from '../../adql/index.js';
import { type Catalog, type ColumnInfo, type GeometryXtype, type TableInfo, geometryOf } from './catalog.js';
import { CellGrid, type CrossmatchPlan, planCrossmatch } from './crossmatch.js';
import { TranslateError } from './errors.js';
import { translateAggregate, translateCast, translateFunctionCall } from './functions.js';
import { distanceComparison, translateGeometryCall } from './geometry.js';
import { Scope, type ScopeTable, qualifierMatches } from './scope.js';
import { condSql, not } from './sql-num.js';
import { translateUserFunctionCall } from './user-functions.js';
import { type Value, type ValueTranslator, quote, scalarSql, unparen } from './values.js';

export interface OutputColumn {
  name: string;
  /** The table column this output comes straight from, for metadata (unit, UCD, description). */
  source?: ColumnInfo;
  /** Geometry outputs are DOUBLE[] lists: point [lon, lat], circle [lon, lat, r], polygon [lon, lat, ...]. */
  xtype?: GeometryXtype;
}

export interface Translation {
  sql: string;
  /** Output columns by name for explicit select items; `*` columns are described by `starColumns`. */
  columns: OutputColumn[];
  /** Columns of the tables a `*` may expand to, for metadata lookup by name. */
  starColumns: ColumnInfo[];
  /** Tables the query reads. */
  tables: TableInfo[];
}

export interface TranslateOptions {
  catalog: Catalog;
  /** Caps the rows of the outermost query (MAXREC + 1 for overflow detection). */
  rowLimit?: number;
}

export function translate(query: A.QueryExpression, options: TranslateOptions): Translation {
  return new Translator(options).run(query);
}

class Translator implements ValueTranslator {
  private readonly tables = new Map<TableInfo, true>();
  private cellColumns = 0;
  private starColumns: ColumnInfo[] = [];

  constructor(private readonly options: TranslateOptions) {}

  run(query: A.QueryExpression): Translation {
    const { sql, columns } = this.query(query, undefined, this.options.rowLimit);
    return { sql, columns, starColumns: this.starColumns, tables: [...this.tables.keys()] };
  }

  // ---------------------------------------------------------------------------------------------
  // Query expressions

  private query(q: A.QueryExpression, outer: Scope | undefined, rowLimit?: number): { sql: string; columns: OutputColumn[] } {
    const ctes = new Map<string, ColumnInfo[] | undefined>();
    const scope = new Scope(outer, ctes);
    let withSql = '';
    if (q.with?.length) {
      const parts = q.with.map((cte) => {
        const inner = this.query(cte.query, scope);
        ctes.set(foldName(cte.name.name), inner.columns.map(asColumnInfo));
        return `${quote(cte.name.name)} AS (${inner.sql})`;
      });
      withSql = `WITH ${parts.join(', ')} `;
    }
    const body = q.kind === 'Select' ? this.select(q, scope, rowLimit) : this.setOperation(q, scope, rowLimit);
    return { sql: withSql + body.sql, columns: body.columns };
  }

  /**
   * `a UNION b UNION c ...` nests on the left; the run of one precedence level (UNION/EXCEPT, or
   * INTERSECT) is written as one flat list, which SQL reads left to right as the tree does: no
   * recursion and no parentheses per operand, so chains of any length are safe here and in DuckDB.
   */
  private setOperation(q: A.SetOperation, scope: Scope, rowLimit?: number) {
    const level = (x: A.SetOperation) => (x.op === 'INTERSECT' ? 2 : 1);
    const spine: A.SetOperation[] = [q];
    let bottom: A.QueryExpression = q.left;
    while (
      bottom.kind === 'SetOperation' &&
      level(bottom) === level(q) &&
      !bottom.with?.length &&
      !bottom.orderBy?.length &&
      bottom.offset === undefined
    ) {
      spine.push(bottom);
      bottom = bottom.left;
    }
    const first = this.query(bottom, scope);
    const parts = [`(${first.sql})`];
    for (let i = spine.length - 1; i >= 0; i--) {
      const op = spine[i]!;
      parts.push(` ${op.op}${op.all ? ' ALL' : ''} (${this.query(op.right, scope).sql})`);
    }
    let sql = parts.join('');
    sql += this.orderBy(q.orderBy, scope);
    sql += limitClause(rowLimit, q.offset);
    return { sql, columns: first.columns };
  }

  private select(q: A.SelectQuery, outer: Scope, rowLimit?: number) {
    const scope = new Scope(outer, new Map());
    const from = q.from.map((t) => this.tableReference(t, scope)).join(', ');
    const columns: OutputColumn[] = [];
    const used = new Map<string, number>();
    const items = q.columns.map((item) => {
      if (item.kind === 'AllColumns') {
        this.starColumns.push(...this.starExpansion(item, scope));
        const tables = item.qualifier ? scope.tables.filter((t) => qualifierMatches(item.qualifier!, t)) : scope.tables;
        const hidden = tables.flatMap((t) => t.hidden ?? []);
        const exclude = hidden.length ? ` EXCLUDE (${hidden.map(quote).join(', ')})` : '';
        return `${item.qualifier ? `${this.qualifier(item.qualifier, scope)}.*` : '*'}${exclude}`;
      }
      const value = this.value(item.expr, scope);
      let name = item.alias?.name ?? defaultName(item.expr);
      const key = foldName(name);
      const seen = used.get(key) ?? 0;
      used.set(key, seen + 1);
      if (seen > 0 && !item.alias) name = `${name}_${seen}`;
      const out: OutputColumn = { name };
      if (value.kind === 'scalar' && value.column && item.expr.kind === 'ColumnRef') out.source = value.column;
      if (value.kind === 'shape') out.xtype = value.shape.type;
      else if (value.kind === 'scalar' && value.column && geometryOf(value.column)) out.xtype = geometryOf(value.column);
      columns.push(out);
      return `${scalarSql(value)} AS ${quote(name)}`;
    });
    let sql = `SELECT ${q.quantifier === 'DISTINCT' ? 'DISTINCT ' : ''}${items.join(', ')}`;
    if (from) sql += ` FROM ${from}`;
    if (q.where) sql += ` WHERE ${this.condition(q.where, scope)}`;
    if (q.groupBy?.length) sql += ` GROUP BY ${q.groupBy.map((g) => scalarSql(this.value(g, scope))).join(', ')}`;
    if (q.having) sql += ` HAVING ${this.condition(q.having, scope)}`;
    sql += this.orderBy(q.orderBy, scope);
    const limits = [q.top, rowLimit].filter((n): n is number => n !== undefined);
    sql += limitClause(limits.length ? Math.min(...limits) : undefined, q.offset);
    return { sql, columns };
  }

  private orderBy(items: A.OrderItem[] | undefined, scope: Scope): string {
    if (!items?.length) return '';
    return ` ORDER BY ${items
      .map(
        (o) =>
          `${o.expr.kind === 'NumericLiteral' ? o.expr.text : scalarSql(this.value(o.expr, scope))}${o.direction ? ` ${o.direction}` : ''}`,
      )
      .join(', ')}`;
  }

  private starExpansion(item: A.AllColumns, scope: Scope): ColumnInfo[] {
    const tables = item.qualifier ? scope.tables.filter((t) => qualifierMatches(item.qualifier!, t)) : scope.tables;
    return tables.flatMap((t) => t.columns ?? []);
  }

  private qualifier(name: A.TableName, scope: Scope): string {
    const parts = [name.schema, name.table].filter((p): p is A.Identifier => p !== undefined);
    const t = scope.tables.find((st) => qualifierMatches(name, st));
    if (t && !t.alias && t.table) {
      // A table named by its full ADQL name: qualify with the name DuckDB knows it by.
      return quote(t.table);
    }
    return parts
      .map((p) => quote(p.name))
      .slice(-1)
      .join('.');
  }

  // ---------------------------------------------------------------------------------------------
  // FROM

  private tableReference(t: A.TableReference, scope: Scope): string {
    switch (t.kind) {
      case 'TableRef':
        return this.tableRef(t, scope);
      case 'DerivedTable': {
        const inner = this.query(t.query, scope.parent ?? scope);
        scope.tables.push({ alias: t.alias, columns: inner.columns.map(asColumnInfo) });
        return `(${inner.sql}) AS ${quote(t.alias.name)}`;
      }
      case 'Join': {
        const left = this.tableReference(t.left, scope);
        const plan =
          t.condition?.kind === 'JoinOn' && !t.natural && (t.joinType ?? 'INNER') === 'INNER' && t.right.kind === 'TableRef'
            ? planCrossmatch(t.condition.condition, (t.right.alias ?? t.right.name.table).name)
            : undefined;
        const cell = plan ? `__adql_cell_${++this.cellColumns}` : undefined;
        const right = plan && cell ? this.tableRef(t.right as A.TableRef, scope, { plan, cell }) : this.tableReference(t.right, scope);
        const type = `${t.natural ? 'NATURAL ' : ''}${t.joinType ?? 'INNER'}${t.outer ? ' OUTER' : ''} JOIN`;
        let cond = '';
        if (t.condition?.kind === 'JoinOn') {
          const cellMatch =
            plan && cell
              ? `${this.cellOf(plan, scope)} = ${quote((t.right as A.TableRef).alias?.name ?? (t.right as A.TableRef).name.table.name)}.${quote(cell)} AND `
              : '';
          cond = ` ON ${cellMatch}${this.condition(t.condition.condition, scope)}`;
        } else if (t.condition?.kind === 'JoinUsing') cond = ` USING (${t.condition.columns.map((c) => quote(c.name)).join(', ')})`;
        else if (!t.natural) throw new TranslateError('a JOIN needs ON or USING (use a comma for a cross join)', t.range);
        return `(${left} ${type} ${right}${cond})`;
      }
    }
  }

  /** The left side's cell number for a crossmatch join (see crossmatch.ts). */
  private cellOf(plan: CrossmatchPlan, scope: Scope): string {
    const lon = this.scalarOf(plan.left.lon, scope);
    const lat = this.scalarOf(plan.left.lat, scope);
    return new CellGrid(plan.radius).cell(lon, lat);
  }

  /**
   * A table in FROM. For the right side of a crossmatch join, the rows are repeated once per sky cell
   * their cone touches (see crossmatch.ts).
   */
  private tableRef(t: A.TableRef, scope: Scope, crossmatch?: { plan: CrossmatchPlan; cell: string }): string {
    const name = t.name;
    const alias = quote(t.alias?.name ?? name.table.name);
    const expand = (from: string) => {
      if (!crossmatch) return `${from} AS ${alias}`;
      const { plan, cell } = crossmatch;
      const entry = scope.tables[scope.tables.length - 1]!;
      entry.hidden = [...(entry.hidden ?? []), cell];
      return `(${new CellGrid(plan.radius).expand(from, quote(plan.right.lon), quote(plan.right.lat), cell)}) AS ${alias}`;
    };
    if (!name.schema && !name.catalog) {
      const cte = scope.findCte(name.table.name);
      if (cte !== null) {
        scope.tables.push({ alias: t.alias, table: name.table.name, columns: cte });
        return crossmatch ? expand(quote(name.table.name)) : quote(name.table.name) + (t.alias ? ` AS ${alias}` : '');
      }
    }
    const info = this.options.catalog.findTable(
      name.schema?.name,
      name.table.name,
      { schema: name.schema?.delimited ?? false, table: name.table.delimited },
      t,
    );
    if (!info) {
      const full = [name.catalog, name.schema, name.table]
        .filter(Boolean)
        .map((i) => i!.name)
        .join('.');
      throw new TranslateError(`table ${full} not found`, name.range ?? t.range);
    }
    this.tables.set(info, true);
    const entry: ScopeTable = { table: info.name, columns: info.columns };
    if (t.alias) entry.alias = t.alias;
    if (info.schema !== undefined) entry.schema = info.schema;
    if (info.hidden) entry.hidden = [...info.hidden];
    scope.tables.push(entry);
    // Always alias: a qualifier like zcat.main.ra then resolves through the bare table name.
    return expand(info.sql);
  }

  // ---------------------------------------------------------------------------------------------
  // Conditions

  private condition(c: A.Condition, scope: Scope): string {
    switch (c.kind) {
      case 'Logical':
        return this.logical(c, scope);
      case 'Not':
        return `(NOT ${this.condition(c.operand, scope)})`;
      case 'ParenCondition':
        return `(${this.condition(c.condition, scope)})`;
      case 'Comparison':
        return this.comparison(c, scope);
      case 'Between':
        return `(${this.scalarOf(c.expr, scope)} ${c.not ? 'NOT ' : ''}BETWEEN ${this.scalarOf(c.low, scope)} AND ${this.scalarOf(c.high, scope)})`;
      case 'Like':
        return `(${this.scalarOf(c.expr, scope)} ${c.not ? 'NOT ' : ''}${c.caseInsensitive ? 'ILIKE' : 'LIKE'} ${this.scalarOf(c.pattern, scope)})`;
      case 'InList':
        return `(${this.scalarOf(c.expr, scope)} ${c.not ? 'NOT ' : ''}IN (${c.values.map((v) => this.scalarOf(v, scope)).join(', ')}))`;
      case 'InSubquery':
        return `(${this.scalarOf(c.expr, scope)} ${c.not ? 'NOT ' : ''}IN (${this.query(c.query, scope).sql}))`;
      case 'Exists':
        return `(EXISTS (${this.query(c.query, scope).sql}))`;
      case 'IsNull':
        return `(${this.scalarOf(c.expr, scope)} IS ${c.not ? 'NOT ' : ''}NULL)`;
    }
  }

  /**
   * AND/OR trees with an explicit stack: each run of one operator is one parenthesised flat list
   * (`(a OR b OR c)`), so chains of any length neither recurse here nor nest in the SQL.
   */
  private logical(root: A.Logical, scope: Scope): string {
    const out: string[] = [];
    const work: Array<string | A.Condition> = [root];
    while (work.length > 0) {
      const item = work.pop()!;
      if (typeof item === 'string') out.push(item);
      else if (item.kind !== 'Logical') out.push(this.condition(item, scope));
      else {
        const operands = sameOperatorOperands(item);
        // pushed in reverse: the stack pops them in reading order
        work.push(')');
        for (let i = operands.length - 1; i >= 0; i--) {
          work.push(operands[i]!);
          if (i > 0) work.push(` ${item.op} `);
        }
        work.push('(');
      }
    }
    return out.join('');
  }

  private comparison(c: A.Comparison, scope: Scope): string {
    const op = c.op === '!=' ? '<>' : c.op;
    // CONTAINS(...) = 1 / INTERSECTS(...) = 0 and their mirrors: plain boolean conditions.
    const left = this.value(c.left, scope);
    const right = this.value(c.right, scope);
    for (const [pred, other] of [
      [left, right],
      [right, left],
    ] as const) {
      if (pred.kind === 'predicate' && other.kind === 'scalar' && other.constant !== undefined && (op === '=' || op === '<>')) {
        const truth = (other.constant.value === 1) === (op === '=');
        if (other.constant.value !== 0 && other.constant.value !== 1) return 'FALSE';
        return `(${condSql(truth ? pred.cond : not(pred.cond))})`;
      }
    }
    // DISTANCE(p, q) < r: a cone test with a bounding prefilter (DaCHS rewrites it the same way).
    const distance = distanceComparison(c, this, scope);
    if (distance !== undefined) return `(${condSql(distance)})`;
    return `(${scalarSql(left)} ${op} ${scalarSql(right)})`;
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  private scalarOf(e: A.ValueExpression, scope: Scope): string {
    return scalarSql(this.value(e, scope));
  }

  value(e: A.ValueExpression, scope: Scope): Value {
    switch (e.kind) {
      case 'NumericLiteral':
        return { kind: 'scalar', sql: numericLiteral(e), constant: literalConstant(e) };
      case 'StringLiteral':
        return { kind: 'scalar', sql: `'${e.value.replace(/'/g, "''")}'` };
      case 'Null':
        return { kind: 'scalar', sql: 'NULL' };
      case 'ColumnRef':
        return this.columnRef(e, scope);
      case 'Paren': {
        const inner = this.value(e.expr, scope);
        return inner.kind === 'scalar' ? { ...inner, sql: `(${inner.sql})` } : inner;
      }
      case 'Unary': {
        const inner = this.value(e.operand, scope);
        const s = scalarSql(inner);
        const c = inner.kind === 'scalar' ? inner.constant : undefined;
        const constant = c !== undefined && e.op === '-' ? { value: -c.value, integral: c.integral } : c;
        return { kind: 'scalar', sql: `(${e.op}${s})`, ...(constant !== undefined ? { constant } : {}) };
      }
      case 'Binary':
        return this.arithmetic(e, scope);
      case 'Aggregate':
        return translateAggregate(e, this, scope);
      case 'FunctionCall':
        return translateFunctionCall(e, this, scope);
      case 'GeometryCall':
        return translateGeometryCall(e, this, scope);
      case 'UserFunctionCall':
        return translateUserFunctionCall(e, this, scope);
      case 'Cast':
        return translateCast(e, this, scope);
    }
  }

  /**
   * `a + b - c ...` nests on the left; the run of one precedence level is one parenthesised flat
   * list, evaluated left to right as the tree is (a right operand of the same level keeps its own
   * parentheses). A loop, so chains of any length are safe here and in DuckDB.
   */
  private arithmetic(root: A.Binary, scope: Scope): Value {
    const level = BINARY_LEVEL[root.op];
    const spine: A.Binary[] = [];
    let bottom: A.ValueExpression = root;
    while (bottom.kind === 'Binary' && BINARY_LEVEL[bottom.op] === level) {
      spine.push(bottom);
      bottom = bottom.left;
    }
    const first = this.value(bottom, scope);
    const parts = [scalarSql(first)];
    let constant = first.kind === 'scalar' ? first.constant : undefined;
    for (let i = spine.length - 1; i >= 0; i--) {
      const op = spine[i]!.op;
      const r = this.value(spine[i]!.right, scope);
      parts.push(` ${op} `, scalarSql(r));
      const rc = r.kind === 'scalar' ? r.constant : undefined;
      constant = constant !== undefined && rc !== undefined ? foldConstant(op, constant, rc) : undefined;
    }
    const out: Value = { kind: 'scalar', sql: `(${parts.join('')})` };
    if (constant !== undefined) out.constant = constant;
    return out;
  }

  private columnRef(e: A.ColumnRef, scope: Scope): Value {
    const column = scope.resolve(e);
    if (e.column.delimited && !column) {
      // DuckDB matches names case-insensitively; ADQL delimited identifiers are case-sensitive.
      const loose = scope.resolve({ ...e, column: { ...e.column, delimited: false } });
      if (loose && loose.name !== e.column.name) {
        throw new TranslateError(
          `column "${e.column.name}" not found (delimited identifiers are case-sensitive; the column is "${loose.name}")`,
          e.range,
        );
      }
    }
    const qualifier = e.table ? `${this.qualifier(e.table, scope)}.` : '';
    const sql = `${qualifier}${quote(column?.name ?? e.column.name)}`;
    return column ? { kind: 'scalar', sql, column } : { kind: 'scalar', sql };
  }
}

function numericLiteral(e: A.NumericLiteral): string {
  // DuckDB reads 1.5 as DECIMAL; ADQL approximate numbers are doubles, so say so for anything non-integral.
  return /^[0-9]+$/.test(e.text) ? e.text : `CAST(${e.text} AS DOUBLE)`;
}

function defaultName(e: A.ValueExpression): string {
  const inner = unparen(e);
  switch (inner.kind) {
    case 'ColumnRef':
      return inner.column.name;
    case 'Aggregate':
      return inner.name.toLowerCase();
    case 'FunctionCall':
      return inner.name.toLowerCase();
    case 'GeometryCall':
      return inner.name.toLowerCase();
    case 'UserFunctionCall':
      return inner.name.name;
    case 'Cast':
      return defaultName(inner.expr);
    default:
      return 'expr';
  }
}

function asColumnInfo(c: OutputColumn): ColumnInfo {
  const info: ColumnInfo = { ...(c.source ?? {}), name: c.name };
  if (c.xtype) info.xtype = c.xtype;
  return info;
}

function limitClause(limit: number | undefined, offset: number | undefined): string {
  return `${limit !== undefined ? ` LIMIT ${limit}` : ''}${offset !== undefined ? ` OFFSET ${offset}` : ''}`;
}

/** Operators of one precedence level, which SQL evaluates left to right. */
const BINARY_LEVEL: Record<A.Binary['op'], number> = { '||': 1, '+': 2, '-': 2, '*': 3, '/': 3 };

/** The operands of the maximal run of `root.op` under root, in order (explicit stack). */
function sameOperatorOperands(root: A.Logical): A.Condition[] {
  const out: A.Condition[] = [];
  const stack: A.Condition[] = [root];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c.kind === 'Logical' && c.op === root.op) stack.push(c.right, c.left);
    else out.push(c);
  }
  return out;
}
