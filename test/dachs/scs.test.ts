/**
 * The project's Simple Cone Search 1.03 service on zcat.main (scripts/dachs/zcat/q.rd, service
 * `cone`, //scs#cone core) answers cones consistently with TAP and reports errors the SCS way.
 */
import { expect, it } from 'vitest';
import { SCS_URL, describeLive } from '../support/dachs.js';
import { type RawResponse, csvQuery, decodeXml, queryStatus, request, tabledataRowCount } from './live.js';

function scs(params: Record<string, string | number>): Promise<RawResponse> {
  const url = new URL(SCS_URL);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  return request(url.href);
}

/** SCS 1.03 error: a VOTable with <INFO ID="Error" name="Error" value="message"/> (QUERY_STATUS absent). */
function scsError(votable: string): string | undefined {
  const m = /<INFO[^>]*name="Error"[^>]*value="([^"]*)"/.exec(votable);
  return m ? decodeXml(m[1] ?? '').trim() : undefined;
}

describeLive('DaCHS Simple Cone Search (zcat/q/cone)', () => {
  it('returns the same objects as a TAP CONTAINS query on the same cone, with SCS UCDs', async () => {
    const res = await scs({ RA: 150, DEC: 2, SR: 1, RESPONSEFORMAT: 'votabletd' });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/x-votable\+xml/);
    expect(scsError(res.text)).toBeUndefined();
    expect(queryStatus(res.text)).toBe('OK');
    for (const ucd of ['ID_MAIN', 'POS_EQ_RA_MAIN', 'POS_EQ_DEC_MAIN']) expect(res.text).toContain(`ucd="${ucd}"`);
    const tap = await csvQuery(`SELECT COUNT(*) FROM zcat.main
      WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 2, 1))`);
    const n = Number(tap.rows[0]?.[0]);
    expect(n).toBeGreaterThan(10);
    expect(tabledataRowCount(res.text)).toBe(n);
  });

  it('answers in BINARY by default and honours VERB (more columns at VERB=3)', async () => {
    const v1 = await scs({ RA: 150, DEC: 2, SR: 0.5, VERB: 1 });
    const v3 = await scs({ RA: 150, DEC: 2, SR: 0.5, VERB: 3 });
    expect(v1.text).toMatch(/<BINARY>/);
    const fields = (doc: string) => (doc.match(/<FIELD /g) ?? []).length;
    expect(fields(v3.text)).toBeGreaterThan(fields(v1.text));
  });

  it('marks a result cut by MAXREC as OVERFLOW', async () => {
    const res = await scs({ RA: 150, DEC: 2, SR: 2, MAXREC: 3, RESPONSEFORMAT: 'votabletd' });
    expect(tabledataRowCount(res.text)).toBe(3);
    expect(queryStatus(res.text)).toBe('OVERFLOW');
  });

  it('reports a missing parameter, a bad literal and a negative radius as SCS error VOTables', async () => {
    const missing = await scs({ RA: 150, SR: 0.5 });
    expect(missing.status).toBe(200);
    expect(scsError(missing.text)).toMatch(/DEC/);
    expect(scsError((await scs({ RA: 'abc', DEC: 2, SR: 0.5 })).text)).toMatch(/not a valid literal for RA/);
    expect(scsError((await scs({ RA: 150, DEC: 2, SR: -1 })).text)).toMatch(/radius/);
  });
});
