/**
 * Partitioned runs on zcat.big: wall time with concurrency 1, 2 and 4 (same chunks, fresh run
 * directories) and the speedup, then the client's own CPU time per million rows, for the run
 * (save and check each chunk) and for merging (in memory; streamed to CSV and VOTable).
 *   npx tsx bench/partition/run.ts [TAP_URL]
 * BENCH_ROWS (default 400000 ids) and BENCH_CHUNKS (default 8) size the work: each chunk holds
 * BENCH_ROWS / BENCH_CHUNKS rows, about a second of work per job on the local DaCHS.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TapService } from '../../src/tap/index.js';
import { mergePartition, mergePartitionToFile, planPartition, readManifest, runPartition } from '../../src/partition/index.js';

const TAP_URL = (process.argv[2] ?? process.env.ADQLKIT_TAP_URL ?? 'http://127.0.0.1:8080/tap').replace(/\/+$/, '');
const ROWS = Number(process.env.BENCH_ROWS ?? 400_000);
const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 8);
const QUERY = `SELECT id, ra, dec, mag, mag_err, obj_class, redshift FROM zcat.big WHERE id <= ${ROWS}`;

const service = new TapService(TAP_URL);
try {
  await service.availability({ signal: AbortSignal.timeout(5000) });
} catch (err) {
  console.log(`benchmark skipped: no TAP service at ${TAP_URL} (${(err as Error).message})`);
  process.exit(0);
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const perMillion = (ms: number, rows: number) => `${((ms / rows) * 1e6).toFixed(0)} ms CPU per million rows`;

const root = await mkdtemp(path.join(tmpdir(), 'adqlkit-bench-partition-'));
const plan = await planPartition(service, QUERY, {
  by: { kind: 'range', column: 'id' },
  chunks: CHUNKS,
  maxrec: Math.ceil((ROWS / CHUNKS) * 1.5),
  sample: false,
});
console.log(`partitioned runs: ${QUERY}`);
console.log(`  ${plan.chunks.length} chunks of ${ROWS / CHUNKS} rows, MAXREC ${plan.maxrec}, service ${TAP_URL}`);

const walls = new Map<number, number>();
let lastDir = '';
for (const concurrency of [1, 2, 4]) {
  const dir = path.join(root, `c${concurrency}`);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = await runPartition(service, plan, { dir, concurrency });
  const wall = performance.now() - started;
  walls.set(concurrency, wall);
  // Each job's own time (submit to saved result): it grows when the service is the bottleneck.
  const jobMs = (await readManifest(dir)).chunks.map((c) => c.ms ?? 0);
  const meanJob = jobMs.reduce((a, b) => a + b, 0) / jobMs.length;
  console.log(
    `  concurrency ${concurrency}: ${(wall / 1000).toFixed(1)} s wall for ${summary.rows} rows (a job takes ${(meanJob / 1000).toFixed(2)} s on average), ` +
      `speedup ${(walls.get(1)! / wall).toFixed(2)}x; client ${perMillion(cpuMs(cpu), summary.rows)} (save and check chunks)`,
  );
  if (lastDir !== '') await rm(lastDir, { recursive: true, force: true });
  lastDir = dir;
}

let cpu = process.cpuUsage();
const merged = await mergePartition(lastDir);
let rows = 0;
for (const _ of merged.rowArrays()) rows++;
console.log(`  merge in memory (read chunk files, iterate rows): ${merged.rowCount} rows, ${perMillion(cpuMs(cpu), rows)}`);
for (const format of ['csv', 'votable'] as const) {
  cpu = process.cpuUsage();
  const started = performance.now();
  const out = await mergePartitionToFile(lastDir, path.join(root, `merged.${format}`), format);
  console.log(
    `  merge streamed to ${format}: ${out.rows} rows in ${((performance.now() - started) / 1000).toFixed(2)} s, ${perMillion(cpuMs(cpu), out.rows)}`,
  );
}
await rm(root, { recursive: true, force: true });
