/**
 * Code generation from a recorded schema file (fixtures/codegen/zcat-schema.json, written from the
 * test service with loadSchema) and from synthetic metadata: types, doc comments, names, UDFs,
 * filters, and the --check exit codes.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { columnType, generateSchemaTypes, renderSchemaTypes } from '../../src/codegen/index.js';
import { adql } from '../cli/support/in-process.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaFile = path.join(repo, 'fixtures/codegen/zcat-schema.json');

describe('generateSchemaTypes from a schema file', () => {
  test('one documented interface per table, Tables keyed by TAP_SCHEMA names, UDFs, Database', async () => {
    const text = await generateSchemaTypes(schemaFile, { importFrom: 'adqlkit' });
    expect(text).toContain('// Nullability: no flags published: every column may be NULL.');
    expect(text).toMatch(/export interface ZcatMain \{/);
    expect(text).toContain("  'zcat.main': ZcatMain;");
    expect(text).toContain("  'zcat.truth_match': ZcatTruthMatch;");
    // doc comments with description, unit and UCD
    expect(text).toContain(
      '   * Right ascension, ICRS, epoch J2000.\n   *\n   * unit `deg` · UCD `pos.eq.ra;meta.main` · type `double` · indexed\n   */\n  ra: number | null;',
    );
    // delimited columns keep their quotes as keys
    expect(text).toContain(`  '"MagAB"': number | null;`);
    expect(text).toContain('  obs_date: Date | null;');
    expect(text).toContain('  gavo_ipix(long: number, lat: number): bigint;');
    expect(text).toContain('  gavo_simbadpoint(identifier: string): SkyPoint;');
    expect(text).toContain("import type { SkyPoint, SkyRegion } from 'adqlkit';");
    expect(text).toMatch(/export interface Database \{\n {2}tables: Tables;\n {2}functions: Functions;\n\}\n$/);
    // deterministic
    expect(await generateSchemaTypes(schemaFile, { importFrom: 'adqlkit' })).toBe(text);
  });

  test('schema and table filters; a filter matching nothing is an error that says what exists', async () => {
    const only = await generateSchemaTypes(schemaFile, { tables: ['zcat.truth*'] });
    expect(only).toContain("'zcat.truth_match': ZcatTruthMatch;");
    expect(only).not.toContain('ZcatMain');
    await expect(generateSchemaTypes(schemaFile, { schemas: ['nope'] })).rejects.toThrow(
      /no tables of .* match --schema nope \(it has 3 tables\)/,
    );
    await expect(generateSchemaTypes(path.join(repo, 'fixtures/codegen/missing.json'))).rejects.toThrow(/cannot read schema file/);
  });
});

describe('types and names', () => {
  test('VOTable datatypes, arrays, xtypes and TAP 1.0 types', () => {
    const t = (datatype: string, arraysize?: string, xtype?: string) =>
      columnType({ datatype, ...(arraysize ? { arraysize } : {}), ...(xtype ? { xtype } : {}) }).text;
    expect(t('double')).toBe('number');
    expect(t('long')).toBe('bigint');
    expect(t('long', '*')).toBe('BigInt64Array');
    expect(t('float', '3')).toBe('Float32Array');
    expect(t('short', '2x3')).toBe('Int16Array');
    expect(t('unsignedByte', '*')).toBe('Uint8Array');
    expect(t('char', '*')).toBe('string');
    expect(t('char', '8x*')).toBe('string[]');
    expect(t('unicodeChar', '*')).toBe('string');
    expect(t('boolean')).toBe('boolean');
    expect(t('boolean', '*')).toBe('Array<boolean | null>');
    expect(t('doubleComplex')).toBe('[number, number]');
    expect(t('char', '*', 'timestamp')).toBe('Date');
    expect(t('double', '2', 'point')).toBe('SkyPoint');
    expect(t('double', '3', 'circle')).toBe('SkyCircle');
    expect(t('double', '*', 'polygon')).toBe('SkyPolygon');
    expect(t('double', '2', 'interval')).toBe("{ type: 'interval'; lower: number; upper: number }");
    expect(t('adql:INTEGER')).toBe('number');
    expect(t('BIGINT')).toBe('bigint');
    expect(t('VARCHAR')).toBe('string');
    expect(t('adql:TIMESTAMP')).toBe('Date');
    expect(t('adql:REGION')).toBe('SkyRegion');
    expect(t('mystery')).toBe('unknown');
  });

  test('odd names, name clashes, comment terminators and NOT NULL sets', () => {
    const text = renderSchemaTypes(
      [
        { meta: { name: 'a.b_c' }, columns: [{ name: 'x', datatype: 'int' }] },
        { meta: { name: 'a.b.c' }, columns: [{ name: 'x', datatype: 'int' }] },
        {
          meta: { name: '2mass.psc' },
          columns: [{ name: 'weird name', delimited: true, datatype: 'double', description: 'ends */ here' }],
        },
        {
          meta: { name: 'tables' },
          columns: [
            { name: 'k', datatype: 'long' },
            { name: 'v', datatype: 'char', arraysize: '*' },
          ],
          notNull: new Set(['k']),
        },
      ],
      [
        {
          name: 'f',
          params: [
            { name: 'x', type: 'DOUBLE PRECISION' },
            { name: 'x', type: 'POINT' },
          ],
          returns: 'INTEGER[]',
          form: 'f(x DOUBLE PRECISION, x POINT) -> INTEGER[]',
        },
      ],
    );
    expect(text).toContain('export interface ABC {');
    expect(text).toContain('export interface ABC2 {');
    expect(text).toContain('export interface T2massPsc {');
    expect(text).toContain(`  '"weird name"': number | null;`);
    expect(text).toContain('ends *\\/ here');
    expect(text).not.toMatch(/ends \*\/ here/);
    expect(text).toContain('export interface Tables2 {');
    expect(text).toContain('  tables: Tables2;');
    expect(text).toContain('  k: bigint;\n');
    expect(text).toContain('  v: string | null;\n');
    expect(text).toContain('  f(x: number, x_2: SkyPoint): Array<number>;');
  });
});

describe('adql codegen (flags parsed once, by the CLI)', () => {
  const codegen = (args: string[]) => adql(['codegen', ...args]);

  test('writes, then --check says up to date (0) or out of date (1) with the first difference', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'adqlkit-codegen-'));
    const out = path.join(dir, 'db.ts');
    const args = ['--schema-file', schemaFile, '--schema', 'zcat', '--out', out];
    let run = await codegen(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`wrote ${out}\n`);
    const written = await readFile(out, 'utf8');
    expect(written).toContain(`Regenerate with \`adql codegen --schema-file ${schemaFile} --schema zcat\` --out FILE`);

    run = await codegen([...args, '--check']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('is up to date');

    await writeFile(out, written.replace('  bmag: number | null;', '  bmag: number;'));
    run = await codegen([...args, '--check']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is out of date \(first difference at line \d+\):\n/);
    expect(run.stderr).toContain('  file:        bmag: number;\n  generated:   bmag: number | null;\nregenerate with `adql codegen');

    run = await codegen(['--schema-file', schemaFile, '--out', path.join(dir, 'none.ts'), '--check']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot be read \(ENOENT\); generate it with/);
  });

  test('stdout, comma lists, usage errors and unreadable sources (2)', async () => {
    let run = await codegen(['--schema-file', schemaFile, '--table', 'zcat.main']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('export interface ZcatMain {');
    expect(run.stdout).not.toContain('export interface ZcatTruthMatch {');
    run = await codegen(['--schema-file', schemaFile, '--table', 'zcat.main, zcat.truth_match']);
    expect(run.stdout).toContain('export interface ZcatTruthMatch {');
    run = await codegen([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no service or schema file given');
    run = await codegen(['--schema-file', schemaFile, '--check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--check needs --out FILE');
    run = await codegen(['--schema-file', schemaFile, '--bogus']);
    expect(run.code).toBe(2);
    run = await codegen(['--schema-file', schemaFile, '--nullable', 'some']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--nullable takes auto or all, not some');
    run = await codegen(['--service', 'http://127.0.0.1:9/tap']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/adql codegen: error: cannot read the schema of http:\/\/127\.0\.0\.1:9\/tap/);
    run = await codegen(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('codegen [--service URL|ALIAS | --schema-file FILE]');
  });
});
