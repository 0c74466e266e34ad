/**
 * Building and printing a typical query (a cone search joined with a second table, 5 columns, a
 * magnitude cut, ORDER BY, TOP). Target: under 20 microseconds for build + print. Also shows
 * build alone, print alone, and an adql`` fragment (cached parse + substitution).
 *
 *   npx tsx bench/builder/runtime.ts
 */
import { print } from '../../src/adql/index.js';
import { adql, arcmin, queryBuilder } from '../../src/builder/index.js';
import type { Database } from '../../fixtures/codegen/zcat.js';

const db = queryBuilder<Database>();

function typical(ra: number, dec: number, limit: number) {
  return db
    .from('zcat.main as m')
    .join('zcat.truth_match as t', 't.zcat_id', 'm.id')
    .select('m.id', 'm.ra', 'm.dec', 'm.bmag', 't.true_z')
    .coneSearch({ ra: 'm.ra', dec: 'm.dec' }, { ra, dec }, arcmin(30))
    .where('m.bmag', '<', limit)
    .orderBy('m.bmag')
    .top(100);
}

function measure(label: string, iterations: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < iterations; i++) fn(i); // warm-up
  const runs: number[] = [];
  let sink = 0;
  for (let r = 0; r < 7; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) {
      const out = fn(i);
      if (out === undefined) sink++;
    }
    runs.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
  }
  runs.sort((a, b) => a - b);
  const median = runs[3]!;
  console.log(
    `${label.padEnd(48)} median ${median.toFixed(2)} µs/query  (best ${runs[0]!.toFixed(2)}, worst ${runs[6]!.toFixed(2)})${sink ? '' : ''}`,
  );
  return median;
}

const N = 20_000;
console.log(`node ${process.version}; ${N} iterations x 7 runs after warm-up; text: ${typical(150, 2, 14).toADQL()}`);
const ast = typical(150, 2, 14).toAST();
measure('build (toAST)', N, (i) => typical(150 + (i % 10), 2, 14).toAST());
measure('print (canonical)', N, () => print(ast));
const both = measure('build + print (toADQL)', N, (i) => typical(150 + (i % 10), 2, 14).toADQL());
measure('build + print, pretty', N, (i) => typical(150 + (i % 10), 2, 14).toADQL({ pretty: true }));
measure('adql`` condition fragment + print', N, (i) =>
  db
    .from('zcat.main as m')
    .select('m.id')
    .where(adql`m.bmag < ${14 + (i % 5)} AND m.name LIKE ${'NGC%'}`)
    .toADQL(),
);
console.log(`target (build + print < 20 µs): ${both < 20 ? 'met' : 'NOT met'} (${both.toFixed(2)} µs)`);
process.exitCode = both < 20 ? 0 : 1;
