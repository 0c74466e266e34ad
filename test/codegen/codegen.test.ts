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
import { codegenMain, columnType, generateSchemaTypes, renderSchemaTypes, type CodegenIo } from '../../src/codegen/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaFile = path.join(repo, 'fixtures/codegen/zcat-schema.json');

function captureIo() {
  const out = { stdout: '', stderr: '' };
  const io: CodegenIo = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) };
  return { out, io };
}

describe('generateSchemaTypes from a schema file', () => {
  test('one documented interface per table, Tables keyed by TAP_SCHEMA names, UDFs, Database', async () => {
    const text = await generateSchemaTypes(schemaFile, { importFrom: 'adqlkit' });
    expect(text).toContain('// Nullability: no flags published: every column may be NULL.');
    expect(text).toMatch(/export interface ZcatMain \{/);
    expect(text).toContain("  'zcat.main': ZcatMain;");
    expect(text).toContain("  'zcat.truth_match': ZcatTruthMatch;");
    // doc comments with description, unit and UCD
    expect(text).toContain('   * Right ascension, ICRS, epoch J2000.\n   *\n   * unit `deg` · UCD `pos.eq.ra;meta.main` · type `double` · indexed\n   */\n  ra: number | null;');
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
    await expect(generateSchemaTypes(schemaFile, { schemas: ['nope'] })).rejects.toThrow(/no tables of .* match --schema nope \(it has 3 tables\)/);
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
        { meta: { name: '2mass.psc' }, columns: [{ name: 'weird name', delimited: true, datatype: 'double', description: 'ends */ here' }] },
        { meta: { name: 'tables' }, columns: [{ name: 'k', datatype: 'long' }, { name: 'v', datatype: 'char', arraysize: '*' }], notNull: new Set(['k']) },
      ],
      [{ name: 'f', params: [{ name: 'x', type: 'DOUBLE PRECISION' }, { name: 'x', type: 'POINT' }], returns: 'INTEGER[]', form: 'f(x DOUBLE PRECISION, x POINT) -> INTEGER[]' }],
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

describe('main(argv): the adql codegen command', () => {
  test('writes, then --check says up to date (0) or out of date (1) with the first difference', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'adqlkit-codegen-'));
    const out = path.join(dir, 'db.ts');
    const args = ['--schema-file', schemaFile, '--schema', 'zcat', '--out', out];
    let c = captureIo();
    expect(await codegenMain(args, c.io)).toBe(0);
    expect(c.out.stdout).toBe(`wrote ${out}\n`);
    const written = await readFile(out, 'utf8');
    expect(written).toContain(`Regenerate with \`adql codegen --schema-file ${schemaFile} --schema zcat\` --out FILE`);

    c = captureIo();
    expect(await codegenMain([...args, '--check'], c.io)).toBe(0);
    expect(c.out.stdout).toContain('is up to date');

    await writeFile(out, written.replace('  bmag: number | null;', '  bmag: number;'));
    c = captureIo();
    expect(await codegenMain([...args, '--check'], c.io)).toBe(1);
    expect(c.out.stderr).toMatch(/is out of date \(first difference at line \d+\):\n/);
    expect(c.out.stderr).toContain('  file:        bmag: number;\n  generated:   bmag: number | null;\nregenerate with `adql codegen');

    c = captureIo();
    expect(await codegenMain(['--schema-file', schemaFile, '--out', path.join(dir, 'none.ts'), '--check'], c.io)).toBe(1);
    expect(c.out.stderr).toMatch(/cannot be read \(ENOENT\); generate it with/);
  });

  test('stdout, usage errors (2) and unreadable sources (3)', async () => {
    let c = captureIo();
    expect(await codegenMain(['--schema-file', schemaFile, '--table', 'zcat.main'], c.io)).toBe(0);
    expect(c.out.stdout).toContain('export interface ZcatMain {');
    c = captureIo();
    expect(await codegenMain([], c.io)).toBe(2);
    expect(c.out.stderr).toContain('give exactly one of --service URL or --schema-file FILE');
    c = captureIo();
    expect(await codegenMain(['--schema-file', schemaFile, '--check'], c.io)).toBe(2);
    expect(await codegenMain(['--schema-file', schemaFile, '--bogus'], c.io)).toBe(2);
    expect(await codegenMain(['--schema-file', schemaFile, '--nullable', 'some'], c.io)).toBe(2);
    c = captureIo();
    expect(await codegenMain(['--service', 'http://127.0.0.1:9/tap'], c.io)).toBe(3);
    expect(c.out.stderr).toMatch(/adql codegen: cannot read the schema of http:\/\/127\.0\.0\.1:9\/tap/);
    c = captureIo();
    expect(await codegenMain(['--help'], c.io)).toBe(0);
    expect(c.out.stdout).toContain('Usage: adql codegen');
  });
});
