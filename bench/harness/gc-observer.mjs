// Preloaded into a server under test (node --import): counts V8 garbage-collection pauses. On
// SIGUSR2 it writes the pauses so far to $ADQLKIT_BENCH_GC_FILE as JSON [[kind, ms], ...], so a
// benchmark can take the difference around one phase. kind: 1 scavenge (young generation),
// 2 mark-compact, 4 incremental marking, 8 weak callbacks (perf_hooks' NODE_PERFORMANCE_GC_*).
import { writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';

const file = process.env.ADQLKIT_BENCH_GC_FILE;
if (file) {
  const pauses = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push([e.detail?.kind ?? 0, e.duration]);
  }).observe({ entryTypes: ['gc'] });
  process.on('SIGUSR2', () => writeFileSync(file, JSON.stringify(pauses)));
}
