/**
 * The MAST "How to chunk large / long queries" tutorial (../shared/seeds/mast-chunked-tap-queries.txt)
 * with adqlkit against a TAP service holding zcat.big (ids 1..N without gaps):
 *   npx tsx examples/mast-chunked-queries.ts [TAP_URL]
 * Service limits; execution-duration probe; a test query to scale rows with the id range; chunked
 * async jobs, a few at a time, each checked for errors and for hitting the row limit; results merged.
 * Then the same job in one partitionQuery call (src/partition): plan, parallel resumable run, merge.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describePlan, partitionQuery, TapService, type TapJob, type TapResult } from '../src/index.js';

const url = process.argv[2] ?? 'http://127.0.0.1:8080/tap';
const service = new TapService(url);

// Service limits
const limits = await service.limits();
const maxRows = limits.defaultMaxrec.async ?? 20000;
console.log(`async output limit: ${maxRows} rows by default, ${limits.hardMaxrec.async ?? '?'} at most`);
console.log(`async execution duration: ${limits.async.executionDuration.default?.value ?? '?'} s by default`);

// The maximum execution duration: ask for a very long one, read what was granted, delete the job
const probe = await service.submit('SELECT TOP 1 id FROM zcat.big');
console.log(`execution duration granted for 1e7 s: ${await probe.setExecutionDuration(1e7)} s`);
await probe.delete();

const span = await service.query('SELECT MIN(id) AS lo, MAX(id) AS hi FROM zcat.big');
const lo = Number(span.rows()[0]?.lo);
const hi = Number(span.rows()[0]?.hi);
const fullQuery = 'SELECT id, ra, dec, mag, obj_class FROM zcat.big WHERE mag < 14';

// Test query on a restricted id range: too many rows?
let testHi = lo + Math.floor((hi - lo) / 2);
let test: TapResult;
for (;;) {
  const started = performance.now();
  test = await service.runAsync(`${fullQuery} AND id >= ${lo} AND id < ${testHi}`, { maxrec: maxRows, timeoutMs: 300_000 });
  console.log(
    `test ids [${lo}, ${testHi}): ${test.rowCount} rows in ${Math.round(performance.now() - started)} ms, overflow ${test.overflow}`,
  );
  if (!test.overflow) break;
  testHi = lo + Math.floor((testHi - lo) / 4); // truncated: almost certainly more rows; try a smaller range
}

// Scale to chunks holding about half the row limit
const rowsPerId = test.rowCount / (testHi - lo);
const idsPerChunk = Math.max(1, Math.floor((0.5 * maxRows) / Math.max(rowsPerId, 1e-9)));
const ranges: Array<[number, number]> = [];
for (let a = lo; a <= hi; a += idsPerChunk) ranges.push([a, Math.min(a + idsPerChunk, hi + 1)]);
console.log(`${ranges.length} chunks of ${idsPerChunk} ids (expecting ~${Math.round(rowsPerId * idsPerChunk)} rows each)`);

// Run a few at a time: submit, run, wait for all, check, fetch, delete
async function runSimultaneous(queries: string[]): Promise<TapResult[]> {
  const jobs: TapJob[] = [];
  for (const q of queries) jobs.push(await (await service.submit(q, { maxrec: maxRows })).run());
  const results: TapResult[] = [];
  try {
    await Promise.all(jobs.map((j) => j.wait({ timeoutMs: 600_000 })));
    for (const job of jobs) {
      await job.throwIfError(); // names the job URL and the query's error
      const result = await job.fetchResult();
      if (result.overflow) throw new Error(`query hit the maximum number of rows (${result.overflowInfo.reason}); job ${job.url}`);
      results.push(result);
    }
  } finally {
    await Promise.all(jobs.map((j) => j.delete().catch(() => false)));
  }
  return results;
}

const inParallel = 5;
const started = performance.now();
const all: TapResult[] = [];
for (let i = 0; i < ranges.length; i += inParallel) {
  const batch = ranges.slice(i, i + inParallel).map(([a, b]) => `${fullQuery} AND id >= ${a} AND id < ${b}`);
  all.push(...(await runSimultaneous(batch)));
  console.log(`  chunks ${i + 1}..${i + batch.length} done`);
}
const total = all.reduce((s, r) => s + r.rowCount, 0);
console.log(`full result: ${total} rows from ${all.length} chunks in ${Math.round(performance.now() - started)} ms`);
const expected = Number((await service.query(`SELECT COUNT(*) AS n FROM zcat.big WHERE mag < 14`)).rows()[0]?.n);
if (total !== expected) throw new Error(`chunks hold ${total} rows, COUNT(*) says ${expected}`);
console.log(`matches COUNT(*) = ${expected}`);

// The same job in one call: plan (limits, duration probe, sample chunk), chunks 5 at a time,
// overflowing chunks split and rerun, every chunk saved in a run directory (resumable), merged.
const runDir = join(await mkdtemp(join(tmpdir(), 'mast-chunked-')), 'run');
const oneCall = await partitionQuery(service, fullQuery, {
  by: { kind: 'range', column: 'id' },
  maxrec: maxRows,
  concurrency: inParallel,
  dir: runDir,
  onPlan: (plan) => console.log(describePlan(plan)),
});
const merged = oneCall.result!;
console.log(
  `one call: ${merged.rowCount} rows from ${oneCall.summary.chunks} chunks (${oneCall.summary.splits} split) in ${Math.round(oneCall.summary.ms)} ms; run directory ${runDir}`,
);
if (merged.rowCount !== expected) throw new Error(`one call merged ${merged.rowCount} rows, COUNT(*) says ${expected}`);
console.log(`one call matches COUNT(*) = ${expected}`);
