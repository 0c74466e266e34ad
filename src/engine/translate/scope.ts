/** The tables and common table expressions a query block can see, and how column references resolve in them. */
import { foldName, identifierMatches } from '../../adql/index.js';
import type * as A from '../../adql/index.js';
import type { ColumnInfo } from './catalog.js';

/** Does an identifier written in the query denote this stored (regular) name? ADQL's rule (adql/names.ts). */
export const namesMatch = (id: A.Identifier, stored: string): boolean => identifierMatches(id, { name: stored, delimited: false });

export interface ScopeTable {
  /** Names the table answers to as a qualifier (alias, or its own name). */
  alias?: A.Identifier;
  table?: string;
  schema?: string;
  /** Undefined when not known (then any column name is accepted). */
  columns?: ColumnInfo[];
  /** Engine-internal columns added to the table (crossmatch cells), left out of `*`. */
  hidden?: string[];
}

export class Scope {
  readonly tables: ScopeTable[] = [];
  constructor(
    readonly parent: Scope | undefined,
    /** Common table expressions by folded name. */
    readonly ctes: Map<string, ColumnInfo[] | undefined>,
  ) {}

  /** The columns of the common table expression `name` (undefined when unknown), or null when there is none. */
  findCte(name: string): ColumnInfo[] | undefined | null {
    const key = foldName(name);
    for (let s: Scope | undefined = this; s; s = s.parent) if (s.ctes.has(key)) return s.ctes.get(key);
    return null;
  }

  /** The column a reference names, searching outwards for correlated subqueries. */
  resolve(ref: A.ColumnRef): ColumnInfo | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      for (const t of s.tables) {
        if (ref.table && !qualifierMatches(ref.table, t)) continue;
        const c = t.columns?.find((col) => namesMatch(ref.column, col.name));
        if (c) return c;
      }
    }
    return undefined;
  }
}

/** Does a qualifier written in the query (`t.`, `zcat.main.`) name this table of the scope? */
export function qualifierMatches(q: A.TableName, t: ScopeTable): boolean {
  if (t.alias) return !q.schema && namesMatch(q.table, t.alias.name);
  if (!t.table || !namesMatch(q.table, t.table)) return false;
  return !q.schema || (t.schema !== undefined && namesMatch(q.schema, t.schema));
}
