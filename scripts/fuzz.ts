/**
 * The long fuzz run (`npm run fuzz -- --seconds 600`): the fuzz targets of test/hostile/support/fuzz.ts
 * round-robin in a worker thread limited to 1 GB of heap, watched from the main thread: a case
 * that does not finish within the hang limit, a worker that runs out of memory, or an error that
 * is not one of adqlkit's typed errors is a finding, saved with its input. Reports the cases per
 * second of each target, the slowest case and the peak memory of the process.
 * Options: --seconds N (default 600), --seed N (default: the clock), --hang-ms N (default 10000).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { closeFuzzedService, FUZZ_TARGETS, fuzzTarget, type FuzzFinding, type TargetStats } from '../test/hostile/support/fuzz.js';

const SLICE_MS = 2000;
/** The VOTable reader has the largest input space and the slowest cases: it gets more of the time. */
const SLICE_WEIGHT: Record<string, number> = { votable: 4 };
const CASE_BUDGET_MS = 2000;
/** The worker's heap: below the 1 GB the whole process must stay under, so a runaway case is caught as the worker's death. */
const HEAP_LIMIT_MB = 768;
const RSS_LIMIT = 2 ** 30;

type ToMain =
  | { kind: 'case'; target: string; input: string }
  | { kind: 'slice'; target: string; stats: TargetStats; findings: Array<{ message: string; input: string }> };

interface WorkerInput {
  seed: number;
  deadline: number;
}

async function workerMain(): Promise<void> {
  const { seed, deadline } = workerData as WorkerInput;
  const post = (m: ToMain): void => parentPort!.postMessage(m);
  for (let round = 0; Date.now() < deadline; round++) {
    for (const target of FUZZ_TARGETS) {
      if (Date.now() >= deadline) break;
      const findings: FuzzFinding[] = [];
      const sliceEnd = performance.now() + Math.min(SLICE_MS * (SLICE_WEIGHT[target.name] ?? 1), deadline - Date.now());
      const stats = await fuzzTarget(target, seed + round * 7919 + target.name.length, {
        cases: Infinity,
        deadline: sliceEnd,
        caseBudgetMs: CASE_BUDGET_MS,
        findings,
        onCase: (input) => post({ kind: 'case', target: target.name, input }),
      });
      post({ kind: 'slice', target: target.name, stats, findings: findings.map((f) => ({ message: f.message, input: f.input })) });
    }
  }
  await closeFuzzedService();
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number, got ${process.argv[i + 1]}`);
  return v;
}

async function main(): Promise<void> {
  const seconds = arg('seconds', 600);
  let seed = arg('seed', Date.now() % 2 ** 31);
  const hangMs = arg('hang-ms', 10_000);
  const end = Date.now() + seconds * 1000;
  const outDir = path.join(tmpdir(), `adqlkit-fuzz-${seed}`);
  const totals = new Map<string, TargetStats>(FUZZ_TARGETS.map((t) => [t.name, { cases: 0, ms: 0, slowestMs: 0 }]));
  const findings: Array<{ message: string; input: string }> = [];
  let peakRss = 0;
  const memTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  process.stderr.write(
    `fuzzing for ${seconds} s, seed ${seed}, ${FUZZ_TARGETS.length} targets, worker heap limit ${HEAP_LIMIT_MB} MB, hang limit ${hangMs} ms\n`,
  );

  // A worker per stretch: one that hangs or runs out of memory is replaced, the run goes on.
  while (Date.now() < end - 500) {
    await new Promise<void>((resolve) => {
      // The worker loads this file through tsx's loader, registered in the worker itself.
      const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
      const worker = new Worker(boot, {
        eval: true,
        workerData: { seed, deadline: end } satisfies WorkerInput,
        resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
      });
      let cases = 0;
      let current: { target: string; input: string } | undefined;
      let lastCase = Date.now();
      const watchdog = setInterval(() => {
        if (current !== undefined && Date.now() - lastCase > hangMs) {
          findings.push({ message: `${current.target}: hang (no answer within ${hangMs} ms)`, input: current.input });
          void worker.terminate();
        }
      }, 250);
      worker.on('message', (m: ToMain) => {
        if (m.kind === 'case') {
          cases++;
          current = { target: m.target, input: m.input };
          lastCase = Date.now();
          return;
        }
        const t = totals.get(m.target)!;
        t.cases += m.stats.cases;
        t.ms += m.stats.ms;
        t.slowestMs = Math.max(t.slowestMs, m.stats.slowestMs);
        findings.push(...m.findings);
      });
      worker.on('error', (err) =>
        findings.push({ message: `${current?.target ?? 'worker'}: worker died: ${err.message}`, input: current?.input ?? '' }),
      );
      worker.on('exit', () => {
        clearInterval(watchdog);
        // A worker that could not even start one case would fail the same way again: stop.
        if (cases === 0 && Date.now() < end - 500) {
          process.stderr.write(`fuzz: the worker stopped before its first case: ${findings.at(-1)?.message ?? 'no reason given'}\n`);
          process.exit(2);
        }
        resolve();
      });
    });
    seed += 104729; // a fresh sequence for the replacement worker
  }
  clearInterval(memTimer);
  if (peakRss > RSS_LIMIT) findings.push({ message: `process: peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB, over 1 GB`, input: '' });

  const rows = [...totals].map(
    ([name, t]) =>
      `  ${name.padEnd(16)} ${String(t.cases).padStart(9)} cases  ${(t.cases / Math.max(t.ms / 1000, 1e-9)).toFixed(0).padStart(7)} cases/s  slowest ${t.slowestMs.toFixed(0)} ms`,
  );
  const total = [...totals.values()].reduce((s, t) => s + t.cases, 0);
  process.stdout.write(
    `fuzz: ${total} cases in ${seconds} s (${(total / seconds).toFixed(0)} cases/s), peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB\n${rows.join('\n')}\n`,
  );
  if (findings.length === 0) {
    process.stdout.write('no findings: no hang, no untyped error, no case over its time budget\n');
    return;
  }
  mkdirSync(outDir, { recursive: true });
  findings.forEach((f, i) => writeFileSync(path.join(outDir, `finding-${i}.txt`), `${f.message}\n----\n${f.input}`));
  const distinct = [...new Set(findings.map((f) => f.message.slice(0, 200)))];
  process.stdout.write(
    `${findings.length} finding(s), ${distinct.length} distinct, inputs saved in ${outDir}:\n${distinct
      .slice(0, 30)
      .map((m) => `  ${m}`)
      .join('\n')}\n`,
  );
  process.exitCode = 1;
}

if (isMainThread) await main();
else await workerMain();
