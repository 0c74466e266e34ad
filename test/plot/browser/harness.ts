/**
 * Chromium for the plot tests and benchmark: the page entry bundled with esbuild (browser
 * conditions, so #bytes and friends are the web ones) and Debian's /usr/bin/chromium driven by
 * playwright-core, headless, software rendering (WebGL runs on SwiftShader).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

export async function bundlePage(): Promise<string> {
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

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'],
  });
}

/** A blank page with the bundle loaded (window.plotKit). */
export async function plotPage(browser: Browser, bundle: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: 1 });
  await page.setContent('<!doctype html><html><body style="margin:0"><div id="plot"></div><div id="plot2"></div></body></html>');
  // tsx and vitest compile functions passed to page.evaluate with a __name helper (keepNames).
  await page.addScriptTag({ content: 'window.__name = (f) => f;' });
  await page.addScriptTag({ content: bundle });
  return page;
}
