/** `adql partition` in-process: usage errors offline, then a run, its resume and merge against the live DaCHS. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adql } from '../cli/support/in-process.js';
import { describeLive, TAP_URL } from '../support/dachs.js';

describe('adql partition: usage', () => {
  it('explains what is missing or wrong', async () => {
    expect((await adql(['partition', '-s', TAP_URL, 'SELECT id FROM t', '--dir', 'x'])).stderr).toMatch(
      /no partition column given; pass --by COLUMN/,
    );
    expect((await adql(['partition', '-s', TAP_URL, 'SELECT id FROM t', '--by', 'id'])).stderr).toMatch(
      /no run directory given; pass --dir RUN_DIR/,
    );
    expect((await adql(['partition', '-s', TAP_URL, 'SELECT id FROM t', '--by', 'cube:x', '--dir', 'x'])).stderr).toMatch(
      /unknown partition kind "cube"; use COLUMN, dec:COLUMN/,
    );
    expect((await adql(['partition', '-s', TAP_URL, 'SELECT id FROM t', '--by', 'id', '--range', '1', '--dir', 'x'])).stderr).toMatch(
      /--range must be LOW,HIGH/,
    );
    const top = await adql(['partition', '-s', TAP_URL, 'SELECT TOP 5 id FROM t', '--by', 'id', '--dir', 'x']);
    expect(top.code).toBe(2);
    expect(top.stderr).toMatch(/TOP 5 without ORDER BY/);
    expect((await adql(['partition', '--help'])).stdout).toContain('adql partition --resume run1 -o bright.csv');
  });
});

describeLive('adql partition (live DaCHS)', { timeout: 180_000 }, () => {
  it('prints the plan, runs, merges to CSV; resume of a finished run reruns nothing', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'adqlkit-cli-partition-')), 'run');
    const out = path.join(dir, '..', 'bright.csv');
    const query = 'SELECT id, mag FROM zcat.big WHERE id <= 8000 AND mag < 14.5';
    const r = await adql(['partition', '-s', TAP_URL, query, '--by', 'id', '--chunks', '3', '-j', '2', '--dir', dir, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/partition plan for .*\n {2}by id \(integer \d+\.\.\d+\): 3 chunks, 2 at a time\n/);
    expect(r.stderr).toMatch(/ {2}expected: ~\d+ rows and ~[\d.]+ s per chunk/);
    expect(r.stderr.match(/chunk c000\d: \d+ rows in/g)).toHaveLength(3);
    const rows = Number(/wrote (\d+) rows to .*bright\.csv \(csv\)/.exec(r.stderr)?.[1]);
    const csv = (await readFile(out, 'utf8')).trim().split('\r\n');
    expect(csv[0]).toBe('id,mag');
    expect(csv).toHaveLength(rows + 1);
    const again = await adql(['partition', '--resume', dir, '-o', path.join(dir, '..', 'again.vot')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('3 chunks (0 run, 3 already done, 0 split)');
    expect(again.stderr).toMatch(new RegExp(`wrote ${rows} rows to .*again\\.vot \\(votable\\)`));
  });
});
