/** Finding data: find_services (registry search), list_tables, search_tables, describe_table. */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RegistryService, SERVICE_TYPES, describeTable, listTables, searchTables, type RegistryRecord } from '../../registry/index.js';
import type { TapColumn } from '../../tap/index.js';
import { McpToolError } from '../errors.js';
import type { McpSession } from '../session.js';
import { serviceCall, toolResult } from '../tool-result.js';
import { schemaResourceUri } from '../resources.js';

export const serviceArg = z
  .string()
  .min(1)
  .optional()
  .describe(
    'The TAP service: a name the server was started with (see the capabilities tool), "local" for the embedded engine, or a TAP URL. Default: the first --service, else "local".',
  );

const SHORT_DESCRIPTION = 400;

function recordOut(r: RegistryRecord) {
  const description = (r.description ?? '').replace(/\s+/g, ' ').trim();
  return {
    ivoid: r.ivoid,
    title: r.title,
    ...(r.shortName ? { shortName: r.shortName } : {}),
    ...(description
      ? { description: description.length > SHORT_DESCRIPTION ? `${description.slice(0, SHORT_DESCRIPTION)}...` : description }
      : {}),
    wavebands: r.wavebands,
    interfaces: r.interfaces.filter((i) => i.standardId !== undefined).map((i) => ({ standardId: i.standardId!, accessUrl: i.accessUrl })),
  };
}

export function columnOut(c: TapColumn) {
  return {
    name: c.name,
    ...(c.datatype ? { datatype: c.datatype } : {}),
    ...(c.arraysize ? { arraysize: c.arraysize } : {}),
    ...(c.unit ? { unit: c.unit } : {}),
    ...(c.ucd ? { ucd: c.ucd } : {}),
    ...(c.description ? { description: c.description.replace(/\s+/g, ' ').trim() } : {}),
    indexed: c.indexed,
    primary: c.primary,
  };
}

const tableSummary = z.object({ name: z.string(), description: z.string().optional(), type: z.string().optional() });
const columnSchema = z.object({
  name: z.string(),
  datatype: z.string().optional(),
  arraysize: z.string().optional(),
  unit: z.string().optional(),
  ucd: z.string().optional(),
  description: z.string().optional(),
  indexed: z.boolean(),
  primary: z.boolean(),
});

const clean = (s: string | undefined) => (s ? s.replace(/\s+/g, ' ').trim() : undefined);

export function registerDiscoveryTools(server: McpServer, session: McpSession): void {
  server.registerTool(
    'find_services',
    {
      title: 'Find VO services',
      description:
        'Search a Virtual Observatory registry (RegTAP) for data services. Every keyword must occur in the title, description or subjects; ' +
        'serviceType restricts to service kinds (tap for ADQL queries, scs for cone search...). Returns IVOA identifiers, titles and access URLs; ' +
        'a "tap" interface URL can be passed as the service of the other tools.',
      inputSchema: {
        keywords: z.array(z.string().min(1)).default([]).describe('Words to search for, e.g. ["redshift", "galaxies"]'),
        serviceType: z
          .array(z.enum(Object.keys(SERVICE_TYPES) as [keyof typeof SERVICE_TYPES, ...Array<keyof typeof SERVICE_TYPES>]))
          .default([])
          .describe('Service kinds, any of them: tap, scs (cone search), sia, sia2, ssa, slap'),
        includeTables: z
          .boolean()
          .default(true)
          .describe('With serviceType: also find tables served by a service of that type (auxiliary capabilities)'),
        waveband: z
          .array(z.string())
          .default([])
          .describe('Wavebands, any of: radio, millimeter, infrared, optical, uv, euv, x-ray, gamma-ray'),
        maxResults: z
          .number()
          .int()
          .min(1)
          .max(500)
          .default(50)
          .describe('At most this many interfaces are read (a resource has one or more)'),
        registry: z.string().optional().describe("RegTAP endpoint URL or alias (default: the server's --registry, else $ADQLKIT_REGISTRY)"),
      },
      outputSchema: {
        registry: z.string(),
        count: z.number(),
        services: z.array(
          z.object({
            ivoid: z.string(),
            title: z.string(),
            shortName: z.string().optional(),
            description: z.string().optional(),
            wavebands: z.array(z.string()),
            interfaces: z.array(z.object({ standardId: z.string(), accessUrl: z.string() })),
          }),
        ),
      },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async (args) => {
      const registryName = args.registry ?? session.registry;
      if (registryName === undefined) {
        throw new McpToolError(
          'no registry configured: pass "registry" (a RegTAP URL such as https://reg.g-vo.org/tap), or start adql mcp with --registry URL',
        );
      }
      session.budget.chargeRequest('find_services');
      const registryService = await session.services.get(registryName);
      const registry = new RegistryService(registryService.tap);
      const records = await serviceCall(registryService.name, 'registry search', () =>
        registry.search(
          {
            keywords: args.keywords,
            serviceType: args.serviceType,
            includeAux: args.includeTables && args.serviceType.length > 0,
            waveband: args.waveband,
          },
          { maxrec: args.maxResults },
        ),
      );
      return toolResult({ registry: registryService.url, count: records.length, services: records.map(recordOut) });
    },
  );

  server.registerTool(
    'list_tables',
    {
      title: 'List tables',
      description: 'List the tables a TAP service publishes, with descriptions (no columns; use describe_table for those).',
      inputSchema: {
        service: serviceArg,
        schema: z.string().optional().describe('Only tables of this schema (the part before the dot, e.g. "ivoa")'),
        limit: z.number().int().min(1).max(5000).default(300).describe('At most this many tables'),
      },
      outputSchema: { service: z.string(), total: z.number(), tables: z.array(tableSummary) },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      session.budget.chargeRequest('list_tables');
      const service = await session.services.get(args.service);
      const tables = await serviceCall(service.name, 'listing tables', () => listTables(service.tap));
      const wanted = args.schema?.toLowerCase();
      const selected = wanted === undefined ? tables : tables.filter((t) => t.name.toLowerCase().startsWith(`${wanted}.`));
      const out = selected.slice(0, args.limit).map((t) => ({
        name: t.name,
        ...(clean(t.description) ? { description: clean(t.description)! } : {}),
        ...(t.type ? { type: t.type } : {}),
      }));
      return toolResult({ service: service.name, total: selected.length, tables: out });
    },
  );

  server.registerTool(
    'search_tables',
    {
      title: 'Search tables',
      description:
        'Find tables of a TAP service whose name or description (and, by default, a column\'s name or description) contains a word, e.g. "redshift".',
      inputSchema: {
        keyword: z.string().min(1).describe('The word to look for (case-insensitive)'),
        service: serviceArg,
        inColumns: z.boolean().default(true).describe('Also match column names and descriptions'),
      },
      outputSchema: {
        service: z.string(),
        matches: z.array(tableSummary.extend({ matchedColumns: z.array(z.string()) })),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      session.budget.chargeRequest('search_tables');
      const service = await session.services.get(args.service);
      const matches = await serviceCall(service.name, 'searching tables', () =>
        searchTables(service.tap, args.keyword, { inColumns: args.inColumns }),
      );
      return toolResult({
        service: service.name,
        matches: matches.map((m) => ({
          name: m.name,
          ...(clean(m.description) ? { description: clean(m.description)! } : {}),
          ...(m.type ? { type: m.type } : {}),
          matchedColumns: m.matchedColumns,
        })),
      });
    },
  );

  server.registerTool(
    'describe_table',
    {
      title: 'Describe a table',
      description:
        'One table with all its columns: datatype, unit, UCD and description, and whether a column is indexed (fast to constrain) or the primary key.',
      inputSchema: {
        table: z.string().min(1).describe('Qualified table name as listed, e.g. "zcat.main"'),
        service: serviceArg,
      },
      outputSchema: {
        service: z.string(),
        name: z.string(),
        description: z.string().optional(),
        resourceUri: z.string(),
        columns: z.array(columnSchema),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      session.budget.chargeRequest('describe_table');
      const service = await session.services.get(args.service);
      const table = await serviceCall(service.name, `describing ${args.table}`, () => describeTable(service.tap, args.table));
      return toolResult({
        service: service.name,
        name: table.name,
        ...(clean(table.description) ? { description: clean(table.description)! } : {}),
        resourceUri: schemaResourceUri(service.name, table.name),
        columns: table.columns.map(columnOut),
      });
    },
  );
}
