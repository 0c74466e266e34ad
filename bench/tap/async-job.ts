/**
 * Async trivial job, submit to parsed result: adqlkit (submit, run, adaptive wait, fetch) vs
 * tight polling with plain fetch (every 25 ms: the floor DaCHS allows) vs pyvo 1.2.1 run_async.
 * Counts adqlkit's requests per job and how soon after completion the result is fetched.
 *   npx tsx bench/tap/async-job.ts [TAP_URL]
 * Targets: <= 1.65 s per job, <= 30 requests, result fetched within 0.2 s of the phase change.
 */
import { TapService } from '../../src/tap/index.js';
import { checkService, fmt, havePyvo, median, PyWorker, ratio, TAP_URL } from './common.js';

const QUERY = 'SELECT TOP 10 id, ra, dec FROM zcat.main ORDER BY id';
const ROUNDS = Number(process.env.BENCH_RUNS ?? 4);

await checkService();
let requests = 0;
const service = new TapService(TAP_URL, { logger: (e) => e.type === 'request' && requests++ });

interface AdqlkitRun {
  ms: number;
  requests: number;
  /** From the moment an independent 25 ms observer saw COMPLETED to our parsed result. */
  afterCompletionMs: number;
  fetchMs: number;
}

/** Polls the job's phase every 25 ms on the side, to time when it really completed. */
async function observe(jobUrl: string, stop: { done: boolean }): Promise<number> {
  for (;;) {
    const phase = (await (await fetch(`${jobUrl}/phase`)).text()).trim();
    if (phase === 'COMPLETED' || phase === 'ERROR' || phase === 'ABORTED' || stop.done) return performance.now();
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function adqlkitOnce(): Promise<AdqlkitRun> {
  requests = 0;
  const t0 = performance.now();
  const job = await service.submit(QUERY);
  await job.run();
  const stop = { done: false };
  const observed = observe(job.url, stop);
  await job.wait();
  const tFetch = performance.now();
  const result = await job.fetchResult();
  const t1 = performance.now();
  stop.done = true;
  const completedAt = await observed;
  const used = requests;
  if (result.rowCount !== 10) throw new Error(`expected 10 rows, got ${result.rowCount}`);
  await job.delete();
  return { ms: t1 - t0, requests: used, afterCompletionMs: t1 - Math.min(completedAt, t1), fetchMs: t1 - tFetch };
}

/** The floor: create, run, poll the phase every 25 ms, read the result body. */
async function tightPollingOnce(): Promise<{ ms: number; requests: number }> {
  const t0 = performance.now();
  const form = (o: Record<string, string>) => ({
    method: 'POST',
    body: new URLSearchParams(o).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual' as const,
  });
  const created = await fetch(`${TAP_URL}/async`, form({ REQUEST: 'doQuery', LANG: 'ADQL', QUERY }));
  await created.arrayBuffer();
  const job = created.headers.get('location') as string;
  await (await fetch(`${job}/phase`, form({ PHASE: 'RUN' }))).arrayBuffer();
  let n = 2;
  for (;;) {
    n++;
    const phase = (await (await fetch(`${job}/phase`)).text()).trim();
    if (phase === 'COMPLETED') break;
    if (phase === 'ERROR' || phase === 'ABORTED') throw new Error(`job ${job} ${phase}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  await (await fetch(`${job}/results/result`)).arrayBuffer();
  const ms = performance.now() - t0;
  await (await fetch(job, { method: 'DELETE', redirect: 'manual' })).arrayBuffer();
  return { ms, requests: n + 1 };
}

const pyvo = havePyvo()
  ? new PyWorker(
      `import pyvo
s = pyvo.dal.TAPService(sys.argv[1])
def run():
    return len(s.run_async(sys.argv[2]).to_table())`,
      [TAP_URL, QUERY],
    )
  : undefined;

const a: AdqlkitRun[] = [];
const floor: Array<{ ms: number; requests: number }> = [];
const py: number[] = [];
await adqlkitOnce(); // warm-up (connections, JIT)
for (let i = 0; i < ROUNDS; i++) {
  a.push(await adqlkitOnce());
  floor.push(await tightPollingOnce());
  if (pyvo !== undefined) py.push((await pyvo.run()).ms);
}
pyvo?.stop();

const am = median(a.map((r) => r.ms));
const fm = median(floor.map((r) => r.ms));
const pm = py.length > 0 ? median(py) : undefined;
console.log(`async trivial job (${QUERY}), submit to parsed result, median of ${ROUNDS} interleaved rounds, ${TAP_URL}`);
console.log(`  adqlkit submit/run/wait/fetch       ${fmt(am)}  (each: ${a.map((r) => r.ms.toFixed(0)).join(', ')} ms)`);
console.log(`  tight polling, plain fetch (25 ms)  ${fmt(fm)}  (${median(floor.map((r) => r.requests))} requests)`);
console.log(`  pyvo 1.2.1 run_async().to_table()   ${fmt(pm)}`);
console.log(`  adqlkit requests per job            max ${Math.max(...a.map((r) => r.requests))} (target <= 30)`);
console.log(
  `  parsed result after completion      median ${fmt(median(a.map((r) => r.afterCompletionMs)))}, max ${fmt(Math.max(...a.map((r) => r.afterCompletionMs)))} (target <= 200; completion seen by a 25 ms side observer); fetch+parse ${fmt(median(a.map((r) => r.fetchMs)))}`,
);
console.log(`ratios: adqlkit/tight-polling ${ratio(am, fm)}, pyvo/adqlkit ${ratio(pm, am)}; target adqlkit <= 1650 ms`);
