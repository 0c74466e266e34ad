/**
 * `adql codegen`: the flags are parsed once, by the CLI, into CodegenOptions for codegen/'s
 * generator. Exit 0 written or up to date, 1 out of date with --check, 2 bad usage or unreadable source.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { compareGenerated, generateSchemaTypes, type CodegenOptions } from '../../codegen/index.js';
import { resolveService } from '../../config/index.js';
import type { CommandSpec } from '../command.js';
import { EXIT_OK, EXIT_PROBLEMS, InputError, UsageError } from '../errors.js';
import { stringOption } from '../io.js';

interface CodegenRequest {
  /** A TAP URL or a schema file, as generateSchemaTypes takes it. */
  source: string;
  sourceFlag: '--service' | '--schema-file';
  out: string | undefined;
  check: boolean;
  options: CodegenOptions;
}

/** Comma-separated lists are accepted as well as repeated flags (`--table 'a.*,b.*'`). */
function listOption(values: Record<string, unknown>, name: string): string[] | undefined {
  const v = values[name] as string[] | undefined;
  if (v === undefined) return undefined;
  return v
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The command that regenerates the file: in messages (with --out), and in the file's header
 * (without: it must not depend on where the file is written).
 */
function commandLine(r: CodegenRequest, withOut = true): string {
  const parts = ['adql codegen', `${r.sourceFlag} ${r.source}`];
  for (const s of r.options.schemas ?? []) parts.push(`--schema ${s}`);
  for (const t of r.options.tables ?? []) parts.push(`--table '${t}'`);
  if (r.options.importFrom) parts.push(`--import-from ${r.options.importFrom}`);
  if (r.options.name) parts.push(`--name ${r.options.name}`);
  if (r.options.nullable) parts.push(`--nullable ${r.options.nullable}`);
  if (r.out && withOut) parts.push(`--out ${r.out}`);
  return `\`${parts.join(' ')}\``;
}

export const codegenCommand: CommandSpec = {
  name: 'codegen',
  summary: 'generate TypeScript types for the typed query builder',
  usage: ['codegen [--service URL|ALIAS | --schema-file FILE] [--schema NAME] [--table GLOB] [--out FILE] [--check]'],
  description:
    'Writes a TypeScript database interface for queryBuilder<Database>() with doc comments (description,\n' +
    "unit, UCD) and the service's UDF signatures. The service defaults to .adqlrc.json's. With --check nothing\n" +
    'is written: exit 1 when --out differs from what would be generated (for CI).',
  options: {
    service: { type: 'string', short: 's', valueName: 'URL|ALIAS', description: 'TAP service (default: "service" in .adqlrc.json)' },
    'schema-file': { type: 'string', valueName: 'FILE', description: 'schema file (JSON) instead of a service' },
    schema: { type: 'string', multiple: true, valueName: 'NAME', description: 'only tables of this schema' },
    table: { type: 'string', multiple: true, valueName: 'GLOB', description: "only tables matching, e.g. 'zcat.*'" },
    out: { type: 'string', short: 'o', valueName: 'FILE', description: 'write to FILE (default: stdout)' },
    check: { type: 'boolean', description: 'exit 1 when --out is out of date' },
    'import-from': { type: 'string', valueName: 'MODULE', description: "module of the geometry types (default 'adqlkit')" },
    name: { type: 'string', valueName: 'NAME', description: 'name of the database interface (default Database)' },
    nullable: { type: 'string', valueName: 'auto|all', description: "'auto': VOSI nullable flags decide; 'all': every column | null" },
  },
  examples: [
    ['adql codegen -s http://127.0.0.1:8080/tap --schema zcat --out src/db.ts', 'types for the zcat tables'],
    ['adql codegen --schema-file schema.json --out src/db.ts --check', 'fail CI when the generated file is stale'],
  ],
  async run(ctx, values, positionals) {
    if (positionals.length) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`, 'see "adql codegen --help"');
    const schemaFile = stringOption(values, 'schema-file');
    let source: Pick<CodegenRequest, 'source' | 'sourceFlag'>;
    if (schemaFile !== undefined) source = { source: schemaFile, sourceFlag: '--schema-file' };
    else {
      const service = resolveService(ctx.config(), stringOption(values, 'service'), ctx.env);
      if (service === undefined)
        throw new UsageError(
          'no service or schema file given',
          'pass --service URL or --schema-file FILE, or set "service" in .adqlrc.json',
        );
      source = { source: service.url, sourceFlag: '--service' };
    }
    const nullable = stringOption(values, 'nullable');
    if (nullable !== undefined && nullable !== 'auto' && nullable !== 'all')
      throw new UsageError(`--nullable takes auto or all, not ${nullable}`);
    const options: CodegenOptions = {};
    const schemas = listOption(values, 'schema');
    const tables = listOption(values, 'table');
    const importFrom = stringOption(values, 'import-from');
    const name = stringOption(values, 'name');
    if (schemas !== undefined) options.schemas = schemas;
    if (tables !== undefined) options.tables = tables;
    if (importFrom !== undefined) options.importFrom = importFrom;
    if (name !== undefined) options.name = name;
    if (nullable !== undefined) options.nullable = nullable;
    const request: CodegenRequest = { ...source, out: stringOption(values, 'out'), check: values.check === true, options };
    if (request.check && request.out === undefined) throw new UsageError('--check needs --out FILE (the file to compare)');

    let text: string;
    try {
      text = await generateSchemaTypes(request.source, { ...options, command: commandLine(request, false) });
    } catch (err) {
      throw new InputError((err as Error).message, `check ${request.sourceFlag}`);
    }
    if (request.check) return checkUpToDate(ctx, request, text);
    if (request.out === undefined) ctx.stdout.write(text);
    else {
      await writeFile(request.out, text);
      ctx.stdout.write(`wrote ${request.out}\n`);
    }
    return EXIT_OK;
  },
};

async function checkUpToDate(ctx: Parameters<CommandSpec['run']>[0], request: CodegenRequest, text: string): Promise<number> {
  const out = request.out!;
  let existing: string;
  try {
    existing = await readFile(out, 'utf8');
  } catch (err) {
    ctx.stderr.write(
      `adql codegen --check: ${out} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); generate it with ${commandLine({ ...request, check: false })}\n`,
    );
    return EXIT_PROBLEMS;
  }
  const result = compareGenerated(existing, text);
  if (result.upToDate) {
    ctx.stdout.write(`${out} is up to date\n`);
    return EXIT_OK;
  }
  const d = result.difference!;
  ctx.stderr.write(
    `${out} is out of date (first difference at line ${d.line}):\n  file:      ${d.existing}\n  generated: ${d.generated}\nregenerate with ${commandLine({ ...request, check: false })}\n`,
  );
  return EXIT_PROBLEMS;
}
