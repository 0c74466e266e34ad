/**
 * The browser schema cache (issue 16): loadSchema in a page keeps the service's metadata in IndexedDB,
 * so the page loaded again validates with it without asking the service for TAP_SCHEMA.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveServiceProblem, TAP_URL } from '../support/dachs.js';
import { bundlePage, pageHtml } from './support/bundle.js';
import { describeBrowser, launchChromium, type Browser } from './support/chromium.js';
import { corsProxy, serveFiles, type Served } from './support/site.js';

const liveProblem = await liveServiceProblem();
if (liveProblem !== undefined) console.warn(`[browser schema cache skipped] ${liveProblem}`);

(liveProblem === undefined ? describeBrowser : describeBrowser.skip)(
  'schema cache in IndexedDB (Chromium, live DaCHS)',
  { timeout: 120_000 },
  () => {
    let browser: Browser;
    let site: Served;
    let proxy: Awaited<ReturnType<typeof corsProxy>>;

    beforeAll(async () => {
      site = await serveFiles({
        '/index.html': { type: 'text/html; charset=utf-8', body: pageHtml('schema cache', '/app.js') },
        '/app.js': { type: 'text/javascript; charset=utf-8', body: await bundlePage('test/browser/pages/schema-cache-page.ts') },
      });
      proxy = await corsProxy(TAP_URL, site.origin);
      browser = await launchChromium();
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await proxy?.close();
      await site?.close();
    });

    async function visit(): Promise<{ tables: number; codes: string[]; databases: string[] }> {
      const { page } = await browser.page();
      await page.goto(`${site.origin}/index.html?tap=${encodeURIComponent(proxy.tapUrl)}`);
      await page.waitForSelector('body[data-state]', { timeout: 60_000 });
      const text = (await page.textContent('body'))!;
      if ((await page.getAttribute('body', 'data-state')) === 'failed') throw new Error(`the page failed: ${text}`);
      await page.close();
      return JSON.parse(text) as { tables: number; codes: string[]; databases: string[] };
    }

    it('fetches the schema once, then validates from IndexedDB', async () => {
      const first = await visit();
      const asked = proxy.requests.length;
      expect(proxy.requests.some((r) => r.startsWith('POST /tap/sync') || r.includes('tap_schema'))).toBe(true);
      expect(first.tables).toBeGreaterThan(0);
      expect(first.codes).toContain('unknown-column');
      expect(first.databases).toContain('adqlkit-schema-cache');

      const again = await visit();
      expect(again).toEqual(first);
      expect(proxy.requests.slice(asked)).toEqual([]);
    });
  },
);
