/**
 * Cold start: whole processes, run interleaved the same number of times, against the built package
 * (run `npm run build` first). Targets (issue 24): `import { parse } from 'adqlkit'` under 60 ms and
 * `adql lint` within 150 ms of `node -e 0`, by median wall time and by median CPU time (the latter
 * is what a quiet machine's wall time approaches). The CLI runs as its installed bin does (node on
 * package.json's bin file).
 *
 *   npx tsx bench/cli/lint-cold.bench.ts            (RUNS=20)
 *   ADQLKIT_BENCH_QUICK=1 npx tsx bench/cli/lint-cold.bench.ts
 */
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmtStats, interleave, printLoad, printTable, runProcess, stats, type ProcessRun } from '../harness/fair.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const CLI = path.join(repoRoot, pkg.bin['adql']!);
const RUNS = process.env.ADQLKIT_BENCH_QUICK === '1' ? 8 : 20;

const dir = mkdtempSync(path.join(tmpdir(), 'adql-lint-bench-'));
writeFileSync(
  path.join(dir, 'schema.json'),
  JSON.stringify({
    tables: [
      {
        name: 'zcat.main',
        columns: ['id', 'name', 'ra', 'dec', 'bmag', 'radial_velocity'].map((name) => ({
          name,
          datatype: name === 'name' ? 'char' : 'double',
          ...(name === 'name' ? { arraysize: '*' } : {}),
        })),
      },
      {
        name: 'zcat.truth_match',
        columns: [
          { name: 'zcat_id', datatype: 'int' },
          { name: 'true_z', datatype: 'double' },
        ],
      },
    ],
  }),
);
writeFileSync(
  path.join(dir, 'q.adql'),
  'SELECT m.id, m.name, DISTANCE(POINT(m.ra, m.dec), POINT(150, 2)) AS dist, t.true_z\nFROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id\nWHERE 1 = CONTAINS(POINT(m.ra, m.dec), CIRCLE(150, 2, 0.5)) AND m.bmag < 16\nORDER BY dist\n',
);
// Scripts that import the package by its name must live inside it (package self-reference).
const scripts = path.join(repoRoot, 'bench/out/cold');
mkdirSync(scripts, { recursive: true });
const importOnly = path.join(scripts, 'import-parse.mjs');
writeFileSync(importOnly, "import { parse } from 'adqlkit';\nif (typeof parse !== 'function') process.exit(1);\n");
const importAndParse = path.join(scripts, 'import-parse-run.mjs');
writeFileSync(
  importAndParse,
  "import { parse } from 'adqlkit';\nif (parse('SELECT TOP 1 ra FROM t').errors.length > 0) process.exit(1);\n",
);

// The parser alone (its folder's index, not the package entry): what `import { parse }` would cost
// if the entry loaded nothing else, and the same plus its first parse (the grammar's construction).
const adqlOnly = pathToFileURL(path.join(repoRoot, 'dist/src/adql/index.js')).href;
const parserOnly = path.join(scripts, 'import-adql-folder.mjs');
writeFileSync(parserOnly, `import { parse } from ${JSON.stringify(adqlOnly)};\nif (typeof parse !== 'function') process.exit(1);\n`);
const parserOnlyRun = path.join(scripts, 'import-adql-folder-run.mjs');
writeFileSync(
  parserOnlyRun,
  `import { parse } from ${JSON.stringify(adqlOnly)};\nif (parse('SELECT TOP 1 ra FROM t').errors.length > 0) process.exit(1);\n`,
);

function proc(args: string[]): () => ProcessRun {
  return () => {
    const r = runProcess(process.execPath, args, { cwd: dir });
    if (!r.ok) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
    return r;
  };
}

const contestants = [
  { name: 'node -e 0 (floor)', run: proc(['-e', '0']) },
  { name: "import { parse } from 'adqlkit'", run: proc([importOnly]) },
  { name: '... and parse one query', run: proc([importAndParse]) },
  { name: 'the parser alone (dist/src/adql/index.js)', run: proc([parserOnly]) },
  { name: 'the parser alone + parse one query', run: proc([parserOnlyRun]) },
  { name: 'adql --version', run: proc([CLI, '--version']) },
  { name: 'adql lint --schema schema.json q.adql', run: proc([CLI, 'lint', '--schema', 'schema.json', 'q.adql']) },
  { name: 'adql lint q.adql (no schema)', run: proc([CLI, 'lint', 'q.adql']) },
];
const targets: Record<string, number> = { "import { parse } from 'adqlkit'": 60, 'adql lint --schema schema.json q.adql': 150 };

printLoad('before');
const results = interleave(contestants, RUNS, 2);
printLoad('after');
const floorWall = stats(results.get('node -e 0 (floor)')!.map((r) => r.wallMs)).median;
const floorCpu = stats(results.get('node -e 0 (floor)')!.map((r) => r.cpuMs)).median;
const rows = [['process', 'wall ms', 'CPU ms', 'wall - floor', 'CPU - floor', 'target (over the floor)']];
for (const [name, runs] of results) {
  const wall = stats(runs.map((r) => r.wallMs));
  const cpu = stats(runs.map((r) => r.cpuMs));
  const target = targets[name];
  const verdict =
    target === undefined
      ? ''
      : `< ${target} ms: wall ${wall.median - floorWall < target ? 'met' : 'NOT met'}, CPU ${cpu.median - floorCpu < target ? 'met' : 'NOT met'}`;
  rows.push([name, fmtStats(wall), fmtStats(cpu), (wall.median - floorWall).toFixed(0), (cpu.median - floorCpu).toFixed(0), verdict]);
}
printTable(rows);
console.log(
  `median (min-max) of ${RUNS} interleaved runs each, after 2 warm-up rounds; CPU is user+sys of the whole process (GNU time, 10 ms resolution)`,
);
