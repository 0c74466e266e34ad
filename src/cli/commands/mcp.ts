import path from 'node:path';
import type { CommandSpec } from '../command.js';
import { resolveService } from '../../config/index.js';
import { loadCommandSchema } from '../../tooling/index.js';
import { DEFAULT_BUDGET, LOCAL_SERVICE, serveMcp } from '../../mcp/index.js';
import { EXIT_OK } from '../errors.js';
import { intOption, stringOption } from '../io.js';
import { requireService } from '../service.js';
import { packageVersion } from '../version.js';

export const mcpCommand: CommandSpec = {
  name: 'mcp',
  summary: 'serve adqlkit to AI agents over the Model Context Protocol (stdio)',
  usage: ['mcp [--service URL|ALIAS]... [--registry URL] [--workdir DIR] [budget options]'],
  description:
    'Runs an MCP server on stdin/stdout for an agent (Claude Desktop, an IDE, ...): tools to find services and\n' +
    'tables, validate ADQL with fixes, run queries (sync or async, never silently truncated) and manage jobs,\n' +
    'plus table descriptions as resources and prompts for cone searches and cross-matches. The first --service\n' +
    'is the default; without one (nor "service" in .adqlrc.json) the default is "local", the embedded engine\n' +
    "serving the bundled sample catalogue (or the --table files). Credentials come from .adqlrc.json's tokenEnv\n" +
    'only. Uploads are read from, and results saved to, the working directory only. Logs go to stderr.',
  options: {
    service: {
      type: 'string',
      short: 's',
      multiple: true,
      valueName: 'URL|ALIAS',
      description: 'a TAP service the agent may use (repeat for several; "local" is the embedded engine)',
    },
    table: {
      type: 'string',
      short: 't',
      multiple: true,
      valueName: 'NAME=FILE',
      description: 'a table for the embedded engine, e.g. mycat.stars=stars.csv (default: the sample catalogue)',
    },
    registry: {
      type: 'string',
      short: 'r',
      valueName: 'URL|ALIAS',
      description: 'RegTAP registry for find_services (default: $ADQLKIT_REGISTRY)',
    },
    workdir: {
      type: 'string',
      short: 'w',
      valueName: 'DIR',
      description: 'the only directory uploads are read from and results written to (default: the current one)',
    },
    'max-rows-per-call': {
      type: 'string',
      valueName: 'N',
      description: `rows one query may return (default ${DEFAULT_BUDGET.rowsPerCall})`,
    },
    'max-session-rows': {
      type: 'string',
      valueName: 'N',
      description: `rows all queries of the session may return (default ${DEFAULT_BUDGET.sessionRows})`,
    },
    'max-requests': {
      type: 'string',
      valueName: 'N',
      description: `tool calls that contact a service, per session (default ${DEFAULT_BUDGET.sessionRequests})`,
    },
  },
  examples: [
    ['adql mcp', 'serve the embedded engine with the bundled sample catalogue'],
    ['adql mcp -s dachs -r https://reg.g-vo.org/tap --workdir ~/vo-work', 'a configured service and a registry, results under ~/vo-work'],
    ['adql mcp -s http://127.0.0.1:8080/tap --max-rows-per-call 1000', 'a tighter row cap per query'],
  ],
  async run(ctx, values) {
    const given = (values.service as string[] | undefined) ?? [];
    const configured = ctx.env.ADQLKIT_SERVICE || ctx.config().config.service;
    const services = given.length > 0 ? given : configured !== undefined ? [configured] : [LOCAL_SERVICE];
    // Unknown aliases fail here, before the client connects; a missing token variable is a warning.
    for (const s of services) if (s !== LOCAL_SERVICE) requireService(ctx, s, 'mcp');
    await serveMcp(
      {
        services,
        resolve: (nameOrUrl) => resolveService(ctx.config(), nameOrUrl, ctx.env)!,
        loadSchema: async (service) => (await loadCommandSchema(ctx, { service: service.url }))?.validator,
        localTables: (values.table as string[] | undefined) ?? [],
        userAgent: `adqlkit-mcp/${packageVersion()}`,
        log: (line) => ctx.stderr.write(`${line}\n`),
        workdir: path.resolve(ctx.cwd, stringOption(values, 'workdir') ?? '.'),
        registry: stringOption(values, 'registry') ?? (ctx.env.ADQLKIT_REGISTRY || undefined),
        budget: {
          rowsPerCall: intOption(values, 'max-rows-per-call', 1) ?? DEFAULT_BUDGET.rowsPerCall,
          sessionRows: intOption(values, 'max-session-rows', 1) ?? DEFAULT_BUDGET.sessionRows,
          sessionRequests: intOption(values, 'max-requests', 1) ?? DEFAULT_BUDGET.sessionRequests,
        },
      },
      { name: 'adqlkit', version: packageVersion() },
      ctx.signal,
    );
    return EXIT_OK;
  },
};
