/**
 * `adql ui` from the build: prints the launch URL, serves the page and its script; the proxy adds the
 * token of an .adqlrc.json alias itself (the service receives it, the page's API never shows it);
 * Ctrl-C stops it with exit 0.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../cli/support/build.js';

const TOKEN = 'token-for-the-service-only';

describe('adql ui (command)', () => {
  beforeAll(ensureBuilt, 180_000);

  it('serves the page, and its proxy adds the alias token the page never sees', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const service = createServer((req, res) => {
      seen.push(req.headers);
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          `<availability><available>true</available><note>at http://127.0.0.1:${(service.address() as AddressInfo).port}/tap</note></availability>`,
        );
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}/tap`;
    const dir = mkdtempSync(path.join(tmpdir(), 'adql-ui-cli-'));
    writeFileSync(
      path.join(dir, '.adqlrc.json'),
      JSON.stringify({ services: { archive: { url: serviceUrl, tokenEnv: 'ARCHIVE_TOKEN' } } }),
    );
    const child = spawn(process.execPath, [CLI, 'ui', '--service', 'archive'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', ARCHIVE_TOKEN: TOKEN },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${stderr}`)), 60_000);
        child.stdout.on('data', (d) => {
          stdout += d;
          const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?key=[\w-]+)$/m.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`adql ui exited ${code}: ${stderr}`)));
      });
      const origin = url.replace(/\?key=.*$/, '');
      const key = new URL(url).searchParams.get('key')!;
      expect(await (await fetch(origin)).text()).toContain('<script type="module" src="/app.js">');
      const script = await fetch(`${origin}app.js`);
      expect(script.headers.get('content-type')).toContain('javascript');
      expect((await script.text()).length).toBeGreaterThan(100_000);
      const connect = await fetch(`${origin}api/connect`, { headers: { 'x-adqlkit-key': key } });
      const answer = await connect.text();
      expect(answer).toContain('"name":"archive"');
      expect(answer).not.toContain(TOKEN);
      const { service: described } = JSON.parse(answer) as { service: { base: string } };
      const proxied = await fetch(`${origin.replace(/\/$/, '')}${described.base}/availability`, { headers: { 'x-adqlkit-key': key } });
      expect(proxied.status).toBe(200);
      expect(seen.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
      // The service's own URL in its answer is rewritten to the proxy's, so the page follows it there.
      expect(await proxied.text()).toContain(`${origin.replace(/\/$/, '')}${described.base}`);
      expect((await fetch(`${origin}api/connect`)).status).toBe(403);
    } finally {
      child.kill('SIGINT');
      service.close();
    }
    const code = await new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve),
    );
    expect(code).toBe(0);
  }, 120_000);
});
