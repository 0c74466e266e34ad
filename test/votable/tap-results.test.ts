/**
 * The TAP client reads results leniently (issue 21): a service's out-of-spec cells become null
 * and are reported on the result (count, first positions, a warning), never silently.
 */
import { describe, expect, it } from 'vitest';
import { readResult } from '../../src/dal/read-result.js';
import { streamResult } from '../../src/dal/stream.js';
import { fakeResponse } from '../tap/support/fixtures.js';
import { readFixture } from './helpers.js';

const VOT = 'application/x-votable+xml';
const ctx = { what: 'sync query', method: 'POST' };

describe('TAP results read leniently', () => {
  it('readResult: bad cells are null, counted and named on the result', async () => {
    const r = await readResult(fakeResponse(readFixture('lenient.vot'), VOT), ctx);
    expect(r.rowCount).toBe(3);
    expect(r.rows()[1]).toMatchObject({ mag: null, n: null, s: null, pair: null, name: 'beta' });
    expect(r.invalidCells).toBe(5);
    expect(r.firstInvalid[0]).toMatchObject({ row: 1, column: 'mag' });
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/datatype "string".*read as char/),
        expect.stringMatching(/^5 cell\(s\) broke the VOTable standard.*row 1, column "mag"/),
      ]),
    );
  });

  it('a clean result reports nothing', async () => {
    const r = await readResult(fakeResponse(readFixture('refs.vot'), VOT), ctx);
    expect([r.invalidCells, r.firstInvalid, r.warnings]).toEqual([0, [], []]);
  });

  it('streamResult: the end event carries the report', async () => {
    let end;
    for await (const ev of streamResult(fakeResponse(readFixture('lenient.vot'), VOT), { ...ctx, batchSize: 1 }))
      if (ev.type === 'end') end = ev;
    expect(end).toMatchObject({ rowCount: 3, report: { invalidCells: 5 } });
  });
});
