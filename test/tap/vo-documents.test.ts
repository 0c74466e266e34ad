/**
 * Issue 21, VO documents: UWS parameter names keep the server's spelling (looked up ignoring
 * case), VOSI tablesets with a bad arraysize or empty names carry warnings, and security methods
 * are exposed on every interface. Inline documents, plus pyvo's recorded ones read in place when
 * python3-pyvo is installed (skipped with the reason otherwise).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/dal/xml.js';
import { TapCapabilities } from '../../src/tap/capabilities.js';
import { parseTableset, TapTableSet } from '../../src/tap/tables.js';
import { parseJob } from '../../src/tap/uws.js';

const PYVO = '/usr/lib/python3/dist-packages/pyvo';
const havePyvo = fs.existsSync(PYVO);
if (!havePyvo) console.warn(`[pyvo documents skipped] ${PYVO} is absent (apt-get install python3-pyvo)`);
const pyvo = (rel: string) => fs.readFileSync(path.join(PYVO, rel), 'utf8');

const UWS = 'xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"';
const tableset = (xml: string) =>
  new TapTableSet(parseTableset(parseXml(xml, 'tables', 'http://x/tap/tables')), async () => {
    throw new Error('not loaded');
  });

describe('UWS parameters', () => {
  it("keeps the server's spelling and looks names up ignoring case", () => {
    const job = parseJob(
      parseXml(
        `<uws:job ${UWS}><uws:jobId>j</uws:jobId><uws:phase>PENDING</uws:phase><uws:parameters>` +
          '<uws:parameter id="serviceType">ssa</uws:parameter><uws:parameter id="QUERY">SELECT 1</uws:parameter><uws:parameter id="maxrec">5</uws:parameter>' +
          '</uws:parameters></uws:job>',
        'job',
        'http://x/async/j',
      ),
    );
    expect(Object.keys(job.parameters)).toEqual(['serviceType', 'QUERY', 'maxrec']);
    expect(job.parameters.servicetype).toBe('ssa');
    expect(job.parameters.query).toBe('SELECT 1');
    expect(job.parameters.MAXREC).toBe('5');
    expect('Query' in job.parameters).toBe(true);
    expect(job.parameters.lang).toBeUndefined();
    expect(JSON.parse(JSON.stringify(job.parameters))).toEqual({ serviceType: 'ssa', QUERY: 'SELECT 1', maxrec: '5' });
  });
});

describe('VOSI tables: what a tableset gets wrong is said', () => {
  it('a clean tableset has no warnings', () => {
    const set = tableset(
      '<vs:tableset xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1"><schema><name>s</name><table><name>s.t</name>' +
        '<column><name>a</name><dataType arraysize="2x*">double</dataType></column></table></schema></vs:tableset>',
    );
    expect(set.warnings).toEqual([]);
    expect(set.tables[0]!.columns![0]!.arraysize).toBe('2x*');
  });

  it('a bad arraysize is ignored with a warning (size used when valid); empty names and foreign keys are named', () => {
    const set = tableset(
      '<vs:tableset xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1"><schema><name></name>' +
        '<table><name>t</name><column><name>c</name><dataType arraysize="foobar" size="3">INTEGER</dataType></column>' +
        '<foreignKey><targetTable></targetTable><fkColumn><fromColumn>c</fromColumn><targetColumn></targetColumn></fkColumn></foreignKey></table>' +
        '<table></table></schema></vs:tableset>',
    );
    expect(set.tables[0]!.columns![0]!.arraysize).toBe('3');
    expect(set.warnings).toEqual([
      'a schema has no name',
      expect.stringMatching(/table "t" column "c": arraysize "foobar" is not an arraysize/),
      expect.stringMatching(/table "t": a foreign key has no targetTable/),
      expect.stringMatching(/table "t": a foreign key column pair .* lacks its targetColumn/),
      expect.stringMatching(/a table of schema "" has no name/),
    ]);
  });

  it.skipIf(!havePyvo)("pyvo's broken tablesets each give a warning", () => {
    const dir = 'io/vosi/tests/data/tables';
    const cases: Array<[string, RegExp]> = [
      ['wrong_arraysize.xml', /arraysize "foobar"/],
      ['no_table_name.xml', /has no name/],
      ['no_schema_name.xml', /a schema has no name/],
      ['no_fromcolumn.xml', /pairs no columns|lacks its fromColumn/],
      ['no_targetcolumn.xml', /lacks its targetColumn/],
    ];
    for (const [file, warning] of cases) {
      expect(tableset(pyvo(path.join(dir, file))).warnings, file).toEqual(expect.arrayContaining([expect.stringMatching(warning)]));
    }
    expect(tableset(pyvo('io/vosi/tests/data/tables.xml')).warnings).toEqual([]);
  });
});

describe('security methods on every interface', () => {
  const doc = `<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <capability standardID="ivo://ivoa.net/std/VOSI#tables-1.1"><interface xsi:type="vs:ParamHTTP"><accessURL>http://x/tables</accessURL>
      <securityMethod standardID="ivo://ivoa.net/sso#BasicAA"/></interface></capability>
    <capability standardID="ivo://ivoa.net/std/TAP"><interface xsi:type="vs:ParamHTTP" role="std" version="1.1"><accessURL>http://x/tap</accessURL>
      <securityMethod/><securityMethod standardID="ivo://ivoa.net/sso#cookie"/></interface></capability>
  </vosi:capabilities>`;
  const c = new TapCapabilities(parseXml(doc, 'capabilities', 'http://x/capabilities'), 'http://x/capabilities');

  it('per interface, per capability and over the document', () => {
    expect(c.capabilities[0]!.interfaces[0]!.securityMethods).toEqual(['ivo://ivoa.net/sso#BasicAA']);
    expect(c.interfaces[0]!.securityMethods).toEqual(['', 'ivo://ivoa.net/sso#cookie']);
    expect(c.securityMethodsOf('ivo://ivoa.net/std/VOSI#tables')).toEqual(['ivo://ivoa.net/sso#BasicAA']);
    expect(c.securityMethodsOf('ivo://ivoa.net/std/SIA')).toEqual([]);
    expect(c.securityMethods).toEqual(['ivo://ivoa.net/sso#BasicAA', '', 'ivo://ivoa.net/sso#cookie']);
  });

  it.skipIf(!havePyvo)("pyvo's SIA2 capabilities: the methods of a non-TAP capability", () => {
    const sia = new TapCapabilities(
      parseXml(pyvo('dal/tests/data/sia2/capabilities-newformat.xml'), 'capabilities', 'http://x'),
      'http://x',
    );
    expect(sia.securityMethodsOf('ivo://ivoa.net/std/SIA#query-2.0')).toEqual([
      '',
      'ivo://ivoa.net/sso#BasicAA',
      'ivo://ivoa.net/sso#cookie',
      'ivo://ivoa.net/sso#tls-with-certificate',
    ]);
  });
});
