/**
 * The workbench in Chromium (headless, software rendering), against the embedded engine:
 *   node --conditions=adqlkit-source --import tsx bench/ui/workbench.ts [ROWS] [TABLES]
 * - page load to interactive: navigation until the page is connected (schema loaded, editor live), median of 5;
 * - keystroke to diagnostics on a TABLES-table schema (100 columns each): one typed character as an
 *   editor transaction until the parser, validator, editor marks and diagnostics list are updated
 *   (synchronous in the page), p50/p99 over a typed query;
 * - a ROWS-row result shown (grid and three linked plots: sky, scatter, histogram), to the second frame;
 * - a brush in the scatter plot until selection-count and every view are updated (next frame);
 * - grid scroll: frame intervals while the grid scrolls through the ROWS rows;
 * - JS heap with the ROWS-row result loaded.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../../test/browser/support/chromium.js';
import { waitConnected, workbenchFor } from '../../test/ui/support.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const tables = Number(process.argv[3] ?? 10_000);

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const median = (xs: number[]) => percentile(xs, 50);
const ms = (x: number) => `${x.toFixed(1)} ms`;

const [browser, workbench] = await Promise.all([launchChromium(), workbenchFor(undefined)]);
const { page } = await browser.page();
await page.setViewportSize({ width: 1280, height: 1000 });
page.on('pageerror', (e) => console.error('page error:', e.message));
// tsx keeps function names with a __name helper that the functions evaluated in the page call.
await page.addInitScript({ content: 'window.__name = (f) => f;' });

// Page load to interactive (the first load also waits for the bundle; it is measured apart).
let started = performance.now();
await page.goto(workbench.url);
await waitConnected(page);
const firstLoad = performance.now() - started;
const loads: number[] = [];
for (let i = 0; i < 5; i++) {
  started = performance.now();
  await page.reload();
  await waitConnected(page);
  loads.push(performance.now() - started);
}
console.log(`page load to interactive: first ${ms(firstLoad)}, then median ${ms(median(loads))} (5 reloads)`);

// Keystroke to diagnostics on a big schema.
await page.evaluate(async (n) => {
  const columns = (t: number) =>
    Array.from({ length: 100 }, (_, c) => ({
      name: ['id', 'ra', 'dec', 'mag', 'class'][c] ?? `col_${c}`,
      datatype: c === 0 ? 'long' : c === 4 || c >= 90 ? 'char' : 'double',
      description: `column ${c} of table ${t}`,
    }));
  const doc = {
    schemas: Array.from({ length: 100 }, (_, s) => ({ name: `survey${s}` })),
    tables: Array.from({ length: n }, (_, t) => ({ name: `survey${t % 100}.table_${t}`, schema: `survey${t % 100}`, columns: columns(t) })),
    foreignKeys: [],
  };
  await (window as any).workbench.useSchemaDocument(doc);
}, tables);
const keystrokes = await page.evaluate(() => {
  const editor = (window as any).workbench.editor;
  const view = editor.view;
  editor.setText('');
  const query =
    "SELECT TOP 100 t.id, t.ra, t.dec, t.mag, u.col_7 FROM survey7.table_5007 AS t JOIN survey8.table_5008 AS u ON t.id = u.id WHERE t.mag < 18 AND u.class = 'star' AND 1 = CONTAINS(POINT('ICRS', t.ra, t.dec), CIRCLE('ICRS', 150, 2, 1)) ORDER BY t.mag";
  const times: number[] = [];
  for (const ch of query) {
    const t0 = performance.now();
    view.dispatch({ changes: { from: view.state.doc.length, insert: ch } });
    times.push(performance.now() - t0);
  }
  return { times, errors: editor.currentDiagnostics().length };
});
console.log(
  `keystroke to diagnostics, ${tables} tables x 100 columns: p50 ${ms(percentile(keystrokes.times, 50))}, p99 ${ms(percentile(keystrokes.times, 99))}, max ${ms(Math.max(...keystrokes.times))} (${keystrokes.times.length} keystrokes; ${keystrokes.errors} diagnostics at the end)`,
);

// A big result: grid + sky + scatter + histogram.
const shown = await page.evaluate(async (n) => {
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const id: number[] = new Array(n),
    ra: number[] = new Array(n),
    dec: number[] = new Array(n),
    g: number[] = new Array(n),
    gr: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    id[i] = i;
    ra[i] = rnd() * 360;
    dec[i] = Math.asin(2 * rnd() - 1) * (180 / Math.PI);
    const t = rnd();
    g[i] = 16 + 8 * t + (rnd() - 0.5);
    gr[i] = 0.2 + 1.2 * t + 0.3 * (rnd() - 0.5);
  }
  const table = {
    rowCount: n,
    columns: [
      { name: 'id', datatype: 'long' },
      { name: 'ra', datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra;meta.main' },
      { name: 'dec', datatype: 'double', unit: 'deg', ucd: 'pos.eq.dec;meta.main' },
      { name: 'g', datatype: 'double', unit: 'mag', ucd: 'phot.mag' },
      { name: 'g_r', datatype: 'double', unit: 'mag' },
    ],
    values: [id, ra, dec, g, gr],
  };
  const wb = (window as any).workbench;
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const t0 = performance.now();
  wb.showTable(table, false);
  await frame();
  await frame();
  const t1 = performance.now();
  // The scatter plot: colour index against magnitude, as a colour-magnitude diagram.
  document.querySelector<HTMLInputElement>('[data-testid=scatter-x]')!.value = 'g_r';
  document.querySelector<HTMLInputElement>('[data-testid=scatter-y]')!.value = 'g';
  const t2 = performance.now();
  document.querySelector('[data-testid=scatter-y]')!.dispatchEvent(new Event('change'));
  await frame();
  await frame();
  return { showMs: t1 - t0, replotMs: performance.now() - t2, heap: (performance as any).memory?.usedJSHeapSize as number | undefined };
}, rows);
console.log(
  `${rows} rows shown (grid + sky + scatter + histogram) to the second frame: ${ms(shown.showMs)}; the scatter plot redrawn after an axis change: ${ms(shown.replotMs)}`,
);

await brush(page);

// Grid scroll frame time: scroll a screenful per frame through the rows.
const scroll = await page.evaluate(async () => {
  const scroller = document.querySelector<HTMLElement>('[data-testid=grid-scroller]')!;
  scroller.scrollIntoView();
  const intervals: number[] = [];
  let last = await new Promise<number>((r) => requestAnimationFrame(r));
  for (let i = 0; i < 240; i++) {
    scroller.scrollTop = (scroller.scrollHeight * i) / 240;
    const now = await new Promise<number>((r) => requestAnimationFrame(r));
    intervals.push(now - last);
    last = now;
  }
  return intervals;
});
console.log(
  `grid scroll through ${rows} rows: frame interval p50 ${ms(percentile(scroll, 50))}, p90 ${ms(percentile(scroll, 90))}, p99 ${ms(percentile(scroll, 99))}, ${scroll.filter((x) => x > 20).length} of 240 frames over 20 ms (a jump per frame)`,
);
const heap = await page.evaluate(() => (performance as any).memory?.usedJSHeapSize as number | undefined);
console.log(`JS heap with the ${rows}-row result: ${heap === undefined ? 'not reported' : `${(heap / 2 ** 20).toFixed(0)} MiB`}`);

await browser.close();
await workbench.close();

async function brush(p: Page): Promise<void> {
  const plot = p.locator('[data-testid=plot-scatter] > div').first();
  const box = (await plot.boundingBox())!;
  const frame = await p.evaluate(
    () => (window as any).workbench.plots.mounted('scatter').prepared.frame as { left: number; top: number; width: number; height: number },
  );
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const x0 = box.x + frame.left + frame.width * (0.2 + 0.1 * i);
    const y0 = box.y + frame.top + frame.height * 0.3;
    await p.mouse.move(x0, y0);
    await p.mouse.down();
    await p.mouse.move(x0 + frame.width * 0.3, y0 + frame.height * 0.4, { steps: 3 });
    await p.evaluate(() => {
      (window as any).__brushStart = 0;
      window.addEventListener('mouseup', () => ((window as any).__brushStart = performance.now()), { once: true, capture: true });
    });
    await p.mouse.up();
    const t = await p.evaluate(
      () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now() - (window as any).__brushStart))),
    );
    times.push(t);
  }
  const count = await p.textContent('[data-testid=selection-count]');
  console.log(
    `brush in the scatter plot to every view updated (next frame): median ${ms(median(times))} of 3 (last selection ${count} rows)`,
  );
}
