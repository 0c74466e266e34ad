import { ADQL_VERSIONS, type AdqlVersion } from '../../adql/index.js';
import type { CommandSpec } from '../command.js';
import {
  findEmbeddedQueries,
  toDocOffset,
  touchesPlaceholder,
  checkAdql,
  configuredAdqlVersion,
  loadCommandSchema,
  type CheckDiagnostic,
  type LoadedSchema,
} from '../../tooling/index.js';
import { toFileDiagnostics } from '../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../errors.js';
import { DIAGNOSTIC_FORMATS, formatDiagnostics, type FileDiagnostic } from '../format/diagnostics.js';
import { choiceOption, intOption, listOption, readInputs, rejectFormatAsFile, stringOption } from '../io.js';
import { packageVersion } from '../version.js';

/** TypeScript/JavaScript sources: their adql`...` templates and query-method strings are checked. */
function isHostFile(file: string): boolean {
  return /\.[cm]?[jt]sx?$/i.test(file);
}

/** Diagnostics of every embedded query, with offsets in the host file (holes skipped). */
function checkEmbedded(text: string, schema: LoadedSchema | undefined, options: { version?: AdqlVersion }): CheckDiagnostic[] {
  const out: CheckDiagnostic[] = [];
  for (const query of findEmbeddedQueries(text)) {
    for (const d of checkAdql(query.text, schema, { ...options, syntaxOnly: query.identifierHoles })) {
      if (touchesPlaceholder(query, d.start, d.end)) continue;
      const start = toDocOffset(query, d.start);
      out.push({
        ...d,
        start,
        end: Math.max(start, toDocOffset(query, d.end)),
        fixes: d.fixes.map((f) => ({
          ...f,
          edits: f.edits.map((e) => ({ ...e, start: toDocOffset(query, e.start), end: toDocOffset(query, e.end) })),
        })),
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export const lintCommand: CommandSpec = {
  name: 'lint',
  summary: 'check ADQL against a service or schema file (human, json, sarif, github output)',
  usage: [
    'lint [--service URL|ALIAS | --schema FILE] [--format human|json|sarif|github] "ADQL"|FILE...|-',
    'lint [options] --file FILE...',
  ],
  description:
    'Parses and validates each query (an argument is ADQL text, a file or directory, or - for stdin):\n' +
    'names against the service metadata, functions, types, aggregation,\n' +
    "service capabilities. The schema comes from --schema, else the service's metadata (cached on disk),\n" +
    'else .adqlrc.json; with none, only schema-independent checks run (a note says so).\n' +
    'TypeScript/JavaScript files (.ts, .js...) are searched for adql`...` templates and query(...) strings.\n' +
    'Exit 0 when clean, 1 when there are errors (or more warnings than --max-warnings), 2 on usage/IO errors.',
  options: {
    service: { type: 'string', short: 's', valueName: 'URL|ALIAS', description: 'TAP service whose metadata to check against' },
    schema: { type: 'string', valueName: 'FILE', description: 'offline schema file (JSON) instead of a service' },
    format: { type: 'string', valueName: 'FORMAT', description: 'output: human (default), json, sarif, github' },
    file: { type: 'string', short: 'f', multiple: true, valueName: 'FILE', description: 'read ADQL from FILE (- for stdin); repeatable' },
    'max-warnings': { type: 'string', valueName: 'N', description: 'exit 1 when there are more than N warnings' },
    offline: { type: 'boolean', description: 'use only the schema cache, never the network' },
    refresh: { type: 'boolean', description: "refetch the service's metadata instead of using the cache" },
    'adql-version': {
      type: 'string',
      valueName: '2.0|2.1',
      description: 'language version to accept (default: "version" in .adqlrc.json, else 2.1)',
    },
  },
  examples: [
    ['adql lint --schema schema.json queries/*.adql', 'check files against a schema file'],
    ['adql lint --service http://127.0.0.1:8080/tap query.adql', "check against a live service's metadata (cached)"],
    ['adql lint --format github queries/*.adql', 'annotate a GitHub Actions run'],
    ['adql lint --schema schema.json src/**/*.ts', 'check the ADQL embedded in TypeScript sources'],
    ['adql lint --format sarif queries/*.adql > adql.sarif', 'write SARIF for code scanning'],
  ],
  async run(ctx, values, positionals) {
    const format = choiceOption(values, 'format', DIAGNOSTIC_FORMATS) ?? 'human';
    const version = choiceOption(values, 'adql-version', ADQL_VERSIONS) ?? configuredAdqlVersion(ctx.config());
    const maxWarnings = intOption(values, 'max-warnings');
    const files = listOption(values, 'file');
    await rejectFormatAsFile(ctx, files, DIAGNOSTIC_FORMATS);
    const inputs = await readInputs(ctx, positionals, 'lint', files);
    const schema = await loadCommandSchema(ctx, {
      service: stringOption(values, 'service'),
      schemaFile: stringOption(values, 'schema'),
      offline: values.offline === true,
      refresh: values.refresh === true,
    });
    if (schema === undefined && format === 'human') {
      ctx.stderr.write(
        ctx.errStyle.dim(
          'note: no schema (give --schema FILE or --service URL, or set one in .adqlrc.json): table and column names were not checked\n',
        ),
      );
    }
    const all: FileDiagnostic[] = [];
    for (const input of inputs) {
      const options = version ? { version } : {};
      all.push(
        ...toFileDiagnostics(
          input.file,
          input.text,
          isHostFile(input.file) ? checkEmbedded(input.text, schema, options) : checkAdql(input.text, schema, options),
        ),
      );
    }
    ctx.stdout.write(formatDiagnostics(format, all, inputs, ctx.style, packageVersion()));
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.filter((d) => d.severity === 'warning').length;
    return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? EXIT_PROBLEMS : EXIT_OK;
  },
};
