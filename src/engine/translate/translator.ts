/**
 * ADQL AST -> DuckDB SQL with ADQL semantics. One function per AST node kind. Geometry is compiled
 * structurally (see sphere.ts): a POINT/CIRCLE/POLYGON/BOX in the query becomes a shape whose
 * coordinates are SQL scalars, and CONTAINS/INTERSECTS/DISTANCE become plain arithmetic conditions with
 * a cheap bounding prefilter in front.
 *
 * Engine session settings the SQL relies on (set by the engine): integer_division=true (7/2 = 3 as in
 * PostgreSQL) and default_null_order='nulls_last_on_asc_first_on_desc' (PostgreSQL's NULL ordering).
 */
import type * as A from '../../adql/ast.js';
import { type Catalog, type ColumnInfo, type GeometryXtype, type TableInfo, geometryOf } from './catalog.js';
import { CellGrid, type CrossmatchPlan, planCrossmatch } from './crossmatch.js';
import { TranslateError } from './errors.js';
import * as S from './sphere.js';
import { type Cond, type Num, condSql, not, sql as numSql } from './sql-num.js';
import { UnitError, conversionFactor } from './units.js';

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

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const eqName = (id: A.Identifier, name: string): boolean =>
  id.delimited ? id.name === name : id.name.toLowerCase() === name.toLowerCase();

interface ScopeTable {
  /** Names the table answers to as a qualifier (alias, or its own name). */
  alias?: A.Identifier;
  table?: string;
  schema?: string;
  /** Undefined when not known (then any column name is accepted). */
  columns?: ColumnInfo[];
  /** Engine-internal columns added to the table (crossmatch cells), left out of `*`. */
  hidden?: string[];
}

class Scope {
  readonly tables: ScopeTable[] = [];
  constructor(
    readonly parent: Scope | undefined,
    readonly ctes: Map<string, ColumnInfo[] | undefined>,
  ) {}

  findCte(name: string): ColumnInfo[] | undefined | null {
    const key = name.toLowerCase();
    for (let s: Scope | undefined = this; s; s = s.parent) if (s.ctes.has(key)) return s.ctes.get(key);
    return null;
  }

  /** The column a reference names, searching outwards for correlated subqueries. */
  resolve(ref: A.ColumnRef): ColumnInfo | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      for (const t of s.tables) {
        if (ref.table && !qualifierMatches(ref.table, t)) continue;
        const c = t.columns?.find((col) => eqName(ref.column, col.name));
        if (c) return c;
      }
    }
    return undefined;
  }
}

function qualifierMatches(q: A.TableName, t: ScopeTable): boolean {
  if (t.alias) return !q.schema && eqName(q.table, t.alias.name);
  if (!t.table || !eqName(q.table, t.table)) return false;
  return !q.schema || (t.schema !== undefined && eqName(q.schema, t.schema));
}

/** A translated value: a scalar SQL expression, a geometry, or a geometric predicate (0/1 in ADQL). */
type Value =
  | { kind: 'scalar'; sql: string; column?: ColumnInfo; constant?: number }
  | { kind: 'shape'; shape: S.Shape }
  | { kind: 'predicate'; cond: Cond };

export function translate(query: A.QueryExpression, options: TranslateOptions): Translation {
  return new Translator(options).run(query);
}

class Translator {
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
        ctes.set(cte.name.name.toLowerCase(), inner.columns.map(asColumnInfo));
        return `${quote(cte.name.name)} AS (${inner.sql})`;
      });
      withSql = `WITH ${parts.join(', ')} `;
    }
    const body = q.kind === 'Select' ? this.select(q, scope, rowLimit) : this.setOperation(q, scope, rowLimit);
    return { sql: withSql + body.sql, columns: body.columns };
  }

  private setOperation(q: A.SetOperation, scope: Scope, rowLimit?: number) {
    const left = this.query(q.left, scope);
    const right = this.query(q.right, scope);
    let sql = `(${left.sql}) ${q.op}${q.all ? ' ALL' : ''} (${right.sql})`;
    sql += this.orderBy(q.orderBy, scope);
    sql += limitClause(rowLimit, q.offset);
    return { sql, columns: left.columns };
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
      const seen = used.get(name.toLowerCase()) ?? 0;
      used.set(name.toLowerCase(), seen + 1);
      if (seen > 0 && !item.alias) name = `${name}_${seen}`;
      const out: OutputColumn = { name };
      if (value.kind === 'scalar' && value.column && item.expr.kind === 'ColumnRef') out.source = value.column;
      if (value.kind === 'shape') out.xtype = value.shape.type;
      else if (value.kind === 'scalar' && value.column && geometryOf(value.column)) out.xtype = geometryOf(value.column);
      columns.push(out);
      return `${this.scalar(value)} AS ${quote(name)}`;
    });
    let sql = `SELECT ${q.quantifier === 'DISTINCT' ? 'DISTINCT ' : ''}${items.join(', ')}`;
    if (from) sql += ` FROM ${from}`;
    if (q.where) sql += ` WHERE ${this.condition(q.where, scope)}`;
    if (q.groupBy?.length) sql += ` GROUP BY ${q.groupBy.map((g) => this.scalar(this.value(g, scope))).join(', ')}`;
    if (q.having) sql += ` HAVING ${this.condition(q.having, scope)}`;
    sql += this.orderBy(q.orderBy, scope);
    const limits = [q.top, rowLimit].filter((n): n is number => n !== undefined);
    sql += limitClause(limits.length ? Math.min(...limits) : undefined, q.offset);
    return { sql, columns };
  }

  private orderBy(items: A.OrderItem[] | undefined, scope: Scope): string {
    if (!items?.length) return '';
    return ` ORDER BY ${items
      .map((o) => `${o.expr.kind === 'NumericLiteral' ? o.expr.text : this.scalar(this.value(o.expr, scope))}${o.direction ? ` ${o.direction}` : ''}`)
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
    return parts.map((p) => quote(p.name)).slice(-1).join('.');
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
          const cellMatch = plan && cell ? `${this.cellOf(plan, scope)} = ${quote((t.right as A.TableRef).alias?.name ?? (t.right as A.TableRef).name.table.name)}.${quote(cell)} AND ` : '';
          cond = ` ON ${cellMatch}${this.condition(t.condition.condition, scope)}`;
        }
        else if (t.condition?.kind === 'JoinUsing') cond = ` USING (${t.condition.columns.map((c) => quote(c.name)).join(', ')})`;
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
      scope.tables[scope.tables.length - 1]!.hidden = [cell];
      return `(${new CellGrid(plan.radius).expand(from, quote(plan.right.lon), quote(plan.right.lat), cell)}) AS ${alias}`;
    };
    if (!name.schema && !name.catalog) {
      const cte = scope.findCte(name.table.name);
      if (cte !== null) {
        scope.tables.push({ alias: t.alias, table: name.table.name, columns: cte });
        return crossmatch ? expand(quote(name.table.name)) : quote(name.table.name) + (t.alias ? ` AS ${alias}` : '');
      }
    }
    const info = this.options.catalog.findTable(name.schema?.name, name.table.name, {
      schema: name.schema?.delimited ?? false,
      table: name.table.delimited,
    });
    if (!info) {
      const full = [name.catalog, name.schema, name.table].filter(Boolean).map((i) => i!.name).join('.');
      throw new TranslateError(`table ${full} not found`, name.range ?? t.range);
    }
    this.tables.set(info, true);
    const entry: ScopeTable = { table: info.name, columns: info.columns };
    if (t.alias) entry.alias = t.alias;
    if (info.schema !== undefined) entry.schema = info.schema;
    scope.tables.push(entry);
    // Always alias: a qualifier like zcat.main.ra then resolves through the bare table name.
    return expand(info.sql);
  }

  // ---------------------------------------------------------------------------------------------
  // Conditions

  private condition(c: A.Condition, scope: Scope): string {
    switch (c.kind) {
      case 'Logical':
        return `(${this.condition(c.left, scope)} ${c.op} ${this.condition(c.right, scope)})`;
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

  private comparison(c: A.Comparison, scope: Scope): string {
    const op = c.op === '!=' ? '<>' : c.op;
    // CONTAINS(...) = 1 / INTERSECTS(...) = 0 and their mirrors: plain boolean conditions.
    const left = this.value(c.left, scope);
    const right = this.value(c.right, scope);
    for (const [pred, other] of [[left, right], [right, left]] as const) {
      if (pred.kind === 'predicate' && other.kind === 'scalar' && other.constant !== undefined && (op === '=' || op === '<>')) {
        const truth = (other.constant === 1) === (op === '=');
        if (other.constant !== 0 && other.constant !== 1) return 'FALSE';
        return `(${condSql(truth ? pred.cond : not(pred.cond))})`;
      }
    }
    // DISTANCE(p, q) < r: a cone test with a bounding prefilter (DaCHS rewrites it the same way).
    const distance = this.distanceComparison(c, scope);
    if (distance !== undefined) return `(${condSql(distance)})`;
    return `(${this.scalar(left)} ${op} ${this.scalar(right)})`;
  }

  private distanceComparison(c: A.Comparison, scope: Scope): Cond | undefined {
    const isDistance = (e: A.ValueExpression): e is A.GeometryCall => unparen(e).kind === 'GeometryCall' && (unparen(e) as A.GeometryCall).name === 'DISTANCE';
    let call: A.GeometryCall;
    let limit: A.ValueExpression;
    let op: string = c.op;
    if (isDistance(c.left)) {
      call = unparen(c.left) as A.GeometryCall;
      limit = c.right;
    } else if (isDistance(c.right)) {
      call = unparen(c.right) as A.GeometryCall;
      limit = c.left;
      op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
    } else return undefined;
    if (!['<', '<=', '>', '>='].includes(op)) return undefined;
    const [p, q] = this.distancePoints(call, scope);
    const r = this.num(this.value(limit, scope));
    const inside = S.pointInCircle(p, { type: 'circle', center: q, radius: r }, op === '<' || op === '<=');
    return op === '<' || op === '<=' ? inside : not(inside);
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  private scalarOf(e: A.ValueExpression, scope: Scope): string {
    return this.scalar(this.value(e, scope));
  }

  private scalar(v: Value): string {
    switch (v.kind) {
      case 'scalar':
        return v.sql;
      case 'predicate':
        return `CAST(${condSql(v.cond)} AS INTEGER)`;
      case 'shape':
        return shapeSql(v.shape);
    }
  }

  private value(e: A.ValueExpression, scope: Scope): Value {
    switch (e.kind) {
      case 'NumericLiteral':
        return { kind: 'scalar', sql: numericLiteral(e), constant: e.value };
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
        const s = this.scalar(inner);
        const constant = inner.kind === 'scalar' && inner.constant !== undefined ? (e.op === '-' ? -inner.constant : inner.constant) : undefined;
        return { kind: 'scalar', sql: `(${e.op}${s})`, ...(constant !== undefined ? { constant } : {}) };
      }
      case 'Binary': {
        const l = this.value(e.left, scope);
        const r = this.value(e.right, scope);
        const out: Value = { kind: 'scalar', sql: `(${this.scalar(l)} ${e.op} ${this.scalar(r)})` };
        if (l.kind === 'scalar' && r.kind === 'scalar' && l.constant !== undefined && r.constant !== undefined && e.op !== '||') {
          const folded = fold(e.op, l.constant, r.constant);
          if (folded !== undefined) out.constant = folded;
        }
        return out;
      }
      case 'Aggregate': {
        const arg = e.arg.kind === 'Star' ? '*' : this.scalarOf(e.arg, scope);
        return { kind: 'scalar', sql: `${e.name}(${e.quantifier === 'DISTINCT' ? 'DISTINCT ' : ''}${arg})` };
      }
      case 'FunctionCall':
        return this.functionCall(e, scope);
      case 'GeometryCall':
        return this.geometryCall(e, scope);
      case 'UserFunctionCall': {
        const udf = USER_FUNCTIONS[e.name.name.toLowerCase()];
        if (!udf) {
          const known = Object.keys(USER_FUNCTIONS).join(', ');
          throw new TranslateError(`unknown function ${e.name.name}; the local engine's user-defined functions are ${known}`, e.range);
        }
        if (e.args.length !== udf.arity) throw new TranslateError(`${e.name.name} takes ${udf.arity} arguments, got ${e.args.length}`, e.range);
        return { kind: 'scalar', sql: udf.sql(e.args.map((a) => this.scalarOf(a, scope))) };
      }
      case 'Cast':
        return this.cast(e, scope);
    }
  }

  private columnRef(e: A.ColumnRef, scope: Scope): Value {
    const column = scope.resolve(e);
    if (e.column.delimited && !column) {
      // DuckDB matches names case-insensitively; ADQL delimited identifiers are case-sensitive.
      const loose = scope.resolve({ ...e, column: { ...e.column, delimited: false } });
      if (loose && loose.name !== e.column.name) {
        throw new TranslateError(`column "${e.column.name}" not found (delimited identifiers are case-sensitive; the column is "${loose.name}")`, e.range);
      }
    }
    const qualifier = e.table ? `${this.qualifier(e.table, scope)}.` : '';
    const sql = `${qualifier}${quote(column?.name ?? e.column.name)}`;
    return column ? { kind: 'scalar', sql, column } : { kind: 'scalar', sql };
  }

  private functionCall(e: A.FunctionCall, scope: Scope): Value {
    const args = e.args.map((a) => this.value(a, scope));
    const s = args.map((a) => this.scalar(a));
    const call = (name: string, list = s) => ({ kind: 'scalar' as const, sql: `${name}(${list.join(', ')})` });
    switch (e.name) {
      case 'CEILING': return call('ceil');
      case 'LOG': return call('ln');
      case 'LOG10': return call('log10');
      case 'POWER': return call('pow');
      case 'RAND': return call('random', []);
      case 'MOD': return { kind: 'scalar', sql: `(${s[0]} % ${s[1]})` };
      case 'ROUND':
        return s.length > 1 ? call('round', [s[0]!, `CAST(${s[1]} AS INTEGER)`]) : call('round');
      case 'TRUNCATE':
        return s.length > 1
          ? { kind: 'scalar', sql: `(trunc(${s[0]} * pow(10, ${s[1]})) / pow(10, ${s[1]}))` }
          : call('trunc');
      case 'IN_UNIT':
        return this.inUnit(e, args, scope);
      default:
        return call(e.name.toLowerCase());
    }
  }

  private inUnit(e: A.FunctionCall, args: Value[], scope: Scope): Value {
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
      return { kind: 'scalar', sql: `(${this.scalar(value)} * ${numSql(factor)})` };
    } catch (err) {
      if (err instanceof UnitError) throw new TranslateError(`IN_UNIT: ${err.message}`, targetNode.range ?? e.range);
      throw err;
    }
  }

  private cast(e: A.Cast, scope: Scope): Value {
    const v = this.value(e.expr, scope);
    const t = e.type;
    if (t.name === 'POINT' || t.name === 'CIRCLE' || t.name === 'POLYGON') {
      if (v.kind === 'shape' && v.shape.type === t.name.toLowerCase()) return v;
      throw new TranslateError(`CAST to ${t.name} is not supported by the local engine`, e.range);
    }
    const target: Record<string, string> = {
      CHAR: 'VARCHAR', VARCHAR: 'VARCHAR', SMALLINT: 'SMALLINT', INTEGER: 'INTEGER', BIGINT: 'BIGINT',
      REAL: 'FLOAT', 'DOUBLE PRECISION': 'DOUBLE', TIMESTAMP: 'TIMESTAMP',
    };
    let sql = `CAST(${this.scalar(v)} AS ${target[t.name]})`;
    if (t.length !== undefined && (t.name === 'CHAR' || t.name === 'VARCHAR')) {
      sql = t.name === 'CHAR' ? `rpad(left(${sql}, ${t.length}), ${t.length}, ' ')` : `left(${sql}, ${t.length})`;
    }
    return { kind: 'scalar', sql };
  }

  // ---------------------------------------------------------------------------------------------
  // Geometry

  private geometryCall(e: A.GeometryCall, scope: Scope): Value {
    const geometry = (fn: () => Value): Value => {
      try {
        return fn();
      } catch (err) {
        if (err instanceof S.GeometryError) throw new TranslateError(`${e.name}: ${err.message}`, e.range);
        throw err;
      }
    };
    return geometry(() => {
      const arg = (i: number) => {
        const a = e.args[i];
        if (!a) throw new TranslateError(`${e.name} needs more arguments`, e.range);
        return this.value(a, scope);
      };
      switch (e.name) {
        case 'POINT':
          this.arity(e, 2);
          return { kind: 'shape', shape: { type: 'point', lon: this.num(arg(0)), lat: this.num(arg(1)) } };
        case 'CIRCLE': {
          if (e.args.length === 2) return { kind: 'shape', shape: { type: 'circle', center: this.point(arg(0), e), radius: this.num(arg(1)) } };
          this.arity(e, 3);
          const center: S.SkyPoint = { type: 'point', lon: this.num(arg(0)), lat: this.num(arg(1)) };
          return { kind: 'shape', shape: { type: 'circle', center, radius: this.num(arg(2)) } };
        }
        case 'BOX': {
          if (e.args.length === 3) throw new TranslateError('BOX with a POINT centre is not supported; use BOX(ra, dec, width, height)', e.range);
          this.arity(e, 4);
          const [x, y, w, h] = [0, 1, 2, 3].map((i) => this.num(arg(i))) as [Num, Num, Num, Num];
          return { kind: 'shape', shape: box(x, y, w, h) };
        }
        case 'POLYGON': {
          const values = e.args.map((_, i) => arg(i));
          const vertices: S.SkyPoint[] = values.every((v) => v.kind === 'shape')
            ? values.map((v) => this.point(v, e))
            : pairs(values.map((v) => this.num(v)), e);
          if (vertices.length < 3) throw new TranslateError('POLYGON needs at least three vertices', e.range);
          return { kind: 'shape', shape: { type: 'polygon', vertices } };
        }
        case 'DISTANCE': {
          const [p, q] = this.distancePoints(e, scope);
          return { kind: 'scalar', sql: numSql(S.distance(p, q)) };
        }
        case 'CONTAINS':
        case 'INTERSECTS': {
          this.arity(e, 2);
          const a = this.shape(arg(0), e);
          const b = this.shape(arg(1), e);
          return { kind: 'predicate', cond: e.name === 'CONTAINS' ? S.contains(a, b) : S.intersects(a, b) };
        }
        case 'AREA':
          return { kind: 'scalar', sql: numSql(S.area(this.shape(arg(0), e))) };
        case 'CENTROID':
          return { kind: 'shape', shape: S.centroid(this.shape(arg(0), e)) };
        case 'COORD1':
          return { kind: 'scalar', sql: numSql(S.normalizedLon(this.point(arg(0), e).lon)) };
        case 'COORD2':
          return { kind: 'scalar', sql: numSql(this.point(arg(0), e).lat) };
        case 'COORDSYS':
          return { kind: 'scalar', sql: `'ICRS'` };
        case 'REGION':
          throw new TranslateError('REGION is not supported by the local engine: write the shape with POINT, CIRCLE, BOX or POLYGON', e.range);
      }
    });
  }

  private distancePoints(e: A.GeometryCall, scope: Scope): [S.SkyPoint, S.SkyPoint] {
    const v = e.args.map((a) => this.value(a, scope));
    if (v.length === 4) {
      const [a, b, c, d] = v.map((x) => this.num(x)) as [Num, Num, Num, Num];
      return [{ type: 'point', lon: a, lat: b }, { type: 'point', lon: c, lat: d }];
    }
    if (v.length !== 2) throw new TranslateError('DISTANCE takes two points or four numbers', e.range);
    return [this.point(v[0]!, e), this.point(v[1]!, e)];
  }

  private arity(e: A.GeometryCall, n: number): void {
    if (e.args.length !== n) throw new TranslateError(`${e.name} takes ${n} arguments, got ${e.args.length}`, e.range);
  }

  private num(v: Value): Num {
    if (v.kind !== 'scalar') throw new TranslateError('a number was expected here, not a geometry');
    return v.constant !== undefined ? v.constant : `(${v.sql})`;
  }

  private shape(v: Value, e: A.GeometryCall): S.Shape {
    if (v.kind === 'shape') return v.shape;
    const xtype = v.kind === 'scalar' ? geometryOf(v.column) : undefined;
    if (v.kind === 'scalar' && xtype === 'point') return { type: 'point', lon: `${v.sql}[1]`, lat: `${v.sql}[2]` };
    if (v.kind === 'scalar' && xtype === 'circle') {
      return { type: 'circle', center: { type: 'point', lon: `${v.sql}[1]`, lat: `${v.sql}[2]` }, radius: `${v.sql}[3]` };
    }
    if (xtype === 'polygon') throw new TranslateError(`${e.name} on polygon-valued columns is not supported by the local engine`, e.range);
    throw new TranslateError(`${e.name} needs geometry arguments (POINT, CIRCLE, BOX, POLYGON or a geometry column)`, e.range);
  }

  private point(v: Value, e: A.GeometryCall): S.SkyPoint {
    const s = this.shape(v, e);
    if (s.type !== 'point') throw new TranslateError(`${e.name} needs a POINT here, got a ${s.type.toUpperCase()}`, e.range);
    return s;
  }
}

// -----------------------------------------------------------------------------------------------

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
    sql: ([h, n]) => `CAST((' ' || lower(regexp_replace(${h}, '[^A-Za-z0-9]+', ' ', 'g')) || ' ') LIKE ('% ' || lower(${n}) || ' %') AS INTEGER)`,
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

function box(x: Num, y: Num, w: Num, h: Num): S.SkyPolygon {
  const half = (a: Num) => (typeof a === 'number' ? a / 2 : `((${a}) / 2)`);
  const off = (a: Num, b: Num, sign: 1 | -1): Num =>
    typeof a === 'number' && typeof b === 'number' ? a + sign * b : `(${numSql(a)} ${sign > 0 ? '+' : '-'} ${numSql(b)})`;
  const [hw, hh] = [half(w), half(h)];
  const corner = (sx: 1 | -1, sy: 1 | -1): S.SkyPoint => ({ type: 'point', lon: off(x, hw, sx), lat: off(y, hh, sy) });
  return { type: 'polygon', vertices: [corner(-1, -1), corner(-1, 1), corner(1, 1), corner(1, -1)] };
}

function pairs(nums: Num[], e: A.GeometryCall): S.SkyPoint[] {
  if (nums.length % 2 !== 0) throw new TranslateError('POLYGON needs coordinate pairs (an even number of numbers)', e.range);
  const out: S.SkyPoint[] = [];
  for (let i = 0; i < nums.length; i += 2) out.push({ type: 'point', lon: nums[i]!, lat: nums[i + 1]! });
  return out;
}

/** A geometry as the DOUBLE[] value DaCHS-style VOTables carry (point, circle, polygon xtypes). */
function shapeSql(s: S.Shape): string {
  const list = (items: Num[]) => `[${items.map((n) => `CAST(${numSql(n)} AS DOUBLE)`).join(', ')}]`;
  switch (s.type) {
    case 'point':
      return list([S.normalizedLon(s.lon), s.lat]);
    case 'circle':
      return list([S.normalizedLon(s.center.lon), s.center.lat, s.radius]);
    case 'polygon':
      return list(s.vertices.flatMap((v) => [S.normalizedLon(v.lon), v.lat]));
  }
}

function numericLiteral(e: A.NumericLiteral): string {
  // DuckDB reads 1.5 as DECIMAL; ADQL approximate numbers are doubles, so say so for anything non-integral.
  return /^[0-9]+$/.test(e.text) ? e.text : `CAST(${e.text} AS DOUBLE)`;
}

function fold(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? undefined : a / b;
  }
  return undefined;
}

function unparen(e: A.ValueExpression): A.ValueExpression {
  return e.kind === 'Paren' ? unparen(e.expr) : e;
}

function defaultName(e: A.ValueExpression): string {
  const inner = unparen(e);
  switch (inner.kind) {
    case 'ColumnRef': return inner.column.name;
    case 'Aggregate': return inner.name.toLowerCase();
    case 'FunctionCall': return inner.name.toLowerCase();
    case 'GeometryCall': return inner.name.toLowerCase();
    case 'UserFunctionCall': return inner.name.name;
    case 'Cast': return defaultName(inner.expr);
    default: return 'expr';
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
