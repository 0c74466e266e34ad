import path from 'node:path';
import type { CommandSpec } from '../command.js';
import { EXIT_OK, EXIT_PROBLEMS, InputError, UsageError } from '../errors.js';
import { formatTable } from '../format/table.js';
import { stringOption } from '../io.js';
import { loadCommandSchema } from '../../tooling/index.js';
import { SERVICE_OPTION } from '../service.js';
import { parseQualifiedName } from '../../adql/index.js';
import { writeSchemaFile, type ColumnMeta, type ServiceSchema, type TableMeta } from '../../schema/index.js';

const ACTIONS = ['tables', 'columns', 'describe', 'search'] as const;

function typeOf(c: ColumnMeta): string {
  return `${c.datatype ?? ''}${c.arraysize ? `[${c.arraysize}]` : ''}${c.xtype ? ` ${c.xtype}` : ''}`;
}

function findTable(schema: ServiceSchema, name: string): TableMeta {
  const found = schema.lookupTable(parseQualifiedName(name));
  if (found.status === 'found') return found.table.meta;
  if (found.status === 'ambiguous' || found.status === 'unqualified') {
    throw new UsageError(
      `table "${name}" is ambiguous or needs its schema`,
      `use one of ${found.candidates.map((c) => c.meta.name).join(', ')}`,
    );
  }
  const close = schema.tables.filter((t) => t.name.toLowerCase().includes(name.toLowerCase().split('.').pop() ?? '')).slice(0, 5);
  throw new UsageError(
    `no table "${name}"`,
    close.length ? `did you mean ${close.map((t) => t.name).join(', ')}?` : 'list them with "adql schema tables"',
  );
}

export const schemaCommand: CommandSpec = {
  name: 'schema',
  summary: "browse a service's tables and columns; save a schema file",
  usage: [
    'schema [tables] [--service URL|ALIAS | --schema FILE]',
    'schema columns|describe TABLE',
    'schema search WORD',
    'schema --save FILE',
  ],
  description:
    "Reads the service's metadata (TAP_SCHEMA, else VOSI tables) through the on-disk cache, or a schema file.\n" +
    '"search" looks in table and column names, descriptions and UCDs. "--save" writes a schema file (all\n' +
    'columns loaded) for offline use by lint, the language server and the ESLint rule.',
  options: {
    ...SERVICE_OPTION,
    schema: { type: 'string', valueName: 'FILE', description: 'read a schema file instead of a service' },
    save: { type: 'string', valueName: 'FILE', description: 'write the metadata as a schema file (JSON)' },
    refresh: { type: 'boolean', description: 'refetch instead of using the cache' },
    offline: { type: 'boolean', description: 'use only the cache' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  examples: [
    ['adql schema -s http://127.0.0.1:8080/tap', 'list the tables'],
    ['adql schema -s dachs describe zcat.main', 'one table: description, columns with units and UCDs'],
    ['adql schema -s dachs search redshift', 'find tables and columns about redshift'],
    ['adql schema -s dachs --save schema.json', 'write a schema file for offline linting'],
  ],
  async run(ctx, values, positionals) {
    const [action = 'tables', arg, ...extra] = positionals;
    if (!(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(`unknown action "${action}"`, `use one of ${ACTIONS.join(', ')}`);
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    if ((action === 'columns' || action === 'describe' || action === 'search') && arg === undefined) {
      throw new UsageError(`"schema ${action}" needs ${action === 'search' ? 'a WORD' : 'a TABLE'}`);
    }
    const loaded = await loadCommandSchema(ctx, {
      service: stringOption(values, 'service'),
      schemaFile: stringOption(values, 'schema'),
      refresh: values.refresh === true,
      offline: values.offline === true,
    });
    if (loaded === undefined)
      throw new UsageError('no service or schema file given', 'pass --service URL or --schema FILE, or configure .adqlrc.json');
    const schema = loaded.validator;
    const save = stringOption(values, 'save');
    if (save !== undefined) {
      await schema.loadAllColumns();
      const file = path.resolve(ctx.cwd, save);
      try {
        await writeSchemaFile(file, schema.toDocument());
      } catch (err) {
        throw new InputError(`cannot write ${save} (${(err as Error).message})`);
      }
      ctx.stderr.write(`wrote ${save}: ${schema.tables.length} tables from ${loaded.origin}\n`);
      return EXIT_OK;
    }
    const b = ctx.style.bold;
    const width = ctx.stdout.columns ? { maxWidth: ctx.stdout.columns } : {};
    switch (action) {
      case 'tables': {
        if (values.json)
          ctx.stdout.write(
            JSON.stringify(
              schema.tables.map(({ columns: _c, ...t }) => t),
              null,
              2,
            ) + '\n',
          );
        else
          ctx.stdout.write(
            formatTable(
              ['table', 'type', 'description'],
              schema.tables.map((t) => [t.name, t.type ?? '', (t.description ?? '').split('\n')[0]!]),
              { ...width, header: b },
            ),
          );
        return EXIT_OK;
      }
      case 'columns':
      case 'describe': {
        const table = findTable(schema, arg!);
        await schema.loadColumns([table]);
        const columns = schema.columns(table) ?? [];
        if (values.json) {
          ctx.stdout.write(
            JSON.stringify(
              action === 'columns'
                ? columns
                : {
                    ...table,
                    columns,
                    foreignKeys: schema.foreignKeys.filter((k) => k.fromTable === table.name || k.targetTable === table.name),
                  },
              null,
              2,
            ) + '\n',
          );
          return EXIT_OK;
        }
        if (action === 'describe') {
          ctx.stdout.write(`${b(table.name)}${table.type && table.type !== 'table' ? ` (${table.type})` : ''}\n`);
          if (table.description) ctx.stdout.write(`${table.description}\n`);
          ctx.stdout.write('\n');
        }
        ctx.stdout.write(
          formatTable(
            ['column', 'type', 'unit', 'ucd', 'description'],
            columns.map((c) => [
              c.delimited ? `"${c.name}"` : c.name,
              typeOf(c),
              c.unit ?? '',
              c.ucd ?? '',
              (c.description ?? '').split('\n')[0]!,
            ]),
            { ...width, header: b },
          ),
        );
        if (action === 'describe') {
          for (const k of schema.foreignKeys.filter((f) => f.fromTable === table.name || f.targetTable === table.name)) {
            ctx.stdout.write(
              `\nforeign key: ${k.fromTable}(${k.columns.map((c) => c.from).join(', ')}) -> ${k.targetTable}(${k.columns.map((c) => c.target).join(', ')})\n`,
            );
          }
        }
        return EXIT_OK;
      }
      case 'search': {
        const word = arg!.toLowerCase();
        const hits: string[][] = [];
        let unloaded = 0;
        for (const t of schema.tables) {
          if (t.name.toLowerCase().includes(word) || t.description?.toLowerCase().includes(word))
            hits.push([t.name, '', 'table', (t.description ?? '').split('\n')[0]!]);
          const cols = schema.columns(t);
          if (cols === undefined) {
            unloaded++;
            continue;
          }
          for (const c of cols) {
            if ([c.name, c.description, c.ucd, c.unit].some((s) => s?.toLowerCase().includes(word)))
              hits.push([t.name, c.name, c.ucd ?? '', (c.description ?? '').split('\n')[0]!]);
          }
        }
        if (values.json)
          ctx.stdout.write(
            JSON.stringify(
              hits.map(([table, column, ucd, description]) => ({ table, column, ucd, description })),
              null,
              2,
            ) + '\n',
          );
        else if (hits.length === 0) ctx.stdout.write(`nothing matches "${arg}"\n`);
        else ctx.stdout.write(formatTable(['table', 'column', 'ucd', 'description'], hits, { ...width, header: b }));
        if (unloaded)
          ctx.stderr.write(`note: ${unloaded} tables' columns are not loaded (large service); only their names were searched\n`);
        return hits.length ? EXIT_OK : EXIT_PROBLEMS;
      }
    }
    return EXIT_OK;
  },
};
