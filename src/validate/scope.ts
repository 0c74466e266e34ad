/**
 * Name scopes: the relations (tables, uploads, derived tables, CTEs) a SELECT can see, and the
 * resolution of column names against them, innermost scope first (correlated subqueries see the
 * scopes of the queries around them).
 */
import { columnPart, type ServiceSchema, type TableEntry } from '../schema/catalog.js';
import type { ColumnMeta } from '../schema/model.js';
import { foldName, formatIdentifier, identifierMatches, type NamePart } from '../schema/names.js';
import type { SourceRange } from './adql.js';
import { columnType, type ValueType } from './types.js';

/** What the validator knows about a value: its type and, where derivable, unit, UCD, description. */
export interface ExprInfo {
  type: ValueType;
  unit?: string;
  ucd?: string;
  description?: string;
  /** The column it comes straight from, if any. */
  column?: ColumnMeta;
  /** The schema table of `column`, when it comes from one. */
  table?: string;
  /** A name the output column would naturally get (column name, function name). */
  name?: string;
  /** Numeric or string literal value (for 0/1 and timestamp checks). */
  literal?: number | string;
}

export interface RelColumn {
  part: NamePart;
  info: ExprInfo;
}

export type OpenReason = 'undeclared-upload' | 'not-loaded' | 'unknown-table' | 'no-schema';

let nextRelationId = 1;

export class Relation {
  readonly id = nextRelationId++;
  private index: Map<string, RelColumn[]> | undefined;
  private list: RelColumn[] | undefined;

  constructor(
    readonly kind: 'table' | 'upload' | 'derived' | 'cte',
    /** The name the query uses for it: alias, else the table name's last part. */
    readonly exposed: NamePart,
    readonly display: string,
    readonly range: SourceRange | undefined,
    private readonly source:
      | { kind: 'schema'; schema: ServiceSchema; table: TableEntry }
      | { kind: 'columns'; columns: RelColumn[] }
      | { kind: 'open'; reason: OpenReason },
    /** The schema part when exposed by an unaliased qualified table name. */
    readonly exposedSchema?: NamePart,
    readonly aliased = false,
    readonly table?: TableEntry,
  ) {}

  /** Columns unknown (undeclared upload, lazy table not loaded, unknown table)? */
  get open(): boolean {
    return this.source.kind === 'open';
  }

  get openReason(): OpenReason | undefined {
    return this.source.kind === 'open' ? this.source.reason : undefined;
  }

  columns(): RelColumn[] {
    if (this.list !== undefined) return this.list;
    const s = this.source;
    if (s.kind === 'columns') this.list = s.columns;
    else if (s.kind === 'open') this.list = [];
    else this.list = (s.schema.columns(s.table) ?? []).map((m) => relColumn(m, columnPart(m), s.table));
    return this.list;
  }

  find(part: NamePart): RelColumn[] {
    const s = this.source;
    // schema tables use the schema's persistent per-table index: no per-query allocation
    if (s.kind === 'schema') return s.schema.findColumns(s.table, part).map((c) => relColumn(c.meta, c.part, s.table));
    if (this.index === undefined) {
      this.index = new Map();
      for (const c of this.columns()) {
        const key = foldName(c.part.name);
        const l = this.index.get(key);
        if (l === undefined) this.index.set(key, [c]);
        else l.push(c);
      }
    }
    return (this.index.get(foldName(part.name)) ?? []).filter((c) => identifierMatches(part, c.part));
  }

  /** Columns that differ only in case from a delimited name (for case-mismatch messages). */
  findIgnoringCase(part: NamePart): RelColumn[] {
    const s = this.source;
    if (s.kind === 'schema') return s.schema.findColumnsIgnoringCase(s.table, part.name).map((c) => relColumn(c.meta, c.part, s.table));
    if (this.index === undefined) this.find(part);
    return this.index?.get(foldName(part.name)) ?? [];
  }

  /** How the query should write a qualifier for this relation. */
  get qualifierText(): string {
    return formatIdentifier(this.exposed);
  }
}

const relColumns = new WeakMap<ColumnMeta, RelColumn>();

/** The (shared, immutable) RelColumn of a metadata column. */
/** A schema table's column (cached per column: a column belongs to one table). */
function relColumn(meta: ColumnMeta, part: NamePart, table: TableEntry): RelColumn {
  let rc = relColumns.get(meta);
  if (rc === undefined) {
    rc = { part, info: { ...infoFromColumn(meta), table: table.meta.name } };
    relColumns.set(meta, rc);
  }
  return rc;
}

export function infoFromColumn(meta: ColumnMeta): ExprInfo {
  const info: ExprInfo = { type: columnType(meta), column: meta, name: meta.name };
  if (meta.unit !== undefined && meta.unit !== '') info.unit = meta.unit;
  if (meta.ucd !== undefined && meta.ucd !== '') info.ucd = meta.ucd;
  if (meta.description !== undefined && meta.description !== '') info.description = meta.description;
  return info;
}

/** A common table expression visible to a query. */
export interface CteDef {
  name: NamePart;
  columns: RelColumn[];
  range: SourceRange | undefined;
}

export class CteEnv {
  private readonly defs = new Map<string, CteDef>();
  constructor(readonly parent?: CteEnv) {}
  add(def: CteDef): void {
    this.defs.set(foldName(def.name.name), def);
  }
  has(part: NamePart): boolean {
    const d = this.defs.get(foldName(part.name));
    return d !== undefined && identifierMatches(part, d.name);
  }
  lookup(part: NamePart): CteDef | undefined {
    const d = this.defs.get(foldName(part.name));
    if (d !== undefined && identifierMatches(part, d.name)) return d;
    return this.parent?.lookup(part);
  }
  ownHas(part: NamePart): boolean {
    return this.has(part);
  }
}

/** The names a query block sees: its FROM relations, then the enclosing blocks' (correlation). */
export class Scope {
  readonly relations: Relation[] = [];
  /** Columns merged by NATURAL JOIN / USING: unqualified references to them are not ambiguous. */
  readonly merged = new Map<string, { part: NamePart; column: RelColumn; relation: Relation }>();
  /** FROM could not be read (syntax error): do not report unknown columns. */
  unreliable = false;

  constructor(readonly parent?: Scope) {}

  hasOpenRelation(): boolean {
    return this.relations.some((r) => r.open);
  }
}
