/// <reference lib="dom" />
/**
 * Points written straight into an ImageData (no path per point): each point is a small square of
 * pixels; a selection redraws unselected points grey, then selected ones on top.
 */
import { DEFAULT_POINT, SELECTED_POINT, UNSELECTED_POINT, type Rgb } from '../colour.js';
import type { PreparedPoints } from '../prepare.js';
import type { PointLayer } from './layer.js';

/** RGBA packed for a little-endian Uint32 view of ImageData. */
const pack = (c: Rgb, alpha = 255): number => ((alpha << 24) | (c[2] << 16) | (c[1] << 8) | c[0]) >>> 0;

export function createCanvasLayer(canvas: HTMLCanvasElement, plot: PreparedPoints, dpr: number): PointLayer {
  const ctx = canvas.getContext('2d')!;
  const [w, h] = [canvas.width, canvas.height];
  const image = ctx.createImageData(w, h);
  const pixels = new Uint32Array(image.data.buffer);
  const size = Math.max(1, Math.min(6, Math.round(plot.pointSize * dpr)));
  const half = Math.floor(size / 2);
  const n = plot.rowCount;
  // Top-left pixel of each point's square, -1 when it is off the canvas or has no position.
  const at = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = Math.round(plot.px[i]! * dpr) - half;
    const y = Math.round(plot.py[i]! * dpr) - half;
    at[i] = x >= 0 && y >= 0 && x + size <= w && y + size <= h ? y * w + x : -1;
  }
  const own = new Uint32Array(n);
  const c = plot.colours;
  for (let i = 0; i < n; i++) own[i] = c ? pack([c[3 * i]!, c[3 * i + 1]!, c[3 * i + 2]!]) : pack(DEFAULT_POINT);
  const grey = pack(UNSELECTED_POINT, 200);
  const red = pack(SELECTED_POINT);
  const put =
    size === 1
      ? (i: number, colour: number): void => {
          const p = at[i]!;
          if (p >= 0) pixels[p] = colour;
        }
      : size === 2
        ? (i: number, colour: number): void => {
            const p = at[i]!;
            if (p < 0) return;
            pixels[p] = pixels[p + 1] = pixels[p + w] = pixels[p + w + 1] = colour;
          }
        : (i: number, colour: number): void => {
            const p = at[i]!;
            if (p < 0) return;
            for (let dy = 0; dy < size; dy++) pixels.fill(colour, p + dy * w, p + dy * w + size);
          };
  return {
    name: 'canvas2d',
    draw(selection) {
      pixels.fill(0);
      if (!selection) for (let i = 0; i < n; i++) put(i, own[i]!);
      else {
        for (let i = 0; i < n; i++) if (selection[i] === 0) put(i, grey);
        for (let i = 0; i < n; i++) if (selection[i] === 1) put(i, red);
      }
      ctx.putImageData(image, 0, 0);
    },
    destroy() {
      ctx.clearRect(0, 0, w, h);
    },
  };
}
