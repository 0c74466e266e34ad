/**
 * The static renderer: a PreparedPlot as SVG text. Up to POINT_LIMIT points are circles (each with
 * its row number in data-row); above that, points are binned into 2-pixel cells drawn as
 * squares whose opacity grows with the count, so a million-row plot stays a small file.
 */
import { DEFAULT_POINT, hex } from './colour.js';
import { isPoints, type AxisLayout, type PreparedBars, type PreparedPlot, type PreparedPoints } from './prepare.js';

const POINT_LIMIT = 20000;
const CELL = 2;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (v: number): string => String(Math.round(v * 100) / 100);

export function renderSvg(plot: PreparedPlot): string {
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${plot.width}" height="${plot.height}" viewBox="0 0 ${plot.width} ${plot.height}" data-kind="${plot.kind}" font-family="sans-serif" font-size="11">`,
  );
  parts.push(`<rect width="${plot.width}" height="${plot.height}" fill="#ffffff"/>`);
  if (plot.title)
    parts.push(`<text class="title" x="${num(plot.width / 2)}" y="18" text-anchor="middle" font-size="14">${esc(plot.title)}</text>`);
  if (isPoints(plot)) parts.push(...pointLayers(plot));
  else parts.push(...barLayers(plot));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** Frame, axes and graticule without the data: the browser renderer draws points on a canvas over it. */
export function renderSvgFrame(plot: PreparedPlot): string[] {
  if (!isPoints(plot)) return axes(plot.frame, plot.xAxis, plot.yAxis);
  return [...(plot.kind === 'sky' ? skyGrid(plot) : axes(plot.frame, plot.xAxis!, plot.yAxis!)), ...legend(plot)];
}

function axes(f: PreparedPlot['frame'], x: AxisLayout, y: AxisLayout): string[] {
  const bottom = f.top + f.height;
  const out = [
    `<rect class="frame" x="${num(f.left)}" y="${num(f.top)}" width="${num(f.width)}" height="${num(f.height)}" fill="none" stroke="#444"/>`,
  ];
  out.push('<g class="axis x">');
  for (const t of x.ticks) {
    out.push(
      `<line x1="${num(t.px)}" x2="${num(t.px)}" y1="${num(bottom)}" y2="${num(bottom + 5)}" stroke="#444"/><text x="${num(t.px)}" y="${num(bottom + 17)}" text-anchor="middle" data-value="${esc(t.label)}">${esc(t.label)}</text>`,
    );
  }
  out.push(
    `<text class="axis-title" x="${num(f.left + f.width / 2)}" y="${num(bottom + 38)}" text-anchor="middle">${esc(x.title)}</text></g>`,
  );
  out.push('<g class="axis y">');
  for (const t of y.ticks) {
    out.push(
      `<line x1="${num(f.left - 5)}" x2="${num(f.left)}" y1="${num(t.px)}" y2="${num(t.px)}" stroke="#444"/><text x="${num(f.left - 8)}" y="${num(t.px + 4)}" text-anchor="end" data-value="${esc(t.label)}">${esc(t.label)}</text>`,
    );
  }
  const cy = f.top + f.height / 2;
  out.push(
    `<text class="axis-title" x="14" y="${num(cy)}" text-anchor="middle" transform="rotate(-90 14 ${num(cy)})">${esc(y.title)}</text></g>`,
  );
  return out;
}

const path = (pts: ReadonlyArray<readonly [number, number]>): string =>
  pts.map(([x, y], i) => `${i ? 'L' : 'M'}${num(x)} ${num(y)}`).join('');

function skyGrid(plot: PreparedPoints): string[] {
  const g = plot.graticule!;
  const out = [
    `<path class="outline" d="${path(g.outline)}Z" fill="#f7f7fb" stroke="#444"/>`,
    '<g class="graticule" fill="none" stroke="#bbb" stroke-width="0.6">',
  ];
  for (const line of g.lines) out.push(`<path d="${path(line)}"/>`);
  out.push('</g><g class="graticule-labels" fill="#666" font-size="10">');
  for (const l of g.labels) out.push(`<text x="${num(l.x + 2)}" y="${num(l.y - 2)}">${esc(l.text)}</text>`);
  out.push('</g>');
  return out;
}

function pointLayers(plot: PreparedPoints): string[] {
  const out = plot.kind === 'sky' ? skyGrid(plot) : [];
  const { px, py, colours } = plot;
  const colourOf = (i: number): string => (colours ? hex([colours[i * 3]!, colours[i * 3 + 1]!, colours[i * 3 + 2]!]) : hex(DEFAULT_POINT));
  out.push(`<g class="points" data-drawn="${plot.drawn}" data-rows="${plot.rowCount}">`);
  if (plot.drawn <= POINT_LIMIT) {
    const r = num(plot.pointSize);
    for (let i = 0; i < plot.rowCount; i++) {
      if (px[i] !== px[i]) continue;
      out.push(`<circle data-row="${i}" cx="${num(px[i]!)}" cy="${num(py[i]!)}" r="${r}" fill="${colourOf(i)}" fill-opacity="0.7"/>`);
    }
  } else {
    // Density cells: count and the colour of the cell's first point.
    const cells = new Map<number, { n: number; first: number }>();
    const stride = Math.ceil(plot.width / CELL) + 1;
    for (let i = 0; i < plot.rowCount; i++) {
      if (px[i] !== px[i]) continue;
      const key = Math.floor(py[i]! / CELL) * stride + Math.floor(px[i]! / CELL);
      const c = cells.get(key);
      if (c) c.n++;
      else cells.set(key, { n: 1, first: i });
    }
    const max = Math.max(...[...cells.values()].map((c) => c.n));
    for (const [key, c] of cells) {
      const opacity = 0.25 + 0.75 * (Math.log(c.n) / Math.log(Math.max(2, max)));
      out.push(
        `<rect x="${(key % stride) * CELL}" y="${Math.floor(key / stride) * CELL}" width="${CELL}" height="${CELL}" fill="${colourOf(c.first)}" fill-opacity="${num(opacity)}" data-count="${c.n}"/>`,
      );
    }
  }
  out.push('</g>');
  if (plot.kind === 'scatter') out.push(...axes(plot.frame, plot.xAxis!, plot.yAxis!));
  out.push(...legend(plot));
  return out;
}

function legend(plot: PreparedPoints): string[] {
  if (plot.legend.length === 0) return [];
  const out = ['<g class="legend">'];
  const x = plot.frame.left + plot.frame.width - 130;
  plot.legend.forEach((e, k) => {
    const y = plot.frame.top + 12 + k * 14;
    out.push(
      `<circle cx="${num(x)}" cy="${num(y - 4)}" r="4" fill="${hex(e.colour)}"/><text x="${num(x + 8)}" y="${num(y)}">${esc(e.label)}</text>`,
    );
  });
  out.push('</g>');
  return out;
}

function barLayers(plot: PreparedBars): string[] {
  const out = [`<g class="bars">`];
  for (const b of plot.bars) {
    out.push(
      `<rect x="${num(b.x0)}" y="${num(b.y0)}" width="${num(Math.max(0.5, b.x1 - b.x0))}" height="${num(b.y1 - b.y0)}" fill="${hex(DEFAULT_POINT)}" stroke="#ffffff" stroke-width="0.5" data-value="${b.value}" data-label="${esc(b.label)}"${b.lo !== undefined ? ` data-lo="${b.lo}" data-hi="${b.hi}"` : ''}/>`,
    );
  }
  out.push('</g>');
  out.push(...axes(plot.frame, plot.xAxis, plot.yAxis));
  return out;
}
