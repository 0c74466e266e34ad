/**
 * Serves recorded DaCHS responses (fixtures/dachs/, scripts/record-dachs-fixtures.sh) from a
 * loopback FaultServer, with the recorded status and content type, so the clients are tested on
 * the real documents over real HTTP without the live service.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FaultServer } from '../../tap/support/fault-server.js';

const dir = resolve(import.meta.dirname, '../../../fixtures/dachs');

export function fixture(name: string): { body: Buffer; status: number; contentType: string } {
  const headers = readFileSync(resolve(dir, `${name}.headers`), 'utf8');
  const status = Number(/^HTTP\/\S+ (\d+)/.exec(headers)?.[1] ?? 200);
  const contentType = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
  return { body: readFileSync(resolve(dir, name)), status, contentType };
}

/** Answers "METHOD /path" with the recorded response `name`. */
export function serveFixture(server: FaultServer, route: string, name: string): void {
  const { body, status, contentType } = fixture(name);
  server.on(route, (_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
}
