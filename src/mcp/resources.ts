/**
 * Resources a client can attach to a conversation: a table's description (columns with units,
 * UCDs, descriptions) and the result files run_adql saved in the working directory.
 */
import { readdir, readFile } from 'node:fs/promises';
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { describeTable, formatTableDescription, listTables } from '../registry/index.js';
import { McpToolError } from './errors.js';
import { RESULT_URI_PREFIX } from './results.js';
import type { McpSession } from './session.js';
import { serviceCall } from './tool-result.js';
import { RESULTS_FOLDER } from './workdir.js';

const SCHEMA_URI_PREFIX = 'adqlkit://schema/';

/** The URI of a table's description: the service name and table name, each URI-encoded. */
export function schemaResourceUri(service: string, table: string): string {
  return `${SCHEMA_URI_PREFIX}${encodeURIComponent(service)}/${encodeURIComponent(table)}`;
}

const one = (v: string | string[] | undefined): string => decodeURIComponent(Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

const MIME: Record<string, string> = { vot: 'application/x-votable+xml', csv: 'text/csv' };

export function registerResources(server: McpServer, session: McpSession): void {
  server.registerResource(
    'table-schema',
    new ResourceTemplate(`${SCHEMA_URI_PREFIX}{service}/{table}`, {
      list: async () => {
        session.budget.chargeRequest('listing table resources');
        const service = await session.services.get(undefined);
        const tables = await serviceCall(service.name, 'listing tables', () => listTables(service.tap));
        return {
          resources: tables.map((t) => ({
            uri: schemaResourceUri(service.name, t.name),
            name: t.name,
            ...(t.description ? { description: t.description.replace(/\s+/g, ' ').trim() } : {}),
            mimeType: 'text/plain',
          })),
        };
      },
    }),
    {
      title: 'Table description',
      description: 'A table with its columns (name, unit, UCD, description), as text to attach to a conversation',
      mimeType: 'text/plain',
    },
    async (uri, variables) => {
      session.budget.chargeRequest('reading a table resource');
      const service = await session.services.get(one(variables.service));
      const table = await serviceCall(service.name, 'describing a table', () => describeTable(service.tap, one(variables.table)));
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: formatTableDescription(table) }] };
    },
  );

  server.registerResource(
    'query-result',
    new ResourceTemplate(`${RESULT_URI_PREFIX}{+path}`, {
      list: async () => {
        const folder = session.workdir.resolve(RESULTS_FOLDER, 'results folder');
        const names = await readdir(folder).catch(() => [] as string[]);
        return {
          resources: names
            .filter((n) => /\.(vot|csv)$/.test(n))
            .map((n) => ({ uri: `${RESULT_URI_PREFIX}${RESULTS_FOLDER}/${n}`, name: n, mimeType: MIME[n.slice(n.lastIndexOf('.') + 1)]! })),
        };
      },
    }),
    { title: 'Query result', description: 'A result file run_adql or fetch_job saved in the working directory (VOTable or CSV)' },
    async (uri, variables) => {
      const relative = one(variables.path);
      const file = session.workdir.existingFile(relative, 'result');
      const extension = relative.slice(relative.lastIndexOf('.') + 1);
      if (MIME[extension] === undefined) throw new McpToolError(`"${relative}" is not a result file (.vot or .csv)`);
      return { contents: [{ uri: uri.href, mimeType: MIME[extension], text: await readFile(file, 'utf8') }] };
    },
  );
}
