/**
 * README's "In the browser" examples, run as written in Chromium (issue 16): the bundler example is
 * bundled by esbuild from the package (its service URL pointed at a CORS proxy for the live DaCHS)
 * and the import-map example is served with the prebuilt dist/browser/adqlkit.js; what each shows is
 * compared with the same calls in Node.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse, print, TapService } from '../../src/index.js';
import { liveServiceProblem, TAP_URL } from '../support/dachs.js';
import { ROOT } from './support/bundle.js';
import { describeBrowser, launchChromium, type Browser } from './support/chromium.js';
import { browserSection, codeBlock, README_TAP_URL } from './support/readme.js';
import { corsProxy, serveFiles, type Served } from './support/site.js';

const section = browserSection();
const liveProblem = await liveServiceProblem();
if (liveProblem !== undefined) console.warn(`[README bundler example against DaCHS skipped] ${liveProblem}`);

describeBrowser('README "In the browser" examples in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  const servers: Served[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
  });

  /** What the page at `site`'s /index.html shows in #out once it has shown something. */
  async function shown(site: Served): Promise<string> {
    const { page, errors } = await browser.page();
    await page.goto(`${site.origin}/index.html`);
    await page.waitForSelector('#out:not(:empty)', { timeout: 90_000 });
    expect(errors).toEqual([]);
    return (await page.textContent('#out'))!;
  }

  it('the import-map example prints what Node prints', async () => {
    const html = codeBlock(section, 'html');
    const bundlePath = /"adqlkit": "([^"]+)"/.exec(html)![1]!;
    const query = /parse\('([^']+)'\)/.exec(html)![1]!;
    const site = await serveFiles({
      '/index.html': {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`,
      },
      [bundlePath]: { type: 'text/javascript; charset=utf-8', body: readFileSync(`${ROOT}dist/browser/adqlkit.js`) },
    });
    servers.push(site);
    expect(await shown(site)).toBe(print(parse(query).ast!));
  });

  it.skipIf(liveProblem !== undefined)('the bundler example validates and queries the live DaCHS through a CORS proxy', async () => {
    const js = codeBlock(section, 'js');
    expect(js).toContain(README_TAP_URL);
    const site = await serveFiles({});
    servers.push(site);
    const proxy = await corsProxy(TAP_URL, site.origin);
    servers.push(proxy);
    const out = await build({
      stdin: { contents: js.replace(README_TAP_URL, proxy.tapUrl), resolveDir: ROOT, sourcefile: 'app.js', loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    expect(out.warnings).toEqual([]);
    site.files['/index.html'] = {
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><html><body><pre id="out"></pre><script type="module" src="/app.js"></script></body></html>',
    };
    site.files['/app.js'] = { type: 'text/javascript; charset=utf-8', body: out.outputFiles[0]!.text };
    const query = /const query = '([^']+)'/.exec(js)![1]!;
    const rows = (await new TapService(TAP_URL).query(query)).rows();
    expect(await shown(site)).toBe(rows.map((r) => `${r.id} ${r.ra} ${r.dec}`).join('\n'));
  });
});
