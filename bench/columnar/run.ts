/**
 * Columnar formats benchmark (issue 18): a N x 10 VOTable BINARY2 result (bench/votable/generate.ts:
 * doubles, floats, ints, a long, a short, strings, booleans, ~2% nulls) read, then
 *   VOTable -> Arrow      table.toArrow() (target: < 20% of the VOTable read)
 *   Arrow -> Parquet      arrowToParquet (hyparquet-writer, SNAPPY)
 *   Parquet read          readParquet (hyparquet) into the same VOTableTable, and parquetToArrow alone
 *   DuckDB Parquet read   CREATE TABLE AS SELECT * FROM read_parquet (native decode), in the same run
 * each in rows/s (median of --runs in-process runs after a warm-up), with file sizes.
 *
 *   npx tsx bench/columnar/run.ts [rows=1000000] [--runs=3]
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { arrowToParquet, parquetToArrow, readParquet } from '../../src/columnar/index.js';
import { readVOTable, voparquetMetadata } from '../../src/votable/index.js';
import { printLoad, printTable, stats, fmtStats } from '../harness/fair.js';
import { benchFile, generate } from '../votable/generate.js';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const RUNS = Math.max(1, Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3));
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const outDir = path.join(repo, 'bench/out');
fs.mkdirSync(outDir, { recursive: true });

const votFile = benchFile(outDir, rows, 'binary2');
if (!fs.existsSync(votFile)) {
  console.log(`generating ${votFile}`);
  generate('binary2', rows, votFile);
}
const votBytes = fs.readFileSync(votFile);
const parquetFile = path.join(outDir, `bench-${rows}.parquet`);

/** Median wall time of `runs` calls after one warm-up call; the last result is returned too. */
async function time<T>(fn: () => T | Promise<T>): Promise<{ ms: number[]; last: T }> {
  let last = await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms, last };
}

printLoad('before');
const read = await time(() => readVOTable(votBytes));
const table = read.last.tables[0]!;
if (table.rowCount !== rows) throw new Error(`read ${table.rowCount} rows, expected ${rows}`);
const metadata = voparquetMetadata(table);
const toArrow = await time(() => table.toArrow({ metadata }));
const write = await time(() => arrowToParquet(toArrow.last));
fs.writeFileSync(parquetFile, write.last);
const parquetBytes = write.last;
const readPq = await time(() => readParquet(parquetBytes));
if (readPq.last.tables[0]!.rowCount !== rows) throw new Error('Parquet read back a different row count');
const pqToArrow = await time(() => parquetToArrow(parquetBytes));

const con = await (await DuckDBInstance.create(':memory:')).connect();
const duck = await time(async () => {
  await con.run(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_parquet('${parquetFile}')`);
  return (await con.runAndReadAll('SELECT count(*) FROM t')).getRows()[0]![0];
});
con.closeSync();
if (Number(duck.last) !== rows) throw new Error(`DuckDB read ${String(duck.last)} rows`);
printLoad('after');

const median = (ms: number[]): number => stats(ms).median;
const rate = (ms: number[]): string => `${(rows / (median(ms) / 1000) / 1e6).toFixed(2)} M`;
const base = median(read.ms);
console.log(`\n${rows.toLocaleString('en-US')} rows x ${table.columns.length} columns; ${RUNS} runs after a warm-up; medians (min-max)`);
printTable([
  ['step', 'ms', 'rows/s', 'vs VOTable read'],
  ['VOTable BINARY2 read (readVOTable)', fmtStats(stats(read.ms)), rate(read.ms), '1.00'],
  ['VOTable -> Arrow (table.toArrow)', fmtStats(stats(toArrow.ms), 1), rate(toArrow.ms), (median(toArrow.ms) / base).toFixed(3)],
  ['Arrow -> Parquet write (SNAPPY)', fmtStats(stats(write.ms)), rate(write.ms), (median(write.ms) / base).toFixed(2)],
  ['Parquet read -> VOTableTable (readParquet)', fmtStats(stats(readPq.ms)), rate(readPq.ms), (median(readPq.ms) / base).toFixed(2)],
  ['Parquet read -> Arrow (parquetToArrow)', fmtStats(stats(pqToArrow.ms)), rate(pqToArrow.ms), (median(pqToArrow.ms) / base).toFixed(2)],
  ['DuckDB read_parquet (CREATE TABLE AS)', fmtStats(stats(duck.ms)), rate(duck.ms), (median(duck.ms) / base).toFixed(2)],
]);
const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
console.log(
  `\nsizes: VOTable BINARY2 ${mb(votBytes.length)}, Parquet (SNAPPY, VOParquet header) ${mb(parquetBytes.length)} = ${((parquetBytes.length / votBytes.length) * 100).toFixed(0)}% of BINARY2`,
);
console.log(`target: VOTable -> Arrow adds ${((median(toArrow.ms) / base) * 100).toFixed(1)}% to the VOTable read (goal < 20%)`);
