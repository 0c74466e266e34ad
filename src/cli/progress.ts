/**
 * A progress line on stderr: rewritten in place on a terminal (throttled), and on a pipe only
 * meaningful changes (job phases) are printed, one per line, so logs stay readable.
 */
import type { Output } from './command.js';
import type { Style } from './style.js';

export class ProgressLine {
  private lastDraw = 0;
  private shown = false;
  private lastKey: string | undefined;

  constructor(
    private readonly out: Output,
    private readonly style: Style,
  ) {}

  /** `key` identifies the kind of state (`phase:EXECUTING`, `bytes`...): off a TTY only new phases print. */
  update(text: string, key: string, force = false): void {
    if (this.out.isTTY) {
      const now = Date.now();
      if (!force && now - this.lastDraw < 100 && key === this.lastKey) return;
      this.lastDraw = now;
      this.lastKey = key;
      const width = (this.out.columns || 80) - 1; // some terminals (script, CI) report 0 columns
      this.out.write(`\r\u001b[K${this.style.dim(text.slice(0, width))}`);
      this.shown = true;
    } else if (key !== this.lastKey && key.startsWith('phase:')) {
      // Off a terminal only phase changes are worth a log line.
      this.lastKey = key;
      this.out.write(`${text}\n`);
    }
  }

  /** Clears the line (TTY) before normal output continues. */
  done(): void {
    if (this.shown && this.out.isTTY) this.out.write('\r\u001b[K');
    this.shown = false;
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatSeconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}
