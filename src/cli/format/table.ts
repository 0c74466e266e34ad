/** Aligned text tables for terminals: numbers right-aligned, long cells clipped to fit the width. */
import { stripAnsi } from '../style.js';

export interface TableOptions {
  /** Total width available (terminal columns); cells are clipped so the table fits. */
  maxWidth?: number;
  /** Column indexes to right-align (default: columns whose non-empty cells all look numeric). */
  rightAlign?: Set<number>;
  /** Header style (e.g. bold). */
  header?: (s: string) => string;
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^(NaN|[-+]?Infinity)$/;

function clip(s: string, width: number): string {
  if (s.length <= width) return s;
  return width <= 1 ? s.slice(0, width) : s.slice(0, width - 1) + '…';
}

export function formatTable(headers: string[], rows: string[][], options: TableOptions = {}): string {
  const n = headers.length;
  const cellText = (s: string) => s.replace(/[\r\n\t]+/g, ' ');
  const body = rows.map((r) => headers.map((_, i) => cellText(r[i] ?? '')));
  const widths = headers.map((h, i) => Math.max(stripAnsi(h).length, ...body.map((r) => r[i]!.length)));
  const right =
    options.rightAlign ??
    new Set(headers.map((_, i) => i).filter((i) => body.some((r) => r[i] !== '') && body.every((r) => r[i] === '' || NUMERIC.test(r[i]!))));
  if (options.maxWidth !== undefined) {
    // Shrink the widest columns until the table fits (2 spaces between columns), never below 4.
    const available = options.maxWidth - 2 * (n - 1);
    while (widths.reduce((a, b) => a + b, 0) > available) {
      const widest = widths.indexOf(Math.max(...widths));
      if (widths[widest]! <= 4) break;
      widths[widest]! -= 1;
    }
  }
  const pad = (s: string, i: number) => {
    const c = clip(s, widths[i]!);
    return right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!);
  };
  const head = headers
    .map((h, i) => pad(h, i))
    .join('  ')
    .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [options.header ? options.header(head) : head, rule];
  for (const r of body)
    lines.push(
      r
        .map((c, i) => pad(c, i))
        .join('  ')
        .trimEnd(),
    );
  return lines.join('\n') + '\n';
}
