/**
 * adqlkit in a real browser (issue 16): a page bundled from the package runs the workbench against
 * the live DaCHS through a CORS proxy on another origin (parse, validate against the live schema,
 * builder, sync query, async job, uploads from JS rows and from a Blob, BINARY2 from a fetch Response) and shows the
 * results in the DOM; the test reads the DOM and compares every value with the same calls in Node.
 * A service that does not allow the page's origin is a TapCorsError that says what to do.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as node from '../../src/index.js';
import { liveServiceProblem, TAP_URL } from '../support/dachs.js';
import { bundlePage, pageHtml } from './support/bundle.js';
import { describeBrowser, launchChromium, type Browser } from './support/chromium.js';
import { corsProxy, serveFiles, type Served } from './support/site.js';
import { runWorkbench, type Section, type WorkbenchResult } from './support/workbench.js';

const liveProblem = await liveServiceProblem();
if (liveProblem !== undefined) console.warn(`[browser workbench skipped] ${liveProblem}`);
const describeLiveBrowser = liveProblem === undefined ? describeBrowser : describeBrowser.skip;

const PAGE_TIMEOUT = 150_000;

describeLiveBrowser('workbench page in Chromium against the live DaCHS', { timeout: PAGE_TIMEOUT + 30_000 }, () => {
  let browser: Browser;
  let site: Served;
  let proxy: Served & { tapUrl: string };
  let inNode: WorkbenchResult;

  beforeAll(async () => {
    const script = await bundlePage('test/browser/pages/workbench-page.ts');
    site = await serveFiles({
      '/index.html': { type: 'text/html; charset=utf-8', body: pageHtml('adqlkit workbench test', '/app.js') },
      '/app.js': { type: 'text/javascript; charset=utf-8', body: script },
    });
    proxy = await corsProxy(TAP_URL, site.origin);
    [browser, inNode] = await Promise.all([launchChromium(), runWorkbench(node, TAP_URL)]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await site?.close();
  });

  it('runs every step in the page and shows the values Node computes', async () => {
    const { page, errors } = await browser.page();
    const url = `${site.origin}/index.html?tap=${encodeURIComponent(proxy.tapUrl)}&forbidden=${encodeURIComponent(TAP_URL)}`;
    await page.goto(url);
    await page.waitForSelector('body[data-state]', { timeout: PAGE_TIMEOUT });
    if ((await page.getAttribute('body', 'data-state')) === 'failed')
      throw new Error(`the page failed: ${await page.textContent('#error')}`);

    expect(await page.textContent('#printed')).toBe(inNode.printed);
    expect(JSON.parse((await page.textContent('#features'))!)).toEqual(inNode.features);
    expect(inNode.features).toContain('CONTAINS');
    const diagnostics = JSON.parse((await page.textContent('#diagnostics'))!) as WorkbenchResult['diagnostics'];
    expect(diagnostics).toEqual(inNode.diagnostics);
    expect(diagnostics.some((d) => d.code === 'unknown-column' && /raa/.test(d.message))).toBe(true);
    expect(await page.textContent('#built')).toBe(inNode.built);

    const domTable = async (id: string): Promise<{ columns: string[]; rows: string[][]; note: string | null }> => ({
      columns: await page.$$eval(`#${id} thead th`, (ths) => ths.map((th) => th.textContent ?? '')),
      rows: await page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent ?? ''))),
      note: await page.getAttribute(`#${id}`, 'data-note'),
    });
    const asText = (s: Section) => ({
      columns: s.columns,
      rows: s.rows.map((r) => r.map((v) => (v === null ? '' : String(v)))),
      note: s.note ?? null,
    });
    for (const id of ['sync', 'async', 'upload', 'blobUpload', 'binary2'] as const) {
      const shown = await domTable(id);
      expect(shown, id).toEqual(asText(inNode[id]));
      expect(shown.rows.length, id).toBeGreaterThan(0);
    }
    expect(inNode.binary2.note).toBe('binary2');
    expect(inNode.async.note).toMatch(/^COMPLETED; deleted true$/);
    expect(inNode.upload.rows.map((r) => r[0])).toEqual(['pick-0', 'pick-1', 'pick-2']);
    expect(inNode.blobUpload).toEqual(inNode.upload);

    expect(JSON.parse((await page.textContent('#extras'))!)).toEqual(inNode.extras);
    expect(inNode.extras).toMatchObject({
      offersBinary2: true,
      overflow: { rows: 3, overflow: true },
      queryError: { typed: true, namesUrl: true },
      streamedFromBlob: 20,
      gunzippedRows: 20,
    });
    expect(inNode.extras.vosiColumns).toContain('bmag');
    expect(inNode.extras.examples).toBeGreaterThan(0);
    expect(inNode.extras.renamed).toContain('vmag');

    const cors = JSON.parse((await page.textContent('#cors'))!) as { name: string; corsError: boolean; message: string };
    expect(cors.corsError).toBe(true);
    expect(cors.name).toBe('TapCorsError');
    expect(cors.message).toContain(new URL(TAP_URL).origin);
    expect(cors.message).toContain(site.origin);
    expect(cors.message).toMatch(/proxy/);
    // The page's only console errors are the browser's own report of the refused request.
    expect(errors.filter((e) => !/CORS|Access-Control|Failed to load resource|ERR_FAILED/.test(e))).toEqual([]);
  });
});
