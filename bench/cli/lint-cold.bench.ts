/**
 * `adql lint` cold start: wall time of a whole process (Node start-up, module loading, schema file,
 * parse, validate, output) linting one file, against the built CLI (run `npm run build` first).
 * Target: under 300 ms. Also shows the Node floor (`node -e 0`) and `adql --version` for scale.
 *
 *   npx tsx bench/cli/lint-cold.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(repoRoot, 'dist/src/cli/main.js');
const RUNS = process.env.ADQLKIT_BENCH_QUICK === '1' ? 8 : 20;

const dir = mkdtempSync(path.join(tmpdir(), 'adql-lint-bench-'));
writeFileSync(
  path.join(dir, 'schema.json'),
  JSON.stringify({
    tables: [
      { name: 'zcat.main', columns: ['id', 'name', 'ra', 'dec', 'bmag', 'radial_velocity'].map((name) => ({ name, datatype: name === 'name' ? 'char' : 'double', ...(name === 'name' ? { arraysize: '*' } : {}) })) },
      { name: 'zcat.truth_match', columns: [{ name: 'zcat_id', datatype: 'int' }, { name: 'true_z', datatype: 'double' }] },
    ],
  }),
);
writeFileSync(
  path.join(dir, 'q.adql'),
  "SELECT m.id, m.name, DISTANCE(POINT(m.ra, m.dec), POINT(150, 2)) AS dist, t.true_z\nFROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id\nWHERE 1 = CONTAINS(POINT(m.ra, m.dec), CIRCLE(150, 2, 0.5)) AND m.bmag < 16\nORDER BY dist\n",
);

function wall(args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`);
    if (i >= 2) times.push(ms);
  }
  return times.sort((a, b) => a - b);
}

function report(label: string, t: number[], target?: number): void {
  const median = t[Math.floor(t.length / 2)]!;
  const p90 = t[Math.ceil(t.length * 0.9) - 1]!;
  process.stdout.write(`${label.padEnd(40)} median ${median.toFixed(0)} ms  p90 ${p90.toFixed(0)} ms  min ${t[0]!.toFixed(0)} ms${target ? `  target < ${target} ms: ${median < target ? 'met' : 'NOT met'}` : ''}\n`);
}

report('node -e 0 (Node start-up floor)', wall(['-e', '0']));
report('adql --version', wall([CLI, '--version']));
report('adql lint --schema schema.json q.adql', wall([CLI, 'lint', '--schema', 'schema.json', 'q.adql']), 300);
report('adql lint q.adql (no schema)', wall([CLI, 'lint', 'q.adql']));
