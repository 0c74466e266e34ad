/** The language server's backend on the real parser, validator, printer and schema cache. */
import { checkAdql, formatAdql, createSchemaProvider, type LanguageBackend } from '../tooling/index.js';
import { analyseScope } from './scope.js';
import { scanTokens } from './tokens.js';

export function createDefaultBackend(env: Record<string, string | undefined> = process.env): LanguageBackend {
  const provider = createSchemaProvider(env);
  let refresh: () => void = () => undefined;
  return {
    check(text, schema, options) {
      const diagnostics = checkAdql(text, schema, options);
      // Huge services load columns per table: fetch the ones this query needs, then re-check.
      if (schema !== undefined && diagnostics.some((d) => d.code === 'columns-not-loaded')) {
        provider.ensureColumns(
          schema,
          analyseScope(scanTokens(text)).tables.map((t) => t.parts),
          refresh,
        );
      }
      return diagnostics;
    },
    format: (text) => formatAdql(text),
    schemaFor(dir, onUpdate) {
      refresh = onUpdate;
      return provider.schemaFor(dir, onUpdate);
    },
    schemaProblem: (dir) => provider.problemFor(dir),
    versionFor: (dir) => provider.versionFor(dir),
    configure: (options) => provider.configure(options),
  };
}
