/**
 * Credentials in a browser (issue 16): a page's TapService sends its token to the service's origin
 * (after the CORS preflight that the Authorization header brings), and not to another origin the
 * service redirects to: Chromium drops it there, as the Node client does itself.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundlePage, pageHtml, ROOT } from './support/bundle.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { serveFiles, type Served } from './support/site.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describeBrowser('a token in a browser (Chromium)', { timeout: 90_000 }, () => {
  let site: Served;
  let service: { server: Server; origin: string };
  let elsewhere: { server: Server; origin: string };
  const atService: Seen[] = [];
  const atElsewhere: Seen[] = [];

  beforeAll(async () => {
    site = await serveFiles({
      '/index.html': { type: 'text/html; charset=utf-8', body: pageHtml('token', '/app.js') },
      '/app.js': { type: 'text/javascript; charset=utf-8', body: await bundlePage('test/browser/pages/token-page.ts') },
    });
    const fixture = (name: string): string => readFileSync(`${ROOT}fixtures/tap/${name}`, 'utf8');
    elsewhere = await listen((req, res) => {
      atElsewhere.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'text/xml', 'access-control-allow-origin': '*' }).end(fixture('availability.xml'));
    });
    service = await listen((req, res) => {
      atService.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
      const cors = { 'access-control-allow-origin': site.origin, vary: 'Origin' };
      if (req.method === 'OPTIONS') {
        res
          .writeHead(204, {
            ...cors,
            'access-control-allow-methods': 'GET, POST',
            'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
          })
          .end();
      } else if (req.url === '/tap/availability') {
        res.writeHead(303, { ...cors, location: `${elsewhere.origin}/tap/availability` }).end();
      } else {
        res.writeHead(200, { ...cors, 'content-type': 'text/xml' }).end(fixture('capabilities.xml'));
      }
    });
  }, 60_000);

  afterAll(async () => {
    for (const s of [service, elsewhere])
      if (s)
        await new Promise((r) => {
          s.server.closeAllConnections();
          s.server.close(r);
        });
    await site?.close();
  });

  it('goes to the service origin only, not through a redirect to another origin', async () => {
    const browser = await launchChromium();
    try {
      const { page } = await browser.page();
      await page.goto(`${site.origin}/index.html?tap=${encodeURIComponent(`${service.origin}/tap`)}`);
      await page.waitForSelector('body[data-state]', { timeout: 60_000 });
      const text = (await page.textContent('body'))!;
      if ((await page.getAttribute('body', 'data-state')) === 'failed') throw new Error(`the page failed: ${text}`);
      expect(JSON.parse(text)).toMatchObject({ available: true });
    } finally {
      await browser.close();
    }
    const gets = atService.filter((s) => s.method === 'GET');
    expect(gets.map((s) => s.path)).toEqual(['/tap/availability', '/tap/capabilities']);
    for (const s of gets) expect(s.headers.authorization).toBe('Bearer s3cret-token');
    expect(
      atService.some((s) => s.method === 'OPTIONS' && /authorization/i.test(String(s.headers['access-control-request-headers']))),
    ).toBe(true);
    expect(atElsewhere.length).toBe(1);
    expect(atElsewhere[0]!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(atElsewhere[0]!.headers)).not.toContain('s3cret-token');
  });
});
