/**
 * HATS benchmark: a deterministic all-sky catalogue (DaCHS's zcat.big rows, see data.ts) imported
 * into HATS, then
 *   - a 1-degree cone, cold (a new engine, first query: time and the share of the catalogue's bytes
 *     in the partitions it reads) and warm;
 *   - a full-sky GROUP BY histogram (every partition);
 *   - a cross-match at 1 arcsec of N x N rows (the second catalogue is every row moved by under
 *     0.3 arcsec, with a 2-arcsec margin catalogue): partition by partition (crossmatchHats) and as
 *     one ADQL join through LocalEngine;
 * beside the same ADQL on the flat Parquet file loaded into DuckDB (in memory) and on DaCHS
 * (PostgreSQL + pgSphere; hatsbench.sky and hatsbench.near, loaded by bench/hats/dachs-load.sh)
 * when it holds tables of that size.
 *
 * Every measured step runs in its own process (bench/hats/step.ts) under GNU time: wall, CPU
 * (user + system of all threads) and the step's peak RSS (DuckDB's memory is native, RSS counts it).
 * Cones and histograms run HATS_BENCH_REPEAT times (default 3), interleaved across contestants;
 * cross-matches once each (HATS_BENCH_XMATCH_REPEAT). The load average is printed around each group:
 * on a shared machine, trust the CPU times and the ranges more than one wall time.
 *
 * Usage: npx tsx bench/hats/run.ts                                  (10^7 rows: everything)
 *        HATS_BENCH_ROWS=100000000 npx tsx bench/hats/run.ts        (10^8: import ~6 min, ~6 GB of disk)
 *        HATS_BENCH_ROWS=100000000 HATS_BENCH_XMATCH_MAX=100000000 npx tsx bench/hats/run.ts  (and the 10^8 x 10^8 cross-match)
 *        HATS_BENCH_ONLY=join npx tsx bench/hats/run.ts             (only the steps named, comma-separated:
 *                                                                    cone-cold cone-warm histogram partitions join flat-* dachs-*)
 *        HATS_DACHS_ROWS=10000000 sudo bash bench/hats/dachs-load.sh   (the DaCHS tables; ~10 min for 10^7)
 * Work files stay in $HATS_BENCH_DIR (default bench/out/hats, git-ignored) and are reused.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TapService } from '../../src/tap/index.js';
import { type Stats, printLoad, runProcess, stats } from '../harness/fair.js';
import { type BenchData, MARGIN_ARCSEC, benchData } from './data.js';
import { CONE, HISTOGRAM, XMATCH, onTables } from './queries.js';
import type { StepResult } from './step.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES = (process.env.HATS_BENCH_ROWS ?? '10000000').split(',').map(Number);
const MAX_ROWS = Number(process.env.HATS_BENCH_MAX_ROWS ?? 100_000);
const XMATCH_MAX = Number(process.env.HATS_BENCH_XMATCH_MAX ?? 100_000_000);
/** The cross-match's right catalogue has min(N, this) rows (a 10^8-row margin import takes an hour here). */
const NEAR_MAX = Number(process.env.HATS_BENCH_NEAR_MAX ?? 10_000_000);
/** The flat table is loaded into DuckDB memory for every step: up to this size. */
const FLAT_MAX = Number(process.env.HATS_BENCH_FLAT_MAX ?? 10_000_000);
const REPEAT = Number(process.env.HATS_BENCH_REPEAT ?? 3);
const XMATCH_REPEAT = Number(process.env.HATS_BENCH_XMATCH_REPEAT ?? 1);
const ONLY = process.env.HATS_BENCH_ONLY?.split(',');
const DIR = process.env.HATS_BENCH_DIR ?? path.join(here, '..', 'out', 'hats');
const tap = new TapService(process.env.ADQLKIT_TAP_URL ?? 'http://127.0.0.1:8080/tap');
/** The code measured: HATS_BENCH_COMMIT (a `git archive` snapshot has no .git), else HEAD and whether src/ has uncommitted edits. */
const CODE = process.env.HATS_BENCH_COMMIT ?? codeVersion();

function codeVersion(): string {
  try {
    const head = execSync('git log -1 --format="%h %s"', { cwd: here }).toString().trim().slice(0, 90);
    const dirty = execSync('git status --porcelain -- src', { cwd: here }).toString().trim();
    return dirty ? `${head} (plus uncommitted edits in src/)` : head;
  } catch {
    return 'unknown (not a git checkout: set HATS_BENCH_COMMIT)';
  }
}

interface Run extends StepResult {
  rssMB: number;
  /** CPU of the whole step process (GNU time), or of PostgreSQL and the DaCHS server for DaCHS. */
  processCpuMs: number;
}

interface Contestant {
  name: string;
  run: () => Promise<Run>;
}

function step(name: string, ...args: string[]): Contestant {
  return {
    name,
    run: async () => {
      const r = runProcess(process.execPath, ['--import', 'tsx', path.join(here, 'step.ts'), name, ...args]);
      if (!r.ok) throw new Error(`step ${name} failed:\n${r.stderr.slice(-2000)}`);
      const result = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as StepResult;
      return { ...result, rssMB: r.rssMB, processCpuMs: r.cpuMs };
    },
  };
}

/** CPU of PostgreSQL (its reaped workers included) and the DaCHS server, ms: everyone's queries count. */
function dachsSideCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== 'postgres' && comm !== 'dachs') continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]); // utime stime cutime cstime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10;
}

function dachsStep(name: string, adql: string, async: boolean): Contestant {
  return {
    name,
    run: async () => {
      const cpu0 = dachsSideCpuMs();
      const t0 = performance.now();
      const result = async
        ? await tap.runAsync(adql, { maxrec: 100, executionDuration: 7200, timeoutMs: 3_600_000 })
        : await tap.query(adql, { maxrec: 100 });
      const ms = performance.now() - t0;
      const rows = result.rowArrays();
      const answer = rows.length === 1 ? String(rows[0]![0]) : rows.map((r) => `${Number(r[0])}:${r[1]}`).join(' ');
      return { ms, cpuMs: NaN, rcharBytes: NaN, answer, rssMB: NaN, processCpuMs: dachsSideCpuMs() - cpu0 };
    },
  };
}

async function dachsRows(): Promise<number | undefined> {
  try {
    const counts = await Promise.all(
      ['sky', 'near'].map(async (t) => Number((await tap.query(`SELECT COUNT(*) FROM hatsbench.${t}`)).rowArrays()[0]![0])),
    );
    return counts[0] === counts[1] ? counts[0] : undefined;
  } catch (err) {
    console.log(`DaCHS comparison skipped (${(err as Error).message.slice(0, 200)}): run bench/hats/dachs-load.sh`);
    return undefined;
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
const secs = (s: Stats) =>
  s.max >= 10_000
    ? `${(s.median / 1000).toFixed(1)} s (${(s.min / 1000).toFixed(1)}-${(s.max / 1000).toFixed(1)})`
    : `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}-${s.max.toFixed(0)})`;

/** Runs the contestants `repeat` times, interleaved (round i starts at contestant i), and prints a line each. */
async function group(title: string, contestants: Contestant[], repeat: number): Promise<Map<string, Run[]>> {
  contestants = contestants.filter(
    (c) => !ONLY || ONLY.some((o) => c.name === o || (o.endsWith('*') && c.name.startsWith(o.slice(0, -1)))),
  );
  const out = new Map<string, Run[]>(contestants.map((c) => [c.name, []]));
  if (contestants.length === 0) return out;
  console.log(`\n-- ${title} (${repeat} run${repeat > 1 ? 's' : ''} each${repeat > 1 ? ', interleaved' : ''}; ${CODE.split(' ')[0]})`);
  printLoad('before');
  for (let round = 0; round < repeat; round++) {
    for (let k = 0; k < contestants.length; k++) {
      const c = contestants[(k + round) % contestants.length]!;
      const r = await c.run();
      out.get(c.name)!.push(r);
      console.log(
        `  ${c.name}: ${(r.ms / 1000).toFixed(2)} s, CPU ${((Number.isNaN(r.cpuMs) ? r.processCpuMs : r.cpuMs) / 1000).toFixed(2)} s, RSS ${r.rssMB.toFixed(0)} MB, answer ${r.answer.slice(0, 40)}`,
      );
    }
  }
  printLoad('after');
  for (const [name, runs] of out) {
    const last = runs.at(-1)!;
    const cpu = stats(runs.map((r) => r.cpuMs));
    const rss = stats(runs.map((r) => r.rssMB));
    const io = stats(runs.map((r) => r.rcharBytes));
    const answers = new Set(runs.map((r) => r.answer));
    console.log(
      `${name.padEnd(20)} wall ${secs(stats(runs.map((r) => r.ms)))}` +
        (cpu.n ? `, CPU ${secs(cpu)}` : `, PostgreSQL + DaCHS CPU ${secs(stats(runs.map((r) => r.processCpuMs)))}`) +
        (rss.n ? `, peak RSS ${rss.max.toFixed(0)} MB` : '') +
        (io.n ? `, read ${mb(io.median)}` : '') +
        (last.loadS !== undefined ? `, load ${last.loadS.toFixed(1)} s (untimed)` : '') +
        `; answer ${[...answers].join(' | ').slice(0, 120)}` +
        (last.notes?.length ? ` [${last.notes.join('; ')}]` : ''),
    );
  }
  return out;
}

function ratios(results: Map<string, Run[]>, base: string, others: string[]): void {
  const b = results.get(base);
  if (!b?.length) return;
  const bm = stats(b.map((r) => r.ms)).median;
  for (const o of others) {
    const runs = results.get(o);
    if (!runs?.length) continue;
    const same =
      runs[0]!.answer === b[0]!.answer ? 'same answer' : `ANSWERS DIFFER (${runs[0]!.answer.slice(0, 60)} vs ${b[0]!.answer.slice(0, 60)})`;
    console.log(`  ${o} / ${base}: ${(stats(runs.map((r) => r.ms)).median / bm).toFixed(2)}x wall (medians); ${same}`);
  }
}

function bytesOf(files: string[]): number {
  return files.reduce((s, f) => s + statSync(f).size, 0);
}

function dirBytes(dir: string): number {
  return Number(
    execSync(`du -sb ${JSON.stringify(dir)}`)
      .toString()
      .split('\t')[0],
  );
}

async function run(rows: number, dachsSize: number | undefined): Promise<void> {
  console.log(`\n== ${rows.toLocaleString('en')} rows (partitions of at most ${MAX_ROWS.toLocaleString('en')} rows)`);
  const withXmatch = rows <= XMATCH_MAX;
  const withFlat = rows <= FLAT_MAX;
  const withDachs = dachsSize === rows;
  printLoad('before generate/import');
  const d: BenchData = await benchData(DIR, rows, MAX_ROWS, withXmatch ? Math.min(rows, NEAR_MAX) : undefined);
  const made = Object.entries(d.made).map(
    ([k, s]) => `${k} ${s!.toFixed(1)} s (${Math.round((k.endsWith('Near') ? d.nearRows : rows) / s!).toLocaleString('en')} rows/s)`,
  );
  console.log(made.length ? `made: ${made.join(', ')}` : `reused the catalogues in ${DIR}`);
  printLoad('after generate/import');
  const skyFiles = readdirSync(path.join(d.skyHats, 'dataset'), { recursive: true }).filter((f) => String(f).endsWith('.parquet')).length;
  console.log(
    `sky: flat Parquet ${mb(statSync(d.sky).size)}, HATS ${mb(dirBytes(d.skyHats))} in ${skyFiles} partitions` +
      (withXmatch
        ? `; near (${d.nearRows.toLocaleString('en')} rows): HATS collection with its ${MARGIN_ARCSEC}-arcsec margin ${mb(dirBytes(d.nearHats))}`
        : ''),
  );

  const small = await group(
    `cone and histogram, ${rows.toLocaleString('en')} rows`,
    [
      step('cone-cold', d.skyHats),
      step('cone-warm', d.skyHats),
      step('histogram', d.skyHats),
      ...(withFlat ? [step('flat-cone', d.sky), step('flat-histogram', d.sky)] : []),
      ...(withDachs
        ? [
            dachsStep('dachs-cone', onTables(CONE, 'hatsbench.sky', ''), false),
            dachsStep('dachs-histogram', onTables(HISTOGRAM, 'hatsbench.sky', ''), false),
          ]
        : []),
    ],
    REPEAT,
  );
  const cold = small.get('cone-cold')?.[0];
  if (cold?.files) {
    const total = bytesOf(
      readdirSync(path.join(d.skyHats, 'dataset'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.parquet'))
        .map((f) => path.join(d.skyHats, 'dataset', f)),
    );
    console.log(
      `  cone reads ${cold.files.length} of ${skyFiles} partition files, ${((100 * bytesOf(cold.files)) / total).toFixed(3)}% of the catalogue's ${mb(total)}`,
    );
  }
  ratios(small, 'cone-warm', ['flat-cone', 'dachs-cone']);
  ratios(small, 'histogram', ['flat-histogram', 'dachs-histogram']);
  if (!withXmatch) {
    console.log(`cross-match skipped above ${XMATCH_MAX.toLocaleString('en')} rows (HATS_BENCH_XMATCH_MAX)`);
    return;
  }
  const xm = await group(
    `cross-match ${rows.toLocaleString('en')} x ${d.nearRows.toLocaleString('en')} rows at 1 arcsec`,
    [
      step('partitions', d.skyHats, d.nearHats),
      step('join', d.skyHats, d.nearHats),
      ...(withFlat ? [step('flat-join', d.sky, d.near)] : []),
      ...(withDachs ? [dachsStep('dachs-join', onTables(XMATCH, 'hatsbench.sky', 'hatsbench.near'), true)] : []),
    ],
    XMATCH_REPEAT,
  );
  for (const [name, runs] of xm) {
    const ms = stats(runs.map((r) => r.ms)).median;
    console.log(
      `  ${name}: ${Math.round(rows / (ms / 1000)).toLocaleString('en')} left rows/s, ${Math.round((rows + d.nearRows) / (ms / 1000)).toLocaleString('en')} input rows/s`,
    );
  }
  ratios(xm, 'partitions', ['join', 'flat-join', 'dachs-join']);
}

mkdirSync(DIR, { recursive: true });
console.log(`adqlkit ${CODE}`);
const dachsSize = await dachsRows();
if (dachsSize) console.log(`DaCHS: hatsbench.sky and hatsbench.near hold ${dachsSize.toLocaleString('en')} rows each`);
for (const rows of SIZES) await run(rows, dachsSize);
