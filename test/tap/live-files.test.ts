/**
 * The live suite's tests that read or write files (Node only; live.test.ts holds the rest, which
 * also runs in Chromium): results streamed to files unparsed, and uploads from a file path.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeLive, TAP_URL } from '../support/dachs.js';
import { TapQueryError, TapService } from '../../src/tap/index.js';
import { writeVOTable } from '../../src/votable/index.js';

const tap = new TapService(TAP_URL);
const scratch = () => mkdtemp(join(tmpdir(), 'adqlkit-tap-live-'));

describeLive('results and uploads as files (live DaCHS)', { timeout: 180_000 }, () => {
  it("an async job's result saved to a file in the server's format, unparsed", async () => {
    const job = await tap.submit('SELECT TOP 50 id, ra, dec FROM zcat.main ORDER BY id');
    await job.run();
    await job.wait({ timeoutMs: 60_000 });
    const parsed = await job.fetchResult();
    const saved = await TapService.job(job.url).saveResult(join(await scratch(), 'result.vot'));
    expect(saved.bytes).toBe(parsed.bytes);
    expect(saved.overflow).toBe(false);
    expect(saved.contentType).toMatch(/votable/);
    await job.delete();
  });

  it('uploads from a file path', async () => {
    const src = await tap.query('SELECT TOP 5 id, ra, dec FROM zcat.main ORDER BY id');
    const file = join(await scratch(), 'src.vot');
    await writeFile(file, writeVOTable(src.table, { encoding: 'tabledata' }));
    const r = await tap.query('SELECT u.id FROM tap_upload.fromfile AS u JOIN zcat.main AS m ON m.id = u.id ORDER BY u.id', {
      uploads: { fromfile: { file } },
    });
    expect(r.column('id')).toEqual(src.column('id'));
  });

  it('streams results to files in the server format (CSV, VOTable)', async () => {
    const dir = await scratch();
    const csv = await tap.queryToFile('SELECT TOP 10 id, name FROM zcat.main ORDER BY id', join(dir, 'a.csv'), { format: 'csv' });
    expect(csv.contentType).toMatch(/csv/);
    expect((await readFile(join(dir, 'a.csv'), 'utf8')).trim().split(/\r?\n/)).toHaveLength(11);
    const vot = await tap.queryToFile('SELECT id FROM zcat.main', join(dir, 'b.vot'), { maxrec: 10 });
    expect(vot.overflow).toBe(true);
    expect(await readFile(join(dir, 'b.vot'), 'utf8')).toContain('<VOTABLE');
    await expect(tap.queryToFile('SELECT * FROM zcat.nosuch', join(dir, 'c.csv'), { format: 'csv' })).rejects.toBeInstanceOf(TapQueryError);
  });
});
