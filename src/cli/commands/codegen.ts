import type { CommandSpec } from '../command.js';
import { resolveService } from '../../tooling/config.js';
import { EXIT_USAGE, UsageError } from '../errors.js';
import { stringOption } from '../io.js';
import { codegenMain } from '../../codegen/index.js';

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
    ["adql codegen -s http://127.0.0.1:8080/tap --schema zcat --out src/db.ts", 'types for the zcat tables'],
    ['adql codegen --schema-file schema.json --out src/db.ts --check', 'fail CI when the generated file is stale'],
  ],
  async run(ctx, values, positionals) {
    if (positionals.length) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`, 'see "adql codegen --help"');
    const argv: string[] = [];
    const schemaFile = stringOption(values, 'schema-file');
    if (schemaFile !== undefined) argv.push('--schema-file', schemaFile);
    else {
      const service = resolveService(ctx.config(), stringOption(values, 'service'), ctx.env);
      if (service === undefined) throw new UsageError('no service or schema file given', 'pass --service URL or --schema-file FILE, or set "service" in .adqlrc.json');
      argv.push('--service', service.url);
    }
    for (const s of (values.schema as string[] | undefined) ?? []) argv.push('--schema', s);
    for (const t of (values.table as string[] | undefined) ?? []) argv.push('--table', t);
    for (const key of ['out', 'import-from', 'name', 'nullable']) {
      const v = stringOption(values, key);
      if (v !== undefined) argv.push(`--${key}`, v);
    }
    if (values.check) argv.push('--check');
    const code = await codegenMain(argv, { stdout: (t) => ctx.stdout.write(t), stderr: (t) => ctx.stderr.write(t) });
    // codegen reports an unreadable source as 3; the CLI's convention for I/O problems is 2.
    return code === 3 ? EXIT_USAGE : code;
  },
};
