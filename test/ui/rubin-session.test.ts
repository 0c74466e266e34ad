/**
 * The seed workflow as a workbench session (issue 17): the Rubin DP0.2 tutorial's stars (examples/
 * rubin-dp02-stars.adql, on the local DaCHS's stand-ins) opened from a URL that holds the service,
 * the query and the plots: a colour-magnitude diagram (g against g - r, magnitudes downwards) linked
 * to a colour-colour diagram (r - i against g - r). A box brushed in the CMD selects exactly the
 * stars an ADQL query with the same colour and magnitude bounds counts, in every view.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TapService } from '../../src/index.js';
import type { Workbench } from '../../src/ui/index.js';
import { liveServiceProblem, TAP_URL } from '../support/dachs.js';
import { describeBrowser, launchChromium, type Browser } from '../browser/support/chromium.js';
import { distinctColours, screenshot, waitConnected, workbenchFor } from './support.js';

const liveProblem = await liveServiceProblem();
if (liveProblem !== undefined) console.warn(`[workbench Rubin session skipped] ${liveProblem}`);
const describeLive = liveProblem === undefined ? describeBrowser : describeBrowser.skip;

const STARS = readFileSync(new URL('../../examples/rubin-dp02-stars.adql', import.meta.url), 'utf8');
const PLOTS = {
  scatter: { x: 'g - r', y: 'g', reverseY: true },
  'scatter-2': { x: 'g - r', y: 'r - i' },
  histogram: 'g',
};

describeLive('the Rubin DP0.2 stars as a workbench session on DaCHS', { timeout: 120_000 }, () => {
  let browser: Browser;
  let workbench: Workbench;
  let page: Page;
  let errors: string[];
  const tap = new TapService(TAP_URL);

  beforeAll(async () => {
    [browser, workbench] = await Promise.all([launchChromium(), workbenchFor(undefined)]);
    ({ page, errors } = await browser.page());
    await page.setViewportSize({ width: 1400, height: 1300 });
    const session = new URL(workbench.url);
    session.searchParams.set('service', TAP_URL);
    session.searchParams.set('q', STARS);
    session.searchParams.set('plots', JSON.stringify(PLOTS));
    await page.goto(session.href);
    await waitConnected(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
  });

  it('opens service, query and plots from the URL and runs the query', async () => {
    expect(await page.textContent('[data-testid=status]')).toContain(TAP_URL);
    expect(await page.inputValue('[data-testid=scatter-2-y]')).toBe('r - i');
    await page.click('[data-testid=run]');
    const direct = await tap.query(STARS);
    expect(direct.rowCount).toBeGreaterThan(20);
    await expect.poll(() => page.textContent('[data-testid=row-count]'), { timeout: 30_000 }).toBe(String(direct.rowCount));
    await page.locator('[data-testid=plot-scatter-2] > div').first().waitFor();
  });

  it('a box brushed in the CMD selects the stars of the same bounds, in every view', async () => {
    const plot = page.locator('[data-testid=plot-scatter] > div').first();
    const box = (await plot.boundingBox())!;
    const frame = await page.evaluate(
      () =>
        (
          window as unknown as {
            workbench: {
              plots: { mounted(k: string): { prepared: { frame: { left: number; top: number; width: number; height: number } } } };
            };
          }
        ).workbench.plots.mounted('scatter')!.prepared.frame,
    );
    const x0 = Math.round(box.x + frame.left + frame.width * 0.15);
    const x1 = Math.round(box.x + frame.left + frame.width * 0.85);
    const y0 = Math.round(box.y + frame.top + frame.height * 0.1);
    const y1 = Math.round(box.y + frame.top + frame.height * 0.6);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x1, y1, { steps: 6 });
    await page.mouse.up();
    const bounds = await page.evaluate(
      ({ a, b, c, d, left, top }) => {
        const p = (
          window as unknown as {
            workbench: {
              plots: { mounted(k: string): { prepared: { xScale: { toData(v: number): number }; yScale: { toData(v: number): number } } } };
            };
          }
        ).workbench.plots.mounted('scatter')!.prepared;
        return {
          colour: [p.xScale.toData(a - left), p.xScale.toData(b - left)].sort((u, v) => u - v),
          g: [p.yScale.toData(c - top), p.yScale.toData(d - top)].sort((u, v) => u - v),
        };
      },
      { a: x0, b: x1, c: y0, d: y1, left: box.x, top: box.y },
    );
    const inBox = STARS.replace(
      "WHERE t.true_class = 'star'",
      `WHERE t.true_class = 'star' AND pg."MagAB" - pr."MagAB" BETWEEN ${bounds.colour[0]} AND ${bounds.colour[1]} AND pg."MagAB" BETWEEN ${bounds.g[0]} AND ${bounds.g[1]}`,
    );
    const expected = (await tap.query(inBox)).rowCount;
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => page.textContent('[data-testid=selection-count]')).toBe(String(expected));
    expect(await page.locator('.grid-row.selected').count()).toBeGreaterThan(0);
    const colourColour = await page.locator('[data-testid=plot-scatter-2]').screenshot();
    expect(await distinctColours(page, colourColour)).toBeGreaterThan(5);
    const png = await screenshot(page, 'rubin-session');
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
