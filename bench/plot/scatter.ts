/**
 * Browser scatter plot at 10^6 points in Chromium (software rendering: --disable-gpu, WebGL on
 * SwiftShader): first render and brush update for adqlkit's WebGL2 layer, its ImageData layer,
 * and uPlot (canvas 2D, the points drawn in its draw hook), the same data for all three.
 *   npx tsx bench/plot/scatter.ts [ROWS] [REPEATS]
 * First render: from mountPlot (or new uPlot) to the second animation frame after it (the frame
 * is on screen). Also a Mollweide sky map (magnitudes standing in for RA/Dec: only the amount of work
 * matters) and a 100-bin histogram of the same rows. Brush: from the mouse-up of a rectangle drag to the next frame, selection
 * computed and the points redrawn with the selection highlighted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchChromium } from '../../test/browser/support/chromium.js';
import { bundlePlotPage, plotPage } from '../../test/plot/browser/harness.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const repeats = Number(process.argv[3] ?? 3);
const require = createRequire(import.meta.url);
const uplotJs = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
const uplotCss = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');

const browser = await launchChromium().catch((err: Error) => {
  console.log(`plot bench skipped: Chromium did not start (${err.message.split('\n')[0]}); scripts/install-test-tools.sh installs it`);
  process.exit(0);
});
const { page } = await plotPage(browser, await bundlePlotPage());
await page.addScriptTag({ content: uplotJs });
await page.addStyleTag({ content: uplotCss });
page.on('console', (m) => {
  if (m.type() === 'error') console.error('page:', m.text());
});

const setup = await page.evaluate(async (n) => {
  const kit = (window as any).plotKit;
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const g = new Float32Array(n);
  const r = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // A main sequence-like band plus scatter.
    const t = rnd();
    g[i] = 16 + 12 * t + (rnd() - 0.5);
    r[i] = g[i]! - (0.2 + 1.2 * t + (rnd() - 0.5) * 0.4);
  }
  const t0 = performance.now();
  const xml = kit.writeVOTable(
    {
      columns: [
        { name: 'g', datatype: 'float', ucd: 'phot.mag' },
        { name: 'r', datatype: 'float', ucd: 'phot.mag' },
      ],
      columnData: { g, r },
    },
    { encoding: 'binary2' },
  );
  const doc = await kit.readVOTable(xml);
  (window as any).benchTable = doc.tables[0];
  (window as any).benchData = { gr: Float64Array.from(g, (v, i) => v - r[i]!), g: Float64Array.from(g) };
  const gl = document.createElement('canvas').getContext('webgl2');
  return { readMs: performance.now() - t0, webgl: gl ? String(gl.getParameter(gl.RENDERER)) : 'none', rowCount: doc.tables[0].rowCount };
}, rows);
console.log(
  `${setup.rowCount} rows (VOTable BINARY2 written and read in the page in ${setup.readMs.toFixed(0)} ms); WebGL renderer: ${setup.webgl}`,
);

type Result = { first: number; brush: number; selected: number; renderer: string };

async function adqlkitRun(
  renderer: 'webgl2' | 'canvas2d',
  spec: object = { kind: 'scatter', x: 'g - r', y: 'g', width: 800, height: 600 },
): Promise<Result> {
  return page.evaluate(
    async ({ which, spec }) => {
      const kit = (window as any).plotKit;
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
      const el = document.getElementById('plot')!;
      el.innerHTML = '';
      let selected = 0;
      const t0 = performance.now();
      const handle = kit.mountPlot(el, (window as any).benchTable, spec, {
        renderer: which,
        onSelect: (rows: Uint32Array) => {
          selected = rows.length;
        },
      });
      await frame();
      await frame();
      const first = performance.now() - t0;
      const box = el.firstElementChild!.getBoundingClientRect();
      const at = (type: string, x: number, y: number) =>
        new MouseEvent(type, { clientX: box.left + x, clientY: box.top + y, bubbles: true, button: 0 });
      el.firstElementChild!.dispatchEvent(at('mousedown', 250, 150));
      window.dispatchEvent(at('mousemove', 500, 400));
      const t1 = performance.now();
      window.dispatchEvent(at('mouseup', 500, 400));
      await frame();
      const brush = performance.now() - t1;
      const renderer = handle.renderer;
      handle.destroy();
      return { first, brush, selected, renderer };
    },
    { which: renderer, spec },
  );
}

async function uplotRun(): Promise<Result> {
  return page.evaluate(async () => {
    const uPlot = (window as any).uPlot;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    const el = document.getElementById('plot')!;
    el.innerHTML = '';
    const { gr, g } = (window as any).benchData as { gr: Float64Array; g: Float64Array };
    let mask: Uint8Array | null = null;
    const drawPoints = (u: any) => {
      const ctx: CanvasRenderingContext2D = u.ctx;
      const n = gr.length;
      const pass = (want: number, colour: string) => {
        ctx.fillStyle = colour;
        ctx.beginPath();
        for (let i = 0; i < n; i++) {
          if (mask && mask[i] !== want) continue;
          ctx.rect(u.valToPos(gr[i], 'x', true), u.valToPos(g[i], 'y', true), 2, 2);
        }
        ctx.fill();
      };
      if (mask) {
        pass(0, '#bebebe');
        pass(1, '#d62728');
      } else pass(0, '#1f77b4');
    };
    let selected = 0;
    const t0 = performance.now();
    const u = new uPlot(
      {
        mode: 2,
        width: 800,
        height: 600,
        scales: { x: { time: false }, y: { dir: 1, ori: 1 } },
        series: [{}, { paths: () => null, points: { show: false } }],
        hooks: { draw: [drawPoints] },
        cursor: { drag: { x: true, y: true } },
      },
      [null, [gr, g]],
      el,
    );
    await frame();
    await frame();
    const first = performance.now() - t0;
    // A brush: the same selection arithmetic (rows inside the data bounds), then a redraw highlighting it.
    const t1 = performance.now();
    const [x0, x1] = [u.posToVal(200, 'x'), u.posToVal(450, 'x')];
    const [ya, yb] = [u.posToVal(100, 'y'), u.posToVal(350, 'y')];
    const [y0, y1] = [Math.min(ya, yb), Math.max(ya, yb)];
    mask = new Uint8Array(gr.length);
    for (let i = 0; i < gr.length; i++)
      if (gr[i]! >= x0 && gr[i]! <= x1 && g[i]! >= y0 && g[i]! <= y1) {
        mask[i] = 1;
        selected++;
      }
    u.redraw(false);
    await frame();
    const brush = performance.now() - t1;
    u.destroy();
    return { first, brush, selected, renderer: 'uplot' };
  });
}

const runs: Record<string, Result[]> = { webgl2: [], canvas2d: [], uplot: [], 'sky canvas2d': [], histogram: [] };
for (let k = 0; k < repeats; k++) {
  runs.webgl2!.push(await adqlkitRun('webgl2'));
  runs.canvas2d!.push(await adqlkitRun('canvas2d'));
  runs.uplot!.push(await uplotRun());
  runs['sky canvas2d']!.push(
    await adqlkitRun('canvas2d', { kind: 'sky', ra: 'g', dec: 'r', projection: 'mollweide', width: 800, height: 450 }),
  );
  runs.histogram!.push(await adqlkitRun('canvas2d', { kind: 'histogram', x: 'g - r', bins: 100, width: 800, height: 600 }));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`renderer          first render (median of ${repeats})   brush update   rows selected`);
for (const [name, rs] of Object.entries(runs)) {
  console.log(
    `${name.padEnd(16)}  ${median(rs.map((r) => r.first))
      .toFixed(0)
      .padStart(8)} ms                ${median(rs.map((r) => r.brush))
      .toFixed(0)
      .padStart(6)} ms   ${rs[0]!.selected} (${rs[0]!.renderer})`,
  );
}
await browser.close();
