import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ServiceSchema,
  SchemaFileError,
  loadSchema,
  parseSchemaFile,
  parseUdfForm,
  serializeSchemaFile,
  writeSchemaFile,
  type SchemaDocument,
} from '../../src/schema/index.js';
import { decodeCache, encodeCache, readCacheFile, writeCacheFile } from '../../src/schema/cache.js';
import { formatIdentifier, identifierMatches, parseQualifiedName } from '../../src/adql/names.js';

const doc = (): SchemaDocument => ({
  schemas: [{ name: 'public' }, { name: 'zcat' }],
  foreignKeys: [],
  tables: [
    {
      name: 'zcat.main',
      schema: 'zcat',
      columns: [
        { name: 'id', datatype: 'int' },
        { name: 'MagAB', delimited: true, datatype: 'float', unit: 'mag', indexed: true, principal: false },
      ],
    },
    { name: 'rosmaster', schema: 'public', columns: [{ name: 'exposure', datatype: 'int', unit: 's' }] },
    { name: 'dp02.Object', schema: 'dp02', columns: [{ name: 'objectId', datatype: 'long' }] },
    { name: 'other.main', schema: 'other', columns: [{ name: 'x', datatype: 'int' }] },
    { name: '"My Schema"."Odd Table"', columns: [{ name: 'v', datatype: 'int' }] },
  ],
});

describe('identifier rules', () => {
  it('splits stored names with quotes', () => {
    expect(parseQualifiedName('zcat.main')).toEqual([
      { name: 'zcat', delimited: false },
      { name: 'main', delimited: false },
    ]);
    expect(parseQualifiedName('"My Schema"."A ""q"" b"')).toEqual([
      { name: 'My Schema', delimited: true },
      { name: 'A "q" b', delimited: true },
    ]);
  });
  it('matches regular names case-insensitively, delimited names exactly', () => {
    const reg = (name: string) => ({ name, delimited: false });
    const del = (name: string) => ({ name, delimited: true });
    expect(identifierMatches(reg('OBJECTID'), reg('objectId'))).toBe(true);
    expect(identifierMatches(del('objectId'), reg('objectId'))).toBe(true);
    expect(identifierMatches(del('objectid'), reg('objectId'))).toBe(false);
    expect(identifierMatches(reg('magab'), del('MagAB'))).toBe(false);
    expect(identifierMatches(reg('row'), del('row'))).toBe(true);
    expect(identifierMatches(del('MagAB'), del('MagAB'))).toBe(true);
  });
  it('quotes names that are not regular identifiers or are reserved', () => {
    expect(formatIdentifier({ name: 'ra', delimited: false })).toBe('ra');
    expect(formatIdentifier({ name: 'size', delimited: false })).toBe('"size"');
    expect(formatIdentifier({ name: '__row', delimited: false })).toBe('"__row"');
    expect(formatIdentifier({ name: 'Dec', delimited: true })).toBe('"Dec"');
  });
});

describe('ServiceSchema lookups', () => {
  const s = new ServiceSchema(doc());
  const parts = (...names: string[]) => names.map((n) => ({ name: n, delimited: false }));
  it('finds qualified tables case-insensitively and unqualified tables stored unqualified', () => {
    expect(s.lookupTable(parts('ZCAT', 'Main'))).toMatchObject({ status: 'found', table: { meta: { name: 'zcat.main' } } });
    expect(s.lookupTable(parts('rosmaster'))).toMatchObject({ status: 'found' });
    expect(s.lookupTable(parts('public', 'rosmaster'))).toMatchObject({ status: 'found' }); // schema from schema_name
    expect(s.lookupTable(parts('dp02', 'object'))).toMatchObject({ status: 'found' });
    expect(
      s.lookupTable([
        { name: 'My Schema', delimited: true },
        { name: 'Odd Table', delimited: true },
      ]),
    ).toMatchObject({ status: 'found' });
  });
  it('says when a table must be qualified, and which', () => {
    const r = s.lookupTable(parts('main'));
    expect(r.status).toBe('unqualified');
    expect(r.status === 'unqualified' && r.candidates.map((c) => c.meta.name)).toEqual(['zcat.main', 'other.main']);
    expect(s.lookupTable(parts('zcat', 'nope')).status).toBe('not-found');
  });
  it('declared and undeclared uploads', () => {
    s.declareUpload('mine', [{ name: 'ra', datatype: 'double' }]);
    expect(s.lookupTable(parts('TAP_UPLOAD', 'MINE'))).toMatchObject({ status: 'found', table: { upload: true } });
    expect(s.lookupTable(parts('tap_upload', 'theirs'))).toEqual({ status: 'undeclared-upload', name: 'theirs' });
  });
  it('finds delimited columns only with the right case', () => {
    const t = s.lookupTable(parts('zcat', 'main'));
    if (t.status !== 'found') throw new Error('zcat.main not found');
    expect(s.findColumns(t.table, { name: 'MagAB', delimited: true }).length).toBe(1);
    expect(s.findColumns(t.table, { name: 'magab', delimited: false }).length).toBe(0);
    expect(s.findColumns(t.table, { name: 'ID', delimited: false }).length).toBe(1);
  });
  it('loads lazy columns through the async source, once, in one batch', async () => {
    const calls: string[][] = [];
    const lazy = new ServiceSchema(
      { schemas: [], foreignKeys: [], tables: [{ name: 's.a' }, { name: 's.b' }] },
      {
        fetchColumns: async (ts) => (
          calls.push(ts.map((t) => t.name)),
          new Map(ts.map((t) => [t.name, [{ name: `${t.name}_col`, datatype: 'int' }]]))
        ),
      },
    );
    const a = lazy.lookupTable(parts('s', 'a'));
    if (a.status !== 'found') throw new Error('s.a not found');
    expect(lazy.hasColumns(a.table)).toBe(false);
    await lazy.loadColumns([a.table]);
    await lazy.loadColumns([a.table]);
    expect(calls).toEqual([['s.a']]);
    expect(lazy.columns(a.table)).toEqual([{ name: 's.a_col', datatype: 'int' }]);
  });
});

describe('JSON schema file', () => {
  it('round-trips and stays hand-editable', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'adqlkit-schema-'));
    const file = path.join(dir, 's.json');
    await writeSchemaFile(file, { ...doc(), capabilities: { adqlVersions: ['2.1'], features: {}, udfs: [], uploadMethods: [] } });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"format": "adqlkit-schema"');
    const back = await loadSchema(file);
    expect(back.tables.map((t) => t.name)).toEqual(doc().tables.map((t) => t.name));
    expect(back.capabilities?.adqlVersions).toEqual(['2.1']);
    // minimal hand-written file: only names required, UDFs as plain signatures, uploads
    writeFileSync(
      file,
      JSON.stringify({
        tables: [{ name: 'my.t', columns: [{ name: 'x' }, { name: 'y', datatype: 'double', unit: 'deg' }] }],
        uploads: [{ name: 'up', columns: [{ name: 'ra', datatype: 'double' }] }],
        capabilities: { udfs: ['my_udf(a DOUBLE, b TEXT) -> INTEGER'] },
      }),
    );
    const hand = await loadSchema(file);
    expect(hand.capabilities?.udfs[0]).toMatchObject({
      name: 'my_udf',
      params: [
        { name: 'a', type: 'DOUBLE' },
        { name: 'b', type: 'TEXT' },
      ],
      returns: 'INTEGER',
    });
    expect(hand.uploadTables.map((u) => u.name)).toEqual(['up']);
    expect(hand.schemas).toEqual([{ name: 'my' }]);
  });

  it('errors name the file and the JSON path', () => {
    expect(() => parseSchemaFile('{', 'x.json')).toThrow(/x\.json: not valid JSON/);
    expect(() => parseSchemaFile('{"tables": [{"name": "a", "columns": [{"datatype": "int"}]}]}', 'x.json')).toThrow(
      /x\.json: at tables\[0\]\.columns\[0\]: expected an object with a non-empty string "name"/,
    );
    expect(() => parseSchemaFile('{"tables": [], "capabilities": {"udfs": ["nonsense"]}}', 'x.json')).toThrow(SchemaFileError);
    expect(() => parseSchemaFile('{"format": "other", "tables": []}')).toThrow(/expected "adqlkit-schema"/);
  });

  it('a missing file is a clear error', async () => {
    await expect(loadSchema('/nonexistent/schema.json')).rejects.toThrow(/\/nonexistent\/schema\.json: cannot read the schema file/);
  });

  it('serialize then parse keeps everything', () => {
    const again = JSON.parse(serializeSchemaFile(parseSchemaFile(serializeSchemaFile(doc()))));
    delete again.source;
    expect(again).toEqual(JSON.parse(serializeSchemaFile(doc())));
  });
});

describe('cache format', () => {
  it('encodes tables and decodes columns only on demand, losslessly', () => {
    const d = doc();
    d.capabilities = { adqlVersions: ['2.0', '2.1'], features: { x: ['Y'] }, udfs: [], uploadMethods: [] };
    d.tables.push({ name: 'lazy.notloaded' });
    const decoded = decodeCache(encodeCache(d));
    expect(decoded.doc.capabilities).toEqual(d.capabilities);
    expect(decoded.doc.tables.every((t) => t.columns === undefined)).toBe(true);
    for (const [i, t] of decoded.doc.tables.entries()) expect(decoded.columns(t)).toEqual(d.tables[i]!.columns);
    const schema = new ServiceSchema(decoded.doc, { syncColumns: decoded.columns });
    expect(schema.columns(schema.tables[0]!)).toEqual(d.tables[0]!.columns);
  });

  it('keeps the decodedTables most recently used tables decoded, and decodes others again', () => {
    const d = doc();
    const decoded = decodeCache(encodeCache(d));
    const calls: string[] = [];
    const schema = new ServiceSchema(decoded.doc, {
      decodedTables: 1,
      syncColumns: (t) => (calls.push(t.name), decoded.columns(t)),
    });
    const [first, second] = schema.tables;
    const pinned = schema.tableColumns(first!)!;
    expect(schema.tableColumns(first!)).toBe(pinned); // still decoded: no second read
    schema.tableColumns(second!); // evicts the first
    expect(schema.tableColumns(first!)).not.toBe(pinned);
    expect(calls).toEqual([first!.name, second!.name, first!.name]);
    // what a query held on to stays usable after eviction
    const name = d.tables[0]!.columns![0]!.name;
    expect(pinned.find({ name, delimited: false }).map((e) => e.meta.name)).toEqual([name]);
  });

  it('honours the TTL and rejects foreign files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'adqlkit-cache-'));
    const file = path.join(dir, 'c.cache');
    await writeCacheFile(file, doc());
    expect(await readCacheFile(file, 60_000)).toBeDefined();
    const old = new Date(Date.now() - 3600_000);
    utimesSync(file, old, old);
    expect(await readCacheFile(file, 60_000)).toBeUndefined();
    expect(() => decodeCache(Buffer.from('{"format":"nope"}\n'), 'bad.cache')).toThrow(/bad\.cache: not an adqlkit schema cache/);
  });
});

describe('TAPRegExt UDF forms', () => {
  it('reads DaCHS forms, including the one with a missing comma', () => {
    expect(parseUdfForm('gavo_specconv(expr NUMERIC, expr_unit TEXT dest_unit TEXT) -> NUMERIC')!.params.map((p) => p.name)).toEqual([
      'expr',
      'expr_unit',
      'dest_unit',
    ]);
    expect(parseUdfForm('ivo_healpix_index(order INTEGER, ra DOUBLE PRECISION, dec DOUBLE PRECISION) -> BIGINT')!.params[1]).toEqual({
      name: 'ra',
      type: 'DOUBLE PRECISION',
    });
    expect(parseUdfForm('ivo_histogram(val REAL, lower REAL, upper REAL, nbins INTEGER) -> INTEGER[]')!.returns).toBe('INTEGER[]');
    expect(parseUdfForm('not a signature')).toBeUndefined();
  });
});
