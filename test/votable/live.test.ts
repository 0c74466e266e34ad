/**
 * Integration against the project's DaCHS (test/support/dachs.ts): real TAP results in every
 * VOTable serialization, streamed from fetch bodies, and a TAP upload written by writeVOTable.
 */
import { expect, it } from 'vitest';
import { readVOTable, streamVOTable, writeVOTable } from '../../src/votable/index.js';
import { describeLive, TAP_URL } from '../support/dachs.js';
import { plain } from './helpers.js';

async function sync(query: string, format: string, extra: Record<string, string> = {}): Promise<Response> {
  const body = new URLSearchParams({ REQUEST: 'doQuery', LANG: 'ADQL', QUERY: query, RESPONSEFORMAT: format, ...extra });
  return fetch(`${TAP_URL}/sync`, { method: 'POST', body, signal: AbortSignal.timeout(60_000) });
}

describeLive('VOTable against the live DaCHS', () => {
  const query = 'SELECT TOP 500 id, name, ra, dec, bmag, radial_velocity_error, morph_type, obs_date FROM zcat.main ORDER BY id';

  it('TABLEDATA, BINARY and BINARY2 results read identically (streamed from the fetch body)', async () => {
    const docs = [];
    // DaCHS: 'votable' is BINARY, 'votable/td' TABLEDATA, 'votable/b2' BINARY2.
    for (const format of ['votable/td', 'votable', 'votable/b2']) {
      const res = await sync(query, format);
      expect(res.ok, format).toBe(true);
      docs.push(await readVOTable(res.body!));
    }
    const [td, b, b2] = docs;
    expect(td!.status).toBe('OK');
    expect(td!.tables[0]!.rowCount).toBe(500);
    expect(td!.tables[0]!.encoding).toBe('tabledata');
    expect(b!.tables[0]!.encoding).toBe('binary');
    expect(b2!.tables[0]!.encoding).toBe('binary2');
    expect(plain(b!.tables[0]!.rows())).toEqual(plain(td!.tables[0]!.rows()));
    expect(plain(b2!.tables[0]!.rows())).toEqual(plain(td!.tables[0]!.rows()));
    expect(td!.tables[0]!.column('obs_date').field.xtype).toBe('timestamp');
  });

  it('overflow: MAXREC below the row count gives status OVERFLOW after the table', async () => {
    const doc = await readVOTable((await sync('SELECT id FROM zcat.main', 'votable/b2', { MAXREC: '7' })).body!);
    expect(doc.tables[0]!.rowCount).toBe(7);
    expect(doc.overflow).toBe(true);
    expect(doc.queryStatus.map((i) => i.value)).toEqual(['OK', 'OVERFLOW']);
  });

  it('errors: the DaCHS error document carries the message', async () => {
    const doc = await readVOTable(await (await sync('SELEKT nonsense', 'votable')).text());
    expect(doc.status).toBe('ERROR');
    expect(doc.statusMessage).toMatch(/Could not parse your query/);
  });

  it('streams a larger result in bounded batches', async () => {
    const res = await sync('SELECT TOP 5000 id, ra, dec FROM zcat.main ORDER BY id', 'votable/b2');
    let rows = 0;
    let maxBatch = 0;
    let idSum = 0;
    for await (const ev of streamVOTable(res.body!, { batchSize: 1000 })) {
      if (ev.type !== 'rows') continue;
      rows += ev.rows.rowCount;
      maxBatch = Math.max(maxBatch, ev.rows.rowCount);
      for (const id of ev.rows.column('id')) idSum += id as number;
    }
    expect(rows).toBe(5000);
    expect(maxBatch).toBeLessThanOrEqual(1000);
    expect(idSum).toBe((5000 * 5001) / 2);
  });

  for (const encoding of ['tabledata', 'binary2'] as const) {
    it(`TAP upload of a table written as ${encoding}`, async () => {
      const upload = writeVOTable(
        {
          name: 'mine',
          columns: [
            { name: 'tag', datatype: 'unicodeChar', arraysize: '*' },
            { name: 'ra', unit: 'deg' },
            { name: 'dec', unit: 'deg' },
            { name: 'w', datatype: 'short' },
          ],
          rows: [
            ['a & <b>', 150.1, 2.2, 1],
            ['ü', 149.9, 1.8, null],
            ['c', 10, -5, 3],
          ],
        },
        { encoding },
      );
      const form = new FormData();
      form.set('REQUEST', 'doQuery');
      form.set('LANG', 'ADQL');
      form.set('QUERY', 'SELECT tag, ra, dec, w FROM TAP_UPLOAD.mine ORDER BY ra');
      form.set('RESPONSEFORMAT', 'votable/td');
      form.set('UPLOAD', 'mine,param:up');
      form.set('up', new Blob([upload], { type: 'application/x-votable+xml' }), 'mine.vot');
      const res = await fetch(`${TAP_URL}/sync`, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
      const doc = await readVOTable(res.body!);
      expect(doc.status, doc.statusMessage).toBe('OK');
      expect(doc.tables[0]!.rows()).toEqual([
        { tag: 'c', ra: 10, dec: -5, w: 3 },
        { tag: 'ü', ra: 149.9, dec: 1.8, w: null },
        { tag: 'a & <b>', ra: 150.1, dec: 2.2, w: 1 },
      ]);
    });
  }
});
