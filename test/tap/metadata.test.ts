/** Unit tests on recorded VOSI/DALI/UWS documents: capabilities, tables, examples, jobs. */
import { describe, expect, it } from 'vitest';
import { parseUdfSignature, TapCapabilities } from '../../src/tap/capabilities.js';
import { parseExamplesPage } from '../../src/tap/examples.js';
import { parseTableset, TapTableSet, parseTable } from '../../src/tap/tables.js';
import { parseJob, parseJobList } from '../../src/tap/uws.js';
import { parseXml } from '../../src/dal/xml.js';
import { TapProtocolError } from '../../src/dal/errors.js';
import { haveShared, own, shared } from './support/fixtures.js';

const caps = (text: string) =>
  new TapCapabilities(parseXml(text, 'capabilities', 'http://x/tap/capabilities'), 'http://x/tap/capabilities');

describe('TAPRegExt capabilities (DaCHS 2.7, recorded)', () => {
  const c = caps(own('capabilities.xml'));

  it('lists ADQL versions, output formats and upload methods', () => {
    expect(c.adqlVersions).toEqual(['2.0', '2.1']);
    expect(c.interfaces[0]?.version).toBe('1.1');
    expect(c.offersBinary2).toBe(true);
    expect(c.outputFormats.find((f) => f.aliases.includes('votable/b2'))?.mime).toBe('application/x-votable+xml;serialization=BINARY2');
    expect(c.uploadMethodsFor()).toEqual(['inline', 'http', 'https', 'ftp']);
    expect(c.supportsUpload('inline')).toBe(true);
  });

  it('reads the limits (same for sync and async when no forMode is given)', () => {
    expect(c.limits.outputLimit).toEqual({ default: { value: 20000, unit: 'row' }, hard: { value: 20000000, unit: 'row' } });
    expect(c.limits.uploadLimit.hard).toEqual({ value: 20000000, unit: 'byte' });
    expect(c.limits.retentionPeriod.default?.value).toBe(172800);
    expect(c.limitsFor('async').executionDuration.default?.value).toBe(3600);
  });

  it('parses UDF signatures, including the DaCHS form missing a comma', () => {
    const match = c.udfs.find((u) => u.name === 'gavo_match');
    expect(match?.args).toEqual([
      { name: 'pattern', type: 'TEXT' },
      { name: 'string', type: 'TEXT' },
    ]);
    expect(match?.returnType).toBe('INTEGER');
    const conv = c.udfs.filter((u) => u.name === 'gavo_specconv');
    expect(conv.some((u) => u.args.length === 3 && u.args[2]?.name === 'dest_unit')).toBe(true);
    expect(conv.some((u) => u.args[0]?.type === 'DOUBLE PRECISION')).toBe(true);
  });

  it('knows the language features and the other VOSI endpoints', () => {
    expect(c.hasFeature('adqlgeo', 'CONTAINS')).toBe(true);
    expect(c.hasFeature('adql-offset', 'OFFSET')).toBe(true);
    expect(c.hasFeature('adqlgeo', 'NOPE')).toBe(false);
    expect(c.endpoint('examples')).toMatch(/\/examples$/);
    expect(c.securityMethods).toEqual([]);
  });
});

describe('UDF signature forms', () => {
  it.each([
    ['f() -> INTEGER', 'f', [], 'INTEGER'],
    ['ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER', 'ivo_hasword', ['haystack TEXT', 'needle TEXT'], 'INTEGER'],
    ['g(x CHAR VARYING(*), y DOUBLE PRECISION) -> POINT', 'g', ['x CHAR VARYING(*)', 'y DOUBLE PRECISION'], 'POINT'],
  ])('%s', (form, name, args, ret) => {
    const sig = parseUdfSignature(form);
    expect(sig?.name).toBe(name);
    expect(sig?.args.map((a) => `${a.name} ${a.type}`)).toEqual(args);
    expect(sig?.returnType).toBe(ret);
  });

  it('returns undefined for a form that is not a signature', () => {
    expect(parseUdfSignature('CONTAINS')).toBeUndefined();
  });
});

describe.skipIf(!haveShared)('capabilities from other services (shared fixtures)', () => {
  it('pyvo TAP capabilities: upload methods, output limit, BINARY2', () => {
    const c = caps(shared('peer-responses/pyvo/pyvo/dal/tests/data/tap/capabilities.xml'));
    expect(c.adqlVersions.length).toBeGreaterThan(0);
    expect(c.uploadMethods.length).toBe(4);
    expect(c.limits.outputLimit.hard?.value).toBe(10000000);
    expect(c.offersBinary2).toBe(true);
  });

  it('TAPRegExt 1.1 forMode: mode-specific limits override the general ones', () => {
    const template = shared('peer-responses/pyvo/pyvo/io/vosi/tests/data/capabilities/formode-tapregext-template.xml');
    const c = caps(
      template.replace(
        '{extra_elements}',
        `<executionDuration><default>600</default></executionDuration>
         <executionDuration forMode="sync"><default>60</default><hard>120</hard></executionDuration>
         <outputLimit forMode="async"><default unit="row">100000</default></outputLimit>
         <uploadMethod ivo-id="ivo://ivoa.net/std/TAPRegExt#upload-inline" forMode="async"/>`,
      ),
    );
    expect(c.limitsFor('sync').executionDuration).toEqual({ default: { value: 60, unit: 's' }, hard: { value: 120, unit: 's' } });
    expect(c.limitsFor('async').executionDuration.default?.value).toBe(600);
    expect(c.limitsFor('async').outputLimit.default?.value).toBe(100000);
    expect(c.limitsFor('sync').outputLimit.default).toBeUndefined();
    expect(c.supportsUpload('inline', 'async')).toBe(true);
    expect(c.supportsUpload('inline', 'sync')).toBe(false);
  });

  it('Rubin capabilities list security methods', () => {
    const c = caps(shared('peer-responses/lsst-rsp/tests/data/responses/tap-capabilities.xml'));
    expect(c.securityMethods).toContain('ivo://ivoa.net/sso#cookie');
  });
});

describe('VOSI tables', () => {
  it('detail=min tableset (DaCHS): tables without columns, loaded lazily per table', async () => {
    const loads: string[] = [];
    const set = new TapTableSet(parseTableset(parseXml(own('tables-detail-min.xml'), 't', 'u')), async (name) => {
      loads.push(name);
      return parseTable(parseXml(own('table-zcat-main.xml'), 't', 'u'));
    });
    expect(set.table('zcat.main')?.columns).toBeUndefined();
    expect(set.table('ZCAT.MAIN')?.name).toBe('zcat.main');
    const cols = await set.columns('zcat.main');
    expect(cols.map((c) => c.name)).toEqual([
      'id',
      'name',
      'ra',
      'dec',
      'bmag',
      'radial_velocity',
      'radial_velocity_error',
      'morph_type',
      'obs_date',
    ]);
    const ra = cols.find((c) => c.name === 'ra');
    expect(ra).toMatchObject({ unit: 'deg', ucd: 'pos.eq.ra;meta.main', datatype: 'double', indexed: true });
    expect(cols.find((c) => c.name === 'obs_date')?.xtype).toBe('timestamp');
    await set.columns('zcat.main');
    expect(loads).toEqual(['zcat.main']);
  });

  it.skipIf(!haveShared)('pyvo lazy tables: columns and foreign keys come from the per-table document', async () => {
    const set = new TapTableSet(
      parseTableset(parseXml(shared('peer-responses/pyvo/pyvo/dal/tests/data/tap/tables.xml'), 't', 'u')),
      async () => parseTable(parseXml(shared('peer-responses/pyvo/pyvo/dal/tests/data/tap/lazy-table1.xml'), 't', 'u')),
    );
    expect(set.tables.map((t) => t.name)).toEqual(['test.table1', 'test.table2']);
    const cols = await set.columns('test.table1');
    expect(cols[0]).toMatchObject({ name: 'id', datatype: 'VARCHAR', arraysize: '*', primary: true });
    expect(set.table('test.table1')?.foreignKeys[0]?.targetTable).toBe('test.foreigntable');
  });

  it('an HTML page instead of a tableset is a TapProtocolError naming the URL', () => {
    expect(() => parseXml('<!DOCTYPE html><html><body><p>oops<br></body></html>', 'VOSI tables', 'http://x/tap/tables')).toThrow(
      TapProtocolError,
    );
    expect(() => parseXml('<tableset><schema><name>a</na', 'VOSI tables', 'http://x/tap/tables')).toThrow(/http:\/\/x\/tap\/tables/);
  });
});

describe('DALI examples', () => {
  it('DaCHS examples page: names, queries, tables', () => {
    const page = parseExamplesPage(own('examples.html'), 'http://127.0.0.1:8080/tap/examples');
    expect(page.examples.length).toBeGreaterThanOrEqual(4);
    const cone = page.examples.find((e) => e.name === 'Cone search with CONTAINS');
    expect(cone?.query).toMatch(/^SELECT id, name, ra, dec,\n/);
    expect(cone?.query).toContain("CIRCLE('ICRS', 150, 2, 0.5)");
    expect(cone?.tables).toEqual(['zcat.main']);
    expect(page.examples.find((e) => e.id === 'Brightgalaxiesinthefield')?.query).toContain('bmag < 14');
  });

  it.skipIf(!haveShared)('HEASARC-style page with raw ">" and a continuation link', () => {
    const page = parseExamplesPage(shared('peer-responses/pyvo/pyvo/dal/tests/data/tap/examples.htm'), 'http://example.org/tap/examples');
    expect(page.examples).toHaveLength(5);
    expect(page.examples[0]?.query).toMatch(/WHERE exposure > 10000 and/);
    expect(page.continuations).toEqual(['http://example.org/obscore-examples.html']);
  });

  it('generic parameters and relative continuation links', () => {
    const html = `<html><body vocab="ivo://ivoa.net/std/DALI-examples#">
      <div typeof="example" id="q1"><h2 property="name">Q &amp; A</h2>
        <span property="generic-parameter" typeof="keyval"><span property="key">LANG</span><span property="value">ADQL</span></span>
        <pre property="query">SELECT a &lt; b FROM t</pre></div>
      <a property="continuation" href="more.html">more</a></body></html>`;
    const page = parseExamplesPage(html, 'http://h/tap/examples');
    expect(page.examples).toEqual([
      {
        id: 'q1',
        name: 'Q & A',
        query: 'SELECT a < b FROM t',
        tables: [],
        parameters: { LANG: 'ADQL' },
        sourceUrl: 'http://h/tap/examples',
      },
    ]);
    expect(page.continuations).toEqual(['http://h/tap/more.html']);
  });
});

describe('UWS documents', () => {
  it('DaCHS job (UWS 1.0 namespace, version 1.1): pending, completed, error', () => {
    const pending = parseJob(parseXml(own('job-pending.xml'), 'job', 'u'));
    expect(pending.phase).toBe('PENDING');
    expect(pending.version).toBe('1.1');
    expect(pending.executionDuration).toBe(3600);
    expect(pending.parameters.query).toBe('SELECT TOP 3 id FROM zcat.main ORDER BY id');
    expect(pending.ownerId).toBeUndefined();
    const done = parseJob(parseXml(own('job-completed.xml'), 'job', 'u'));
    expect(done.phase).toBe('COMPLETED');
    expect(done.results[0]?.id).toBe('result');
    expect(done.results[0]?.href).toMatch(/\/results\/result$/);
    const failed = parseJob(parseXml(own('job-error.xml'), 'job', 'u'));
    expect(failed.phase).toBe('ERROR');
    expect(failed.errorSummary?.message).toMatch(/nosuchcol/);
    expect(failed.errorSummary?.type).toBe('fatal');
  });

  it('job list with absolute and relative hrefs', () => {
    const list = parseJobList(parseXml(own('joblist.xml'), 'jobs', 'u'), 'http://127.0.0.1:8080/tap/async');
    expect(list.length).toBeGreaterThan(0);
    for (const j of list) expect(j.url).toMatch(/^http:\/\/127\.0\.0\.1:8080\/.+\/async\/[\w-]+$/);
    const rel = parseJobList(
      parseXml('<jobs><jobref id="a" href="a"><phase>QUEUED</phase></jobref><jobref id="b"/></jobs>', 'j', 'u'),
      'http://h/tap/async/',
    );
    expect(rel).toEqual([
      { id: 'a', url: 'http://h/tap/async/a', phase: 'QUEUED' },
      { id: 'b', url: 'http://h/tap/async/b', phase: 'UNKNOWN' },
    ]);
  });

  it.skipIf(!haveShared)('pyvo and astroquery job documents', () => {
    const job = parseJob(parseXml(shared('peer-responses/pyvo/pyvo/io/uws/tests/data/job.xml'), 'job', 'u'));
    expect(job).toMatchObject({ jobId: '1337', phase: 'COMPLETED', executionDuration: 7200, destruction: '2018-02-01T00:00:00Z' });
    expect(job.parameters.maxrec).toBe('');
    const err = parseJob(parseXml(shared('peer-responses/pyvo/pyvo/io/uws/tests/data/job-error.xml'), 'job', 'u'));
    expect(err.phase).toBe('ERROR');
    expect(err.errorSummary?.message).not.toBe('');
    const list = parseJobList(
      parseXml(shared('peer-responses/astroquery/astroquery/utils/tap/xmlparser/tests/data/test_jobs_list.xml'), 'jobs', 'u'),
      'http://gea.esac.esa.int/tap-server/tap/async',
    );
    expect(list.map((j) => j.phase)).toEqual(['COMPLETED', 'ERROR']);
  });
});
