/** The cone search client against the project's DaCHS SCS service on zcat.main (scripts/dachs/zcat/q.rd). */
import { expect, it } from 'vitest';
import { arcmin, deg } from '../../src/builder/index.js';
import { ConeSearchError, ConeSearchService, tapConeSearch } from '../../src/scs/index.js';
import { TapService } from '../../src/tap/service.js';
import { SCS_URL, TAP_URL, describeLive } from '../support/dachs.js';

describeLive('Simple Cone Search on the live DaCHS', () => {
  const scs = new ConeSearchService(SCS_URL);

  it('returns what a TAP cone on the same table returns, whatever the radius unit', async () => {
    const inArcmin = await scs.search({ ra: 150, dec: 2 }, arcmin(60));
    const inDegrees = await scs.search([150, 2], deg(1));
    expect(inArcmin.rowCount).toBe(inDegrees.rowCount);
    const viaTap = await tapConeSearch(new TapService(TAP_URL), 'zcat.main', [150, 2], deg(1), { columns: ['id'] });
    expect(viaTap.columnNames).toEqual(['id', 'search_offset']);
    expect(inDegrees.rowCount).toBe(viaTap.rowCount);
  });

  it('honours VERB and MAXREC (overflow)', async () => {
    const terse = await scs.search([150, 2], deg(0.5), { verb: 1 });
    const full = await scs.search([150, 2], deg(0.5), { verb: 3 });
    expect(terse.columnNames.length).toBeLessThan(full.columnNames.length);
    const cut = await scs.search([150, 2], deg(2), { maxrec: 3 });
    expect(cut.rowCount).toBe(3);
    expect(cut.overflow).toBe(true);
  });

  it("reports the service's own errors as ConeSearchError", async () => {
    const err = await scs.search([150, 2], deg(1), { params: { DEC: 'north' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConeSearchError);
    expect((err as ConeSearchError).serverMessage).toMatch(/not a valid literal for DEC/);
  });
});
