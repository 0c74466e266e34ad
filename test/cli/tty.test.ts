/** On a terminal (a pseudo-terminal from util-linux `script`): colours and the aligned result table. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { liveServiceProblem, TAP_URL } from '../support/dachs.js';
import { CLI, ensureBuilt } from './support/build.js';
import { tempProject } from './fixtures.js';

const SCRIPT = '/usr/bin/script';
const hasScript = existsSync(SCRIPT);
if (!hasScript) console.warn('[tty tests skipped] /usr/bin/script (util-linux) is not installed');
const liveProblem = await liveServiceProblem();

function onTty(args: string[], cwd: string): string {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const { NO_COLOR: _n, FORCE_COLOR: _f, ...env } = process.env;
  const r = spawnSync(SCRIPT, ['-qec', `${command} < /dev/null`, '/dev/null'], {
    cwd,
    env: { ...env, COLUMNS: '100', ADQLKIT_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'adql-tty-')) },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return r.stdout;
}

describe.skipIf(!hasScript)('adql on a terminal', () => {
  beforeAll(ensureBuilt, 180_000);

  it('colours lint output on a TTY', () => {
    const dir = tempProject({ 'bad.adql': 'SELECT zz FROM zcat.main\n' });
    const out = onTty(['lint', '--schema', 'schema.json', 'bad.adql'], dir);
    expect(out).toContain('\u001b[31m');
    expect(out).toContain('[unknown-column]');
  });

  // Needs the live service (the reason is printed by test/support/dachs.ts when it is absent).
  it.skipIf(liveProblem !== undefined)('prints an aligned table by default on a TTY', () => {
    const out = onTty(['query', '-s', TAP_URL, 'SELECT TOP 2 id, ra FROM zcat.main ORDER BY id'], tempProject());
    const plain = out.replace(/\u001b\[[0-9;]*[mK]/g, '').replace(/\r/g, '');
    expect(plain).toMatch(/id\s+ra \[deg\]\n--\s+-+\n\s*1\s+142\.35993\n\s*2\s+146\.730202\n\(2 rows\)/);
  });
});
