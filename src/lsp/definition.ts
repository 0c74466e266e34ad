/** Go to definition: an alias or table qualifier to its declaration in FROM, a CTE name to its WITH. */
import type { QueryModel } from './model.js';
import { sameName } from './scope.js';
import { isName, tokenAt } from './tokens.js';

export interface DefinitionTarget {
  start: number;
  end: number;
}

export function definitionAt(model: QueryModel, offset: number): DefinitionTarget | undefined {
  const { tokens, scope } = model;
  const token = tokenAt(tokens, offset);
  if (!isName(token)) return undefined;
  const alias = scope.tables.find((t) => t.alias !== undefined && sameName(t.alias, token));
  if (alias?.alias) return { start: alias.alias.start, end: alias.alias.end };
  const cte = scope.ctes.find((c) => sameName(c, token));
  if (cte) return { start: cte.start, end: cte.end };
  const selectAlias = scope.selectAliases.find((a) => a !== token && sameName(a, token));
  if (selectAlias) return { start: selectAlias.start, end: selectAlias.end };
  return undefined;
}
