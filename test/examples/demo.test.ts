/**
 * Runs examples/demo.ts (what `npm run demo` shows) on the embedded engine's sample catalogue, as a
 * fresh machine without a service runs it, and checks each step's outcome.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('examples/demo.ts runs end to end on the embedded engine', { timeout: 180_000 }, async () => {
  const script = path.resolve('examples/demo.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { timeout: 170_000, maxBuffer: 4 << 20 });
  expect(stdout).toMatch(/started adqlkit's embedded TAP service on the sample catalogue at http:\/\/127\.0\.0\.1:\d+\/tap/);
  expect(stdout).toContain('ADQL versions: 2.0, 2.1');
  expect(stdout).toContain('using sample.galaxies (ra, dec, gmag [mag])');
  // The typo is caught before sending, with its position and the fix that is then applied.
  expect(stdout).toMatch(/ {2}1:23 error unknown-column: column gmagx does not exist in sample\.galaxies; did you mean gmag/);
  expect(stdout).toContain('fix "Change to gmag" applied; diagnostics now: 0');
  // Sync and async runs print 5-row tables; the truncated result is reported.
  expect(stdout.match(/^\(5 rows\)$/gm)?.length).toBe(3);
  expect(stdout).toMatch(/job http:\/\/127\.0\.0\.1:\d+\/tap\/async\/\w+: COMPLETED/);
  expect(stdout).toContain('asked for every row with MAXREC=10: 10 rows, overflow=true');
  // The CLI: lint finds the typo (exit 1), the fixed query runs (exit 0).
  expect(stdout).toMatch(/typo\.adql:1:23 error column gmagx does not exist/);
  expect(stdout.match(/^\(exit code \d.*\)$/gm)).toEqual([
    '(exit code 1, as expected: lint exits 1 when it finds a problem, and this query has the typo)',
    '(exit code 0, as expected: the fixed query ran)',
  ]);
});
