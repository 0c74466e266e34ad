/**
 * `adql ui` in Chromium against the live DaCHS: the proxy refuses a request without the launch key,
 * from another origin and to another origin; the query's row-count equals the TAP client's; brushing
 * a rectangle in the scatter plot selects exactly the rows a direct ADQL query with the same bounds
 * returns (in the grid and the other plots too); the job list shows a pending job and aborts it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TapService } from '../../src/index.js';
import { KEY_HEADER, type ConnectAnswer, type Workbench } from '../../src/ui/index.js';
import { liveServiceProblem, TAP_URL } from '../support/dachs.js';
import { describeBrowser, launchChromium, type Browser } from '../browser/support/chromium.js';
import { distinctColours, screenshot, typeQuery, waitConnected, workbenchFor } from './support.js';

const liveProblem = await liveServiceProblem();
if (liveProblem !== undefined) console.warn(`[adql ui on DaCHS skipped] ${liveProblem}`);
const describeLive = liveProblem === undefined ? describeBrowser : describeBrowser.skip;

describeLive('adql ui against the live DaCHS', { timeout: 120_000 }, () => {
  let browser: Browser;
  let workbench: Workbench;
  let page: Page;
  let errors: string[];
  const tap = new TapService(TAP_URL);

  beforeAll(async () => {
    [browser, workbench] = await Promise.all([launchChromium(), workbenchFor(TAP_URL, { registry: TAP_URL })]);
    ({ page, errors } = await browser.page());
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.goto(workbench.url);
    await waitConnected(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
  });

  it('the proxy refuses requests without the key, from another origin, and to another origin', async () => {
    const connected = (await (
      await fetch(`${workbench.origin}api/connect`, { headers: { [KEY_HEADER]: workbench.key } })
    ).json()) as ConnectAnswer;
    const sync = `${workbench.origin.replace(/\/$/, '')}${connected.service.base}/sync?LANG=ADQL&QUERY=SELECT%20TOP%201%20id%20FROM%20zcat.main`;
    expect((await fetch(sync, { headers: { [KEY_HEADER]: workbench.key } })).status).toBe(200);
    const noKey = await fetch(sync);
    expect(noKey.status).toBe(403);
    expect(await noKey.text()).toContain(KEY_HEADER);
    expect((await fetch(sync, { headers: { [KEY_HEADER]: 'guessed' } })).status).toBe(403);
    expect((await fetch(sync, { headers: { [KEY_HEADER]: workbench.key, origin: 'http://evil.example' } })).status).toBe(403);
    const elsewhere = await fetch(`${workbench.origin.replace(/\/$/, '')}${connected.service.base}/http://example.org/tap/sync`, {
      headers: { [KEY_HEADER]: workbench.key },
    });
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.text()).toContain('forwards only to');
  });

  it('runs a query: row-count equals the TAP client count', async () => {
    const query = 'SELECT id, ra, dec, bmag FROM zcat.main WHERE bmag < 15.5';
    await typeQuery(page, query);
    await page.keyboard.press('Control+Enter');
    const direct = await tap.query(query);
    await expect.poll(() => page.textContent('[data-testid=row-count]'), { timeout: 30_000 }).toBe(String(direct.rowCount));
    expect(direct.rowCount).toBeGreaterThan(50);
  });

  it('brushing a rectangle in the scatter plot selects the rows of the same bounds in ADQL', async () => {
    await page.fill('[data-testid=scatter-x]', 'ra');
    await page.fill('[data-testid=scatter-y]', 'dec');
    await page.locator('[data-testid=scatter-y]').dispatchEvent('change');
    const plot = page.locator('[data-testid=plot-scatter] > div').first();
    await plot.waitFor();
    const box = (await plot.boundingBox())!;
    const frame = await page.evaluate(() => {
      const p = (
        window as unknown as {
          workbench: {
            plots: { mounted(k: string): { prepared: { frame: { left: number; top: number; width: number; height: number } } } };
          };
        }
      ).workbench.plots.mounted('scatter')!.prepared;
      return p.frame;
    });
    // A rectangle over the middle of the plot area, in whole pixels.
    const x0 = Math.round(box.x + frame.left + frame.width * 0.3);
    const x1 = Math.round(box.x + frame.left + frame.width * 0.7);
    const y0 = Math.round(box.y + frame.top + frame.height * 0.2);
    const y1 = Math.round(box.y + frame.top + frame.height * 0.8);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 4 });
    await page.mouse.move(x1, y1, { steps: 4 });
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
        const xs = [p.xScale.toData(a - left), p.xScale.toData(b - left)].sort((u, v) => u - v);
        const ys = [p.yScale.toData(c - top), p.yScale.toData(d - top)].sort((u, v) => u - v);
        return { ra: xs, dec: ys };
      },
      { a: x0, b: x1, c: y0, d: y1, left: box.x, top: box.y },
    );
    const direct = await tap.query(
      `SELECT COUNT(*) AS n FROM zcat.main WHERE bmag < 15.5 AND ra BETWEEN ${bounds.ra[0]} AND ${bounds.ra[1]} AND dec BETWEEN ${bounds.dec[0]} AND ${bounds.dec[1]}`,
    );
    const expected = Number(direct.rows()[0]!.n);
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => page.textContent('[data-testid=selection-count]')).toBe(String(expected));
    expect(await page.locator('.grid-row.selected').count()).toBeGreaterThan(0);
    for (const kind of ['scatter', 'sky', 'histogram']) {
      const png = await plotShot(page, kind);
      expect(await distinctColours(page, png), kind).toBeGreaterThan(5);
    }
    const png = await screenshot(page, 'plots');
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
  });

  it("maps the service's error position into the editor", async () => {
    const query = 'SELECT TOP 1 ra\nFROM zcat.main\nWHERE ra >> 3';
    await typeQuery(page, query);
    await page.click('[data-testid=run]');
    await page.click('[data-testid=send-anyway]');
    const banner = page.locator('[data-testid=error]');
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain('the service refused the query');
    expect(await banner.textContent()).toContain('line 3, column 11');
    const lines = query.split('\n');
    expect(Number(await banner.getAttribute('data-offset'))).toBe(lines[0]!.length + 1 + lines[1]!.length + 1 + 10);
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
  });

  it('runs async with phase and elapsed time, and cancel aborts the job on the service', async () => {
    await page.selectOption('[data-testid=mode]', 'async');
    await typeQuery(page, 'SELECT COUNT(*) AS n FROM zcat.big AS a, zcat.big AS b WHERE a.ra < b.ra');
    await page.click('[data-testid=run]');
    const status = page.locator('[data-testid=status]');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^async (QUEUED|EXECUTING) \d+\.\d s$/);
    const jobUrl = await status.getAttribute('data-job-url');
    expect(jobUrl).toMatch(/\/async\/\w+$/);
    const job = tap.job(`${TAP_URL}/async/${jobUrl!.split('/').pop()}`);
    await page.click('[data-testid=cancel]');
    await expect.poll(() => job.phase(), { timeout: 20_000 }).toBe('ABORTED');
    // The page says ABORTED once its abort request is answered; only then may the job go.
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/ABORTED/);
    await job.delete().catch(() => undefined);
    await page.selectOption('[data-testid=mode]', 'sync');
  });

  it('the job list shows a pending async job and aborts it on the service', async () => {
    const job = await tap.submit('SELECT TOP 5 id FROM zcat.main');
    try {
      await page.click('[data-testid=jobs-refresh]');
      const row = page.locator(`[data-testid=job][data-job-id="${job.id}"]`);
      await expect.poll(() => row.getAttribute('data-phase')).toBe('PENDING');
      await row.locator('[data-testid=job-abort]').click();
      await expect.poll(() => job.phase(), { timeout: 20_000 }).toBe('ABORTED');
      await expect.poll(() => page.locator(`[data-testid=job][data-job-id="${job.id}"]`).getAttribute('data-phase')).toBe('ABORTED');
    } finally {
      await job.delete().catch(() => undefined);
    }
  });

  it('re-attaches to a finished job from the list and shows its result', async () => {
    const job = await tap.submit('SELECT TOP 17 id, ra, dec FROM zcat.main ORDER BY id');
    try {
      await job.run();
      await job.wait({ timeoutMs: 30_000 });
      await page.click('[data-testid=jobs-refresh]');
      const row = page.locator(`[data-testid=job][data-job-id="${job.id}"]`);
      await expect.poll(() => row.getAttribute('data-phase')).toBe('COMPLETED');
      await row.locator('[data-testid=job-reattach]').click();
      await expect.poll(() => page.textContent('[data-testid=row-count]')).toBe('17');
      expect(await page.evaluate(() => (window as unknown as { workbench: { editor: { text: string } } }).workbench.editor.text)).toBe(
        'SELECT TOP 17 id, ra, dec FROM zcat.main ORDER BY id',
      );
    } finally {
      await job.delete().catch(() => undefined);
    }
  });

  it('switches service with the picker and finds one in the registry', async () => {
    await page.fill('[data-testid=service]', 'embedded');
    await page.click('[data-testid=connect]');
    await expect.poll(() => page.textContent('[data-testid=status]'), { timeout: 30_000 }).toMatch(/^embedded: \d+ tables/);
    await page.fill('[data-testid=registry-search]', 'redshift');
    await page.press('[data-testid=registry-search]', 'Enter');
    const hit = page.locator('[data-testid=registry-hit]', { hasText: 'Synthetic Redshift Catalogue' });
    await hit.first().click();
    await expect.poll(() => page.textContent('[data-testid=status]'), { timeout: 30_000 }).toMatch(new RegExp(`^${TAP_URL}: \\d+ tables`));
    await expect.poll(() => new URL(page.url()).searchParams.get('service')).toBe(TAP_URL);
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});

async function plotShot(page: Page, kind: string): Promise<Buffer> {
  return page.locator(`[data-testid=plot-${kind}]`).screenshot();
}
