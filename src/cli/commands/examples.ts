import type { CommandSpec } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { intOption, stringOption } from '../io.js';
import { SERVICE_OPTION, openService, requireService } from '../service.js';
import { queryCommand, tapFailure } from './query.js';

export const examplesCommand: CommandSpec = {
  name: 'examples',
  summary: "list a service's example queries, or run one",
  usage: ['examples [--service URL|ALIAS] [--json]', 'examples --run N [--maxrec N] [--format FORMAT]'],
  description:
    'Reads the DALI examples the service publishes (following continuation pages). --run N runs\nexample N (as numbered in the list) like "adql query" does: validated first, then sent.',
  options: {
    ...SERVICE_OPTION,
    run: { type: 'string', short: 'r', valueName: 'N', description: 'run example number N' },
    json: { type: 'boolean', description: 'list as JSON' },
    maxrec: { type: 'string', short: 'm', valueName: 'N', description: 'with --run: MAXREC' },
    format: { type: 'string', valueName: 'FORMAT', description: 'with --run: csv, json, votable or table' },
  },
  examples: [
    ['adql examples -s http://127.0.0.1:8080/tap', 'list the examples'],
    ['adql examples -s http://127.0.0.1:8080/tap --run 2 --maxrec 10', 'run the second example'],
  ],
  async run(ctx, values) {
    const resolved = requireService(ctx, stringOption(values, 'service'), 'examples');
    const service = openService(resolved);
    const runIndex = intOption(values, 'run', 1);
    let examples;
    try {
      examples = await service.examples({ signal: ctx.signal });
    } catch (err) {
      tapFailure(err, ctx.signal);
    }
    if (runIndex !== undefined) {
      const example = examples[runIndex - 1];
      if (example === undefined)
        throw new UsageError(`there is no example ${runIndex} (the service has ${examples.length})`, 'list them with "adql examples"');
      ctx.stderr.write(`${ctx.errStyle.bold(`example ${runIndex}: ${example.name}`)}\n${ctx.errStyle.dim(example.query)}\n`);
      const forwarded: Record<string, string | boolean | string[] | undefined> = { service: stringOption(values, 'service') };
      if (values.maxrec !== undefined) forwarded.maxrec = values.maxrec;
      if (values.format !== undefined) forwarded.format = values.format;
      if (values.config !== undefined) forwarded.config = values.config;
      return queryCommand.run(ctx, forwarded, [example.query]);
    }
    if (values.json) {
      ctx.stdout.write(JSON.stringify(examples, null, 2) + '\n');
      return EXIT_OK;
    }
    if (examples.length === 0) ctx.stdout.write(`${service.url} publishes no examples\n`);
    const width = String(examples.length).length;
    examples.forEach((e, i) => {
      ctx.stdout.write(`${ctx.style.bold(`${String(i + 1).padStart(width)}. ${e.name}`)}\n`);
      for (const line of e.query.split('\n')) ctx.stdout.write(`${' '.repeat(width + 2)}${ctx.style.dim(line)}\n`);
    });
    return EXIT_OK;
  },
};
