/**
 * Column and qualifier resolution with ADQL's rules, reporting unknown, ambiguous and
 * mis-cased names with did-you-mean fixes.
 */
import { foldName, formatIdentifier, identifierMatches, type NamePart } from '../adql/index.js';
import type { ColumnRef, Identifier, TableName } from './adql.js';
import { replaceFix, type ValidationContext } from './context.js';
import type { Fix } from './diagnostics.js';
import { Relation, Scope, type RelColumn } from './scope.js';
import { closestNames } from './suggest.js';

export type Resolution =
  | { kind: 'column'; relation: Relation; column: RelColumn; depth: number }
  /** Belongs to a relation whose columns are unknown (undeclared upload, not loaded...). */
  | { kind: 'open'; depth: number }
  | { kind: 'unresolved' };

/** The name part an identifier writes (an Identifier node is one already: no copy). */
export function part(id: Identifier): NamePart {
  return id;
}

/** Does a qualifier written in the query (`t`, `s.t`) denote this relation? */
export function qualifierMatches(q: TableName, r: Relation): boolean {
  if (!identifierMatches(part(q.table), r.exposed)) return false;
  if (q.schema === undefined) return true;
  if (r.aliased) return false;
  return r.exposedSchema !== undefined && identifierMatches(part(q.schema), r.exposedSchema);
}

function qualifierText(q: TableName): string {
  return [q.catalog, q.schema, q.table]
    .filter((p): p is Identifier => p !== undefined)
    .map((p) => formatIdentifier(part(p)))
    .join('.');
}

/** Finds the relation a qualifier denotes, innermost scope first; reports when there is none. */
export function resolveQualifier(
  ctx: ValidationContext,
  q: TableName,
  scope: Scope,
  report: boolean,
): { relation: Relation; depth: number } | undefined {
  let depth = 0;
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent, depth++) {
    for (const relation of s.relations) if (qualifierMatches(q, relation)) return { relation, depth };
  }
  if (!report || scope.unreliable) return undefined;
  // The table is in scope under an alias: SQL hides its name.
  const all = allRelations(scope);
  const hidden = all.find((r) => r.aliased && r.table !== undefined && identifierMatches(part(q.table), r.table.tablePart));
  const text = qualifierText(q);
  if (hidden !== undefined) {
    ctx.report(
      'unknown-qualifier',
      `${text} is aliased as ${hidden.qualifierText} in FROM; refer to it as ${hidden.qualifierText}`,
      q.range,
      {
        fixes: replaceFix(`Use ${hidden.qualifierText}`, q.range, hidden.qualifierText, true),
        related: hidden.range ? [{ range: hidden.range, message: `${hidden.display} is aliased here` }] : [],
      },
    );
    return undefined;
  }
  const close = closestNames(q.table.name, all, (r) => r.exposed.name);
  const names = all.map((r) => r.qualifierText);
  ctx.report(
    'unknown-qualifier',
    `${text} is not a table or alias in FROM${names.length > 0 ? ` (in scope: ${names.join(', ')})` : ''}${close.length > 0 ? `; did you mean ${close.map((r) => r.qualifierText).join(' or ')}?` : ''}`,
    q.range,
    { fixes: close.flatMap((r, i) => replaceFix(`Change to ${r.qualifierText}`, q.range, r.qualifierText, i === 0)) },
  );
  return undefined;
}

function allRelations(scope: Scope): Relation[] {
  const out: Relation[] = [];
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) out.push(...s.relations);
  return out;
}

/** Resolves a column reference; reports unknown/ambiguous names when `report` is set. */
export function resolveColumn(ctx: ValidationContext, ref: ColumnRef, scope: Scope, report: boolean): Resolution {
  const col = part(ref.column);
  if (ref.table !== undefined) {
    const q = resolveQualifier(ctx, ref.table, scope, report);
    if (q === undefined) return { kind: 'unresolved' };
    const found = q.relation.find(col);
    if (found.length >= 1) return { kind: 'column', relation: q.relation, column: found[0]!, depth: q.depth };
    if (q.relation.open) return { kind: 'open', depth: q.depth };
    if (report) reportUnknownColumn(ctx, ref, [q.relation], `in ${q.relation.display}`, false);
    return { kind: 'unresolved' };
  }
  let depth = 0;
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent, depth++) {
    const merged = s.merged.get(foldName(col.name));
    if (merged !== undefined && identifierMatches(col, merged.part)) {
      return { kind: 'column', relation: merged.relation, column: merged.column, depth };
    }
    const hits: { relation: Relation; column: RelColumn }[] = [];
    for (const r of s.relations) for (const c of r.find(col)) hits.push({ relation: r, column: c });
    if (hits.length === 1) return { kind: 'column', relation: hits[0]!.relation, column: hits[0]!.column, depth };
    if (hits.length > 1) {
      if (report) reportAmbiguous(ctx, ref, hits);
      return { kind: 'column', relation: hits[0]!.relation, column: hits[0]!.column, depth };
    }
    if (s.hasOpenRelation() || s.unreliable) return { kind: 'open', depth };
  }
  if (report) reportUnknownColumn(ctx, ref, allRelations(scope), '', true);
  return { kind: 'unresolved' };
}

function reportAmbiguous(ctx: ValidationContext, ref: ColumnRef, hits: { relation: Relation; column: RelColumn }[]): void {
  const name = formatIdentifier(part(ref.column));
  const fixes: Fix[] = hits.flatMap((h) =>
    replaceFix(
      `Qualify as ${h.relation.qualifierText}.${formatIdentifier(h.column.part)}`,
      ref.range,
      `${h.relation.qualifierText}.${formatIdentifier(h.column.part)}`,
    ),
  );
  ctx.report(
    'ambiguous-column',
    `column ${name} is ambiguous: it exists in ${hits.map((h) => h.relation.display).join(' and ')}; qualify it (${hits.map((h) => `${h.relation.qualifierText}.${name}`).join(' or ')})`,
    ref.range,
    {
      fixes,
      related: hits.flatMap((h) =>
        h.relation.range ? [{ range: h.relation.range, message: `${name} is a column of ${h.relation.display}` }] : [],
      ),
    },
  );
}

function reportUnknownColumn(ctx: ValidationContext, ref: ColumnRef, relations: Relation[], where: string, unqualified: boolean): void {
  const col = part(ref.column);
  const written = formatIdentifier(col);
  const range = ref.column.range;
  // A delimited identifier that only differs in case.
  if (col.delimited) {
    for (const r of relations) {
      const ci = r.findIgnoringCase(col);
      const c = ci[0];
      if (c !== undefined) {
        const right = formatIdentifier(c.part);
        ctx.report(
          'case-mismatch',
          `"${col.name}" is a delimited identifier, so it is case-sensitive: ${r.display} has ${right}, not ${written}`,
          range,
          { fixes: replaceFix(`Change to ${right}`, range, right, true) },
        );
        return;
      }
    }
  }
  const candidates: { relation: Relation; column: RelColumn }[] = [];
  for (const r of relations) for (const c of r.columns()) candidates.push({ relation: r, column: c });
  const close = closestNames(col.name, candidates, (c) => c.column.part.name);
  const texts = close.map((c) => {
    const bare = formatIdentifier(c.column.part);
    const clash = unqualified && relations.filter((r) => r.find(c.column.part).length > 0).length > 1;
    return clash ? `${c.relation.qualifierText}.${bare}` : bare;
  });
  // "M 31": double quotes make a name; a string was meant (nothing in scope comes close to it).
  if (col.delimited && unqualified && ref.table === undefined && texts.length === 0) {
    const literal = `'${col.name.replace(/'/g, "''")}'`;
    ctx.report(
      'unknown-column',
      `${written} is a column name, because double quotes make a name (a delimited identifier), and no such column exists; a string needs single quotes: ${literal}`,
      ref.range,
      { fixes: replaceFix(`Change to the string ${literal}`, ref.range, literal, true) },
    );
    return;
  }
  const inWhat =
    where !== ''
      ? where
      : relations.length === 0
        ? 'because the query has no table in FROM'
        : `in ${relations.map((r) => r.display).join(', ')}`;
  ctx.report(
    'unknown-column',
    `column ${written} does not exist ${inWhat}${texts.length > 0 ? `; did you mean ${texts.join(', ')}?` : ''}`,
    ref.table !== undefined || texts.some((t) => t.includes('.')) ? (unqualified ? ref.range : range) : range,
    {
      fixes: texts.flatMap((t, i) => replaceFix(`Change to ${t}`, unqualified && t.includes('.') ? ref.range : range, t, i === 0)),
    },
  );
}
