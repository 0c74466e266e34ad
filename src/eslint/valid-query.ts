/**
 * ESLint rule `adql/valid-query`: checks ADQL in `adql\`...\`` tagged templates and in the first
 * (string or template) argument of the TAP client's query methods (`service.query('...')`,
 * `.submit`, `.runAsync`) with adqlkit's parser and validator, and reports each problem at its exact
 * place in the TypeScript source, inside multi-line templates too. Synchronous, as ESLint requires:
 * the schema comes from a schema file or the on-disk schema cache, never from the network.
 */
import path from 'node:path';
import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import { ADQL_VERSIONS, type AdqlVersion } from '../adql/index.js';
import { loadConfig } from '../config/index.js';
import {
  checkAdql,
  configuredAdqlVersion,
  schemaForSync,
  ADQL_TAGS,
  EmbeddedQueryBuilder,
  QUERY_METHODS,
  addJsText,
  toDocOffset,
  touchesPlaceholder,
  type CheckFix,
  type EmbeddedQuery,
} from '../tooling/index.js';

export interface ValidQueryOptions {
  /** Offline schema file (JSON); relative to the working directory. */
  schema?: string;
  /** Service alias or URL whose cached metadata to use (see .adqlrc.json). */
  service?: string;
  /** Explicit config file instead of the nearest .adqlrc.json. */
  config?: string;
  /** Tag names of ADQL templates (default: adql). */
  tags?: string[];
  /** Method names whose first argument is ADQL (default: query, submit, runAsync). */
  methods?: string[];
  /** ADQL version to accept (default: "version" in .adqlrc.json, else 2.1). */
  version?: AdqlVersion;
}

type RangedNode = ESTree.Node & { range: [number, number] };

function rangeOf(node: ESTree.Node): [number, number] {
  return (node as RangedNode).range;
}

/** The ADQL text of a template literal, mapped to source offsets (holes become placeholders). */
function fromTemplate(node: ESTree.TemplateLiteral): EmbeddedQuery {
  const [start] = rangeOf(node);
  const builder = new EmbeddedQueryBuilder(start + 1);
  node.quasis.forEach((quasi, i) => {
    const [qs, qe] = rangeOf(quasi);
    // A quasi's range includes its delimiters: ` or } before, ` or ${ after.
    const textStart = qs + 1;
    const textEnd = qe - (quasi.tail ? 1 : 2);
    addJsText(builder, quasi.value.raw, textStart);
    const next = node.quasis[i + 1];
    if (next !== undefined) builder.addHole(textEnd, rangeOf(next)[0] + 1);
  });
  return builder.build();
}

function fromStringLiteral(node: ESTree.Literal, source: string): EmbeddedQuery {
  const [start, end] = rangeOf(node);
  const builder = new EmbeddedQueryBuilder(start + 1);
  addJsText(builder, source.slice(start + 1, end - 1), start + 1);
  return builder.build();
}

/** Escapes ADQL text for the host literal it goes into. */
function escapeFor(text: string, quote: string): string {
  let out = text.replace(/\\/g, '\\\\');
  if (quote === '`') out = out.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  else out = out.replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\n/g, '\\n');
  return out;
}

/** A fix maps to the source only when its edits avoid `${}` holes and escape sequences (exact mapping). */
function fixFor(query: EmbeddedQuery, fix: CheckFix, quote: string): Rule.ReportFixer | undefined {
  if (fix.edits.length === 0) return undefined;
  const edits: Array<{ range: [number, number]; text: string }> = [];
  for (const e of fix.edits) {
    if (touchesPlaceholder(query, e.start, e.end)) return undefined;
    const start = toDocOffset(query, e.start);
    const end = toDocOffset(query, e.end);
    // Verbatim mapping only: the source span must have the same length as the ADQL span.
    if (end - start !== e.end - e.start) return undefined;
    edits.push({ range: [start, end], text: escapeFor(e.newText, quote) });
  }
  return (fixer) => edits.map((e) => fixer.replaceTextRange(e.range, e.text));
}

export const validQuery: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Check ADQL queries in adql`...` templates and TAP client calls against the parser and the service schema',
      url: 'https://github.com/adqlkit/adqlkit#eslint-rule',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          schema: { type: 'string' },
          service: { type: 'string' },
          config: { type: 'string' },
          tags: { type: 'array', items: { type: 'string' } },
          methods: { type: 'array', items: { type: 'string' } },
          version: { enum: [...ADQL_VERSIONS] },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      problem: '{{message}} [{{code}}]',
      setup: 'adql/valid-query cannot load its schema: {{message}}',
      suggestion: '{{title}}',
    },
  },
  create(context) {
    const options = (context.options[0] ?? {}) as ValidQueryOptions;
    const tags = options.tags ?? ADQL_TAGS;
    const methods = options.methods ?? QUERY_METHODS;
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    const dir = path.dirname(context.filename && path.isAbsolute(context.filename) ? context.filename : path.join(context.cwd, 'x'));
    let schemaLoaded = false;
    let schema: ReturnType<typeof schemaForSync> = undefined;
    let schemaProblem: string | undefined;
    let version: AdqlVersion | undefined;
    const getSchema = () => {
      if (!schemaLoaded) {
        schemaLoaded = true;
        try {
          schema = schemaForSync(dir, {
            schemaFile: options.schema ? path.resolve(context.cwd, options.schema) : undefined,
            service: options.service,
            configFile: options.config,
          });
          version = options.version ?? configuredAdqlVersion(loadConfig(dir, options.config));
        } catch (err) {
          schemaProblem = (err as Error).message;
        }
      }
      return schema;
    };

    function check(query: EmbeddedQuery, reportNode: ESTree.Node, quote: string): void {
      const loaded = getSchema();
      if (schemaProblem !== undefined) {
        context.report({ node: reportNode, messageId: 'setup', data: { message: schemaProblem } });
        schemaProblem = undefined; // once per file
      }
      const diagnostics = checkAdql(query.text, loaded, { syntaxOnly: query.identifierHoles, version: version ?? options.version });
      for (const d of diagnostics) {
        if (d.severity === 'hint' || d.severity === 'info') continue;
        if (touchesPlaceholder(query, d.start, d.end)) continue;
        const start = toDocOffset(query, d.start);
        const end = Math.max(start + (d.end > d.start ? 1 : 0), toDocOffset(query, d.end));
        // Autofix only an unambiguous fix (the only one, marked preferred); every fix is a suggestion.
        const only = d.fixes.length === 1 && d.fixes[0]!.preferred ? fixFor(query, d.fixes[0]!, quote) : undefined;
        const suggest = d.fixes.flatMap((f) => {
          const fix = fixFor(query, f, quote);
          return fix ? [{ messageId: 'suggestion' as const, data: { title: f.title }, fix }] : [];
        });
        context.report({
          loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(Math.min(end, text.length)) },
          messageId: 'problem',
          data: { message: d.message, code: d.code },
          ...(only ? { fix: only } : {}),
          ...(suggest.length ? { suggest } : {}),
        });
      }
    }

    function tagName(tag: ESTree.Expression): string | undefined {
      if (tag.type === 'Identifier') return tag.name;
      if (tag.type === 'MemberExpression' && tag.property.type === 'Identifier' && !tag.computed) return tag.property.name;
      return undefined;
    }

    return {
      TaggedTemplateExpression(node) {
        const name = tagName(node.tag);
        if (name !== undefined && tags.includes(name)) check(fromTemplate(node.quasi), node.quasi, '`');
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        if (!methods.includes(callee.property.name)) return;
        const arg = node.arguments[0];
        if (arg === undefined) return;
        if (arg.type === 'Literal' && typeof arg.value === 'string') {
          const quote = text[rangeOf(arg)[0]] ?? "'";
          check(fromStringLiteral(arg, text), arg, quote);
        } else if (arg.type === 'TemplateLiteral') {
          check(fromTemplate(arg), arg, '`');
        }
      },
    };
  },
};
