/** Shared helpers of the TAP benchmarks: the service URL, timing statistics, peers (pyvo, curl). */
import { execFileSync, spawn as spawnProcess, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

export const TAP_URL = (process.argv[2] ?? process.env.ADQLKIT_TAP_URL ?? 'http://127.0.0.1:8080/tap').replace(/\/+$/, '');
/** pyvo 1.2.1 from Debian: the system python, not the pyenv one first on PATH. */
export const PYTHON = '/usr/bin/python3';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export function fmt(ms: number | undefined): string {
  return ms === undefined || Number.isNaN(ms) ? 'n/a' : `${ms.toFixed(1)} ms`;
}

export function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b) ? 'n/a' : `${(a / b).toFixed(2)}x`;
}

export function havePyvo(): boolean {
  const r = spawnSync(PYTHON, ['-c', 'import pyvo, sys; sys.stdout.write(pyvo.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0) console.log(`[pyvo not available: ${PYTHON} cannot import pyvo; peer skipped]`);
  return r.status === 0;
}

export function haveCurl(): boolean {
  const r = spawnSync('curl', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) console.log('[curl not available; peer skipped]');
  return r.status === 0;
}

/** Runs a Python snippet that prints a JSON object on its last line. */
export function python<T>(code: string, args: string[] = []): T {
  const out = execFileSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] as string) as T;
}

/** curl timings (time_total, ms) of `n` runs of the same request. */
export function curlTimes(n: number, args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const out = execFileSync('curl', ['-s', '-o', '/dev/null', '-w', '%{time_total}', ...args], { encoding: 'utf8' });
    times.push(Number(out) * 1000);
  }
  return times;
}

export async function checkService(): Promise<void> {
  try {
    const res = await fetch(`${TAP_URL}/availability`, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    console.error(`no TAP service at ${TAP_URL} (${(err as Error).message}); start DaCHS (scripts/dachs-up.sh) or pass a TAP URL`);
    process.exit(2);
  }
}

/**
 * A persistent Python process running one timed operation per request, so pyvo can be measured
 * round by round, interleaved with the other contenders (the machine's load changes over time).
 * `setup` defines `run()` returning a row count; each request prints {"ms": ..., "rows": ...}.
 */
export class PyWorker {
  private proc: ChildProcessWithoutNullStreams;
  private lines: string[] = [];
  private waiting: ((line: string) => void) | undefined;

  constructor(setup: string, args: string[]) {
    const code = `
import json, sys, time, warnings
warnings.simplefilter('ignore')
${setup}
for line in sys.stdin:
    t = time.perf_counter(); n = run(); ms = (time.perf_counter() - t) * 1000
    sys.stdout.write(json.dumps({"ms": ms, "rows": n}) + "\\n"); sys.stdout.flush()
`;
    this.proc = spawnProcess(PYTHON, ['-c', code, ...args]);
    let buf = '';
    this.proc.once('exit', (code) => this.waiting?.(JSON.stringify({ error: `python exited with ${String(code)}` })));
    this.proc.stdout.setEncoding('utf8');
    this.proc.stdout.on('data', (d: string) => {
      buf += d;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (this.waiting !== undefined) {
          const w = this.waiting;
          this.waiting = undefined;
          w(line);
        } else this.lines.push(line);
      }
    });
  }

  run(): Promise<{ ms: number; rows: number }> {
    this.proc.stdin.write('go\n');
    return new Promise((resolve, reject) => {
      const done = (line: string) => {
        const r = JSON.parse(line) as { ms: number; rows: number; error?: string };
        if (r.error !== undefined) reject(new Error(r.error));
        else resolve(r);
      };
      const queued = this.lines.shift();
      if (queued !== undefined) done(queued);
      else this.waiting = done;
    });
  }

  stop(): void {
    this.proc.stdin.end();
  }
}
