/** The shape of an `adql` subcommand: its help (usage, options, examples) and how it runs. */
import type { LoadedConfig } from '../config/index.js';
import type { Style } from './style.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** One line for --help. */
  description: string;
  /** Placeholder shown in --help, e.g. URL or FILE. */
  valueName?: string;
}

export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  /** Terminal width when a TTY. */
  readonly columns?: number;
}

/** Everything a command needs from its environment; tests and the binary fill it differently. */
export interface CliContext {
  stdout: Output;
  stderr: Output;
  /** Colours for stdout / stderr, decided separately (one may be a pipe). */
  style: Style;
  errStyle: Style;
  cwd: string;
  env: Record<string, string | undefined>;
  readStdin(): Promise<string>;
  /** Aborted on Ctrl-C (SIGINT): commands cancel remote work and exit. */
  signal: AbortSignal;
  /** Lazily loaded `.adqlrc.json` (respects --config). */
  config(): LoadedConfig;
}

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage lines without the leading `adql `. */
  usage: string[];
  /** Paragraph(s) after the usage. */
  description?: string;
  options: Record<string, OptionSpec>;
  /** [command line, what it does] */
  examples: Array<[string, string]>;
  run(ctx: CliContext, values: ParsedValues, positionals: string[]): Promise<number>;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  config: { type: 'string', valueName: 'FILE', description: 'config file (default: nearest .adqlrc.json)' },
  color: { type: 'boolean', description: 'force colours (default: only on a terminal)' },
  'no-color': { type: 'boolean', description: 'never use colours' },
};
