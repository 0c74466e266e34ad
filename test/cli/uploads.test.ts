/**
 * `adql query --upload NAME=FILE` (issue 22: a CSV upload failed on the server with an unclear
 * syntax error): CSV, TSV, Parquet and JSON files are converted to VOTable locally with their column
 * types inferred and reported; a VOTable file is checked before anything is sent.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readVOTable } from '../../src/votable/index.js';
import { FaultServer } from '../tap/support/fault-server.js';
import { serveFixture } from '../scs/support/dachs-fixtures.js';
import { TAP_URL, describeLive } from '../support/dachs.js';
import { adql } from './support/in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'adql-uploads-'));
function file(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}
const QUERY = 'SELECT t.name, m.id FROM zcat.main AS m, TAP_UPLOAD.targets AS t WHERE m.id = t.id';

/** The VOTable part of the multipart body the service received. */
async function uploadedTable(body: string) {
  const xml = /<\?xml[\s\S]*?<\/VOTABLE>|<VOTABLE[\s\S]*?<\/VOTABLE>/.exec(body)?.[0];
  expect(xml, 'a VOTable in the request').toBeDefined();
  return (await readVOTable(xml!)).tables[0]!;
}

describe('--upload NAME=FILE (recorded service)', () => {
  const server = new FaultServer();
  beforeAll(async () => {
    await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.reset();
    serveFixture(server, 'POST /tap/sync', 'sync-cone-contains-td.vot');
  });
  const query = (upload: string) => adql(['query', '-s', `${server.url}/tap`, '--no-validate', '--upload', upload, QUERY]);

  it('converts a CSV file to VOTable with inferred types, and says so', async () => {
    const csv = file('targets.csv', 'id,name,ra,dec\n2,field A,150.5,2.25\n5,"field, B",151,-3\n');
    const r = await query(`targets=${csv}`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`upload targets: ${csv} (CSV, converted to VOTable), 2 rows: id long, name char, ra double, dec double\n`);
    const table = await uploadedTable(server.hits('/tap/sync')[0]!.body);
    expect(table.columns.map((c) => `${c.name}:${c.datatype}`)).toEqual(['id:long', 'name:char', 'ra:double', 'dec:double']);
    expect(table.rows()[1]).toEqual({ id: 5n, name: 'field, B', ra: 151, dec: -3 });
  });

  it('converts JSON and Parquet files the same way', async () => {
    const json = file(
      'targets.json',
      JSON.stringify([
        { id: 2, name: 'a' },
        { id: 5, name: 'b' },
      ]),
    );
    const r = await query(`targets=${json}`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^upload targets: .*targets\.json \(JSON, converted to VOTable\), 2 rows: id long, name char\n$/);

    const parquet = path.join(dir, 'targets.parquet');
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(`COPY (SELECT 7 AS id, 'c' AS name, 1.5::DOUBLE AS ra) TO '${parquet}' (FORMAT parquet)`);
    duck.closeSync();
    server.requests.length = 0;
    const p = await query(`targets=${parquet}`);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stderr).toMatch(/\(PARQUET, converted to VOTable\), 1 row: id int, name char, ra double\n$/);
    expect((await uploadedTable(server.hits('/tap/sync')[0]!.body)).rows()).toEqual([{ id: 7, name: 'c', ra: 1.5 }]);
  });

  it('checks a VOTable file locally and sends nothing when it is broken', async () => {
    const good = file(
      'good.vot',
      '<VOTABLE version="1.4"><RESOURCE><TABLE><FIELD name="id" datatype="int"/><DATA><TABLEDATA><TR><TD>2</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>',
    );
    const ok = await query(`targets=${good}`);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toBe(`upload targets: ${good} (VOTable), 1 row: id int\n`);
    server.requests.length = 0;
    const broken = file('broken.vot', '<VOTABLE><RESOURCE><TABLE><FIELD name="id" datatype="int"/><DATA><TABLEDATA><TR><TD>2</TD>');
    const bad = await query(`targets=${broken}`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      new RegExp(`^adql query: error: upload targets: ${broken.replace(/[.\\/]/g, '\\$&')} is not a readable VOTable \\(`),
    );
    expect(server.requests).toEqual([]);
  });

  it('refuses a file of unknown format and an unreadable CSV before sending', async () => {
    const r = await query(`targets=${file('targets.txt', 'x')}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('upload targets: cannot tell the format of');
    expect(r.stderr).toContain('give a VOTable (.vot, .xml), CSV, TSV, Parquet, Arrow or JSON file, or an http(s) URL');
    const missing = await query(`targets=${path.join(dir, 'nope.csv')}`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/upload targets: cannot read .*nope\.csv as CSV/);
    expect(server.requests).toEqual([]);
  });
});

describeLive('--upload a CSV file to DaCHS', () => {
  it('cross-matches the converted table (the server used to answer with a syntax error)', async () => {
    const csv = file('mine.csv', 'myid,label\n2,two\n5,five\n');
    const r = await adql([
      'query',
      '-s',
      TAP_URL,
      '--upload',
      `mine=${csv}`,
      'SELECT u.myid, u.label, m.ra FROM TAP_UPLOAD.mine AS u JOIN zcat.main AS m ON m.id = u.myid ORDER BY u.myid',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('upload mine: ');
    expect(
      r.stdout
        .trim()
        .split('\r\n')
        .map((l) => l.split(',').slice(0, 2).join(',')),
    ).toEqual(['myid,label', '2,two', '5,five']);
  });
});
