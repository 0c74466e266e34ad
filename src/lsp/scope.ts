/**
 * What names a query declares, recovered from tokens so it works on half-typed text: table
 * references in FROM/JOIN (with aliases), derived-table aliases, CTE names and select-list aliases.
 * Editor features use it for completion, hover and go to definition.
 */
import { sameIdentifier, type NamePart } from '../adql/index.js';
import { CLAUSE_WORDS } from './builtins.js';
import { isName, type Token } from './tokens.js';

export type { NamePart };

export interface TableReference {
  /** Dotted name parts as written, e.g. [zcat, main]. Empty for derived tables. */
  parts: NamePart[];
  /** Alias token, when one was written. */
  alias?: Token;
  /** Range of the table name as written. */
  start: number;
  end: number;
  /** Paren depth of the FROM clause it belongs to. */
  depth: number;
  /** For CTE references and derived tables: the query's select aliases are its columns. */
  derived?: boolean;
}

export interface QueryScope {
  tables: TableReference[];
  /** CTE name tokens (WITH name AS (...)). */
  ctes: Token[];
  /** `expr AS alias` select-list aliases. */
  selectAliases: Token[];
}

function readDotted(tokens: Token[], i: number): { parts: NamePart[]; next: number; start: number; end: number } | undefined {
  const first = tokens[i];
  if (!isName(first)) return undefined;
  const parts: NamePart[] = [namePartOf(first)];
  let end = first.end;
  let j = i + 1;
  while (tokens[j]?.text === '.' && isName(tokens[j + 1])) {
    const t = tokens[j + 1]!;
    parts.push(namePartOf(t));
    end = t.end;
    j += 2;
  }
  return { parts, next: j, start: first.start, end };
}

export function analyseScope(tokens: Token[]): QueryScope {
  const scope: QueryScope = { tables: [], ctes: [], selectAliases: [] };
  let depth = 0;
  /** Paren depths at which we are inside a FROM clause (a comma there starts a new table ref). */
  const fromDepths = new Set<number>();
  const inSelectList = new Set<number>();
  /** Paren depths at which a WITH list is open (a comma there starts another CTE). */
  const withDepths = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') {
      depth++;
      continue;
    }
    if (t.text === ')') {
      fromDepths.delete(depth);
      inSelectList.delete(depth);
      depth--;
      // `(subquery) [AS] alias` inside FROM: a derived table.
      if (fromDepths.has(depth)) {
        let j = i + 1;
        if (tokens[j]?.upper === 'AS') j++;
        const alias = tokens[j];
        if (isName(alias) && !CLAUSE_WORDS.has(alias.upper)) {
          scope.tables.push({ parts: [], alias, start: alias.start, end: alias.end, depth, derived: true });
        }
      }
      continue;
    }
    if (t.type !== 'word' && t.text !== ',') continue;
    const u = t.upper;
    if (u === 'WITH' || (t.text === ',' && withDepths.has(depth))) {
      withDepths.add(depth);
      const name = tokens[i + 1];
      if (isName(name) && tokens[i + 2]?.upper === 'AS') scope.ctes.push(name);
      continue;
    }
    if (u === 'SELECT') {
      withDepths.delete(depth);
      inSelectList.add(depth);
      fromDepths.delete(depth);
      continue;
    }
    if (u === 'FROM' || u === 'JOIN' || (t.text === ',' && fromDepths.has(depth))) {
      if (u === 'FROM') {
        inSelectList.delete(depth);
        fromDepths.add(depth);
      }
      const ref = readDotted(tokens, i + 1);
      if (ref === undefined) continue;
      // `name(` is a function call, not a table.
      if (tokens[ref.next]?.text === '(') continue;
      let j = ref.next;
      if (tokens[j]?.upper === 'AS') j++;
      const alias = tokens[j];
      const table: TableReference = { parts: ref.parts, start: ref.start, end: ref.end, depth };
      if (isName(alias) && !CLAUSE_WORDS.has(alias.upper)) table.alias = alias;
      if (ref.parts.length === 1 && scope.ctes.some((c) => sameName(c, ref.parts[0]!))) table.derived = true;
      scope.tables.push(table);
      continue;
    }
    if (['WHERE', 'GROUP', 'ORDER', 'HAVING', 'UNION', 'INTERSECT', 'EXCEPT', 'OFFSET'].includes(u)) {
      fromDepths.delete(depth);
      inSelectList.delete(depth);
      continue;
    }
    if (u === 'AS' && inSelectList.has(depth)) {
      const alias = tokens[i + 1];
      if (isName(alias)) scope.selectAliases.push(alias);
    }
  }
  return scope;
}

/** A name token as a name part. */
export function namePartOf(token: Token): NamePart {
  return { name: token.text, delimited: token.type === 'delimited' };
}

/** Do two names written in the query (tokens or dotted parts) denote the same name? The ADQL rule of names.ts. */
export function sameName(a: Token | NamePart, b: Token | NamePart): boolean {
  return sameIdentifier('name' in a ? a : namePartOf(a), 'name' in b ? b : namePartOf(b));
}

/** The table reference a qualifier (alias or table name, possibly dotted) denotes. */
export function resolveQualifier(scope: QueryScope, qualifier: NamePart[]): TableReference | undefined {
  const last = qualifier[qualifier.length - 1];
  if (last === undefined) return undefined;
  if (qualifier.length === 1) {
    const byAlias = scope.tables.find((t) => t.alias !== undefined && sameName(t.alias, last));
    if (byAlias) return byAlias;
  }
  return scope.tables.find((t) => {
    if (t.alias !== undefined && qualifier.length === 1) return false;
    const tp = t.parts.slice(-qualifier.length);
    return tp.length === qualifier.length && tp.every((p, k) => sameName(p, qualifier[k]!));
  });
}
