/** The nearest point to the pointer, through a grid of cells over the plot (built once). */
import type { PreparedPoints } from '../prepare.js';

const CELL = 8;

export interface HoverIndex {
  nearest(x: number, y: number, radius: number): number;
}

export function buildHoverIndex(plot: PreparedPoints): HoverIndex {
  const cols = Math.ceil(plot.width / CELL) + 1;
  const rows = Math.ceil(plot.height / CELL) + 1;
  const cellOf = (i: number): number => {
    const x = plot.px[i]!;
    const y = plot.py[i]!;
    if (!(x >= 0 && y >= 0 && x < plot.width && y < plot.height)) return -1;
    return Math.floor(y / CELL) * cols + Math.floor(x / CELL);
  };
  // Counting sort of rows by cell: start[c]..start[c+1] indexes members.
  const start = new Int32Array(cols * rows + 1);
  for (let i = 0; i < plot.rowCount; i++) {
    const c = cellOf(i);
    if (c >= 0) start[c + 1]!++;
  }
  for (let c = 0; c < cols * rows; c++) start[c + 1]! += start[c]!;
  const next = start.slice(0, cols * rows);
  const members = new Uint32Array(start[cols * rows]!);
  for (let i = 0; i < plot.rowCount; i++) {
    const c = cellOf(i);
    if (c >= 0) members[next[c]!++] = i;
  }
  return {
    nearest(x, y, radius) {
      let best = -1;
      let bestD = radius * radius;
      const reach = Math.ceil(radius / CELL);
      const [cx, cy] = [Math.floor(x / CELL), Math.floor(y / CELL)];
      for (let gy = Math.max(0, cy - reach); gy <= Math.min(rows - 1, cy + reach); gy++) {
        for (let gx = Math.max(0, cx - reach); gx <= Math.min(cols - 1, cx + reach); gx++) {
          const c = gy * cols + gx;
          for (let k = start[c]!; k < start[c + 1]!; k++) {
            const i = members[k]!;
            const d = (plot.px[i]! - x) ** 2 + (plot.py[i]! - y) ** 2;
            if (d <= bestD) {
              bestD = d;
              best = i;
            }
          }
        }
      }
      return best;
    },
  };
}
