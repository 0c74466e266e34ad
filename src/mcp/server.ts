/**
 * The adqlkit MCP server: tools, resources and prompts over one session. `serveMcp` runs it on
 * stdin/stdout (what `adql mcp` does); createMcpServer lets a caller pick another transport.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { McpSession, type SessionOptions } from './session.js';
import { registerDiscoveryTools } from './tools/discovery.js';
import { registerJobTools } from './tools/jobs.js';
import { registerQueryTools } from './tools/query.js';
import { registerServiceInfoTools } from './tools/service-info.js';

const INSTRUCTIONS =
  'adqlkit: the Virtual Observatory through ADQL. Find services (find_services) and tables (list_tables, search_tables, describe_table), ' +
  'check a query with validate_adql (it names each problem with a fix and may return correctedQuery), then run it with run_adql; ' +
  'read its verdict: a TRUNCATED result is missing rows. Long queries: run_adql mode "async", then fetch_job. ' +
  'ADQL uses TOP n, not LIMIT; CIRCLE takes (frame, ra, dec, radius in degrees).';

export interface McpServerInfo {
  name: string;
  version: string;
}

export function createMcpServer(session: McpSession, info: McpServerInfo): McpServer {
  const server = new McpServer(info, { instructions: INSTRUCTIONS });
  registerDiscoveryTools(server, session);
  registerQueryTools(server, session);
  registerJobTools(server, session);
  registerServiceInfoTools(server, session);
  registerResources(server, session);
  registerPrompts(server);
  return server;
}

/** Serves MCP on stdin/stdout until the client disconnects or `signal` aborts; then stops the embedded engine. */
export async function serveMcp(options: SessionOptions, info: McpServerInfo, signal: AbortSignal): Promise<void> {
  const session = new McpSession(options);
  const server = createMcpServer(session, info);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.connect(transport);
  await closed;
  await server.close().catch(() => undefined);
  await session.close();
}
