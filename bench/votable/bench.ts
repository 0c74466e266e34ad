/**
 * VOTable read benchmark: adqlkit vs astropy vs STILTS on the same generated files.
 *
 *   npx tsx bench/votable/bench.ts [rows=1000000] [--only=tabledata,binary,binary2] [--no-peers] [--repeat=3]
 *
 * Generates bench/out/bench-<rows>-<serialization>.vot if missing (bench/votable/generate.ts),
 * compiles the adqlkit runner with tsc into bench/out/js (so node starts without a TS loader),
 * then runs each parser in its own process under /usr/bin/time and prints whole-process rows/s,
 * MB/s, peak RSS and ratios. adqlkit runs materialising (readVOTable({ file })), streaming
 * (streamVOTable, 10k-row batches) and streaming with the V8 heap capped at 24 MB (proof that
 * streaming memory does not grow with the row count). adqlkit runs are repeated (--repeat, best
 * wall time kept) because the machine is shared; peers run once (they take much longer).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchFile, generate, SERIALIZATIONS, type Serialization } from './generate.js';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',') as Serialization[] | undefined;
const peers = !args.includes('--no-peers');
const repeat = Math.max(1, Number(args.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3));
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const outDir = path.join(repo, 'bench/out');
const runner = path.join(outDir, 'js/bench/votable/parse-one.js');

function compileRunner(): void {
  const r = spawnSync(path.join(repo, 'node_modules/.bin/tsc'), [
    '--outDir', path.join(outDir, 'js'), '--rootDir', repo, '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--skipLibCheck', '--strict', '--types', 'node', path.join(repo, 'bench/votable/parse-one.ts'),
  ], { encoding: 'utf8' });
  if (!fs.existsSync(runner)) throw new Error(`tsc failed to compile the runner:\n${r.stdout}${r.stderr}`);
}

interface Run { wall: number; cpu: number; rssMB: number; stdout: string; ok: boolean; err: string }

function timed(cmd: string, argv: string[]): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const lines = r.stderr.trim().split('\n');
  const [wall, user, sys, rss] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
  return { wall: wall ?? NaN, cpu: (user ?? NaN) + (sys ?? NaN), rssMB: (rss ?? NaN) / 1024, stdout: r.stdout, ok: r.status === 0, err: r.stderr.slice(-2000) };
}

/** Best of `repeat` runs (by wall time). */
function best(cmd: string, argv: string[]): Run {
  let out: Run | undefined;
  for (let i = 0; i < repeat; i++) {
    const r = timed(cmd, argv);
    if (!r.ok) return r;
    if (!out || r.wall < out.wall) out = r;
  }
  return out!;
}

function hasCommand(c: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${c}`]).status === 0;
}

const fmt = (n: number, d = 0): string => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');

compileRunner();
const haveAstropy = peers && spawnSync('/usr/bin/python3', ['-c', 'import astropy.io.votable'], {}).status === 0;
const haveStilts = peers && hasCommand('stilts');
console.log(`VOTable read benchmark: ${fmt(rows)} rows x 10 columns; node ${process.version}; peers: astropy ${haveAstropy ? 'yes' : 'no'}, STILTS ${haveStilts ? 'yes' : 'no'}`);
console.log('whole-process wall time (process start to exit), peak RSS from /usr/bin/time');
console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs (other load inflates wall times)`);
const table: string[][] = [['serialization', 'parser', 'MB', 'wall s', 'CPU s', 'rows/s', 'MB/s', 'rows/CPU-s', 'peak RSS MB', 'vs astropy', 'vs STILTS']];
for (const ser of only ?? SERIALIZATIONS) {
  const file = benchFile(outDir, rows, ser);
  if (!fs.existsSync(file)) { console.log(`generating ${file}`); generate(ser, rows, file); }
  const mb = fs.statSync(file).size / 1e6;
  const results: Array<{ parser: string; run: Run; extra?: string }> = [];
  const ours = best(process.execPath, [runner, file, 'materialise']);
  const info = ours.ok ? (JSON.parse(ours.stdout.trim().split('\n').pop()!) as { rows: number; ms: number; decoded: number }) : undefined;
  if (!ours.ok) console.log(`adqlkit failed on ${file}:\n${ours.err}`);
  if (info && info.rows !== rows) console.log(`adqlkit read ${info.rows} rows, expected ${rows}!`);
  results.push({ parser: 'adqlkit readVOTable', run: ours, ...(info ? { extra: `in-process ${fmt(info.ms / 1000, 2)} s; decoded columns ${fmt(info.decoded / 1e6, 1)} MB; peak RSS / decoded ${fmt((ours.rssMB * 1048576) / info.decoded, 2)}` } : {}) });
  results.push({ parser: 'adqlkit streamVOTable', run: best(process.execPath, [runner, file, 'stream', '10000']) });
  results.push({ parser: 'adqlkit stream, 24 MB heap', run: best(process.execPath, ['--max-old-space-size=24', '--max-semi-space-size=2', runner, file, 'stream', '10000']) });
  if (haveAstropy) {
    results.push({ parser: 'astropy 5.2.1', run: timed('/usr/bin/python3', ['-c', 'import sys, warnings; warnings.simplefilter("ignore"); from astropy.io.votable import parse; t = parse(sys.argv[1]).get_first_table().to_table(); print(len(t))', file]) });
  }
  if (haveStilts) results.push({ parser: 'STILTS tpipe', run: timed('stilts', ['tpipe', `in=${file}`, 'omode=count']) });
  const astropy = results.find((r) => r.parser.startsWith('astropy'))?.run.wall;
  const stilts = results.find((r) => r.parser.startsWith('STILTS'))?.run.wall;
  for (const r of results) {
    const w = r.run.wall;
    table.push([ser, r.parser + (r.run.ok ? '' : ' (FAILED)'), fmt(mb, 1), fmt(w, 2), fmt(r.run.cpu, 2), fmt(rows / w), fmt(mb / w, 1), fmt(rows / r.run.cpu), fmt(r.run.rssMB, 0),
      astropy ? `${fmt(astropy / w, 1)}x` : '', stilts ? `${fmt(stilts / w, 2)}x` : '']);
    if (r.extra) console.log(`  ${ser} ${r.parser}: ${r.extra}`);
  }
}
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const row of table) console.log(row.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
console.log('rows/s and MB/s use wall time; ratios: peer wall seconds / this parser\'s wall seconds (above 1 = faster than the peer).');
console.log('rows/CPU-s (user+sys) is less sensitive to other load on the machine; STILTS (JVM) uses several threads, so its CPU time exceeds its wall time.');
console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`idle node process peak RSS for reference: ${fmt(timed(process.execPath, ['-e', '0']).rssMB, 0)} MB`);
