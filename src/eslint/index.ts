/**
 * adqlkit's ESLint plugin (flat config):
 *
 * ```js
 * import adql from 'adqlkit/eslint-plugin';
 * export default [adql.configs.recommended];
 * // or: { plugins: { adql }, rules: { 'adql/valid-query': ['error', { schema: 'schema.json' }] } }
 * ```
 */
import type { ESLint, Linter } from 'eslint';
import { validQuery } from './valid-query.js';

export type { ValidQueryOptions } from './valid-query.js';

interface AdqlEslintPlugin extends ESLint.Plugin {
  configs: { recommended: Linter.Config };
}

const plugin: AdqlEslintPlugin = {
  meta: { name: 'adqlkit/eslint-plugin', version: '0.1.0' },
  rules: { 'valid-query': validQuery },
  configs: { recommended: {} },
};
plugin.configs.recommended = {
  name: 'adqlkit/recommended',
  plugins: { adql: plugin },
  rules: { 'adql/valid-query': 'error' },
};

export { validQuery as validQueryRule };
export default plugin;
