/**
 * Name scopes: the relations (tables, uploads, derived tables, CTEs) a SELECT can see, and the
 * resolution of column names against them, innermost scope first (correlated subqueries see the
 * scopes of the queries around them).
 */
import type { ColumnEntry, ServiceSchema, TableColumns, TableEntry, ColumnMeta } from '../schema/index.js';
import { foldName, formatIdentifier, identifierMatches, type NamePart } from '../adql/index.js';
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
  private pinned: TableColumns | null | undefined;

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
    else this.list = (this.tableColumns()?.entries ?? []).map((c) => relColumn(c, s.table));
    return this.list;
  }

  find(part: NamePart): readonly RelColumn[] {
    // schema tables: the table's persistent index; the RelColumns are the query's own (they die young)
    const s = this.source;
    if (s.kind === 'schema') return relColumns(this.tableColumns()?.find(part), s.table);
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
  findIgnoringCase(part: NamePart): readonly RelColumn[] {
    const s = this.source;
    if (s.kind === 'schema') return relColumns(this.tableColumns()?.findIgnoringCase(part.name), s.table);
    if (this.index === undefined) this.find(part);
    return this.index?.get(foldName(part.name)) ?? [];
  }

  /** The schema table's columns, held for this query (a cache may drop them between queries). */
  private tableColumns(): TableColumns | undefined {
    const s = this.source;
    if (s.kind !== 'schema') return undefined;
    if (this.pinned === undefined) this.pinned = s.schema.tableColumns(s.table) ?? null;
    return this.pinned ?? undefined;
  }

  /** How the query should write a qualifier for this relation. */
  get qualifierText(): string {
    return formatIdentifier(this.exposed);
  }
}

const NO_COLUMNS: readonly RelColumn[] = [];

/** The RelColumns of schema columns: made per lookup, so they die young with the query. */
function relColumns(entries: readonly ColumnEntry[] | undefined, table: TableEntry): readonly RelColumn[] {
  return entries === undefined || entries.length === 0 ? NO_COLUMNS : entries.map((c) => relColumn(c, table));
}

function relColumn(c: ColumnEntry, table: TableEntry): RelColumn {
  return { part: c.part, info: infoFromColumn(c.meta, table.meta.name) };
}

export function infoFromColumn(meta: ColumnMeta, table?: string): ExprInfo {
  // one literal with every field: no property store grown field by field (columns are many)
  return {
    type: columnType(meta),
    column: meta,
    name: meta.name,
    table,
    unit: meta.unit || undefined,
    ucd: meta.ucd || undefined,
    description: meta.description || undefined,
  };
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
