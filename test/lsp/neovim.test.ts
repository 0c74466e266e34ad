/** Once in a real editor: headless Neovim's built-in LSP client receives the server's diagnostics. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, LSP } from '../cli/support/build.js';
import { tempProject } from '../cli/fixtures.js';

const NVIM = '/usr/bin/nvim';
const LUA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nvim/diagnostics.lua');
const available = existsSync(NVIM);
if (!available) console.warn(`[neovim test skipped] ${NVIM} is not installed (apt-get install neovim)`);

describe.skipIf(!available)('Neovim (headless, built-in LSP client)', () => {
  beforeAll(ensureBuilt, 180_000);

  it('receives diagnostics with their positions', () => {
    const dir = tempProject({
      '.adqlrc.json': JSON.stringify({ schema: 'schema.json' }),
      'q.adql': 'SELECT ra, dcc\nFROM zcat.main\nWHERE z > 0.1\n',
    });
    const out = path.join(dir, 'diagnostics.json');
    const r = spawnSync(NVIM, ['--headless', '-n', '-i', 'NONE', '-u', LUA], {
      cwd: dir,
      env: { ...process.env, ADQL_NVIM_OUT: out, ADQL_LSP: LSP, ADQL_FILE: path.join(dir, 'q.adql'), ADQL_NODE: process.execPath },
      timeout: 40_000,
      encoding: 'utf8',
    });
    expect(existsSync(out), `nvim wrote nothing; status ${r.status}, stderr: ${r.stderr}`).toBe(true);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { ok: boolean; diagnostics: Array<Record<string, unknown>> };
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        lnum: 0,
        col: 11,
        end_lnum: 0,
        end_col: 14,
        severity: 1,
        source: 'adql',
        code: 'unknown-column',
        message: expect.stringContaining('dcc'),
      }),
    ]);
  }, 60_000);
});
