/**
 * `adql ui` in Chromium on the embedded engine (the default service): a misspelled table shows its
 * diagnostic where it is, the quick fix applies, the query runs and row-count equals the TAP
 * client's count, a truncated result shows the overflow banner, the URL keeps service and query.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { tableFromIPC } from '@uwdata/flechette';
import { readParquet, readVOTable, TapService } from '../../src/index.js';
import type { Workbench } from '../../src/ui/index.js';
import { describeBrowser, launchChromium, type Browser } from '../browser/support/chromium.js';
import { distinctColours, editorText, screenshot, typeQuery, waitConnected, workbenchFor } from './support.js';

describeBrowser('adql ui on the embedded engine', { timeout: 120_000 }, () => {
  let browser: Browser;
  let workbench: Workbench;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [browser, workbench] = await Promise.all([launchChromium(), workbenchFor(undefined)]);
    ({ page, errors } = await browser.page());
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(workbench.url);
    await waitConnected(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
  });

  it('connects to the embedded engine and keeps the key out of the address bar', async () => {
    expect(await page.textContent('[data-testid=status]')).toMatch(/^embedded: \d+ tables/);
    expect(page.url()).not.toContain(workbench.key);
    expect(await page.textContent('[data-testid=schema-browser]')).toContain('sample.galaxies');
  });

  it('shows a misspelled table at its place and applies the fix', async () => {
    const query = 'SELECT TOP 10 id, gmag FROM sample.galaxie WHERE gmag < 18';
    await typeQuery(page, query);
    const diagnostic = page.locator('[data-testid=diagnostics] > [data-testid=diagnostic]').first();
    await expect.poll(() => diagnostic.textContent()).toContain('galaxie');
    expect(Number(await diagnostic.getAttribute('data-start'))).toBe(query.indexOf('sample.galaxie'));
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    const png = await screenshot(page, 'diagnostic');
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
    await diagnostic.locator('[data-testid=fix]').first().click();
    expect(await editorText(page)).toBe(query.replace('sample.galaxie ', 'sample.galaxies '));
    await expect.poll(() => page.locator('[data-testid=diagnostics] > *').count()).toBe(0);
  });

  it('completes columns of the alias, shows hover and signature help, and formats', async () => {
    await typeQuery(page, 'SELECT g.gm FROM sample.galaxies AS g');
    await page.keyboard.press('Home');
    for (let i = 0; i < 'SELECT g.gm'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+Space');
    const popup = page.locator('.cm-tooltip-autocomplete');
    await expect.poll(() => popup.textContent()).toContain('gmag');
    await popup.locator('li', { hasText: /^gmag/ }).first().click();
    expect(await editorText(page)).toBe('SELECT g.gmag FROM sample.galaxies AS g');
    const at = await page.evaluate(() => {
      const view = (
        window as unknown as {
          workbench: {
            editor: {
              view: {
                coordsAtPos(p: number): { left: number; top: number; bottom: number } | null;
                state: { doc: { toString(): string } };
              };
            };
          };
        }
      ).workbench.editor.view;
      return view.coordsAtPos(view.state.doc.toString().indexOf('galaxies') + 3)!;
    });
    await page.mouse.move(at.left + 1, (at.top + at.bottom) / 2);
    await expect.poll(() => page.locator('[data-testid=hover]').textContent()).toContain('sample.galaxies');
    await typeQuery(page, 'select distance(point(ra, dec), ');
    await expect.poll(() => page.textContent('[data-testid=signature]')).toMatch(/DISTANCE\(.*argument/);
    await typeQuery(page, 'select id,gmag from sample.galaxies where gmag<17');
    await page.click('[data-testid=format]');
    expect(await editorText(page)).toMatch(/^SELECT id, gmag\nFROM sample\.galaxies\nWHERE gmag < 17$/);
  });

  it('runs with Ctrl-Enter and shows as many rows as the TAP client gets', async () => {
    const query = 'SELECT id, gmag, redshift FROM sample.galaxies WHERE gmag < 17';
    await typeQuery(page, query);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid=row-count]');
    const direct = await new TapService(await serviceUrl(page)).query(query);
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toBe(String(direct.rowCount));
    expect(direct.rowCount).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=overflow]').count()).toBe(0);
    const header = await page.locator('[data-testid=grid-head]').nth(1).textContent();
    expect(header).toContain('gmag');
    expect(header).toContain('mag');
    const png = await screenshot(page, 'results');
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
  });

  it('exports the result as CSV, VOTable, Parquet and Arrow with every row', async () => {
    const rows = Number(await page.textContent('[data-testid=row-count]'));
    const saved = async (testid: string): Promise<Buffer> => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
      return readFile((await download.path())!);
    };
    const csv = (await saved('export-csv')).toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('id,gmag,redshift');
    expect(csv).toHaveLength(rows + 1);
    expect((await readVOTable((await saved('export-votable')).toString('utf8'))).tables[0]!.rowCount).toBe(rows);
    expect((await readParquet(new Uint8Array(await saved('export-parquet')))).tables[0]!.rowCount).toBe(rows);
    expect(tableFromIPC(new Uint8Array(await saved('export-arrow'))).numRows).toBe(rows);
  });

  it('shows the overflow banner when MAXREC truncates', async () => {
    await typeQuery(page, 'SELECT id FROM sample.galaxies');
    await page.fill('[data-testid=maxrec]', '7');
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=overflow]');
    expect(await page.textContent('[data-testid=row-count]')).toBe('7');
    await page.fill('[data-testid=maxrec]', '');
  });

  it('takes a dropped CSV as TAP_UPLOAD with a cross-match template that runs', async () => {
    const tap = new TapService(await serviceUrl(page));
    const picked = (await tap.query('SELECT TOP 4 ra, dec FROM sample.galaxies ORDER BY id')).rows();
    const csv = ['ra,dec', ...picked.map((r) => `${r.ra},${r.dec}`)].join('\n');
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'my targets.csv', { type: 'text/csv' }));
      return dt;
    }, csv);
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    await expect.poll(() => editorText(page)).toContain('TAP_UPLOAD.my_targets');
    const query = await editorText(page);
    expect(query).toContain('CONTAINS(POINT(');
    await expect.poll(() => page.locator('[data-testid=diagnostics] > [data-severity=error]').count()).toBe(0);
    await page.click('[data-testid=run]');
    const direct = await tap.query(query, {
      uploads: {
        my_targets: {
          columns: [
            { name: 'ra', datatype: 'double' },
            { name: 'dec', datatype: 'double' },
          ],
          rows: picked.map((r) => [r.ra, r.dec]),
        },
      },
    });
    expect(direct.rowCount).toBeGreaterThanOrEqual(4);
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toBe(String(direct.rowCount));
  });

  it('restores service and query from the URL after a reload', async () => {
    await typeQuery(page, 'SELECT TOP 3 id FROM sample.galaxies');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q')?.includes('TOP 3'));
    await page.reload();
    await waitConnected(page);
    expect(await editorText(page)).toBe('SELECT TOP 3 id FROM sample.galaxies');
    expect(new URL(page.url()).searchParams.get('service')).toBe('embedded');
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});

/** The embedded service's own URL, as the page was told it. */
async function serviceUrl(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { workbench: { serviceUrl(): string } }).workbench.serviceUrl());
}
