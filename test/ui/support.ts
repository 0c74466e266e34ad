/**
 * Shared by the workbench tests and benchmark: a workbench on a temporary directory (no
 * .adqlrc.json of the developer's applies), opened in Chromium, plus the page's test hooks.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config/index.js';
import { startWorkbench, type Workbench } from '../../src/ui/index.js';

export async function workbenchFor(service: string | undefined, options: { config?: object; registry?: string } = {}): Promise<Workbench> {
  const { config, registry } = options;
  const dir = await mkdtemp(join(tmpdir(), 'adqlkit-ui-'));
  if (config) await writeFile(join(dir, '.adqlrc.json'), JSON.stringify(config));
  return startWorkbench({
    config: loadConfig(dir, undefined, {}),
    env: {},
    ...(service ? { service } : {}),
    ...(registry ? { registry } : {}),
    log: (line) => console.warn(line),
  });
}

/** Where the test run keeps its screenshots (not committed). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'ui');

/** Saves a screenshot of the page under SCREENSHOT_DIR; resolves to its bytes. */
export async function screenshot(page: Page, name: string): Promise<Buffer> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/** Replaces the editor's text as a user would (select all, type), so every change is checked. */
export async function typeQuery(page: Page, text: string): Promise<void> {
  // Focus through the editor (a hover tooltip may cover the text where a click would land).
  await page.evaluate(() => (window as unknown as { workbench: { editor: { view: { focus(): void } } } }).workbench.editor.view.focus());
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { workbench: { editor: { text: string } } }).workbench.editor.text);
}

/** Waits until the page has connected (the status names the tables). */
export async function waitConnected(page: Page): Promise<void> {
  await page.waitForFunction(() => /\d+ tables/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), undefined, {
    timeout: 60_000,
  });
}

/**
 * How many distinct colours a PNG has (decoded by the browser itself, sampled on a grid): a blank
 * or single-colour screenshot has one or two.
 */
export async function distinctColours(page: Page, png: Buffer): Promise<number> {
  const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, img.width, img.height);
    const seen = new Set<number>();
    for (let y = 0; y < img.height; y += 4)
      for (let x = 0; x < img.width; x += 4) {
        const i = (y * img.width + x) * 4;
        seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      }
    return seen.size;
  }, dataUrl);
}
