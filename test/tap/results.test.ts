/** Unit tests on recorded results and errors: overflow judgement, error documents, uploads. */
import { describe, expect, it } from 'vitest';
import { parseErrorBody, parseErrorPosition } from '../../src/dal/errordoc.js';
import { TapOverflowError, TapProtocolError, TapQueryError, TapUploadError } from '../../src/dal/errors.js';
import { findTop, judgeOverflow } from '../../src/dal/overflow.js';
import { checkMaxrec, multipartBody, paramList } from '../../src/tap/params.js';
import { TapService } from '../../src/tap/index.js';
import { readResult } from '../../src/dal/read-result.js';
import { checkUploadNames, prepareUploads, referencedUploads } from '../../src/tap/uploads.js';
import { fakeResponse, haveShared, own, shared } from './support/fixtures.js';

const VOT = 'application/x-votable+xml;serialization=TABLEDATA';
const ctx = (extra: Record<string, unknown> = {}) => ({ what: 'sync query', method: 'POST', ...extra });

describe('overflow judged against MAXREC and TOP (DaCHS recordings)', () => {
  it('TOP 10 with MAXREC=3: DaCHS sends 4 rows plus OVERFLOW; 3 are handed out', async () => {
    const r = await readResult(fakeResponse(own('sync-top-gt-maxrec.vot'), VOT), ctx({ maxrec: 3, top: 10 }));
    expect(r.table.rowCount).toBe(4);
    expect(r.rowCount).toBe(3);
    expect(r.rows().map((x) => x.id)).toEqual([1, 2, 3]);
    expect(r.column('id')).toEqual([1, 2, 3]);
    expect(r.overflow).toBe(true);
    expect(r.overflowInfo.certain).toBe(true);
  });

  it('exactly MAXREC rows with OVERFLOW: overflow, flagged as uncertain', async () => {
    const r = await readResult(fakeResponse(own('sync-exactly-maxrec.vot'), VOT), ctx({ maxrec: 3 }));
    expect(r.rowCount).toBe(3);
    expect(r.overflow).toBe(true);
    expect(r.overflowInfo.certain).toBe(false);
    expect(r.overflowInfo.reason).toMatch(/more rows may exist/);
  });

  it('strict mode throws TapOverflowError naming the URL', async () => {
    const err = await readResult(fakeResponse(own('sync-top-gt-maxrec.vot'), VOT), ctx({ maxrec: 3, top: 10, strict: true })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TapOverflowError);
    expect((err as Error).message).toContain('http://127.0.0.1:8080/tap/sync');
  });

  it('BINARY2 result with status OK', async () => {
    const r = await readResult(fakeResponse(own('sync-binary2.vot'), 'application/x-votable+xml;serialization=binary2'), ctx());
    expect(r.rowCount).toBe(5);
    expect(r.overflow).toBe(false);
    expect(r.columnNames).toContain('radial_velocity');
  });

  it('the server message of an error VOTable, with its position', async () => {
    const err = (await readResult(fakeResponse(own('sync-error-syntax.vot'), 'text/xml'), ctx()).catch((e: unknown) => e)) as TapQueryError;
    expect(err).toBeInstanceOf(TapQueryError);
    expect(err.serverMessage).toMatch(/Could not parse your query/);
    expect([err.line, err.column]).toEqual([1, 1]);
  });

  it('TOP <= MAXREC: the TOP limit is not an overflow even when a service says OVERFLOW', () => {
    expect(judgeOverflow({ status: 'OVERFLOW', rows: 5, maxrec: 5, top: 5 }).overflow).toBe(false);
    expect(judgeOverflow({ status: 'OK', rows: 5, maxrec: 5, top: 5 }).overflow).toBe(false);
    expect(judgeOverflow({ status: undefined, rows: 20000, defaultLimit: 20000 }).overflow).toBe(true);
    expect(judgeOverflow({ status: undefined, rows: 10, maxrec: 20 }).overflow).toBe(false);
    expect(judgeOverflow({ status: 'OVERFLOW', rows: 0, maxrec: 0 }).overflow).toBe(true);
  });

  it('findTop reads the outermost SELECT only', () => {
    expect(findTop('SELECT TOP 5 a FROM t')).toBe(5);
    expect(findTop('select distinct top 7 a from t')).toBe(7);
    expect(findTop("SELECT a FROM t WHERE x IN (SELECT TOP 3 b FROM u) AND s = 'SELECT TOP 9'")).toBeUndefined();
    expect(findTop('-- SELECT TOP 1\nSELECT TOP 2 a FROM t')).toBe(2);
    expect(findTop('SELECT TOP 1 a FROM t UNION SELECT TOP 1 a FROM u')).toBeUndefined();
  });

  it.skipIf(!haveShared)('shared DaCHS recordings: MAXREC=0 and TOP=MAXREC', async () => {
    const zero = await readResult(fakeResponse(shared('dachs-2.7-responses/sync_maxrec0_td.vot'), VOT), ctx({ maxrec: 0 }));
    expect(zero.rowCount).toBe(0);
    expect(zero.overflow).toBe(true);
    const topEq = await readResult(
      fakeResponse(shared('dachs-2.7-responses/sync_top_equals_maxrec_td.vot'), VOT),
      ctx({ maxrec: 3, top: 3 }),
    );
    expect(topEq.overflow).toBe(false);
    const pyvo = await readResult(
      fakeResponse(shared('peer-responses/pyvo/pyvo/dal/tests/data/query/overflowstatus.xml'), 'text/xml'),
      ctx(),
    );
    expect(pyvo.overflow).toBe(true);
  });
});

describe('error bodies at any status, in any shape', () => {
  it.skipIf(!haveShared)('DaCHS error VOTables (also when CSV was asked for)', () => {
    for (const [file, text] of [
      ['err_no_table.vot', "Could not locate table 'zcat.nosuch'"],
      ['err_bad_format.vot', 'not a valid value for responseformat'],
      ['err_division_by_zero.vot', 'division by zero'],
      ['err_syntax_format_csv.txt', 'Could not parse your query'],
      ['async_after_delete.vot', 'could not be located in jobs table'],
    ] as const) {
      const parsed = parseErrorBody(shared(`dachs-2.7-responses/${file}`), 'text/xml');
      expect(parsed.kind).toBe('votable');
      expect(parsed.message).toContain(text);
    }
  });

  it('UWS errorSummary, HTML pages, plain text, empty bodies', () => {
    expect(parseErrorBody(own('job-error.xml'))).toMatchObject({ kind: 'uws' });
    expect(
      parseErrorBody('<html><head><title>503 Service Unavailable</title></head><body><h1>Down</h1></body></html>', 'text/html'),
    ).toEqual({
      kind: 'html',
      message: '503 Service Unavailable: Down',
    });
    expect(parseErrorBody('quota exceeded\n', 'text/plain')).toEqual({ kind: 'text', message: 'quota exceeded' });
    expect(parseErrorBody('', '')).toEqual({ kind: 'empty', message: '' });
  });

  it('positions in the forms services use', () => {
    expect(parseErrorPosition(`Expected "SELECT", found 'S'  (at char 0), (line:1, col:1)`)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(parseErrorPosition('syntax error at line 3, column 14')).toEqual({ line: 3, column: 14 });
    expect(parseErrorPosition('Encountered "FRM" at line 2 col 4')).toEqual({ line: 2, column: 4 });
    expect(parseErrorPosition('no position')).toEqual({});
  });

  it('a non-VOTable body where a result was expected is a protocol error', async () => {
    const err = await readResult(fakeResponse('<html><title>Login</title></html>', 'text/html'), ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TapProtocolError);
    expect((err as Error).message).toMatch(/HTML page \(Login\)/);
  });
});

describe('uploads', () => {
  it('names: valid identifiers, no case duplicates, every TAP_UPLOAD table given', () => {
    expect(referencedUploads("SELECT * FROM TAP_UPLOAD.mine AS m JOIN tap_upload . Other o ON 1=1 WHERE s = 'tap_upload.no'")).toEqual([
      'mine',
      'other',
    ]);
    expect(() => checkUploadNames(['my-table'], 'SELECT 1', 'u')).toThrow(TapUploadError);
    expect(() => checkUploadNames(['a', 'A'], 'SELECT 1', 'u')).toThrow(/differ only in case/);
    expect(() => checkUploadNames(['a'], 'SELECT * FROM tap_upload.b', 'u')).toThrow(/TAP_UPLOAD.b/);
    expect(() => checkUploadNames(['Src'], 'SELECT * FROM tap_upload.src', 'u')).not.toThrow();
  });

  it('inline parts from JS rows (written with the VOTable writer) and URLs by reference', async () => {
    const p = await prepareUploads(
      {
        src: {
          columns: [{ name: 'ra', datatype: 'double' }, { name: 'dec', datatype: 'double' }, 'label'],
          rows: [
            [150, 2, 'a'],
            [151, 2.5, 'b'],
          ],
        },
        remote: { url: 'http://example.org/t.vot' },
      },
      'SELECT * FROM tap_upload.src JOIN tap_upload.remote ON 1=1',
      'u',
    );
    expect(p.uploadParam).toBe('src,param:src;remote,http://example.org/t.vot');
    expect(p.parts).toHaveLength(1);
    const vot = Buffer.from(p.parts[0]?.data ?? []).toString('utf8');
    expect(vot).toContain('<FIELD');
    expect(vot).toContain('name="ra"');
    expect(vot).toMatch(/<TD>150<\/TD>/);
    const { body, contentType } = multipartBody(paramList({ query: 'Q', lang: 'ADQL', maxrec: 5 }, p), p);
    const boundary = /boundary=(.+)$/.exec(contentType)?.[1] as string;
    const text = Buffer.from(body as Uint8Array).toString('utf8');
    expect(text).toContain(
      `--${boundary}\r\nContent-Disposition: form-data; name="UPLOAD"\r\n\r\nsrc,param:src;remote,http://example.org/t.vot\r\n`,
    );
    expect(text).toContain('Content-Disposition: form-data; name="src"; filename="src.vot"\r\nContent-Type: application/x-votable+xml');
    expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
  });

  it('MAXREC must be a non-negative integer (one rule, checked when TapService builds the parameters)', async () => {
    expect(() => checkMaxrec(-1)).toThrow(RangeError);
    expect(() => checkMaxrec(1.5, 'http://example.org/tap')).toThrow(
      'maxrec must be a non-negative integer, got 1.5 (query to http://example.org/tap)',
    );
    expect(checkMaxrec(0)).toBe(0);
    expect(checkMaxrec(undefined)).toBeUndefined();
    await expect(new TapService('http://127.0.0.1:9/tap').query('SELECT 1 FROM t', { maxrec: -1 })).rejects.toThrow(
      /maxrec must be a non-negative integer, got -1 \(query to http:\/\/127\.0\.0\.1:9\/tap\)/,
    );
  });
});
