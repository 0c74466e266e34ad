// One adqlkit process of bench/adql/parse.bench.ts: plain `node` on a build's dist/ (no TypeScript
// loader in the way: tsx compiles the Chevrotain bundle the parser require()s, which halves its speed).
// Speaks the same protocol as bench/peers/VolltBench.java and bench/peers/dachs_bench.py:
//   node parse-child.mjs BUILD_ROOT QUERIES.b64 WARMUP_MS MEASURE_MS set|each
// Input: one Base64-encoded UTF-8 query per line. Output lines:
//   accepted <indices of the queries that parse without error>
//   result <label> <parses> <wall seconds> <process CPU seconds> <GC pause seconds>
// "set" times the whole list repeatedly (label "set"); "each" times every query on its own (label
// = its index), for the generated 10 KB-1 MB queries.
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [root, file, warmupArg, measureArg, mode = 'set'] = process.argv.slice(2);
const { parse } = await import(pathToFileURL(`${root}/dist/src/adql/index.js`).href);
const queries = readFileSync(file, 'ascii')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => Buffer.from(line, 'base64').toString('utf8'));
const warmupMs = Number(warmupArg);
const measureMs = Number(measureArg);

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
/** GC entries are delivered asynchronously: yield once so the window's pauses are counted. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const accepted = [];
queries.forEach((q, i) => {
  if (parse(q).errors.length === 0) accepted.push(i);
});
console.log(`accepted ${accepted.join(',')}`);

let sink = 0;
async function measure(label, list) {
  const warmEnd = performance.now() + warmupMs;
  do for (const q of list) sink += parse(q).errors.length;
  while (performance.now() < warmEnd);
  await settle();
  const gc0 = gcMs;
  let count = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + measureMs;
  let now;
  do {
    for (const q of list) sink += parse(q).errors.length;
    count += list.length;
    now = performance.now();
  } while (now < end);
  const cpu = process.cpuUsage(cpu0);
  await settle();
  console.log(`result ${label} ${count} ${(now - start) / 1000} ${(cpu.user + cpu.system) / 1e6} ${(gcMs - gc0) / 1000}`);
}

if (mode === 'each') for (let i = 0; i < queries.length; i++) await measure(String(i), [queries[i]]);
else await measure('set', queries);
if (sink < 0) console.log(sink);
