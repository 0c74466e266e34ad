/** Hover: column metadata (type, unit, UCD, description), table descriptions, function docs, aliases. */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { BUILTIN_BY_NAME, functionSignature } from './builtins.js';
import type { EditorColumn, EditorSchema, EditorTable } from '../tooling/index.js';
import type { QueryModel } from './model.js';
import { columnNamePart, identifierMatches } from '../adql/index.js';
import { namePartOf, resolveQualifier, sameName, type NamePart } from './scope.js';
import { isName, tokenAt, type Token } from './tokens.js';

function typeText(c: EditorColumn): string | undefined {
  if (c.datatype === undefined) return undefined;
  const size = c.arraysize ? `[${c.arraysize}]` : '';
  return `${c.datatype}${size}${c.xtype ? ` (${c.xtype})` : ''}`;
}

export function columnDoc(c: EditorColumn, table?: EditorTable): string {
  const lines = [`**${c.name}**${table ? ` in \`${table.name}\`` : ''}`];
  const facts: string[] = [];
  const type = typeText(c);
  if (type) facts.push(`type: \`${type}\``);
  if (c.unit) facts.push(`unit: \`${c.unit}\``);
  if (c.ucd) facts.push(`UCD: \`${c.ucd}\``);
  if (facts.length) lines.push(facts.join(' · '));
  if (c.description) lines.push('', c.description);
  return lines.join('\n');
}

export function tableDoc(t: EditorTable, columns: readonly EditorColumn[] | undefined): string {
  const lines = [`**${t.name}**${t.type && t.type !== 'table' ? ` (${t.type})` : ''}`];
  if (t.description) lines.push('', t.description);
  if (columns)
    lines.push(
      '',
      `${columns.length} column${columns.length === 1 ? '' : 's'}: ${columns
        .slice(0, 12)
        .map((c) => c.name)
        .join(', ')}${columns.length > 12 ? ', …' : ''}`,
    );
  return lines.join('\n');
}

function qualifierOf(tokens: Token[], index: number): NamePart[] {
  const parts: NamePart[] = [];
  let i = index - 1;
  while (tokens[i]?.text === '.' && isName(tokens[i - 1])) {
    parts.unshift(namePartOf(tokens[i - 1]!));
    i -= 2;
  }
  return parts;
}

export interface HoverResult {
  contents: string;
  start: number;
  end: number;
}

export function hoverAt(model: QueryModel, offset: number, schema: EditorSchema | undefined): HoverResult | undefined {
  const { tokens, scope } = model;
  const token = tokenAt(tokens, offset);
  if (!isName(token)) return undefined;
  const index = tokens.indexOf(token);
  const result = (contents: string): HoverResult => ({ contents, start: token.start, end: token.end });

  if (tokens[index + 1]?.text === '(' && token.type === 'word') {
    const builtin = BUILTIN_BY_NAME.get(token.upper);
    if (builtin)
      return result(
        `\`\`\`adql\n${functionSignature(builtin)}\n\`\`\`\n${builtin.doc}${builtin.feature ? `\n\nOptional feature: \`${builtin.feature}\`` : ''}`,
      );
    const udf = schema?.udfs().find((u) => u.name.toLowerCase() === token.text.toLowerCase());
    if (udf)
      return result(
        `\`\`\`adql\n${udf.name}(${udf.params.map((p) => `${p.name} ${p.type}`).join(', ')}) → ${udf.returns}\n\`\`\`\n${udf.description ?? 'User-defined function of this service.'}`,
      );
    return undefined;
  }

  // A table name in FROM (hovering any part of it).
  const tableRef = scope.tables.find((t) => t.parts.length > 0 && token.start >= t.start && token.end <= t.end);
  if (tableRef) {
    const meta = schema?.findTable(tableRef.parts);
    if (meta) return result(tableDoc(meta, schema?.columns(meta)));
    if (scope.ctes.some((c) => sameName(c, tableRef.parts[0]!))) return result(`**${token.text}**: common table expression`);
    return undefined;
  }
  const aliasRef = scope.tables.find(
    (t) => t.alias === token || (t.alias !== undefined && tokens[index + 1]?.text === '.' && sameName(t.alias, token)),
  );
  if (aliasRef) {
    if (aliasRef.derived || aliasRef.parts.length === 0) return result(`**${token.text}**: derived table`);
    const meta = schema?.findTable(aliasRef.parts);
    return result(`**${token.text}**: alias of \`${meta?.name ?? aliasRef.parts.map((p) => p.name).join('.')}\``);
  }

  // A column: qualified (alias.col) or searched in every table in scope.
  if (schema === undefined) return undefined;
  const qualifier = qualifierOf(tokens, index);
  const refs = qualifier.length ? [resolveQualifier(scope, qualifier)].filter((r) => r !== undefined) : scope.tables;
  const part = namePartOf(token);
  const found: string[] = [];
  for (const ref of refs) {
    const meta = ref.parts.length ? schema.findTable(ref.parts) : undefined;
    if (meta === undefined) continue;
    const col = schema.columns(meta)?.find((c) => identifierMatches(part, columnNamePart(c)));
    if (col) found.push(columnDoc(col, meta));
  }
  if (found.length === 0 && qualifier.length > 0) {
    const meta = schema.findTable(qualifier);
    const col = meta ? schema.columns(meta)?.find((c) => identifierMatches(part, columnNamePart(c))) : undefined;
    if (meta && col) found.push(columnDoc(col, meta));
  }
  return found.length ? result(found.join('\n\n---\n\n')) : undefined;
}

export function toLspHover(h: HoverResult, toPosition: (offset: number) => { line: number; character: number }): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: { start: toPosition(h.start), end: toPosition(h.end) } };
}
