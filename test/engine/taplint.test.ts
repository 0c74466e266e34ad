/**
 * STILTS taplint (Debian's `stilts`) against adqlkit's local TAP service on the sample catalogue:
 * every stage but LOC must report no errors, warnings or failures. LOC (ObsLocTAP) is left out because
 * this taplint fails it on any service without an ivoa.obsplan table (DaCHS included), whatever the
 * capabilities say.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createLocalService } from '../../src/engine/index.js';

const STILTS = '/usr/bin/stilts';
const available = existsSync(STILTS);
if (!available) console.warn(`[taplint test skipped] ${STILTS} is not installed (apt-get install stilts; npm test installs it as root)`);

describe.skipIf(!available)('stilts taplint on the local TAP service', () => {
  it('reports 0 errors, 0 warnings and 0 failures', { timeout: 180_000 }, async () => {
    const service = await createLocalService();
    try {
      const { stdout } = await promisify(execFile)(STILTS, ['taplint', `tapurl=${service.url}`, 'stages=-LOC'], {
        timeout: 170_000,
        maxBuffer: 64 << 20,
      });
      const totals = /^Totals: Errors: (\d+); Warnings: (\d+); Infos: \d+; Summaries: \d+; Failures: (\d+)$/m.exec(stdout);
      expect(totals, `taplint printed no totals:\n${stdout.slice(-2000)}`).not.toBeNull();
      const problems = stdout.split('\n').filter((l) => /^[EWF]-/.test(l));
      expect(problems, 'taplint errors, warnings and failures').toEqual([]);
      expect(totals!.slice(1).map(Number)).toEqual([0, 0, 0]);
      expect(stdout).toContain('Section UPL'); // the stages really ran, uploads and examples included
      expect(stdout).toMatch(/Execution success\/attempt: (\d+)\/\1/);
    } finally {
      await service.close();
    }
  });
});
