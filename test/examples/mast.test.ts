/**
 * Runs examples/mast-chunked-queries.ts (the MAST chunking tutorial, by hand and then in one
 * partitionQuery call) against the live DaCHS service and checks what it prints.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeLive, TAP_URL } from '../support/dachs.js';

const run = promisify(execFile);

describeLive('examples/mast-chunked-queries.ts (live DaCHS)', { timeout: 300_000 }, () => {
  it('chunks by hand and in one call, both matching COUNT(*)', async () => {
    const script = path.resolve('examples/mast-chunked-queries.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, TAP_URL], { timeout: 290_000, maxBuffer: 1 << 20 });
    expect(stdout).toMatch(/async output limit: 20000 rows by default/);
    expect(stdout).toMatch(/execution duration granted for 1e7 s: \d+ s/);
    const expected = /matches COUNT\(\*\) = (\d+)/.exec(stdout)?.[1];
    expect(Number(expected)).toBeGreaterThan(0);
    // The one-call version prints its plan before running, then the same total.
    expect(stdout).toMatch(
      /partition plan for .*\n {2}by id \(integer \d+\.\.\d+\): \d+ chunks?, 5 at a time\n {2}limits: 20000 rows per job/,
    );
    expect(stdout).toMatch(/ {2}expected: ~\d+ rows and ~[\d.]+ s per chunk/);
    expect(stdout).toMatch(new RegExp(`one call: ${expected} rows from \\d+ chunks`));
    expect(stdout).toContain(`one call matches COUNT(*) = ${expected}`);
  });
});
