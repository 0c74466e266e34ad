/** The language server with a configured live service: metadata fetched on first use, then from the cache. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { describeLive, TAP_URL } from '../support/dachs.js';
import { ensureBuilt } from '../cli/support/build.js';
import { LspClient, type PublishedDiagnostics } from './client.js';

async function diagnosticsUntil(
  client: LspClient,
  uri: string,
  done: (p: PublishedDiagnostics) => boolean,
  timeoutMs = 30_000,
): Promise<PublishedDiagnostics> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = client.published.find((p) => p.uri === uri && done(p));
    if (hit) return hit;
    if (Date.now() > deadline)
      throw new Error(`no matching diagnostics for ${uri}: ${JSON.stringify(client.published)}; stderr ${client.stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeLive('language server with a live TAP service', () => {
  beforeAll(ensureBuilt, 180_000);

  it('fetches the metadata on first use, caches it, and a new server works from the cache', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'adql-lsp-live-'));
    writeFileSync(path.join(dir, '.adqlrc.json'), JSON.stringify({ service: TAP_URL, cacheDir: 'cache' }));
    const uri = pathToFileURL(path.join(dir, 'q.adql')).href;
    const hasUnknownColumn = (p: PublishedDiagnostics) => p.diagnostics.some((d) => d.code === 'unknown-column');
    for (const round of ['network', 'cache']) {
      const client = new LspClient(dir);
      try {
        await client.initialize(dir);
        await client.open(uri, 'adql', 'SELECT ra, dcc FROM zcat.main');
        const published = await diagnosticsUntil(client, uri, hasUnknownColumn);
        expect(published.diagnostics.find((d) => d.code === 'unknown-column')!.range.start, round).toEqual({ line: 0, character: 11 });
        const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', {
          textDocument: { uri },
          position: { line: 0, character: 8 },
        });
        expect(hover.contents.value, round).toContain('pos.eq.ra');
      } finally {
        await client.close();
      }
      if (round === 'network') expect(readdirSync(path.join(dir, 'cache')).some((f) => f.startsWith('schema-'))).toBe(true);
    }
  }, 90_000);
});
