/**
 * CORS on adqlkit's local TAP service (issue 16): loopback page origins and the configured ones are
 * allowed (preflights answered), others are not; a page on another loopback port queries the
 * service directly in Chromium, sync and async.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalService, type LocalService } from '../../src/engine/index.js';
import { TapService } from '../../src/tap/index.js';
import { bundlePage, pageHtml } from './support/bundle.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { serveFiles } from './support/site.js';

let service: LocalService;

beforeAll(async () => {
  service = await createLocalService({ corsOrigins: ['https://portal.example.org'] });
}, 120_000);

afterAll(async () => {
  await service?.close();
});

const preflight = (origin: string) =>
  fetch(`${service.url}/sync`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });

describe('local TAP service CORS', () => {
  it('answers preflights from loopback origins and configured ones', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8000', 'http://[::1]:3000', 'https://portal.example.org']) {
      const res = await preflight(origin);
      expect(res.status, origin).toBe(204);
      expect(res.headers.get('access-control-allow-origin'), origin).toBe(origin);
      expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
    }
  });

  it('marks answers to allowed origins and leaves others without the headers', async () => {
    const allowed = await fetch(`${service.url}/capabilities`, { headers: { origin: 'http://localhost:5173' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('vary')).toMatch(/Origin/);
    await allowed.arrayBuffer();
    const other = await fetch(`${service.url}/capabilities`, { headers: { origin: 'https://elsewhere.example' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await other.arrayBuffer();
  });

  it('refuses preflights from other origins, saying how to allow them', async () => {
    const res = await preflight('https://elsewhere.example');
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/https:\/\/elsewhere\.example.*corsOrigins/);
  });
});

describeBrowser('a page calls the local TAP service directly (Chromium)', { timeout: 120_000 }, () => {
  it('runs a sync query and an async job from another loopback origin', async () => {
    const site = await serveFiles({
      '/index.html': { type: 'text/html; charset=utf-8', body: pageHtml('local service', '/app.js') },
      '/app.js': { type: 'text/javascript; charset=utf-8', body: await bundlePage('test/browser/pages/local-page.ts') },
    });
    const browser = await launchChromium();
    try {
      const { page } = await browser.page();
      await page.goto(`${site.origin}/index.html?tap=${encodeURIComponent(service.url)}`);
      await page.waitForSelector('body[data-state]', { timeout: 90_000 });
      if ((await page.getAttribute('body', 'data-state')) === 'failed')
        throw new Error(`the page failed: ${await page.textContent('#error')}`);
      const shown = JSON.parse((await page.textContent('#out'))!) as { sync: unknown[][]; async: unknown[][] };
      const inNode = await new TapService(service.url).query('SELECT TOP 3 id, ra, dec FROM sample.galaxies ORDER BY id');
      const plain = (_: string, v: unknown): unknown => (typeof v === 'bigint' ? `${v}n` : v);
      expect(shown.sync).toEqual(JSON.parse(JSON.stringify(inNode.rowArrays(), plain)));
      expect(shown.sync.length).toBe(3);
      expect(shown.async).toEqual(shown.sync);
    } finally {
      await browser.close();
      await site.close();
    }
  });
});
