/**
 * The plot page for the browser tests and benchmark: the page entry bundled with esbuild from the
 * sources (browser conditions, so #bytes and friends are the web ones; no build needed), loaded
 * into a blank tab of test/browser's Chromium (Debian's, headless, --disable-gpu: WebGL runs on
 * SwiftShader).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import type { Browser } from '../../browser/support/chromium.js';

export async function bundlePlotPage(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./page-entry.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    conditions: ['adqlkit-source', 'browser'],
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

/** A blank page with the bundle loaded (window.plotKit), and the page's console errors. */
export async function plotPage(browser: Browser, bundle: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await browser.page();
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.setContent('<!doctype html><html><body style="margin:0"><div id="plot"></div></body></html>');
  // tsx and vitest compile functions passed to page.evaluate with a __name helper (keepNames).
  await page.addScriptTag({ content: 'window.__name = (f) => f;' });
  await page.addScriptTag({ content: bundle });
  return { page, errors };
}
