/** The `adql` dispatcher: picks the subcommand, parses its flags, runs it, maps errors to exit codes. */
import { parseArgs } from 'node:util';
import { GLOBAL_OPTIONS, type CliContext, type CommandSpec, type OptionSpec, type ParsedValues } from './command.js';
import { loadConfig, SetupError, type LoadedConfig } from '../config/index.js';
import { CliError, EXIT_OK, EXIT_USAGE, UsageError, oneLine } from './errors.js';
import { commandHelp, mainHelp } from './help.js';
import { restoreValues, shieldNegativeNumbers } from './negative-numbers.js';
import { colourWanted, createStyle } from './style.js';
import { packageVersion } from './version.js';
import type { Output } from './command.js';

/** Commands are loaded on demand so `adql lint` does not pay for the TAP client's start-up. */
const COMMANDS: Array<{ name: string; summary: string; load: () => Promise<CommandSpec> }> = [
  {
    name: 'parse',
    summary: 'parse ADQL and print syntax errors or the AST as JSON',
    load: async () => (await import('./commands/parse.js')).parseCommand,
  },
  {
    name: 'format',
    summary: 'pretty-print ADQL (check or rewrite files in place)',
    load: async () => (await import('./commands/format.js')).formatCommand,
  },
  {
    name: 'lint',
    summary: 'check ADQL against a service or schema file (human, json, sarif, github output)',
    load: async () => (await import('./commands/lint.js')).lintCommand,
  },
  {
    name: 'query',
    summary: 'validate and run a query (sync or async), print or save the result',
    load: async () => (await import('./commands/query.js')).queryCommand,
  },
  {
    name: 'plot',
    summary: 'plot a result file or a query result as SVG (sky, scatter, histogram, bar)',
    load: async () => (await import('./commands/plot.js')).plotCommand,
  },
  {
    name: 'jobs',
    summary: 'list, show, wait for, fetch, abort or delete async (UWS) jobs',
    load: async () => (await import('./commands/jobs.js')).jobsCommand,
  },
  {
    name: 'schema',
    summary: "browse a service's tables and columns; save a schema file",
    load: async () => (await import('./commands/schema.js')).schemaCommand,
  },
  {
    name: 'examples',
    summary: "list a service's example queries, or run one",
    load: async () => (await import('./commands/examples.js')).examplesCommand,
  },
  {
    name: 'capabilities',
    summary: 'show what a service supports (ADQL versions, features, UDFs, limits)',
    load: async () => (await import('./commands/capabilities.js')).capabilitiesCommand,
  },
  {
    name: 'registry',
    summary: 'search a VO registry (RegTAP) for services and tables',
    load: async () => (await import('./commands/registry.js')).registryCommand,
  },
  {
    name: 'cone',
    summary: 'cone search: a Simple Cone Search service, or a table of a TAP service',
    load: async () => (await import('./commands/cone.js')).coneCommand,
  },
  {
    name: 'codegen',
    summary: 'generate TypeScript types for the typed query builder',
    load: async () => (await import('./commands/codegen.js')).codegenCommand,
  },
  {
    name: 'partition',
    summary: 'run a large query in chunks (parallel, resumable, never silently truncated) and merge them',
    load: async () => (await import('./commands/partition.js')).partitionCommand,
  },
  {
    name: 'serve',
    summary: 'serve local tables as a TAP service (embedded engine)',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
  {
    name: 'hats',
    summary: 'write a HATS catalogue from a table (import), describe one (info), or its schema file (schema)',
    load: async () => (await import('./commands/hats.js')).hatsCommand,
  },
  {
    name: 'mcp',
    summary: 'serve adqlkit to AI agents over the Model Context Protocol (stdio)',
    load: async () => (await import('./commands/mcp.js')).mcpCommand,
  },
  {
    name: 'ui',
    summary: 'open the browser workbench (editor with live validation, results grid, plots, jobs)',
    load: async () => (await import('./commands/ui.js')).uiCommand,
  },
];

export function commandNames(): string[] {
  return COMMANDS.map((c) => c.name);
}

export interface RunIO {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  cwd: string;
  readStdin(): Promise<string>;
  signal: AbortSignal;
}

function toParseArgsOptions(options: Record<string, OptionSpec>) {
  const out: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, o] of Object.entries(options)) {
    out[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  }
  return out;
}

/** Runs `adql` with the given arguments; resolves to the exit code. Never throws. */
export async function runCli(argv: string[], io: RunIO): Promise<number> {
  const colourFlag = argv.includes('--no-color') ? false : argv.includes('--color') ? true : undefined;
  const style = createStyle(colourWanted(io.stdout, io.env, colourFlag));
  const errStyle = createStyle(colourWanted(io.stderr, io.env, colourFlag));
  const fail = (err: CliError, command?: string): number => {
    const prefix = command ? `adql ${command}: ` : 'adql: ';
    const hint = err.hint ? `; ${oneLine(err.hint)}` : '';
    io.stderr.write(`${errStyle.red(prefix + 'error:')} ${oneLine(err.message)}${hint}\n`);
    return err.exitCode;
  };

  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? rest[0] : undefined;
    if (target === undefined) {
      io.stdout.write(mainHelp(COMMANDS, style, packageVersion()));
      return name === undefined ? EXIT_USAGE : EXIT_OK;
    }
    return runCli([target, '--help'], io);
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry === undefined) {
    const close = COMMANDS.filter((c) => c.name.startsWith(name) || editDistance(c.name, name) <= 2).map((c) => c.name);
    return fail(
      new UsageError(
        `unknown command "${name}"`,
        close.length ? `did you mean ${close.join(' or ')}? Run "adql --help" for the list` : 'run "adql --help" for the list',
      ),
    );
  }
  const spec = await entry.load();
  let values: ParsedValues;
  let positionals: string[];
  try {
    const shielded = shieldNegativeNumbers(rest);
    const parsed = parseArgs({
      args: shielded.args,
      options: toParseArgsOptions({ ...GLOBAL_OPTIONS, ...spec.options }),
      allowPositionals: true,
      strict: true,
    });
    values = restoreValues(parsed.values as ParsedValues, shielded.restore);
    positionals = parsed.positionals.map(shielded.restore);
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    return fail(new UsageError(message, `run "adql ${name} --help"`), name);
  }
  if (values.help) {
    io.stdout.write(commandHelp(spec, style));
    return EXIT_OK;
  }
  let loaded: LoadedConfig | undefined;
  const ctx: CliContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    style,
    errStyle,
    cwd: io.cwd,
    env: io.env,
    readStdin: io.readStdin,
    signal: io.signal,
    config: () => (loaded ??= loadConfig(io.cwd, values.config as string | undefined, io.env)),
  };
  try {
    return await spec.run(ctx, values, positionals);
  } catch (err) {
    if (err instanceof CliError) return fail(err, name);
    // Config and schema problems: the user's environment, like InputError.
    if (err instanceof SetupError) return fail(new CliError(err.message, EXIT_USAGE, err.hint), name);
    if (io.signal.aborted) return fail(new CliError('interrupted', 130), name);
    const e = err as Error;
    return fail(new CliError(`${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`, EXIT_USAGE, describeUnexpected(e)), name);
  }
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

function describeUnexpected(err: Error): string | undefined {
  const code = (err as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'is the service running? check --service or .adqlrc.json';
  if (code === 'ENOTFOUND') return 'check the host name in the service URL';
  return undefined;
}
