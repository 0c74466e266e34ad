/**
 * column.toArray() reads whole storage chunks in one loop per type; it must give exactly what
 * column.get(i) gives cell by cell: every datatype (arrays, complex, xtypes converted or raw),
 * nulls, strings in ASCII and UTF-8, and tables stored in several chunks.
 */
import { describe, expect, it } from 'vitest';
import { readVOTable, type VOTableTable } from '../../src/votable/index.js';
import { readFixture } from './helpers.js';

function cellByCell(table: VOTableTable): void {
  for (const column of table.columnData) {
    const want = Array.from({ length: column.length }, (_, i) => column.get(i));
    expect(column.toArray(), column.name).toEqual(want);
  }
}

describe('toArray equals get(i) for every cell', () => {
  for (const name of ['types-tabledata.vot', 'types-binary.vot', 'types-binary2.vot', 'array-nulls-binary2.vot', 'long-strings.vot']) {
    for (const xtypes of ['convert', 'raw'] as const) {
      it(`${name}, xtypes ${xtypes}`, async () => {
        const doc = await readVOTable(readFixture(name), { xtypes, invalid: 'null' });
        expect(doc.tables.some((t) => t.rowCount > 0)).toBe(true);
        for (const table of doc.tables) cellByCell(table);
      });
    }
  }

  it('a table stored in several chunks (70,000 rows), with nulls and non-ASCII strings', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 70_000; i++) {
      const cells = [
        i % 7 === 0 ? '' : String(i * 0.25),
        i % 11 === 0 ? '' : String(i % 300),
        i % 13 === 0 ? '' : `${i % 2 ? 'é' : 'e'}${i}`,
        i % 5 === 0 ? '' : String(i / 3),
        i % 3 === 0 ? '' : String(BigInt(i) * 10n ** 12n),
        i % 4 === 0 ? '?' : i % 2 ? 'T' : 'F',
      ];
      rows.push(`<TR>${cells.map((c) => `<TD>${c}</TD>`).join('')}</TR>`);
    }
    const doc = await readVOTable(`<VOTABLE version="1.4"><RESOURCE><TABLE>
<FIELD name="x" datatype="float"/><FIELD name="n" datatype="short"/><FIELD name="s" datatype="char" arraysize="*"/>
<FIELD name="d" datatype="double"/><FIELD name="l" datatype="long"/><FIELD name="b" datatype="boolean"/>
<DATA><TABLEDATA>${rows.join('\n')}</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`);
    const table = doc.tables[0]!;
    expect(table.column('x').storage().chunks.length).toBeGreaterThan(1);
    cellByCell(table);
    expect(table.column('s').toArray()[69_999]).toBe('é69999');
    expect(table.column('n').toArray()[11]).toBeNull();
  });
});
