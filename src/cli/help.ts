import { GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './command.js';
import type { Style } from './style.js';

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
    return [flag, o.description + (o.multiple ? ' (repeatable)' : '')] as const;
  });
  const width = Math.max(0, ...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`);
}

export function commandHelp(spec: CommandSpec, style: Style): string {
  const lines: string[] = [];
  lines.push(`${style.bold(`adql ${spec.name}`)}: ${spec.summary}`, '', style.bold('Usage:'));
  for (const u of spec.usage) lines.push(`  adql ${u}`);
  if (spec.description) lines.push('', ...spec.description.split('\n'));
  if (Object.keys(spec.options).length > 0) lines.push('', style.bold('Options:'), ...optionLines(spec.options));
  lines.push('', style.bold('Global options:'), ...optionLines(GLOBAL_OPTIONS));
  lines.push('', style.bold('Examples:'));
  for (const [cmd, what] of spec.examples) lines.push(`  ${style.dim('#')} ${style.dim(what)}`, `  ${cmd}`, '');
  return lines.join('\n').trimEnd() + '\n';
}

export function mainHelp(commands: Array<{ name: string; summary: string }>, style: Style, version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `${style.bold('adql')} ${version}: parse, lint, format and run ADQL queries against TAP services`,
    '',
    style.bold('Usage:'),
    '  adql <command> [options] [arguments]',
    '  adql <command> --help        help and examples for one command',
    '',
    style.bold('Commands:'),
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    style.bold('Examples:'),
    '  adql lint --schema schema.json queries/*.adql',
    "  adql query --service http://127.0.0.1:8080/tap 'SELECT TOP 5 * FROM tap_schema.tables'",
    '  adql format -w query.adql',
    '',
    'Services, aliases, tokens and the cache directory come from .adqlrc.json (see README).',
    'Exit codes: 0 success, 1 problems found (diagnostics, failed query or job), 2 usage or I/O error.',
    '',
  ].join('\n');
}
