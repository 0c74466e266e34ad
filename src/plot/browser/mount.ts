/// <reference lib="dom" preserve="true" />
/**
 * The browser renderer: the same prepared plot as the SVG one, with the frame and axes as SVG and
 * the points written into a canvas's ImageData (or, on request, drawn with WebGL2); bars on a 2D
 * canvas. Drag selects a rectangle, Shift-drag a lasso, a click clears; hovering shows the row.
 * ImageData is the default because it measured fastest in Chromium without a GPU (bench/plot/scatter.ts:
 * 10^6 points, first render ~0.25 s and brush ~0.09 s, against ~1.2-1.7 s and ~0.5-0.6 s for WebGL2 on
 * SwiftShader and several seconds for uPlot).
 */
import { SELECTED_POINT, hex, DEFAULT_POINT, UNSELECTED_POINT } from '../colour.js';
import { isPoints, preparePlot, type PreparedBars, type PreparedPlot } from '../prepare.js';
import { rowsInLasso, rowsInRect } from '../select.js';
import type { PlotSpec } from '../spec.js';
import { renderSvgFrame } from '../svg.js';
import { plotTable, type PlotSource, type PlotTable } from '../table.js';
import { buildHoverIndex } from './hover-index.js';
import type { PointLayer } from './layer.js';
import { createCanvasLayer } from './points-canvas.js';
import { createWebGLLayer } from './points-webgl.js';

export interface MountPlotOptions {
  /** Called with the selected rows (ascending) after a brush or lasso; empty when cleared. */
  onSelect?(rowIndexes: Uint32Array): void;
  /** Called with the row under the pointer (and its index), or null when the pointer leaves it. */
  onHover?(row: Record<string, unknown> | null, rowIndex: number): void;
  /** 'canvas2d' (default) or 'webgl2' (falls back to canvas2d where the browser has no WebGL2). */
  renderer?: 'webgl2' | 'canvas2d';
}

export interface MountedPlot {
  /** Highlight these rows (null or empty: none). Does not call onSelect. */
  setSelection(rowIndexes: ArrayLike<number> | null): void;
  destroy(): void;
  /** The plot in pixels relative to the element (axis scales, point positions), e.g. to place a brush. */
  readonly prepared: PreparedPlot;
  /** Which renderer draws the points ('bars' for histograms and bar charts). */
  readonly renderer: 'webgl2' | 'canvas2d' | 'bars';
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function mountPlot(
  element: HTMLElement,
  table: PlotSource | PlotTable,
  spec: PlotSpec,
  options: MountPlotOptions = {},
): MountedPlot {
  const view = 'numbers' in table ? table : plotTable(table);
  const sized: PlotSpec = { ...spec, width: spec.width ?? (element.clientWidth || undefined) } as PlotSpec;
  if (sized.width === undefined) delete sized.width;
  const prepared = preparePlot(view, sized);
  const { width, height } = prepared;
  const dpr = globalThis.devicePixelRatio || 1;

  const root = document.createElement('div');
  root.style.cssText = `position:relative;width:${width}px;height:${height}px;user-select:none;cursor:crosshair`;
  const frame = document.createElementNS(SVG_NS, 'svg');
  frame.setAttribute('width', String(width));
  frame.setAttribute('height', String(height));
  frame.setAttribute('font-family', 'sans-serif');
  frame.setAttribute('font-size', '11');
  frame.style.cssText = 'position:absolute;left:0;top:0';
  frame.innerHTML =
    (prepared.title ? `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">${escapeText(prepared.title)}</text>` : '') +
    renderSvgFrame(prepared).join('');
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.cssText = `position:absolute;left:0;top:0;width:${width}px;height:${height}px`;
  const overlay = document.createElementNS(SVG_NS, 'svg');
  overlay.setAttribute('width', String(width));
  overlay.setAttribute('height', String(height));
  overlay.style.cssText = 'position:absolute;left:0;top:0';
  const brush = document.createElementNS(SVG_NS, 'path');
  brush.setAttribute('fill', 'rgba(214,39,40,0.08)');
  brush.setAttribute('stroke', hex(SELECTED_POINT));
  brush.setAttribute('stroke-dasharray', '4 3');
  const marker = document.createElementNS(SVG_NS, 'circle');
  marker.setAttribute('r', '5');
  marker.setAttribute('fill', 'none');
  marker.setAttribute('stroke', '#000');
  marker.setAttribute('visibility', 'hidden');
  overlay.append(brush, marker);
  const tip = document.createElement('div');
  tip.style.cssText =
    'position:absolute;pointer-events:none;background:rgba(255,255,255,0.95);border:1px solid #999;padding:2px 5px;font:11px sans-serif;white-space:pre;display:none;z-index:1';
  root.append(frame, canvas, overlay, tip);
  element.append(root);

  let selection: Uint8Array | null = null;
  let layer: PointLayer | undefined;
  let drawBars: (() => void) | undefined;
  if (isPoints(prepared)) {
    layer =
      (options.renderer === 'webgl2' ? createWebGLLayer(canvas, prepared, dpr) : undefined) ?? createCanvasLayer(canvas, prepared, dpr);
    // Axes over the points, as in the SVG.
    root.insertBefore(canvas, frame);
    if (prepared.kind === 'sky') root.insertBefore(frame, canvas);
  } else {
    drawBars = barPainter(canvas, prepared, dpr, () => selection);
  }
  const draw = (): void => (layer ? layer.draw(selection) : drawBars!());
  draw();

  const select = (rows: Uint32Array): void => {
    if (rows.length === 0) selection = null;
    else {
      selection = new Uint8Array(prepared.rowCount);
      for (let k = 0; k < rows.length; k++) selection[rows[k]!] = 1;
    }
    draw();
    options.onSelect?.(rows);
  };

  // Pointer handling: rectangle by default, lasso with Shift; a click without a drag clears.
  const local = (e: MouseEvent): [number, number] => {
    const box = root.getBoundingClientRect();
    return [e.clientX - box.left, e.clientY - box.top];
  };
  let drag: { start: [number, number]; lasso: Array<[number, number]> | null; last: [number, number] } | null = null;
  const onDown = (e: MouseEvent): void => {
    if (e.button !== 0) return;
    const p = local(e);
    drag = { start: p, last: p, lasso: e.shiftKey ? [p] : null };
    e.preventDefault();
  };
  const onDrag = (e: MouseEvent): void => {
    if (!drag) return;
    const p = local(e);
    drag.last = p;
    if (drag.lasso) {
      drag.lasso.push(p);
      brush.setAttribute('d', 'M' + drag.lasso.map(([x, y]) => `${x} ${y}`).join('L') + 'Z');
    } else {
      const [x0, y0] = drag.start;
      brush.setAttribute('d', `M${x0} ${y0}H${p[0]}V${p[1]}H${x0}Z`);
    }
  };
  const onHoverMove = (e: MouseEvent): void => {
    if (!drag) hover(local(e));
  };
  const onUp = (): void => {
    if (!drag) return;
    const { start, last, lasso } = drag;
    drag = null;
    brush.removeAttribute('d');
    if (Math.abs(last[0] - start[0]) < 3 && Math.abs(last[1] - start[1]) < 3) return select(new Uint32Array(0));
    select(lasso ? rowsInLasso(prepared, lasso) : rowsInRect(prepared, { x0: start[0], y0: start[1], x1: last[0], y1: last[1] }));
  };
  const hoverIndex = isPoints(prepared) ? buildHoverIndex(prepared) : undefined;
  let hovered = -1;
  const hover = ([x, y]: [number, number]): void => {
    if (isPoints(prepared)) {
      const i = hoverIndex!.nearest(x, y, 6);
      if (i === hovered) return;
      hovered = i;
      if (i < 0) {
        marker.setAttribute('visibility', 'hidden');
        tip.style.display = 'none';
        options.onHover?.(null, -1);
        return;
      }
      const row = view.row(i);
      marker.setAttribute('cx', String(prepared.px[i]));
      marker.setAttribute('cy', String(prepared.py[i]));
      marker.setAttribute('visibility', 'visible');
      showTip(
        tip,
        x,
        y,
        width,
        Object.entries(row)
          .map(([k, v]) => `${k}: ${formatValue(v)}`)
          .join('\n'),
      );
      options.onHover?.(row, i);
    } else {
      const bar = prepared.bars.findIndex((b) => x >= b.x0 && x <= b.x1);
      if (bar < 0) {
        tip.style.display = 'none';
        return;
      }
      const b = prepared.bars[bar]!;
      showTip(tip, x, y, width, `${b.label}: ${b.value}`);
    }
  };
  const onLeave = (): void => {
    tip.style.display = 'none';
    marker.setAttribute('visibility', 'hidden');
    if (hovered >= 0) options.onHover?.(null, -1);
    hovered = -1;
  };
  root.addEventListener('mousedown', onDown);
  root.addEventListener('mousemove', onHoverMove);
  root.addEventListener('mouseleave', onLeave);
  // A drag goes on (and ends) outside the plot too.
  globalThis.addEventListener('mousemove', onDrag);
  globalThis.addEventListener('mouseup', onUp);

  return {
    prepared,
    renderer: layer ? layer.name : 'bars',
    setSelection(rowIndexes) {
      if (!rowIndexes || rowIndexes.length === 0) selection = null;
      else {
        selection = new Uint8Array(prepared.rowCount);
        for (let k = 0; k < rowIndexes.length; k++) {
          const i = rowIndexes[k]!;
          if (i >= 0 && i < prepared.rowCount) selection[i] = 1;
        }
      }
      draw();
    },
    destroy() {
      globalThis.removeEventListener('mousemove', onDrag);
      globalThis.removeEventListener('mouseup', onUp);
      layer?.destroy();
      root.remove();
    },
  };
}

function barPainter(canvas: HTMLCanvasElement, plot: PreparedBars, dpr: number, selection: () => Uint8Array | null): () => void {
  const ctx = canvas.getContext('2d')!;
  return () => {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, plot.width, plot.height);
    const sel = selection();
    const picked = new Float64Array(plot.bars.length);
    if (sel) for (let i = 0; i < plot.rowCount; i++) if (sel[i] && plot.barOfRow[i]! >= 0) picked[plot.barOfRow[i]!]!++;
    plot.bars.forEach((b, k) => {
      ctx.fillStyle = hex(sel ? UNSELECTED_POINT : DEFAULT_POINT);
      ctx.fillRect(b.x0, b.y0, Math.max(0.5, b.x1 - b.x0), b.y1 - b.y0);
      if (sel && picked[k]! > 0) {
        // Histograms count rows; a bar chart's bar is picked whole.
        const y = plot.kind === 'histogram' ? plot.yOf(picked[k]!) : b.y0;
        ctx.fillStyle = hex(SELECTED_POINT);
        ctx.fillRect(b.x0, y, Math.max(0.5, b.x1 - b.x0), b.y1 - y);
      }
    });
  };
}

function showTip(tip: HTMLElement, x: number, y: number, width: number, text: string): void {
  tip.textContent = text;
  tip.style.display = 'block';
  tip.style.left = `${x + 12 + 180 > width ? x - 190 : x + 12}px`;
  tip.style.top = `${y + 12}px`;
}

function formatValue(v: unknown): string {
  if (typeof v === 'number') return String(Number(v.toPrecision(8)));
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
