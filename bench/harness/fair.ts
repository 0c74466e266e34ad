/**
 * What every benchmark needs to be fair on a shared machine:
 *   - the same number of runs per contestant, interleaved (A B A B ...), so that a burst of other
 *     load hits every contestant alike rather than whichever ran during it;
 *   - medians with min and max, of wall time and of CPU time (user + system), the latter being what
 *     an idle machine's wall time approaches;
 *   - the load average before and after each group, with a warning when it exceeds the core count
 *     (JIT threads of the JVM peers starve first, which inflates ratios).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';

export interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function stats(xs: readonly number[]): Stats {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const m = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

/** Percentile (0-100) of an unsorted sample, nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

const num = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** "median (min-max)" with the given decimals. */
export function fmtStats(s: Stats, digits = 0, unit = ''): string {
  return `${num(s.median, digits)}${unit} (${num(s.min, digits)}-${num(s.max, digits)})`;
}

/** Prints the load average, warning above the core count; returns the 1-minute figure. */
export function printLoad(when: string): number {
  const [one, five, fifteen] = os.loadavg() as [number, number, number];
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const warn =
    one > cores ? `  WARNING: above the ${cores} cores: wall times and ratios against JVM peers are inflated; trust CPU times` : '';
  console.log(`load average ${when}: ${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)} on ${cores} cores${warn}`);
  return one;
}

export interface ProcessRun {
  ok: boolean;
  /** Whole-process wall time, ms. */
  wallMs: number;
  /** User + system CPU of the process and its children, ms (NaN without /usr/bin/time). */
  cpuMs: number;
  /** Peak resident set, MB (NaN without /usr/bin/time). */
  rssMB: number;
  stdout: string;
  stderr: string;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const MARK = '@@fair-time@@';

/** Runs a command to completion, measuring wall (here), CPU and peak RSS (GNU time). */
export function runProcess(
  cmd: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): ProcessRun {
  const t0 = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', `${MARK} %U %S %M`, cmd, ...args], { ...options, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(cmd, args, { ...options, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = performance.now() - t0;
  let stderr = r.stderr ?? '';
  let cpuMs = NaN;
  let rssMB = NaN;
  const at = stderr.lastIndexOf(MARK);
  if (at >= 0) {
    const [user, sys, rss] = stderr
      .slice(at + MARK.length)
      .trim()
      .split(/\s+/)
      .map(Number);
    cpuMs = ((user ?? NaN) + (sys ?? NaN)) * 1000;
    rssMB = (rss ?? NaN) / 1024;
    stderr = stderr.slice(0, at);
  }
  return { ok: r.status === 0, wallMs, cpuMs, rssMB, stdout: r.stdout ?? '', stderr };
}

export interface Contestant<R> {
  name: string;
  /** One measured run; throw to mark the contestant failed. */
  run: () => R;
}

/**
 * Runs every contestant `runs` times, interleaved: round i runs each once, in an order rotated by
 * i so that no contestant always follows the same one. `warmup` unmeasured rounds come first (they
 * fill the OS file cache). Returns the runs per contestant.
 */
export function interleave<R>(contestants: ReadonlyArray<Contestant<R>>, runs: number, warmup = 1): Map<string, R[]> {
  const out = new Map<string, R[]>(contestants.map((c) => [c.name, []]));
  for (let round = -warmup; round < runs; round++) {
    const shift = ((round % contestants.length) + contestants.length) % contestants.length;
    for (let k = 0; k < contestants.length; k++) {
      const c = contestants[(k + shift) % contestants.length]!;
      const r = c.run();
      if (round >= 0) out.get(c.name)!.push(r);
    }
  }
  return out;
}

/** Aligned text table: the first `left` columns left-aligned, the rest right-aligned. */
export function printTable(rows: string[][], left = 1): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  for (const row of rows) console.log(row.map((c, i) => (i < left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}
