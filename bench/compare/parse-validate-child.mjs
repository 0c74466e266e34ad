// One process of bench/compare/builds.ts: loads a build's parser and validator (plain JavaScript,
// no TypeScript loader in the way), warms up, then times validate(text) per query.
// Prints one JSON line: per-operation wall p50/p99 (ms) and CPU per operation (ms).
//   node parse-validate-child.mjs BUILD_ROOT QUERIES.json MEASURE_MS
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [root, queriesFile, measureArg = '1500'] = process.argv.slice(2);
const { validate } = await import(pathToFileURL(`${root}/dist/src/validate/index.js`).href);
const queries = JSON.parse(readFileSync(queriesFile, 'utf8'));
const measureMs = Number(measureArg);

let sink = 0;
const warmEnd = performance.now() + measureMs / 2;
while (performance.now() < warmEnd) for (const q of queries) sink += validate(q).length;

const samples = [];
const cpu0 = process.cpuUsage();
const end = performance.now() + measureMs;
while (performance.now() < end) {
  for (const q of queries) {
    const t = performance.now();
    sink += validate(q).length;
    samples.push(performance.now() - t);
  }
}
const cpu = process.cpuUsage(cpu0);
samples.sort((a, b) => a - b);
const at = (p) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
console.log(
  JSON.stringify({ ops: samples.length, p50: at(0.5), p99: at(0.99), cpuPerOp: (cpu.user + cpu.system) / 1000 / samples.length, sink }),
);
