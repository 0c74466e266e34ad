/**
 * ADQL parser benchmark: throughput over the lyonetia suite + seed queries, against vollt (Java,
 * ADQL 2.0) and DaCHS (Python) on the subsets they accept, plus scaling and nesting checks.
 *
 *   npx tsx bench/adql/parse.bench.ts            (about a minute)
 *   ADQLKIT_BENCH_QUICK=1 npx tsx bench/adql/parse.bench.ts   (shorter timings)
 *
 * The parser is measured as compiled JavaScript (tsc into bench/out/adql-js), as users run it from
 * dist/: running it through tsx adds a per-closure naming shim that slows it down several times.
 * vollt is compiled from bench/peers/VolltBench.java into bench/out/ with javac; DaCHS runs
 * in-process in bench/peers/dachs_bench.py. Peers that are not installed are skipped with a note.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadLyonetia, loadSeedQueries } from '../../test/adql/corpus.js';
import { fmtStats, printLoad, stats } from '../harness/fair.js';

type ParseFn = (text: string) => { ast: unknown; errors: unknown[] };

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(repoRoot, 'bench/out');
const quick = process.env['ADQLKIT_BENCH_QUICK'] === '1';
const WARMUP_MS = quick ? 500 : 2000;
/** Rounds against each peer: peer, then adqlkit on the same queries, repeated (A B A B ...). */
const ROUNDS = quick ? 2 : 3;
const MEASURE_MS = quick ? 1000 : 3000;
const VOLLT_JAR = '/usr/share/java/adql.jar';
const SYSTEM_PYTHON = '/usr/bin/python3';

function log(line = ''): void {
  process.stdout.write(line + '\n');
}

/** Compiles src/adql (and grammar/) with tsc into bench/out/adql-js and imports parse from it. */
async function loadCompiledParse(): Promise<ParseFn> {
  const target = path.join(outDir, 'adql-js');
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  execFileSync(
    process.execPath,
    [
      tsc,
      '--outDir',
      target,
      '--rootDir',
      repoRoot,
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
      '--target',
      'ES2022',
      '--strict',
      '--skipLibCheck',
      '--types',
      'node',
      path.join(repoRoot, 'src/adql/index.ts'),
    ],
    { stdio: 'inherit' },
  );
  const mod = (await import(pathToFileURL(path.join(target, 'src/adql/index.js')).href)) as { parse: ParseFn };
  return mod.parse;
}

interface Rate {
  /** Queries per second of wall-clock time. */
  wall: number;
  /** Queries per second of CPU time: fair when the machine is shared with other work. */
  cpu: number;
}

const fmt = (r: Rate) => `${r.wall.toFixed(0)} q/s wall, ${r.cpu.toFixed(0)} q/s CPU`;

/** Throughput of `parse` over `queries`, after a warm-up. */
function throughput(parse: ParseFn, queries: string[]): Rate {
  let end = performance.now() + WARMUP_MS;
  while (performance.now() < end) for (const q of queries) parse(q);
  let count = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  end = start + MEASURE_MS;
  let now: number;
  do {
    for (const q of queries) parse(q);
    count += queries.length;
    now = performance.now();
  } while (now < end);
  const cpu = process.cpuUsage(cpuStart);
  return { wall: count / ((now - start) / 1000), cpu: count / ((cpu.user + cpu.system) / 1e6) };
}

interface PeerResult {
  accepted: number[];
  rate: Rate;
}

function parsePeerOutput(stdout: string): PeerResult | undefined {
  const acc = /^accepted ?(.*)$/m.exec(stdout);
  const qps = /^qps ([\d.eE+-]+) cpuqps ([\d.eE+-]+)/m.exec(stdout);
  if (!acc || !qps) return undefined;
  const accepted = acc[1]!.trim() === '' ? [] : acc[1]!.split(',').map(Number);
  return { accepted, rate: { wall: Number(qps[1]), cpu: Number(qps[2]) } };
}

function runVollt(queryFile: string): PeerResult | string {
  if (!existsSync(VOLLT_JAR)) return `vollt not installed (${VOLLT_JAR} missing)`;
  const classes = path.join(outDir, 'peers');
  mkdirSync(classes, { recursive: true });
  const javac = spawnSync('javac', ['-cp', VOLLT_JAR, '-d', classes, path.join(repoRoot, 'bench/peers/VolltBench.java')], {
    encoding: 'utf8',
  });
  if (javac.status !== 0) return `javac failed: ${javac.error?.message ?? javac.stderr}`;
  const run = spawnSync('java', ['-cp', `${VOLLT_JAR}:${classes}`, 'VolltBench', queryFile, String(WARMUP_MS * 2), String(MEASURE_MS)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return parsePeerOutput(run.stdout ?? '') ?? `vollt harness failed: ${run.error?.message ?? run.stderr}`;
}

function runDachs(queryFile: string): PeerResult | string {
  if (!existsSync(SYSTEM_PYTHON)) return `${SYSTEM_PYTHON} missing`;
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'from gavo import adql'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'DaCHS (python3-gavo) not installed';
  const run = spawnSync(
    SYSTEM_PYTHON,
    [path.join(repoRoot, 'bench/peers/dachs_bench.py'), queryFile, String(WARMUP_MS / 1000), String((MEASURE_MS * 2) / 1000)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return parsePeerOutput(run.stdout ?? '') ?? `DaCHS harness failed: ${run.error?.message ?? run.stderr}`;
}

// ----------------------------------------------------------------------------------- scaling

function inListQuery(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const v = String(100000 + i);
    parts.push(v);
    size += v.length + 2;
  }
  return `SELECT * FROM t WHERE id IN (${parts.join(', ')})`;
}

function polygonQuery(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const v = `${(i % 360) + 0.123456}, ${((i * 7) % 180) - 89.5}`;
    parts.push(v);
    size += v.length + 2;
  }
  return `SELECT * FROM t WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), POLYGON('ICRS', ${parts.join(', ')}))`;
}

function nestedExpressionQuery(bytes: number): string {
  // Many bounded-depth nested terms: ((a1 + 1) * (b1 - 2) / (c1 + ABS(d1))) + ...
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const v = `((a${i} + ${i}) * (b${i} - 2.5) / (c${i} + ABS(d${i} - (e${i} * 3))))`;
    parts.push(v);
    size += v.length + 3;
  }
  return `SELECT ${parts.join(' + ')} AS x FROM t`;
}

/** Median wall and CPU milliseconds of 5 parses. */
function timeParse(parse: ParseFn, query: string): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = parse(query);
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
    if (r.errors.length > 0) throw new Error(`generated query failed to parse: ${JSON.stringify(r.errors[0])}`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
  return { wall: median(walls), cpu: median(cpus) };
}

// -------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const cases = loadLyonetia();
  const seeds = loadSeedQueries();
  if (!cases || !seeds) {
    log('note: ../shared (lyonetia corpus and seeds) is absent: nothing to benchmark');
    return;
  }
  const queries = [...cases.map((c) => c.query), ...seeds.map((s) => s.query)];
  mkdirSync(outDir, { recursive: true });
  const queryFile = path.join(outDir, 'adql-bench-queries.b64');
  writeFileSync(queryFile, queries.map((q) => Buffer.from(q, 'utf8').toString('base64')).join('\n') + '\n');

  log('compiling the parser (tsc -> bench/out/adql-js)...');
  const parse = await loadCompiledParse();
  const valid = queries.filter((q) => parse(q).errors.length === 0);

  log(
    `\n== Throughput (${queries.length} queries: ${cases.length} lyonetia + ${seeds.length} seed; warm-up ${WARMUP_MS} ms, measure ${MEASURE_MS} ms)`,
  );
  log(
    `machine load average: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs (wall-clock rates suffer when it is high; CPU-time rates less so)`,
  );
  log(`adqlkit, all ${queries.length} queries: ${fmt(throughput(parse, queries))}`);
  log(`adqlkit, the ${valid.length} valid ones: ${fmt(throughput(parse, valid))}`);

  // Each peer and adqlkit alternate, ROUNDS times, on the queries the peer accepts; ratios are taken
  // of the medians, by CPU time (robust to other load) and by wall time.
  const versus = (name: string, run: () => PeerResult | string, target: number, digits: number): void => {
    printLoad(`before ${name}`);
    const theirs: Rate[] = [];
    const ours: Rate[] = [];
    let accepted: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const r = run();
      if (typeof r === 'string') {
        log(`${name}: skipped (${r})`);
        return;
      }
      accepted = r.accepted;
      theirs.push(r.rate);
      ours.push(
        throughput(
          parse,
          accepted.map((i) => queries[i]!),
        ),
      );
    }
    printLoad(`after ${name}`);
    const cpu = (xs: Rate[]) => stats(xs.map((x) => x.cpu));
    const wall = (xs: Rate[]) => stats(xs.map((x) => x.wall));
    log(`${name}, on the ${accepted.length} queries it accepts, ${ROUNDS} alternating rounds, median (min-max) q/s:`);
    log(`  ${name.padEnd(10)} CPU ${fmtStats(cpu(theirs), digits)}  wall ${fmtStats(wall(theirs), digits)}`);
    log(`  ${'adqlkit'.padEnd(10)} CPU ${fmtStats(cpu(ours))}  wall ${fmtStats(wall(ours))}`);
    const ratio = cpu(ours).median / cpu(theirs).median;
    log(
      `  ratio adqlkit/${name} = ${ratio.toFixed(digits === 0 ? 2 : 0)}x by CPU time, ${(wall(ours).median / wall(theirs).median).toFixed(digits === 0 ? 2 : 0)}x by wall time (target >= ${target}x: ${ratio >= target ? 'met' : 'NOT met'})`,
    );
  };
  versus('vollt', () => runVollt(queryFile), 2, 0);
  versus('DaCHS', () => runDachs(queryFile), 100, 1);

  log('\n== Scaling (median of 5 parses; wall / CPU milliseconds)');
  for (const [name, gen] of [
    ['long IN list', inListQuery],
    ['large POLYGON', polygonQuery],
    ['nested expressions', nestedExpressionQuery],
  ] as const) {
    const figures: string[] = [];
    const perKb: number[] = [];
    let oneMb = { wall: 0, cpu: 0 };
    for (const size of [10_000, 100_000, 1_000_000]) {
      const q = gen(size);
      const ms = timeParse(parse, q);
      perKb.push(ms.cpu / (q.length / 1000));
      figures.push(`${(q.length / 1000).toFixed(0)} KB ${ms.wall.toFixed(0)}/${ms.cpu.toFixed(0)} ms`);
      oneMb = ms;
    }
    const growth = perKb[2]! / perKb[0]!;
    log(
      `${name.padEnd(20)} ${figures.join(' | ')} | CPU time per KB, 1 MB vs 10 KB: ${growth.toFixed(2)}x (${growth < 3 ? 'linear' : 'NOT linear'}); ` +
        `1 MB under 1 s: ${oneMb.cpu < 1000 ? 'yes' : 'NO'} by CPU time, ${oneMb.wall < 1000 ? 'yes' : 'no'} by wall time`,
    );
  }

  log('\n== Nesting');
  const depth = 200;
  const nestedParens = `SELECT ${'('.repeat(depth)}1${')'.repeat(depth)} FROM t`;
  const nestedSubqueries = `SELECT a FROM t WHERE a IN ${'(SELECT a FROM t WHERE a IN '.repeat(depth)}(1)${')'.repeat(depth)}`;
  log(`${depth} levels of parentheses: ${parse(nestedParens).errors.length === 0 ? 'parsed' : 'FAILED'}`);
  log(`${depth} levels of subqueries:  ${parse(nestedSubqueries).errors.length === 0 ? 'parsed' : 'FAILED'}`);
  const tooDeep = parse(`SELECT ${'('.repeat(100_000)}1${')'.repeat(100_000)} FROM t`);
  log(`100000 levels of parentheses: ${(tooDeep.errors[0] as { message?: string } | undefined)?.message ?? 'no error?!'}`);
}

await main();
