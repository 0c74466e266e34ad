/**
 * VOTable read benchmark: adqlkit vs astropy vs STILTS on the same generated files.
 *
 *   npx tsx bench/votable/bench.ts [rows=1000000] [--only=tabledata,binary,binary2] [--no-peers] [--runs=3]
 *
 * Generates bench/out/bench-<rows>-<serialization>.vot if missing (bench/votable/generate.ts),
 * compiles the adqlkit runner with tsc into bench/out/js (so node starts without a TS loader), then
 * runs every contestant --runs times in its own process, interleaved (round i runs each once, the
 * order rotated), and prints medians with min-max of whole-process wall and CPU time, peak RSS and
 * ratios. Every contestant gets the same number of runs.
 *
 * adqlkit appears as:
 *   lazy        readVOTable: columns decoded, strings kept as bytes until asked for;
 *   every cell  the same plus column.toArray() of every column (strings and bigints created), which is
 *               what astropy's to_table() and STILTS's row reading do, so the fair comparison with them;
 *   stream      streamVOTable in 10k-row batches, and the same with the V8 heap capped at 24 MB (proof
 *               that streaming memory does not grow with the row count);
 *   floor       (not a parser) reading the file and base64-decoding the STREAM in one native call:
 *               the least a BINARY/BINARY2 reader must do; for TABLEDATA the read alone, and the
 *               file scanned by saxen (the fastest XML scanner on npm on this file, TR/TD and their
 *               text; bench/votable/parse-one.ts lists the others measured), with htmlparser2 (a
 *               streaming scanner, the floor used before) beside it.
 * Decode ratios use in-process CPU time (Node start-up excluded) against the floor's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fmtStats, interleave, printLoad, printTable, runProcess, stats, type ProcessRun } from '../harness/fair.js';
import { benchFile, generate, SERIALIZATIONS, type Serialization } from './generate.js';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',') as Serialization[] | undefined;
const peers = !args.includes('--no-peers');
const RUNS = Math.max(1, Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3));
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const outDir = path.join(repo, 'bench/out');
const runner = path.join(outDir, 'js/bench/votable/parse-one.js');

function compileRunner(): void {
  fs.rmSync(runner, { force: true });
  const r = spawnSync(
    process.execPath,
    [
      path.join(repo, 'node_modules/typescript/bin/tsc'),
      '--outDir',
      path.join(outDir, 'js'),
      '--rootDir',
      repo,
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2023',
      '--skipLibCheck',
      '--strict',
      '--types',
      'node',
      path.join(repo, 'bench/votable/parse-one.ts'),
    ],
    { encoding: 'utf8' },
  );
  if (!fs.existsSync(runner)) throw new Error(`tsc failed to compile the runner:\n${r.stdout}${r.stderr}`);
}

function hasCommand(c: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${c}`]).status === 0;
}

const fmt = (n: number, d = 0): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a';

/** What the adqlkit runner prints on its last line. */
interface InProcess {
  rows: number;
  ms: number;
  cpuMs: number;
  decoded: number;
}
interface Run extends ProcessRun {
  inProcess?: InProcess;
}

function node(argv: string[]): () => Run {
  return () => {
    const r: Run = runProcess(process.execPath, argv);
    if (!r.ok) throw new Error(`adqlkit runner failed (${argv.join(' ')}):\n${r.stderr.slice(-2000)}`);
    r.inProcess = JSON.parse(r.stdout.trim().split('\n').pop()!) as InProcess;
    return r;
  };
}

function peer(cmd: string, argv: string[]): () => Run {
  return () => {
    const r = runProcess(cmd, argv);
    if (!r.ok) throw new Error(`${cmd} failed:\n${r.stderr.slice(-2000)}`);
    return r;
  };
}

compileRunner();
const haveAstropy = peers && spawnSync('/usr/bin/python3', ['-c', 'import astropy.io.votable'], {}).status === 0;
const haveStilts = peers && hasCommand('stilts');
console.log(
  `VOTable read benchmark: ${fmt(rows)} rows x 10 columns; node ${process.version}; peers: astropy ${haveAstropy ? 'yes' : 'no'}, STILTS ${haveStilts ? 'yes' : 'no'}`,
);
console.log(
  `each contestant ${RUNS} runs, interleaved; whole-process wall and CPU (user+sys) from start to exit, peak RSS from /usr/bin/time`,
);

const table: string[][] = [
  ['serialization', 'contestant', 'wall s', 'CPU s', 'rows/s', 'rows/CPU-s', 'RSS MB', 'decode CPU / floor', 'astropy/this', 'STILTS/this'],
];
for (const ser of only ?? SERIALIZATIONS) {
  const file = benchFile(outDir, rows, ser);
  if (!fs.existsSync(file)) {
    console.log(`generating ${file}`);
    generate(ser, rows, file);
  }
  console.log(`\n${ser}: ${file} (${fmt(fs.statSync(file).size / 1e6, 1)} MB)`);
  printLoad(`before ${ser}`);
  const contestants = [
    { name: 'adqlkit lazy', run: node([runner, file, 'lazy']) },
    { name: 'adqlkit every cell', run: node([runner, file, 'cells']) },
    { name: 'adqlkit stream', run: node([runner, file, 'stream', '10000']) },
    {
      name: 'adqlkit stream, 24 MB heap',
      run: node(['--max-old-space-size=24', '--max-semi-space-size=2', runner, file, 'stream', '10000']),
    },
    { name: ser === 'tabledata' ? 'floor: read' : 'floor: read + base64', run: node([runner, file, 'floor']) },
    ...(ser === 'tabledata'
      ? [
          { name: 'floor: XML scan (saxen)', run: node([runner, file, 'saxen']) },
          { name: 'XML scan (htmlparser2, streaming)', run: node([runner, file, 'xmlscan']) },
        ]
      : []),
    ...(haveAstropy
      ? [
          {
            name: 'astropy to_table',
            run: peer('/usr/bin/python3', [
              '-c',
              'import sys, warnings; warnings.simplefilter("ignore"); from astropy.io.votable import parse; t = parse(sys.argv[1]).get_first_table().to_table(); print(len(t))',
              file,
            ]),
          },
        ]
      : []),
    ...(haveStilts ? [{ name: 'STILTS tpipe count', run: peer('stilts', ['tpipe', `in=${file}`, 'omode=count']) }] : []),
  ];
  let results: Map<string, Run[]>;
  try {
    results = interleave<Run>(contestants, RUNS, 0);
  } catch (err) {
    console.log(`${ser}: ${(err as Error).message}`);
    continue;
  }
  printLoad(`after ${ser}`);
  const wallOf = (name: string) => stats((results.get(name) ?? []).map((r) => r.wallMs / 1000));
  const cpuOf = (name: string) => stats((results.get(name) ?? []).map((r) => r.cpuMs / 1000));
  // TABLEDATA's floor is the XML scan (a reader must tokenize the XML); the others' the base64 decode.
  const floorName = contestants.find((c) => c.name.startsWith(ser === 'tabledata' ? 'floor: XML scan' : 'floor'))!.name;
  const floorCpu = stats((results.get(floorName) ?? []).map((r) => r.inProcess?.cpuMs ?? NaN)).median;
  const astropy = results.has('astropy to_table')
    ? { wall: wallOf('astropy to_table').median, cpu: cpuOf('astropy to_table').median }
    : undefined;
  const stilts = results.has('STILTS tpipe count')
    ? { wall: wallOf('STILTS tpipe count').median, cpu: cpuOf('STILTS tpipe count').median }
    : undefined;
  const vs = (p: { wall: number; cpu: number } | undefined, w: number, c: number) =>
    p ? `${fmt(p.wall / w, 2)}x / ${fmt(p.cpu / c, 2)}x` : '';
  for (const [name, runs] of results) {
    const wall = wallOf(name);
    const cpu = cpuOf(name);
    const decodeCpu = stats(runs.map((r) => r.inProcess?.cpuMs ?? NaN)).median;
    const rss = stats(runs.map((r) => r.rssMB)).median;
    const isPeer = !name.startsWith('adqlkit');
    table.push([
      ser,
      name,
      fmtStats(wall, 2),
      fmtStats(cpu, 2),
      fmt(rows / wall.median),
      fmt(rows / cpu.median),
      fmt(rss, 0),
      isPeer || name.startsWith('floor') ? '' : `${fmt(decodeCpu / floorCpu, 2)}x`,
      name.startsWith('adqlkit') ? vs(astropy, wall.median, cpu.median) : '',
      name.startsWith('adqlkit') ? vs(stilts, wall.median, cpu.median) : '',
    ]);
  }
  const lazy = results.get('adqlkit lazy')?.[0]?.inProcess;
  if (lazy && lazy.rows !== rows) console.log(`adqlkit read ${lazy.rows} rows, expected ${rows}!`);
  if (lazy) console.log(`  decoded columns (lazy): ${fmt(lazy.decoded / 1e6, 1)} MB`);
}
console.log();
printTable(table, 2);
console.log('wall and CPU: median (min-max) of the runs; rows/s and rows/CPU-s from the medians.');
console.log(
  "decode CPU / floor: in-process CPU time (start-up excluded) over the floor's: read + base64 decode (BINARY, BINARY2), the saxen scan (TABLEDATA).",
);
console.log("astropy/this, STILTS/this: the peer's median over this contestant's, wall / CPU (above 1 = faster than the peer).");
console.log('STILTS (JVM) runs several threads (JIT, GC), so its CPU time exceeds its wall time; under load its wall time inflates most.');
printLoad('at end');
