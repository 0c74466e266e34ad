/** Document structure: versions 1.1-1.5, namespaces, nested resources, metadata elements, status. */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readVOTable, readVOTableFile, streamVOTable, votableParamValue, VOTableUnsupportedError } from '../../src/votable/index.js';
import { ownFixtures, plain, readFixture } from './helpers.js';

describe('document structure', () => {
  it('VOTable 1.5: nested RESOURCEs, several TABLEs, all metadata elements', async () => {
    const doc = await readVOTable(readFixture('structure-1.5.vot'));
    expect(doc.version).toBe('1.5');
    expect(doc.description).toBe('Structure test document');
    expect(doc.coosys).toEqual([{ ID: 'icrs', system: 'ICRS', epoch: 'J2000' }]);
    expect(doc.timesys).toEqual([{ ID: 'ts1', timeorigin: 'MJD-origin', timescale: 'TCB', refposition: 'BARYCENTER' }]);
    expect(doc.params.map((p) => [p.name, p.value])).toEqual([['release', 'DR3']]);
    expect(doc.tables.map((t) => [t.name, t.rowCount])).toEqual([
      ['first', 2],
      ['second', 1],
      ['empty-metadata-only', 0],
    ]);
    const outer = doc.resources[0]!;
    expect(outer).toMatchObject({ name: 'outer', ID: 'res1', type: 'results', utype: 'x:outer', description: 'outer resource' });
    expect(outer.links).toEqual([{ contentRole: 'doc', href: 'http://example.org/doc', title: 'documentation' }]);
    expect(outer.params[0]).toMatchObject({ name: 'maxrec', datatype: 'int', value: '3', ucd: 'meta.number' });
    expect(outer.tables.map((t) => t.name)).toEqual(['first']);
    expect(outer.resources[0]!.tables.map((t) => t.name)).toEqual(['second', 'empty-metadata-only']);
    expect(outer.resources[0]!.tables[0]).toBe(doc.tables[1]);
    const t = doc.tables[0]!;
    expect(t).toMatchObject({ ID: 't1', nrows: 2, ucd: 'meta.table', utype: 'x:t', description: 'first table' });
    expect(t.infos.map((i) => i.name)).toEqual(['table-info', 'table-trailer']);
    expect(t.params[0]).toMatchObject({ name: 'epoch', ID: 'epoch', datatype: 'double', value: '2016.0', unit: 'yr' });
    const g = t.groups[0]!;
    expect(g).toMatchObject({ name: 'position', ID: 'g1', ucd: 'pos', utype: 'stc:Pos', description: 'a position' });
    expect(g.fieldRefs).toEqual([{ ref: 'ra', ucd: 'pos.eq.ra' }, { ref: 'de' }]);
    expect(g.paramRefs).toEqual([{ ref: 'epoch' }]);
    expect(g.params[0]).toMatchObject({ name: 'frame', value: 'ICRS' });
    expect(g.groups[0]!.fieldRefs).toEqual([{ ref: 'id' }]);
    const id = t.columns[0]!;
    expect(id).toMatchObject({ name: 'id', ID: 'id', ucd: 'meta.id;meta.main', utype: 'x:id', width: 5, description: 'identifier' });
    expect(id.values).toEqual({
      null: '-1',
      type: 'actual',
      min: { value: '0', inclusive: true },
      max: { value: '1000', inclusive: false },
      options: [],
    });
    expect(id.links).toEqual([{ href: 'http://example.org/id/${id}', contentRole: 'doc' }]);
    expect(t.columns[1]).toMatchObject({ ref: 'icrs', precision: '6', unit: 'deg' });
    expect(t.columns[3]!.values!.options).toEqual([
      { name: 'star', value: 'S', options: [] },
      { name: 'galaxy', value: 'G', options: [{ value: 'G1', options: [] }] },
    ]);
    // Data: VALUES null, CDATA, whitespace around numbers, comments between rows.
    expect(t.rows()).toEqual([
      { id: 1, ra: 10.5, de: -5.25, kind: 'S' },
      { id: null, ra: 11.5, de: -6, kind: '<G&>' },
    ]);
  });

  it('PARAM values typed with votableParamValue', async () => {
    const doc = await readVOTable(readFixture('structure-1.5.vot'));
    expect(votableParamValue(doc.params[0]!)).toBe('DR3');
    expect(votableParamValue(doc.resources[0]!.params[0]!)).toBe(3);
    expect(votableParamValue(doc.tables[0]!.params[0]!)).toBe(2016);
    const text =
      '<VOTABLE><RESOURCE><PARAM name="p" datatype="double" arraysize="2" xtype="point" value="10 20"/><PARAM name="l" datatype="long" value="9007199254740993"/><PARAM name="bad" datatype="int" value="x"/></RESOURCE></VOTABLE>';
    const [p, l, bad] = (await readVOTable(text)).resources[0]!.params;
    expect(votableParamValue(p!)).toEqual({ type: 'point', lon: 10, lat: 20 });
    expect(votableParamValue(p!, { xtypes: 'raw' })).toEqual(new Float64Array([10, 20]));
    expect(votableParamValue(l!)).toBe(9007199254740993n);
    expect(() => votableParamValue(bad!)).toThrow(/PARAM "bad": "x" is not an integer/);
  });

  it('every INFO in document order; the last QUERY_STATUS wins', async () => {
    const doc = await readVOTable(readFixture('structure-1.5.vot'));
    expect(doc.infos.map((i) => i.name)).toEqual([
      'root-info',
      'QUERY_STATUS',
      'table-info',
      'table-trailer',
      'inner-info',
      'QUERY_STATUS',
    ]);
    expect(doc.queryStatus.map((i) => i.value)).toEqual(['OK', 'OVERFLOW']);
    expect(doc.status).toBe('OVERFLOW');
    expect(doc.statusMessage).toBe('truncated at MAXREC');
    expect(doc.overflow).toBe(true);
  });

  it('namespace prefixes (vot:) and VOTable 1.2', async () => {
    const doc = await readVOTable(readFixture('prefixed-1.2.vot'));
    expect(doc.version).toBe('1.2');
    expect(doc.status).toBe('OK');
    expect(doc.tables[0]!.rows()).toEqual([
      { a: 1, s: 'one & only' },
      { a: 2, s: null },
    ]);
  });

  it('VOTable 1.1 DEFINITIONS and BINARY', async () => {
    const doc = await readVOTable(readFixture('definitions-1.1.vot'));
    expect(doc.coosys[0]).toMatchObject({ ID: 'J2000', system: 'eq_FK5' });
    expect(doc.params[0]).toMatchObject({ name: 'survey', value: 'old' });
    expect(doc.status).toBeUndefined();
    expect(doc.overflow).toBe(false);
    expect(doc.tables[0]!.rows()).toEqual([
      { ra: 100, flag: true },
      { ra: 0.5, flag: null },
    ]);
  });

  it('no namespace, no XML declaration, a leading stylesheet PI (DaCHS errors)', async () => {
    const doc = await readVOTable(readFixture('no-namespace-error.vot'));
    expect(doc.status).toBe('ERROR');
    expect(doc.statusMessage).toBe('Field query: syntax error at <here>');
    expect(doc.tables).toHaveLength(0);
  });

  it('UTF-8 BOM and gzip-compressed input', async () => {
    const text = readFixture('prefixed-1.2.vot');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect((await readVOTable(bom)).tables[0]!.rowCount).toBe(2);
    const { gzipSync } = await import('node:zlib');
    expect((await readVOTable(gzipSync(Buffer.from(text)))).tables[0]!.rowCount).toBe(2);
  });

  it('ISO-8859-1 documents; UTF-16 and other encodings are refused clearly', async () => {
    const latin = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><VOTABLE><RESOURCE><TABLE><DESCRIPTION>caf\u00e9</DESCRIPTION><FIELD name="s" datatype="char" arraysize="*"/><DATA><TABLEDATA><TR><TD>M\u00fcnchen</TD></TR><TR><TD><![CDATA[\u00e9]]></TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>',
      'latin1',
    );
    const doc = await readVOTable(latin);
    expect(doc.tables[0]!.description).toBe('caf\u00e9');
    expect(doc.tables[0]!.column('s').toArray()).toEqual(['M\u00fcnchen', '\u00e9']);
    await expect(readVOTable(Buffer.from('\ufeff<VOTABLE/>', 'utf16le'))).rejects.toMatchObject({
      code: 'input',
      message: expect.stringMatching(/UTF-16/),
    });
    await expect(readVOTable('<?xml version="1.0" encoding="Shift_JIS"?><VOTABLE/>')).rejects.toMatchObject({
      code: 'input',
      message: expect.stringMatching(/"shift_jis" is not supported/),
    });
  });

  it('local files: readVOTableFile and { file } inputs, with a clear error for a missing file', async () => {
    const doc = await readVOTableFile(path.join(ownFixtures, 'types-binary2.vot'));
    expect(doc.tables[0]!.rowCount).toBe(4);
    let rows = 0;
    for await (const ev of streamVOTable({ file: path.join(ownFixtures, 'types-tabledata.vot') }, { batchSize: 3 }))
      if (ev.type === 'rows') rows += ev.rows.rowCount;
    expect(rows).toBe(4);
    await expect(readVOTableFile('/nonexistent/x.vot')).rejects.toMatchObject({
      code: 'input',
      message: expect.stringMatching(/cannot open \/nonexistent\/x.vot/),
    });
  });

  it('duplicate column names get unique row keys', async () => {
    const t = (
      await readVOTable(
        '<VOTABLE><RESOURCE><TABLE><FIELD name="a" datatype="int"/><FIELD name="a" datatype="int"/><DATA><TABLEDATA><TR><TD>1</TD><TD>2</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>',
      )
    ).tables[0]!;
    expect(t.keys).toEqual(['a', 'a_1']);
    expect(t.rows()).toEqual([{ a: 1, a_1: 2 }]);
  });

  it('FITS and external streams: a clear "not supported" error naming the encoding', async () => {
    const fits = readVOTable(readFixture('fits.vot'));
    await expect(fits).rejects.toBeInstanceOf(VOTableUnsupportedError);
    await expect(readVOTable(readFixture('fits.vot'))).rejects.toMatchObject({
      code: 'unsupported-encoding',
      encoding: 'FITS',
      message: expect.stringMatching(/FITS serialization .* not supported/),
    });
    await expect(readVOTable(readFixture('href-binary2.vot'))).rejects.toMatchObject({
      code: 'unsupported-encoding',
      encoding: 'BINARY2 href',
      message: expect.stringMatching(/external stream \(href="http:\/\/example.org\/data.bin"\)/),
    });
  });

  it('streaming: metadata first, then batches, then the document with the final status', async () => {
    const events: string[] = [];
    let end: { overflow: boolean; rowCounts: number[] } | undefined;
    for await (const ev of streamVOTable(readFixture('structure-1.5.vot'), { batchSize: 1 })) {
      if (ev.type === 'table') events.push(`table ${ev.tableIndex} ${ev.table.name} [${ev.table.columns.map((c) => c.name).join(',')}]`);
      else if (ev.type === 'rows') events.push(`rows ${ev.tableIndex} @${ev.firstRow} ${JSON.stringify(plain(ev.rows.rowArrays()))}`);
      else end = { overflow: ev.document.overflow, rowCounts: ev.rowCounts };
    }
    expect(events).toEqual([
      'table 0 first [id,ra,de,kind]',
      'rows 0 @0 [[1,10.5,-5.25,"S"]]',
      'rows 0 @1 [[null,11.5,-6,"<G&>"]]',
      'table 1 second [x]',
      'rows 1 @0 [[7]]',
      // A table without DATA is announced too (issue 21), so streaming callers see every table.
      'table 2 empty-metadata-only [y]',
    ]);
    expect(end).toEqual({ overflow: true, rowCounts: [2, 1, 0] });
  });

  it('table API: row arrays, iteration, column access by name/ID/index, toJSON, CSV', async () => {
    const t = (await readVOTable(readFixture('structure-1.5.vot'))).tables[0]!;
    expect(t.rowArrays()).toEqual([
      [1, 10.5, -5.25, 'S'],
      [null, 11.5, -6, '<G&>'],
    ]);
    expect([...t].map((r) => r.id)).toEqual([1, null]);
    expect(t.column('ra').toArray()).toEqual([10.5, 11.5]);
    expect(t.column(2).name).toBe('de');
    expect(t.column('de').get(0)).toBe(-5.25);
    expect(() => t.column('nope')).toThrow(/no column "nope"/);
    expect(JSON.parse(JSON.stringify(t))).toMatchObject({
      name: 'first',
      rows: [
        [1, 10.5, -5.25, 'S'],
        [null, 11.5, -6, '<G&>'],
      ],
    });
    expect(t.toCSV()).toBe('id,ra,de,kind\r\n1,10.5,-5.25,S\r\n,11.5,-6,<G&>\r\n');
    expect(t.toCSV({ header: false, delimiter: ';', newline: '\n' })).toBe('1;10.5;-5.25;S\n;11.5;-6;<G&>\n');
  });
});
