import type { CommandSpec } from '../command.js';
import { formatAdql } from '../../tooling/index.js';
import { syntaxDiagnostics } from '../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from '../errors.js';
import { formatDiagnostics } from '../format/diagnostics.js';
import { listOption, readInputs, writeTextFile } from '../io.js';
import { parse } from '../../adql/index.js';
import { packageVersion } from '../version.js';

export const formatCommand: CommandSpec = {
  name: 'format',
  summary: 'pretty-print ADQL (check or rewrite files in place)',
  usage: ['format "ADQL"|FILE...|-', 'format --file FILE...', 'format --write FILE...', 'format --check FILE...'],
  description:
    'Prints each query pretty-printed (upper-case keywords, one clause per line, comments kept).\nFiles with syntax errors are left alone and reported (exit 1).',
  options: {
    write: { type: 'boolean', short: 'w', description: 'rewrite the files in place' },
    check: { type: 'boolean', short: 'c', description: 'print the files that are not formatted; exit 1 if any' },
    file: { type: 'string', short: 'f', multiple: true, valueName: 'FILE', description: 'read ADQL from FILE (- for stdin); repeatable' },
  },
  examples: [
    ['adql format query.adql', 'print the formatted query'],
    ['adql format -w queries/*.adql', 'format files in place'],
    ['adql format --check queries/*.adql', 'fail in CI when a file is not formatted'],
  ],
  async run(ctx, values, positionals) {
    if (values.write && values.check) throw new UsageError('--write and --check exclude each other');
    const inputs = await readInputs(ctx, positionals, 'format', listOption(values, 'file'));
    if (values.write && inputs.some((i) => i.absPath === undefined))
      throw new UsageError('--write needs files, not - (stdin) or ADQL text');
    let problems = false;
    for (const input of inputs) {
      const formatted = formatAdql(input.text);
      if (formatted === undefined) {
        problems = true;
        const errors = parse(input.text, { recover: true }).errors;
        const diags = syntaxDiagnostics(input.file, input.text, errors);
        ctx.stderr.write(formatDiagnostics('human', diags, [input], ctx.errStyle, packageVersion()));
        continue;
      }
      if (values.check) {
        if (formatted !== input.text) {
          problems = true;
          ctx.stdout.write(`${input.file}: not formatted\n`);
        }
      } else if (values.write) {
        if (formatted !== input.text) await writeTextFile(ctx, input.file, formatted);
      } else {
        ctx.stdout.write(formatted.endsWith('\n') ? formatted : formatted + '\n');
      }
    }
    return problems ? EXIT_PROBLEMS : EXIT_OK;
  },
};
