/**
 * The `adql codegen` command as a function the CLI calls: `main(argv, io)` returns the exit code
 * (0 written or up to date, 1 out of date with --check, 2 bad usage, 3 the source could not be read).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { compareGenerated, generateSchemaTypes, type CodegenOptions } from './generate.js';

export interface CodegenIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const defaultIo: CodegenIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export const CODEGEN_USAGE = `Usage: adql codegen (--service URL | --schema-file FILE) [options]

Writes a TypeScript database interface for queryBuilder<Database>() with doc comments
(description, unit, UCD) and the service's UDF signatures.

  --service URL        TAP service to read TAP_SCHEMA/VOSI tables and capabilities from
  --schema-file FILE   JSON schema file (adqlkit schema format) instead of a service
  --schema NAME        only tables of this schema (repeatable, or comma-separated)
  --table GLOB         only tables matching, e.g. 'zcat.*' (repeatable, or comma-separated)
  --out FILE           write to FILE (default: standard output)
  --check              do not write: exit 1 when FILE (--out) differs from what would be generated
  --import-from MOD    module of the geometry types (default 'adqlkit')
  --name NAME          name of the database interface (default Database)
  --nullable auto|all  'auto': VOSI nullable flags decide; 'all': every column | null
`;

interface Parsed {
  service?: string;
  schemaFile?: string;
  out?: string;
  check: boolean;
  options: CodegenOptions;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Parsed {
  const parsed: Parsed = { check: false, options: {} };
  const list = (v: string) => v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (arg.startsWith('--') && eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--service':
        parsed.service = value();
        break;
      case '--schema-file':
        parsed.schemaFile = value();
        break;
      case '--schema':
        (parsed.options.schemas ??= []).push(...list(value()));
        break;
      case '--table':
        (parsed.options.tables ??= []).push(...list(value()));
        break;
      case '--out':
        parsed.out = value();
        break;
      case '--check':
        parsed.check = true;
        break;
      case '--import-from':
        parsed.options.importFrom = value();
        break;
      case '--name':
        parsed.options.name = value();
        break;
      case '--nullable': {
        const v = value();
        if (v !== 'auto' && v !== 'all') throw new UsageError(`--nullable takes auto or all, not ${v}`);
        parsed.options.nullable = v;
        break;
      }
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if ((parsed.service === undefined) === (parsed.schemaFile === undefined))
    throw new UsageError('give exactly one of --service URL or --schema-file FILE');
  if (parsed.check && parsed.out === undefined) throw new UsageError('--check needs --out FILE (the file to compare)');
  return parsed;
}

/** The command, for messages (with --out) and for the file header (without: it must not depend on paths). */
function commandLine(p: Parsed, withOut = true): string {
  const parts = ['adql codegen', p.service ? `--service ${p.service}` : `--schema-file ${p.schemaFile}`];
  for (const s of p.options.schemas ?? []) parts.push(`--schema ${s}`);
  for (const t of p.options.tables ?? []) parts.push(`--table '${t}'`);
  if (p.options.importFrom) parts.push(`--import-from ${p.options.importFrom}`);
  if (p.options.name) parts.push(`--name ${p.options.name}`);
  if (p.options.nullable) parts.push(`--nullable ${p.options.nullable}`);
  if (p.out && withOut) parts.push(`--out ${p.out}`);
  return `\`${parts.join(' ')}\``;
}

export async function main(argv: readonly string[], io: CodegenIo = defaultIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(CODEGEN_USAGE);
    return 0;
  }
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`adql codegen: ${e.message}\n\n${CODEGEN_USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await generateSchemaTypes(parsed.service ?? parsed.schemaFile!, { ...parsed.options, command: commandLine(parsed, false) });
  } catch (e) {
    io.stderr(`adql codegen: ${(e as Error).message}\n`);
    return 3;
  }
  if (parsed.check) {
    let existing: string;
    try {
      existing = await readFile(parsed.out!, 'utf8');
    } catch (e) {
      io.stderr(`adql codegen --check: ${parsed.out} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); generate it with ${commandLine({ ...parsed, check: false })}\n`);
      return 1;
    }
    const result = compareGenerated(existing, text);
    if (result.upToDate) {
      io.stdout(`${parsed.out} is up to date\n`);
      return 0;
    }
    const d = result.difference!;
    io.stderr(
      `${parsed.out} is out of date (first difference at line ${d.line}):\n  file:      ${d.existing}\n  generated: ${d.generated}\nregenerate with ${commandLine({ ...parsed, check: false })}\n`,
    );
    return 1;
  }
  if (parsed.out === undefined) io.stdout(text);
  else {
    await writeFile(parsed.out, text);
    io.stdout(`wrote ${parsed.out}\n`);
  }
  return 0;
}
