/** `adql mcp` and .adqlrc.json: credentials come from the config only and never reach the agent; bad setup fails at start. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdql } from '../cli/support/spawn.js';
import { ensureMcpBuilt, startMcp, textOf } from './support/server.js';

const TOKEN = 'mcp-test-token-7f3a9c';

/** A "service" that wants credentials: every request is answered 401, and its headers are kept. */
let stub: Server;
let stubUrl: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  await ensureMcpBuilt();
  stub = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('authentication required');
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/tap`;
}, 180_000);
afterAll(() => new Promise<void>((resolve) => stub.close(() => resolve())));

describe('adql mcp with .adqlrc.json', () => {
  it('sends the token the config names, never shows it, and says where credentials come from', async () => {
    const workdir = mkdtempSync(path.join(tmpdir(), 'adql-mcp-config-'));
    writeFileSync(
      path.join(workdir, '.adqlrc.json'),
      JSON.stringify({ services: { archive: { url: stubUrl, tokenEnv: 'ARCHIVE_TOKEN' } } }),
    );
    const mcp = await startMcp(['--service', 'archive'], { workdir, env: { ARCHIVE_TOKEN: TOKEN } });
    try {
      const listed = await mcp.call('list_tables');
      expect(listed.isError).toBe(true);
      expect(textOf(listed)).toMatch(/^listing tables on archive: .*401.*credentials, which come only from \.adqlrc\.json/);
      const caps = await mcp.call('capabilities', { service: 'archive' });
      const ran = await mcp.call('run_adql', { query: 'SELECT TOP 1 x FROM t' });
      const everything = [listed, caps, ran].map((r) => JSON.stringify(r)).join('\n') + mcp.stderr();
      expect(everything).not.toContain(TOKEN);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((h) => h.authorization === `Bearer ${TOKEN}`)).toBe(true);
    } finally {
      await mcp.close();
    }
  }, 60_000);

  it('an unknown service alias stops the server before it starts (exit 2), and --help documents the command', async () => {
    const workdir = mkdtempSync(path.join(tmpdir(), 'adql-mcp-config-'));
    const env = { ADQLKIT_CONFIG: '', ADQLKIT_SERVICE: '' };
    const bad = await runAdql(['mcp', '--service', 'nosuch'], { cwd: workdir, env });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('unknown service "nosuch" (no services configured)');
    const budget = await runAdql(['mcp', '--max-rows-per-call', '0'], { cwd: workdir, env });
    expect(budget.code).toBe(2);
    expect(budget.stderr).toContain('--max-rows-per-call must be an integer >= 1, got "0"');
    const help = await runAdql(['mcp', '--help'], { cwd: workdir, env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('adql mcp');
    expect(help.stdout).toContain('--workdir');
  }, 90_000);
});
