/** Per-text editor model: tokens and declared names, computed once per document version. */
import { analyseScope, type QueryScope } from './scope.js';
import { scanTokens, type Token } from './tokens.js';

export interface QueryModel {
  text: string;
  tokens: Token[];
  scope: QueryScope;
}

export function buildModel(text: string): QueryModel {
  const tokens = scanTokens(text);
  return { text, tokens, scope: analyseScope(tokens) };
}
