/**
 * Completion: keywords that fit the clause at the cursor, tables (after FROM/JOIN), columns of the
 * tables in scope (after `alias.` only that table's), aliases, CTE names, built-in functions and the
 * service's UDFs with their signatures.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { BUILTIN_FUNCTIONS, functionSignature } from './builtins.js';
import { parseQualifiedName } from '../adql/index.js';
import type { EditorColumn, EditorSchema, EditorTable } from '../tooling/index.js';
import { columnDoc, tableDoc } from './hover.js';
import type { QueryModel } from './model.js';
import { resolveQualifier, type NamePart, type TableReference } from './scope.js';
import { isName, tokenBefore, type Token } from './tokens.js';

/** At most this many table items per request (services can have tens of thousands of tables). */
const MAX_TABLE_ITEMS = 200;

type Clause = 'start' | 'select' | 'from' | 'where' | 'groupby' | 'having' | 'orderby' | 'on' | 'using';

const CLAUSE_KEYWORDS: Record<Clause, string[]> = {
  start: ['SELECT', 'WITH'],
  select: ['DISTINCT', 'TOP', 'AS', 'FROM', 'CAST', 'NULL'],
  from: [
    'AS',
    'WHERE',
    'JOIN',
    'INNER JOIN',
    'LEFT OUTER JOIN',
    'RIGHT OUTER JOIN',
    'FULL OUTER JOIN',
    'NATURAL JOIN',
    'ON',
    'USING',
    'GROUP BY',
    'ORDER BY',
    'OFFSET',
    'UNION',
    'INTERSECT',
    'EXCEPT',
  ],
  where: [
    'AND',
    'OR',
    'NOT',
    'BETWEEN',
    'LIKE',
    'ILIKE',
    'IN',
    'IS NULL',
    'IS NOT NULL',
    'EXISTS',
    'NULL',
    'GROUP BY',
    'ORDER BY',
    'HAVING',
    'OFFSET',
    'UNION',
  ],
  on: ['AND', 'OR', 'NOT', 'WHERE', 'JOIN', 'LEFT OUTER JOIN', 'GROUP BY', 'ORDER BY'],
  using: [],
  groupby: ['HAVING', 'ORDER BY', 'OFFSET'],
  having: ['AND', 'OR', 'NOT', 'ORDER BY'],
  orderby: ['ASC', 'DESC', 'OFFSET'],
};

/** The clause the cursor is in: the last clause keyword before it at the same or an outer paren level. */
function clauseAt(tokens: Token[], before: number): Clause {
  let depth = 0;
  for (let i = before; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.text === ')') depth++;
    else if (t.text === '(') depth = Math.max(0, depth - 1);
    if (depth > 0 || t.type !== 'word') continue;
    switch (t.upper) {
      case 'SELECT':
        return 'select';
      case 'FROM':
      case 'JOIN':
        return 'from';
      case 'WHERE':
        return 'where';
      case 'ON':
        return 'on';
      case 'USING':
        return 'using';
      case 'HAVING':
        return 'having';
      case 'BY':
        return tokens[i - 1]?.upper === 'ORDER' ? 'orderby' : 'groupby';
    }
  }
  return 'start';
}

function columnItems(
  schema: EditorSchema | undefined,
  table: TableReference,
  tableMeta: EditorTable | undefined,
  prefix: string,
  qualified: boolean,
): CompletionItem[] {
  if (schema === undefined || tableMeta === undefined) return [];
  const cols = schema.columns(tableMeta) ?? [];
  const owner = table.alias?.text ?? tableMeta.name;
  const lower = prefix.toLowerCase();
  return cols
    .filter((c) => c.name.toLowerCase().startsWith(lower))
    .map((c: EditorColumn) => ({
      label: c.name,
      kind: CompletionItemKind.Field,
      detail: `${owner}${c.datatype ? ` · ${c.datatype}` : ''}${c.unit ? ` [${c.unit}]` : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: columnDoc(c, tableMeta) },
      insertText: c.delimited || !/^[A-Za-z][A-Za-z0-9_]*$/.test(c.name) ? `"${c.name.replace(/"/g, '""')}"` : c.name,
      sortText: qualified ? `0${c.name}` : `1${c.name}`,
    }));
}

interface TableIndexEntry {
  table: EditorTable;
  lowerName: string;
  short: string;
  lowerShort: string;
  schemaName: string | undefined;
  lowerSchema: string | undefined;
}

/** Lower-cased names per schema, computed once: completion over 10,000 tables must stay fast. */
const tableIndexes = new WeakMap<EditorSchema, TableIndexEntry[]>();

function tableIndex(schema: EditorSchema): TableIndexEntry[] {
  let index = tableIndexes.get(schema);
  if (index === undefined) {
    index = schema.tables().map((table) => {
      const dot = table.name.indexOf('.');
      const schemaName = table.schema ?? (dot > 0 ? table.name.slice(0, dot) : undefined);
      const short = dot > 0 ? table.name.slice(dot + 1) : table.name;
      return {
        table,
        lowerName: table.name.toLowerCase(),
        short,
        lowerShort: short.toLowerCase(),
        schemaName,
        lowerSchema: schemaName?.toLowerCase(),
      };
    });
    tableIndexes.set(schema, index);
  }
  return index;
}

/** Data carried by table items so completionItem/resolve can add their documentation lazily. */
export interface TableItemData {
  table: string;
}

function tableItems(
  schema: EditorSchema | undefined,
  model: QueryModel,
  prefix: string,
  schemaQualifier: string | undefined,
): { items: CompletionItem[]; incomplete: boolean } {
  const items: CompletionItem[] = [];
  const lower = prefix.toLowerCase();
  for (const cte of model.scope.ctes) {
    if (schemaQualifier === undefined && cte.text.toLowerCase().startsWith(lower)) {
      items.push({ label: cte.text, kind: CompletionItemKind.Module, detail: 'common table expression (WITH)' });
    }
  }
  if (schema === undefined) return { items, incomplete: false };
  let incomplete = false;
  const schemaNames = new Set<string>();
  const qualifier = schemaQualifier?.toLowerCase();
  for (const e of tableIndex(schema)) {
    if (qualifier !== undefined) {
      if (e.lowerSchema !== qualifier || !e.lowerShort.startsWith(lower)) continue;
    } else {
      if (e.schemaName !== undefined && e.lowerSchema!.startsWith(lower)) schemaNames.add(e.schemaName);
      if (!e.lowerName.startsWith(lower) && !e.lowerShort.startsWith(lower)) continue;
    }
    if (items.length >= MAX_TABLE_ITEMS) {
      incomplete = true;
      break;
    }
    const data: TableItemData = { table: e.table.name };
    items.push({
      label: qualifier !== undefined ? e.short : e.table.name,
      kind: CompletionItemKind.Class,
      detail: e.table.type === 'view' ? 'view' : 'table',
      filterText: qualifier !== undefined ? e.short : `${e.table.name} ${e.short}`,
      data,
    });
  }
  for (const s of schemaNames) items.push({ label: s, kind: CompletionItemKind.Folder, detail: 'schema', sortText: `~${s}` });
  return { items, incomplete };
}

/** completionItem/resolve: the table description and columns, computed only for the item shown. */
export function resolveCompletion(item: CompletionItem, schema: EditorSchema | undefined): CompletionItem {
  const data = item.data as TableItemData | undefined;
  if (schema === undefined || data?.table === undefined) return item;
  const table = schema.findTable(parseQualifiedName(data.table));
  if (table !== undefined) item.documentation = { kind: MarkupKind.Markdown, value: tableDoc(table, schema.columns(table)) };
  return item;
}

function functionItems(schema: EditorSchema | undefined, prefix: string): CompletionItem[] {
  const lower = prefix.toLowerCase();
  const items: CompletionItem[] = [];
  for (const f of BUILTIN_FUNCTIONS) {
    if (!f.name.toLowerCase().startsWith(lower)) continue;
    items.push({
      label: f.name,
      kind: CompletionItemKind.Function,
      detail: functionSignature(f),
      documentation: { kind: MarkupKind.Markdown, value: f.doc + (f.feature ? `\n\nOptional feature: \`${f.feature}\`` : '') },
      insertText: `${f.name}($1)`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `3${f.name}`,
    });
  }
  for (const u of schema?.udfs() ?? []) {
    if (!u.name.toLowerCase().startsWith(lower)) continue;
    items.push({
      label: u.name,
      kind: CompletionItemKind.Function,
      detail: `${u.name}(${u.params.map((p) => `${p.name} ${p.type}`).join(', ')}) → ${u.returns}`,
      documentation: { kind: MarkupKind.Markdown, value: u.description ?? 'User-defined function of this service.' },
      insertText: `${u.name}($1)`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `3${u.name}`,
    });
  }
  return items;
}

function keywordItems(words: string[], prefix: string): CompletionItem[] {
  const upper = prefix.toUpperCase();
  return words.filter((w) => w.startsWith(upper)).map((w) => ({ label: w, kind: CompletionItemKind.Keyword, sortText: `4${w}` }));
}

/** Dotted qualifier written right before `.`+prefix at the cursor, e.g. `g.` or `zcat.main.`. */
function qualifierBefore(tokens: Token[], dotIndex: number): NamePart[] {
  const parts: NamePart[] = [];
  let i = dotIndex - 1;
  while (isName(tokens[i])) {
    parts.unshift({ name: tokens[i]!.text, delimited: tokens[i]!.type === 'delimited' });
    if (tokens[i - 1]?.text !== '.') break;
    i -= 2;
  }
  return parts;
}

export function complete(model: QueryModel, offset: number, schema: EditorSchema | undefined): CompletionList {
  const { text, tokens, scope } = model;
  // The identifier being typed, if any.
  let prefixStart = offset;
  while (prefixStart > 0 && /[A-Za-z0-9_]/.test(text[prefixStart - 1]!)) prefixStart--;
  const prefix = text.slice(prefixStart, offset);
  const before = tokenBefore(tokens, prefixStart);
  const prev = tokens[before];

  // After a dot: columns of that table/alias, or tables of that schema.
  if (prev?.text === '.' && prev.end === prefixStart) {
    const qualifier = qualifierBefore(tokens, before);
    const clause = clauseAt(tokens, before);
    // In FROM a qualifier is a schema name; elsewhere it is an alias or table name.
    const ref = clause === 'from' ? undefined : resolveQualifier(scope, qualifier);
    if (ref !== undefined) {
      const meta = ref.parts.length ? schema?.findTable(ref.parts) : undefined;
      return { isIncomplete: false, items: columnItems(schema, ref, meta, prefix, true) };
    }
    if (qualifier.length === 1) {
      const { items, incomplete } = tableItems(schema, model, prefix, qualifier[0]!.name);
      if (items.length > 0) return { isIncomplete: incomplete, items };
    }
    const meta = schema?.findTable(qualifier);
    if (meta !== undefined) {
      return { isIncomplete: false, items: columnItems(schema, { parts: qualifier, start: 0, end: 0, depth: 0 }, meta, prefix, true) };
    }
    return { isIncomplete: false, items: [] };
  }

  const clause = clauseAt(tokens, before);
  // Right after FROM / JOIN / a comma in FROM: a table name.
  if (clause === 'from' && (prev?.upper === 'FROM' || prev?.upper === 'JOIN' || prev?.text === ',')) {
    const { items, incomplete } = tableItems(schema, model, prefix, undefined);
    return { isIncomplete: incomplete, items };
  }
  if (clause === 'start') return { isIncomplete: false, items: keywordItems(CLAUSE_KEYWORDS.start, prefix) };
  if (clause === 'from') return { isIncomplete: false, items: keywordItems(CLAUSE_KEYWORDS.from, prefix) };

  // Expressions: columns of every table in scope, aliases, functions, clause keywords.
  const items: CompletionItem[] = [];
  const lower = prefix.toLowerCase();
  for (const ref of scope.tables) {
    if (ref.alias !== undefined && ref.alias.text.toLowerCase().startsWith(lower)) {
      items.push({
        label: ref.alias.text,
        kind: CompletionItemKind.Variable,
        detail: ref.parts.length ? `alias of ${ref.parts.map((p) => p.name).join('.')}` : 'derived table',
        sortText: `2${ref.alias.text}`,
      });
    }
    const meta = ref.parts.length ? schema?.findTable(ref.parts) : undefined;
    items.push(...columnItems(schema, ref, meta, prefix, false));
  }
  if (clause === 'orderby' || clause === 'groupby' || clause === 'having') {
    for (const a of scope.selectAliases) {
      if (a.text.toLowerCase().startsWith(lower))
        items.push({ label: a.text, kind: CompletionItemKind.Variable, detail: 'select-list alias', sortText: `0${a.text}` });
    }
  }
  if (clause === 'select' && prev?.upper === 'SELECT') items.push(...keywordItems(['DISTINCT', 'TOP', 'ALL'], prefix));
  items.push(...functionItems(schema, prefix));
  items.push(...keywordItems(CLAUSE_KEYWORDS[clause], prefix));
  // One column name may come from several tables: keep each label once, noting the tables.
  return { isIncomplete: false, items: dedupe(items) };
}

function dedupe(items: CompletionItem[]): CompletionItem[] {
  const seen = new Map<string, CompletionItem>();
  for (const item of items) {
    const key = `${item.kind}:${item.label}`;
    const prior = seen.get(key);
    if (prior === undefined) seen.set(key, item);
    else if (item.kind === CompletionItemKind.Field && prior.detail !== item.detail)
      prior.detail = `${prior.detail}; ${item.detail} (ambiguous: qualify it)`;
  }
  return [...seen.values()];
}
