import type { CommandSpec } from '../command.js';
import { ADQL_VERSIONS, parse } from '../../adql/index.js';
import { syntaxDiagnostics } from '../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../errors.js';
import { DIAGNOSTIC_FORMATS, formatDiagnostics, type FileDiagnostic } from '../format/diagnostics.js';
import { choiceOption, listOption, readInputs, rejectFormatAsFile } from '../io.js';
import { packageVersion } from '../version.js';

export const parseCommand: CommandSpec = {
  name: 'parse',
  summary: 'parse ADQL and print syntax errors or the AST as JSON',
  usage: ['parse [--ast] [--adql-version 2.0|2.1] [--format human|json|sarif|github] "ADQL"|FILE...|-', 'parse --file FILE...'],
  description:
    'Checks syntax only (no schema). An argument is ADQL text (quoted), a file or directory, or - for stdin.\n' +
    'Exit 0 when every input parses, 1 when one has syntax errors.',
  options: {
    ast: { type: 'boolean', description: 'print the abstract syntax tree as JSON (one document per input)' },
    'adql-version': { type: 'string', valueName: '2.0|2.1', description: 'language version to accept (default 2.1)' },
    format: { type: 'string', valueName: 'FORMAT', description: 'error output: human (default), json, sarif, github' },
    file: { type: 'string', short: 'f', multiple: true, valueName: 'FILE', description: 'read ADQL from FILE (- for stdin); repeatable' },
  },
  examples: [
    ['adql parse query.adql', 'check the syntax of a file'],
    ["adql parse 'SELECT TOP 3 ra FROM t ORDER BY 1'", 'check ADQL given as text'],
    ["echo 'SELECT TOP 3 * FROM t' | adql parse --ast -", 'print the AST of a query read from stdin'],
    ['adql parse --adql-version 2.0 *.adql', 'reject ADQL 2.1-only constructs'],
  ],
  async run(ctx, values, positionals) {
    const format = choiceOption(values, 'format', DIAGNOSTIC_FORMATS) ?? 'human';
    const version = choiceOption(values, 'adql-version', ADQL_VERSIONS);
    const files = listOption(values, 'file');
    await rejectFormatAsFile(ctx, files, DIAGNOSTIC_FORMATS);
    const inputs = await readInputs(ctx, positionals, 'parse', files);
    const all: FileDiagnostic[] = [];
    for (const input of inputs) {
      const result = parse(input.text, { recover: true, ...(version ? { version } : {}) });
      const diagnostics = syntaxDiagnostics(input.file, input.text, result.errors);
      all.push(...diagnostics);
      if (values.ast && result.errors.length === 0) ctx.stdout.write(JSON.stringify(result.ast, null, 2) + '\n');
    }
    if (!values.ast || all.length > 0 || format !== 'human') {
      const out = formatDiagnostics(format, all, inputs, ctx.style, packageVersion());
      (values.ast && format === 'human' ? ctx.stderr : ctx.stdout).write(out);
    }
    return all.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  },
};
