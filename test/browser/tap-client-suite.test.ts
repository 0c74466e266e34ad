/**
 * The TAP client's live suite (test/tap/live.test.ts, the same file Node runs) inside Chromium: the
 * file is bundled for a page with the browser's platform modules (fetch transport, browser bytes), its
 * tests are registered in the page, and each becomes one vitest test here that runs its in-page twin
 * against the live DaCHS through a CORS proxy on another origin.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { liveServiceProblem, TAP_URL } from '../support/dachs.js';
import { pageHtml } from './support/bundle.js';
import { chromiumProblem } from './support/launch.js';
import { launchChromium } from './support/chromium.js';
import { PROVIDED_GLOBAL, type InPageTest } from './support/in-page-vitest.js';
import { corsProxy, serveFiles } from './support/site.js';
import { bundleSuite, SUITE_GLOBAL } from './support/suite-page.js';

const SUITE = 'test/tap/live.test.ts';

interface SuiteInPage {
  list(): InPageTest[];
  run(name: string): Promise<{ message: string; stack?: string } | undefined>;
}

/** Builds the page and opens it; the tests it registered, and what to close afterwards. */
async function openSuite() {
  const site = await serveFiles({ '/suite.js': { type: 'text/javascript', body: await bundleSuite(SUITE) } });
  site.files['/index.html'] = { type: 'text/html', body: pageHtml('TAP client live suite', '/suite.js') };
  const proxy = await corsProxy(TAP_URL, site.origin);
  const browser = await launchChromium();
  const { page, errors } = await browser.page();
  await page.addInitScript(`globalThis.${PROVIDED_GLOBAL} = ${JSON.stringify({ tapUrl: proxy.tapUrl })};`);
  await page.goto(`${site.origin}/index.html`);
  await page.waitForFunction((name) => name in globalThis, SUITE_GLOBAL, { timeout: 60_000 });
  const tests = await page.evaluate((name) => (globalThis as unknown as Record<string, SuiteInPage>)[name]!.list(), SUITE_GLOBAL);
  const close = async () => {
    await browser.close();
    await proxy.close();
    await site.close();
  };
  return { page, errors, proxy, tests, close };
}

const problem = chromiumProblem ?? (await liveServiceProblem());
if (problem !== undefined) console.warn(`[TAP client suite in Chromium skipped] ${problem}`);
const suite = problem === undefined ? await openSuite() : undefined;

describe.skipIf(suite === undefined)(`${SUITE} in Chromium, through a CORS proxy`, () => {
  afterAll(() => suite?.close());

  it('registers the suite in the page, and no test skips there', () => {
    expect(suite!.tests.length).toBeGreaterThanOrEqual(20);
    expect(suite!.tests.filter((t) => t.skipped).map((t) => t.name)).toEqual([]);
  });

  for (const test of suite?.tests ?? []) {
    it(test.name, { timeout: test.timeoutMs + 10_000 }, async () => {
      const failure = await suite!.page.evaluate(
        ([global, name]) => (globalThis as unknown as Record<string, SuiteInPage>)[global]!.run(name),
        [SUITE_GLOBAL, test.name] as const,
      );
      if (failure !== undefined) throw Object.assign(new Error(`in Chromium: ${failure.message}`), { stack: failure.stack });
      // Uncaught errors only: the console also reports the HTTP errors that tests provoke on purpose.
      expect(suite!.errors.filter((e) => e.startsWith('page error'))).toEqual([]);
    });
  }

  it("the page's calls went to the service through the proxy, across origins", () => {
    const seen = suite!.proxy.requests;
    for (const call of [/^GET \S*\/capabilities$/, /^GET \S*\/tables/, /^POST \S*\/sync$/, /^POST \S*\/async$/, /^DELETE \S*\/async\//])
      expect(
        seen.some((r) => call.test(r)),
        `${call} among ${seen.length} requests`,
      ).toBe(true);
  });
});
