/**
 * Against the live DaCHS service: the schema over the network and from the cache, lazy columns,
 * VOSI, check(), and the corpus of queries whose verdicts are compared with what DaCHS does.
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeLive, TAP_URL } from '../support/dachs.js';
import { TapService, TapQueryError } from '../../src/tap/index.js';
import { cacheFileFor, loadSchema, writeSchemaFile, type ServiceSchema } from '../../src/schema/index.js';
import { check, validate } from '../../src/validate/index.js';
import { CORPUS } from './dachs-corpus.js';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'adqlkit-live-cache-'));

describeLive('schema from the live DaCHS service', () => {
  let schema: ServiceSchema;
  beforeAll(async () => {
    schema = await loadSchema(TAP_URL, { cacheDir, refresh: true });
  });

  it('reads TAP_SCHEMA: tables, columns with types/units/UCDs, delimited names, keys', () => {
    expect(schema.source).toBe('tap_schema');
    const names = schema.tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['zcat.main', 'zcat.truth_match', 'zcat.photometry', 'zcat.big', 'tap_schema.columns']));
    const main = schema.tables.find((t) => t.name === 'zcat.main')!;
    expect(main.columns!.find((c) => c.name === 'ra')).toMatchObject({ datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra;meta.main' });
    expect(main.columns!.find((c) => c.name === 'obs_date')).toMatchObject({ datatype: 'char', xtype: 'timestamp' });
    const phot = schema.tables.find((t) => t.name === 'zcat.photometry')!;
    expect(
      phot
        .columns!.filter((c) => c.delimited)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Dec', 'MagAB', 'MagErr']);
    expect(schema.foreignKeys.find((k) => k.fromTable === 'zcat.truth_match')).toMatchObject({
      targetTable: 'zcat.main',
      columns: [{ from: 'zcat_id', target: 'id' }],
    });
  });

  it('reads the capabilities: versions, features, UDF signatures, limits, uploads', () => {
    const caps = schema.capabilities!;
    expect(caps.adqlVersions).toEqual(['2.0', '2.1']);
    expect(caps.features['ivo://ivoa.net/std/tapregext#features-adqlgeo']).toEqual(expect.arrayContaining(['CONTAINS', 'POINT', 'AREA']));
    expect(caps.udfs.find((u) => u.name === 'ivo_hasword')).toMatchObject({
      params: [{ type: 'TEXT' }, { type: 'TEXT' }],
      returns: 'INTEGER',
    });
    expect(caps.outputLimit?.hard).toEqual({ value: 20000000, unit: 'row' });
    expect(caps.uploadMethods).toContain('ivo://ivoa.net/std/TAPRegExt#upload-inline');
  });

  it('writes a cache file and reads it back without the network', async () => {
    const file = cacheFileFor(schema.service!, cacheDir);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(1000);
    const t0 = performance.now();
    const cached = await loadSchema(TAP_URL, { cacheDir });
    const ms = performance.now() - t0;
    expect(cached.fetchedAt).toBe(schema.fetchedAt); // the same document, not a new fetch
    expect(cached.tables.length).toBe(schema.tables.length);
    expect(validate('SELECT "MagAB" FROM zcat.photometry', cached).map((d) => d.code)).toEqual([]);
    expect(ms).toBeLessThan(1000);
    const refreshed = await loadSchema(TAP_URL, { cacheDir, refresh: true });
    expect(refreshed.fetchedAt! >= schema.fetchedAt!).toBe(true);
    expect(refreshed.fetchedAt).not.toBe(schema.fetchedAt);
  });

  it('lazy mode loads the table list first and columns per table on demand (check does it)', async () => {
    const lazy = await loadSchema(TAP_URL, { cache: false, columns: 'lazy' });
    expect(lazy.tables.every((t) => t.columns === undefined)).toBe(true);
    expect(validate('SELECT ra FROM zcat.main', lazy).map((d) => d.code)).toEqual(['columns-not-loaded']);
    const r = await check(lazy, 'SELECT raa FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id');
    expect(r.map((d) => d.code)).toEqual(['unknown-column']);
    expect(
      lazy.tables
        .filter((t) => t.columns !== undefined)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['zcat.main', 'zcat.truth_match']);
  });

  it('falls back to (or can use) VOSI /tables', async () => {
    const vosi = await loadSchema(TAP_URL, { cache: false, source: 'vosi' });
    expect(vosi.source).toBe('vosi');
    const r = await check(vosi, 'SELECT "MagAB", magab FROM zcat.photometry');
    expect(r.map((d) => d.code)).toEqual(['unknown-column']);
  });

  it('writes a JSON schema file from the live service and validates offline with it', async () => {
    const file = path.join(cacheDir, 'dachs.json');
    await writeSchemaFile(file, schema.toDocument());
    const offline = await loadSchema(file);
    expect(validate('SELECT TOP 30000000 raa FROM zcat.main', offline).map((d) => d.code)).toEqual(['top-over-limit', 'unknown-column']);
  });

  it('check(url, text) in one call, and a clear error for a service that is not there', async () => {
    const r = await check(TAP_URL, 'SELECT ivo_hasword(name) FROM zcat.main', { cacheDir });
    expect(r.map((d) => d.code)).toEqual(['function-arity']);
    await expect(loadSchema('http://127.0.0.1:9/tap', { cache: false, tap: { retry: false, timeoutMs: 5000 } })).rejects.toThrow(
      /127\.0\.0\.1:9/,
    );
  });
});

describeLive('adqlkit verdicts compared with DaCHS', () => {
  let schema: ServiceSchema;
  const service = new TapService(TAP_URL);
  beforeAll(async () => {
    schema = await loadSchema(service, { cacheDir });
  });

  for (const c of CORPUS) {
    it(`${c.adqlkit === c.dachs ? 'agree' : 'differ'}: ${c.q}`, async () => {
      const result = validate(c.q, schema);
      expect(result.ok ? 'ok' : 'error').toBe(c.adqlkit);
      if (c.codes !== undefined) expect(result.map((d) => d.code)).toEqual(c.codes);
      else expect(result.map((d) => d.code)).toEqual([]);
      let dachs: 'ok' | 'error' = 'ok';
      let message = '';
      try {
        await service.query(c.q, { maxrec: 1 });
      } catch (err) {
        if (!(err instanceof TapQueryError)) throw err;
        dachs = 'error';
        message = err.message;
      }
      expect(dachs, `DaCHS said: ${message || 'ok'}`).toBe(c.dachs);
      if (c.adqlkit !== c.dachs) expect(c.why, 'every difference is explained').toBeTruthy();
    });
  }
});
