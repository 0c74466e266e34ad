/**
 * Drives the built `adql mcp` (dist/src/cli/main.js) with the MCP SDK's own client over stdio, in
 * a fresh working directory with its own schema cache and no .adqlrc.json.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CLI, ensureBuilt, repoRoot } from '../../cli/support/build.js';

/** Builds dist/ when stale; `adql mcp` must be in it (run `npm run build` after editing src/mcp). */
export async function ensureMcpBuilt(): Promise<void> {
  await ensureBuilt();
  if (!existsSync(path.join(repoRoot, 'dist/src/mcp/index.js'))) throw new Error('dist/src/mcp is missing: run "npm run build" first');
}

export interface McpServerUnderTest {
  client: Client;
  /** The server's working directory. */
  workdir: string;
  /** Calls a tool; the result as the client received it. */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Calls a tool that must succeed; its structured content. */
  ok<T = Record<string, unknown>>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** Everything the server wrote on stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

export async function startMcp(
  args: string[] = [],
  options: { workdir?: string; env?: Record<string, string> } = {},
): Promise<McpServerUnderTest> {
  const workdir = options.workdir ?? mkdtempSync(path.join(tmpdir(), 'adql-mcp-'));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'adql-mcp-cache-'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...args],
    cwd: workdir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: workdir,
      ADQLKIT_CACHE_DIR: cacheDir,
      ADQLKIT_SERVICE: '',
      ADQLKIT_CONFIG: '',
      ADQLKIT_REGISTRY: '',
      ...options.env,
    },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'adqlkit-test', version: '1.0.0' });
  await client.connect(transport);
  const call = async (name: string, toolArgs: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: toolArgs }, undefined, { timeout: 120_000 })) as CallToolResult;
  return {
    client,
    workdir,
    call,
    async ok<T>(name: string, toolArgs: Record<string, unknown> = {}) {
      const result = await call(name, toolArgs);
      if (result.isError) throw new Error(`${name} failed: ${textOf(result)}\nserver stderr:\n${stderr}`);
      return result.structuredContent as T;
    },
    stderr: () => stderr,
    close: () => client.close(),
  };
}

/** The text content of a tool result. */
export function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

/** The shape of run_adql's and fetch_job's structured content. */
export interface RunOutput {
  status: 'completed' | 'running' | 'refused';
  service: string;
  message: string;
  jobId?: string;
  phase?: string;
  validationWarnings?: string[];
  result?: {
    columns: Array<{ name: string; datatype: string; unit?: string; ucd?: string }>;
    rowCount: number;
    complete: boolean;
    verdict: string;
    verdictCertain: boolean;
    preview: string;
    previewRows: number;
    maxrec: number;
    file: string;
    resourceUri: string;
    format: string;
  };
}
