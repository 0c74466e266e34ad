/**
 * ADQL parser benchmark against vollt (Java, ADQL 2.0) and DaCHS's parser (Python), fair by issue 24:
 * every contestant is a child process given the same warm-up and measuring window, the same number of
 * runs, interleaved (round i rotates the order), reported as median (min-max) of wall and process CPU
 * time, with the load average before and after each group.
 *
 *   npm run --silent build && npx tsx bench/adql/parse.bench.ts     (about 8 minutes)
 *   ADQLKIT_BENCH_QUICK=1 npx tsx bench/adql/parse.bench.ts        (about 3 minutes, 3 runs)
 *   options: --runs=N, --only=corpus|sizes, --root=DIR (another checkout with dist/ built)
 *
 * adqlkit runs as users run it: plain `node` on the built dist/ (bench/adql/parse-child.mjs). Running
 * it through tsx would compile the Chevrotain bundle the parser require()s and halve its speed.
 * Groups:
 *   corpus  the lyonetia suite + seed queries: adqlkit on all of them, and against each peer on the
 *           queries that peer accepts (vollt: ADQL 2.0; DaCHS: its dialect)
 *   sizes   generated 10 KB, 100 KB and 1 MB queries (long IN list, big POLYGON, many bounded-depth
 *           nested expressions), adqlkit against vollt on the same texts; DaCHS is left out (its
 *           pyparsing grammar takes minutes on 1 MB)
 *   nesting 200 levels parse; far deeper is an error naming the limit
 * vollt is compiled from bench/peers/VolltBench.java into bench/out/peers with javac; DaCHS runs
 * bench/peers/dachs_bench.py. Peers that are not installed are skipped with a note.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadLyonetia, loadSeedQueries } from '../../test/adql/corpus.js';
import { fmtStats, interleave, printLoad, printTable, stats, type Stats } from '../harness/fair.js';
import { generatedQueries } from './generated-queries.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(repoRoot, 'bench/out');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = process.env['ADQLKIT_BENCH_QUICK'] === '1';
const RUNS = Number(option('runs') ?? (quick ? 3 : 5));
const ONLY = option('only');
const BUILD_ROOT = path.resolve(option('root') ?? repoRoot);
/** The corpus: warm-up and measuring window of every contestant's run, ms. */
const CORPUS_WARMUP_MS = quick ? 1000 : 2000;
const CORPUS_MEASURE_MS = quick ? 1500 : 3000;
/** Generated queries, each timed on its own: warm-up and window per query, ms. */
const SIZES_WARMUP_MS = quick ? 800 : 1500;
const SIZES_MEASURE_MS = quick ? 1200 : 2000;
const VOLLT_JAR = '/usr/share/java/adql.jar';
const SYSTEM_PYTHON = '/usr/bin/python3';
const CHILD = path.join(repoRoot, 'bench/adql/parse-child.mjs');

function log(line = ''): void {
  process.stdout.write(line + '\n');
}

// ------------------------------------------------------------------------------ contestants

/** One measured window of a child: parses done, wall and process CPU seconds, GC pauses (s). */
interface Window {
  count: number;
  wall: number;
  cpu: number;
  gc: number;
  /** vollt only: the CPU of the parsing thread alone (without the JVM's JIT and GC threads). */
  thread: number;
}

interface ChildRun {
  accepted: number[];
  /** By label: "set", or the query's index in "each" mode. */
  windows: Map<string, Window>;
}

/** Reads the children's protocol (see parse-child.mjs); dachs_bench.py reports rates instead of windows. */
function readChildOutput(stdout: string): ChildRun | undefined {
  const acc = /^accepted ?(.*)$/m.exec(stdout);
  if (!acc) return undefined;
  const accepted = acc[1]!.trim() === '' ? [] : acc[1]!.split(',').map(Number);
  const windows = new Map<string, Window>();
  for (const m of stdout.matchAll(/^result (\S+) (\d+) (\S+) (\S+) (\S+)(?: (\S+))?$/gm)) {
    const [count, wall, cpu, gc, thread] = [m[2], m[3], m[4], m[5], m[6] ?? 'NaN'].map(Number) as [number, number, number, number, number];
    windows.set(m[1]!, { count, wall, cpu, gc, thread });
  }
  const rates = /^qps ([\d.eE+-]+) cpuqps ([\d.eE+-]+)/m.exec(stdout);
  if (rates) windows.set('set', { count: 1, wall: 1 / Number(rates[1]), cpu: 1 / Number(rates[2]), gc: NaN, thread: NaN });
  return { accepted, windows };
}

interface Runner {
  name: string;
  /** Why it cannot run, when it cannot. */
  missing?: string;
  run(file: string, warmupMs: number, measureMs: number, mode: 'set' | 'each'): ChildRun;
}

function spawnChild(what: string, cmd: string, cmdArgs: string[]): ChildRun {
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const parsed = r.status === 0 ? readChildOutput(r.stdout ?? '') : undefined;
  if (!parsed) throw new Error(`${what} failed (exit ${r.status}): ${r.error?.message ?? (r.stderr || r.stdout).slice(-2000)}`);
  return parsed;
}

function adqlkitRunner(): Runner {
  const entry = path.join(BUILD_ROOT, 'dist/src/adql/index.js');
  const runner: Runner = {
    name: 'adqlkit',
    run: (file, warmupMs, measureMs, mode) =>
      spawnChild('adqlkit', process.execPath, [CHILD, BUILD_ROOT, file, String(warmupMs), String(measureMs), mode]),
  };
  if (!existsSync(entry)) runner.missing = `${entry} is missing: run npm run build`;
  return runner;
}

function volltRunner(): Runner {
  const runner: Runner = { name: 'vollt', run: () => ({ accepted: [], windows: new Map() }) };
  if (!existsSync(VOLLT_JAR)) {
    runner.missing = `vollt not installed (${VOLLT_JAR} missing: scripts/install-peers.sh installs adql-java)`;
    return runner;
  }
  const classes = path.join(outDir, 'peers');
  mkdirSync(classes, { recursive: true });
  const javac = spawnSync('javac', ['-cp', VOLLT_JAR, '-d', classes, path.join(repoRoot, 'bench/peers/VolltBench.java')], {
    encoding: 'utf8',
  });
  if (javac.status !== 0) {
    runner.missing = `javac failed: ${javac.error?.message ?? javac.stderr}`;
    return runner;
  }
  runner.run = (file, warmupMs, measureMs, mode) =>
    spawnChild('vollt', 'java', ['-cp', `${VOLLT_JAR}:${classes}`, 'VolltBench', file, String(warmupMs), String(measureMs), mode]);
  return runner;
}

function dachsRunner(): Runner {
  const runner: Runner = { name: 'DaCHS', run: () => ({ accepted: [], windows: new Map() }) };
  if (!existsSync(SYSTEM_PYTHON)) runner.missing = `${SYSTEM_PYTHON} missing`;
  else if (spawnSync(SYSTEM_PYTHON, ['-c', 'from gavo import adql']).status !== 0) runner.missing = 'DaCHS (python3-gavo) not installed';
  else {
    const script = path.join(repoRoot, 'bench/peers/dachs_bench.py');
    runner.run = (file, warmupMs, measureMs) =>
      spawnChild('DaCHS', SYSTEM_PYTHON, [script, file, String(warmupMs / 1000), String(measureMs / 1000)]);
  }
  return runner;
}

function writeQueries(name: string, queries: readonly string[]): string {
  const file = path.join(outDir, name);
  writeFileSync(file, queries.map((q) => Buffer.from(q, 'utf8').toString('base64')).join('\n') + '\n');
  return file;
}

/** dist/ must be built from the current sources, or the figures are of older code. */
function staleBuild(): string | undefined {
  if (BUILD_ROOT !== repoRoot) return undefined;
  const walk = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const src = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const stale = walk(src);
        if (stale) return stale;
      } else if (entry.name.endsWith('.ts')) {
        const built = path.join(repoRoot, 'dist', path.relative(repoRoot, src)).replace(/\.ts$/, '.js');
        if (!existsSync(built) || statSync(built).mtimeMs < statSync(src).mtimeMs) return path.relative(repoRoot, src);
      }
    }
    return undefined;
  };
  return walk(path.join(repoRoot, 'src/adql'));
}

// ---------------------------------------------------------------------------------- figures

type Clock = 'wall' | 'cpu' | 'thread';
const perSecond = (windows: readonly Window[], of: Clock): Stats => stats(windows.map((w) => w.count / w[of]));
const msPerParse = (windows: readonly Window[], of: Clock): Stats => stats(windows.map((w) => (w[of] / w.count) * 1000));
const gcShare = (windows: readonly Window[]): string => {
  const s = stats(windows.map((w) => w.gc / w.wall));
  return Number.isNaN(s.median) ? '' : fmtStats(s, 2);
};

/**
 * How many times faster `ours` is than `theirs` on one clock (theirs measured on `theirClock`): the
 * ratio of the medians, and the range of the per-round ratios (round i of each ran back to back).
 */
function speedup(
  ours: readonly Window[],
  theirs: readonly Window[],
  clock: Clock,
  theirClock: Clock = clock,
): { median: number; text: string } {
  const a = ours.map((w) => w[clock] / w.count);
  const b = theirs.map((w) => w[theirClock] / w.count);
  const median = stats(b).median / stats(a).median;
  const rounds = stats(a.map((x, i) => b[i]! / x));
  return { median, text: `${median.toFixed(2)}x (${rounds.min.toFixed(2)}-${rounds.max.toFixed(2)})` };
}

// ----------------------------------------------------------------------------------- corpus

function corpusGroup(adqlkit: Runner, peers: Runner[]): void {
  const cases = loadLyonetia();
  const seeds = loadSeedQueries();
  if (!cases || !seeds) {
    log('\n== Corpus: skipped (../shared, with the lyonetia suite and the seed queries, is absent)');
    return;
  }
  const queries = [...cases.map((c) => c.query), ...seeds.map((s) => s.query)];
  const allFile = writeQueries('adql-bench-queries.b64', queries);
  log(`\n== Corpus: ${queries.length} queries (${cases.length} lyonetia + ${seeds.length} seed)`);
  log(
    `${RUNS} interleaved runs per contestant, each a fresh process: warm-up ${CORPUS_WARMUP_MS} ms, measure ${CORPUS_MEASURE_MS} ms; median (min-max)`,
  );

  // Each peer's accepted subset, found once (a run with no measuring window); adqlkit then parses the same texts.
  const contestants: Array<{ name: string; run: () => Window | undefined }> = [];
  const setRun = (runner: Runner, file: string) => () => runner.run(file, CORPUS_WARMUP_MS, CORPUS_MEASURE_MS, 'set').windows.get('set');
  contestants.push({ name: `adqlkit, all ${queries.length}`, run: setRun(adqlkit, allFile) });
  const pairs: Array<{ ours: string; peer: string; count: number }> = [];
  for (const peer of peers) {
    if (peer.missing) {
      log(`${peer.name}: skipped (${peer.missing})`);
      continue;
    }
    const accepted = peer.run(allFile, 0, 0, 'set').accepted;
    const file = writeQueries(
      `adql-bench-queries-${peer.name.toLowerCase()}.b64`,
      accepted.map((i) => queries[i]!),
    );
    const ours = `adqlkit, ${peer.name}'s ${accepted.length}`;
    contestants.push({ name: ours, run: setRun(adqlkit, file) }, { name: peer.name, run: setRun(peer, file) });
    pairs.push({ ours, peer: peer.name, count: accepted.length });
  }

  printLoad('before the corpus group');
  const results = interleave(contestants, RUNS, 0);
  printLoad('after the corpus group');
  const windows = (name: string) => results.get(name)!.filter((w): w is Window => w !== undefined);
  const rows = [['contestant', 'q/s by process CPU', 'q/s by wall', 'GC pauses / wall', 'q/s by parsing-thread CPU']];
  for (const c of contestants) {
    const w = windows(c.name);
    const thread = perSecond(w, 'thread');
    rows.push([
      c.name,
      fmtStats(perSecond(w, 'cpu')),
      fmtStats(perSecond(w, 'wall')),
      gcShare(w),
      w.length > 0 && !Number.isNaN(thread.median) ? fmtStats(thread) : '',
    ]);
  }
  printTable(rows);
  for (const { ours, peer, count } of pairs) {
    const o = windows(ours);
    const t = windows(peer);
    const thread = t.some((w) => !Number.isNaN(w.thread))
      ? `; ${speedup(o, t, 'cpu', 'thread').text} against ${peer}'s parsing thread alone`
      : '';
    log(
      `adqlkit / ${peer} on the same ${count} queries (per-round range): ${speedup(o, t, 'cpu').text} by CPU, ${speedup(o, t, 'wall').text} by wall${thread}`,
    );
  }
}

// ------------------------------------------------------------------------------------ sizes

function sizesGroup(adqlkit: Runner, vollt: Runner): void {
  const cases = generatedQueries();
  const file = writeQueries(
    'adql-bench-generated.b64',
    cases.map((c) => c.text),
  );
  log(`\n== Generated queries, each timed on its own: ${cases.length} texts, ${RUNS} interleaved runs per contestant`);
  log(`each run a fresh process: per text warm-up ${SIZES_WARMUP_MS} ms, measure ${SIZES_MEASURE_MS} ms; ms per parse, median (min-max)`);
  if (vollt.missing) log(`vollt: skipped (${vollt.missing})`);
  const contestants = [adqlkit, ...(vollt.missing ? [] : [vollt])].map((runner) => ({
    name: runner.name,
    run: () => runner.run(file, SIZES_WARMUP_MS, SIZES_MEASURE_MS, 'each'),
  }));
  printLoad('before the sizes group');
  const results = interleave(contestants, RUNS, 0);
  printLoad('after the sizes group');
  const windowsOf = (name: string, i: number) =>
    (results.get(name) ?? []).map((r) => r.windows.get(String(i))).filter((w): w is Window => w !== undefined);

  const rows = [
    [
      'query',
      'adqlkit CPU ms',
      'wall ms',
      'µs/KB',
      'GC/wall',
      'vollt CPU ms',
      'wall ms',
      'thread ms',
      'x by CPU',
      'x by wall',
      'x vs thread',
    ],
  ];
  const perKb = new Map<string, Map<number, number>>();
  const oneMb: Array<{ shape: string; cpu: number; thread: number }> = [];
  cases.forEach((c, i) => {
    const ours = windowsOf('adqlkit', i);
    const theirs = windowsOf('vollt', i);
    const cpu = msPerParse(ours, 'cpu');
    const kb = c.text.length / 1000;
    const shape = perKb.get(c.shape) ?? new Map<number, number>();
    shape.set(c.size, (cpu.median * 1000) / kb);
    perKb.set(c.shape, shape);
    const row = [
      `${c.shape}, ${kb.toFixed(0)} KB`,
      fmtStats(cpu, 2),
      fmtStats(msPerParse(ours, 'wall'), 2),
      ((cpu.median * 1000) / kb).toFixed(0),
      gcShare(ours),
    ];
    if (theirs.length === ours.length && theirs.length > 0) {
      const byCpu = speedup(ours, theirs, 'cpu');
      const byThread = speedup(ours, theirs, 'cpu', 'thread');
      row.push(
        fmtStats(msPerParse(theirs, 'cpu'), 2),
        fmtStats(msPerParse(theirs, 'wall'), 2),
        fmtStats(msPerParse(theirs, 'thread'), 2),
        byCpu.text,
        speedup(ours, theirs, 'wall').text,
        byThread.text,
      );
      if (c.size === 1_000_000) oneMb.push({ shape: c.shape, cpu: byCpu.median, thread: byThread.median });
    } else {
      row.push(vollt.missing ? 'n/a' : 'rejected');
    }
    rows.push(row);
  });
  printTable(rows);
  log(
    '(x: how many times faster adqlkit is, ratio of the medians, the per-round range in brackets; "vs thread" against vollt\'s parsing thread alone)',
  );
  for (const [shape, sizes] of perKb) {
    const growth = sizes.get(1_000_000)! / sizes.get(10_000)!;
    log(`${shape}: CPU per byte at 1 MB is ${growth.toFixed(2)}x that at 10 KB (target < 2: ${growth < 2 ? 'met' : 'NOT met'})`);
  }
  for (const r of oneMb) {
    const met = r.cpu >= 2.5 ? 'met' : 'NOT met';
    log(
      `${r.shape}, 1 MB: adqlkit ${r.cpu.toFixed(2)}x vollt by process CPU (target >= 2.5x: ${met}), ${r.thread.toFixed(2)}x its parsing thread alone`,
    );
  }
}

// ---------------------------------------------------------------------------------- nesting

async function nestingGroup(): Promise<void> {
  type ParseFn = (text: string) => { errors: Array<{ message?: string }> };
  const { parse } = (await import(pathToFileURL(path.join(BUILD_ROOT, 'dist/src/adql/index.js')).href)) as { parse: ParseFn };
  log('\n== Nesting');
  const depth = 200;
  const parens = `SELECT ${'('.repeat(depth)}1${')'.repeat(depth)} FROM t`;
  const subqueries = `SELECT a FROM t WHERE a IN ${'(SELECT a FROM t WHERE a IN '.repeat(depth)}(1)${')'.repeat(depth)}`;
  log(`${depth} levels of parentheses: ${parse(parens).errors.length === 0 ? 'parsed' : 'FAILED'}`);
  log(`${depth} levels of subqueries:  ${parse(subqueries).errors.length === 0 ? 'parsed' : 'FAILED'}`);
  const tooDeep = parse(`SELECT ${'('.repeat(100_000)}1${')'.repeat(100_000)} FROM t`);
  log(`100000 levels of parentheses: ${tooDeep.errors[0]?.message ?? 'no error?!'}`);
}

// ------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const stale = staleBuild();
  if (stale) {
    log(`dist/ is older than ${stale}: run npm run build first (the benchmark times the built package)`);
    process.exitCode = 1;
    return;
  }
  const adqlkit = adqlkitRunner();
  if (adqlkit.missing) {
    log(adqlkit.missing);
    process.exitCode = 1;
    return;
  }
  mkdirSync(outDir, { recursive: true });
  log(`adqlkit from ${path.relative(process.cwd(), BUILD_ROOT) || '.'}/dist under ${process.execPath} ${process.version}`);
  const vollt = volltRunner();
  if (ONLY === undefined || ONLY === 'corpus') corpusGroup(adqlkit, [vollt, dachsRunner()]);
  if (ONLY === undefined || ONLY === 'sizes') sizesGroup(adqlkit, vollt);
  await nestingGroup();
}

await main();
