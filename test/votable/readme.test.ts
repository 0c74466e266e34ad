/** The README "VOTable" section's examples, run as written (live parts against DaCHS). */
import { expect, it, describe } from 'vitest';
import { readVOTable, streamVOTable, VOTableError, writeVOTable } from '../../src/votable/index.js';
import { describeLive, TAP_URL } from '../support/dachs.js';

const query = () =>
  fetch(`${TAP_URL}/sync`, {
    method: 'POST',
    body: new URLSearchParams({
      REQUEST: 'doQuery',
      LANG: 'ADQL',
      RESPONSEFORMAT: 'votable/b2',
      QUERY: 'SELECT TOP 5 id, name, ra, dec, obs_date FROM zcat.main ORDER BY id',
    }),
  });

describeLive('README VOTable examples (live)', () => {
  it('reading a TAP result', async () => {
    const res = await query();
    const doc = await readVOTable(res.body!);
    if (doc.status === 'ERROR') throw new Error(doc.statusMessage);
    expect(doc.overflow).toBe(false);
    const table = doc.tables[0]!;
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'name', 'ra', 'dec', 'obs_date']);
    const rows = [...table];
    expect(rows).toHaveLength(5);
    expect(rows[0]!.obs_date).toBeInstanceOf(Date);
    const ra = table.column('ra');
    expect(ra.values instanceof Float64Array).toBe(true);
    expect(ra.isNull(0)).toBe(false);
    expect(table.rows()[0]!.id).toBe(table.rowArrays()[0]![0]);
    expect(JSON.parse(JSON.stringify(table)).rows).toHaveLength(5);
    expect(table.toCSV().split('\r\n')[0]).toBe('id,name,ra,dec,obs_date');
  });

  it('streaming', async () => {
    const res = await query();
    let n = 0,
      sum = 0;
    let columns: string[] = [];
    let status: string | undefined;
    for await (const ev of streamVOTable(res.body!, { batchSize: 10_000 })) {
      if (ev.type === 'table') columns = ev.table.columns.map((c) => c.name);
      else if (ev.type === 'rows') {
        n += ev.rows.rowCount;
        for (const { values, nulls, length } of ev.rows.column('ra').chunks())
          for (let i = 0; i < length; i++) if (!nulls?.[i]) sum += (values as Float64Array)[i]!;
      } else status = ev.document.status;
    }
    expect(columns).toContain('ra');
    expect(n).toBe(5);
    expect(sum).toBeGreaterThan(0);
    expect(status).toBe('OK');
  });
});

describe('README VOTable examples (offline)', () => {
  it('writing', async () => {
    const xml = writeVOTable(
      {
        name: 'targets',
        columns: [
          { name: 'id', datatype: 'long' },
          { name: 'ra', unit: 'deg', ucd: 'pos.eq.ra' },
          { name: 'dec', unit: 'deg', ucd: 'pos.eq.dec' },
          'label',
        ],
        rows: [
          { id: 1n, ra: 150.1, dec: 2.2, label: 'M <1> & co' },
          { id: 2n, ra: 149.9, dec: 1.8, label: null },
        ],
      },
      { encoding: 'binary2' },
    );
    const t = (await readVOTable(xml)).tables[0]!;
    expect(t.columns.map((c) => c.datatype)).toEqual(['long', 'double', 'double', 'char']);
    expect(t.rows()).toEqual([
      { id: 1n, ra: 150.1, dec: 2.2, label: 'M <1> & co' },
      { id: 2n, ra: 149.9, dec: 1.8, label: null },
    ]);
  });

  it('errors', async () => {
    let caught: unknown;
    try {
      await readVOTable(
        '<VOTABLE><RESOURCE><TABLE><FIELD name="x" datatype="int"/><DATA><TABLEDATA><TR><TD>x1</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>',
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(VOTableError);
    const e = caught as VOTableError;
    expect([e.code, e.row, e.column, e.byteOffset]).toEqual(['bad-value', 0, 'x', 83]);
    expect(e.message).toBe('"x1" is not an integer (at table 0, row 0, column "x" (#0), byte offset 83)');
  });
});
