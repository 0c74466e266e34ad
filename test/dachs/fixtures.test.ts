/**
 * fixtures/dachs/ (recorded by scripts/record-dachs-fixtures.sh) is complete and says what it
 * claims: every file is listed in its README with a .headers companion, and the recorded
 * documents show the behaviour their names promise. Runs without the live service.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorMessage, parseCsv, queryStatus, tabledataRowCount, uwsField } from './live.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/dachs');
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const status = (name: string) => read(`${name}.headers`).split('\n')[0];

describe('fixtures/dachs', () => {
  const listed = [...read('README.md').matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1] ?? '');
  const files = readdirSync(dir).filter((f) => f !== 'README.md');

  it('lists every recorded body in README.md, each with its .headers', () => {
    expect(listed.length).toBeGreaterThan(80);
    const bodies = files.filter((f) => !f.endsWith('.headers')).sort();
    expect(bodies).toEqual([...listed].sort());
    for (const name of listed) expect(files, name).toContain(`${name}.headers`);
  });

  it('holds the overflow cases with the status DaCHS gives them', () => {
    expect(queryStatus(read('overflow-maxrec-td.vot'))).toBe('OVERFLOW');
    expect(tabledataRowCount(read('overflow-maxrec-td.vot'))).toBe(10);
    expect(tabledataRowCount(read('overflow-top-gt-maxrec-td.vot'))).toBe(11);
    expect(queryStatus(read('top-equals-maxrec-td.vot'))).toBe('OK');
    expect(queryStatus(read('overflow-exact-no-top-td.vot'))).toBe('OVERFLOW');
    expect(tabledataRowCount(read('overflow-exact-no-top-td.vot'))).toBe(10);
    expect(queryStatus(read('no-overflow-top-td.vot'))).toBe('OK');
    expect(tabledataRowCount(read('overflow-maxrec0-td.vot'))).toBe(0);
    expect(parseCsv(read('overflow-maxrec.csv')).rows).toHaveLength(10);
  });

  it('holds error documents with their messages', () => {
    expect(errorMessage(read('error-syntax.xml'))).toMatch(/line:1, col:1/);
    expect(errorMessage(read('error-syntax-line2.xml'))).toMatch(/line:2/);
    expect(errorMessage(read('error-unknown-table.xml'))).toMatch(/zcat.nosuch/);
    expect(errorMessage(read('sync-delimited-unquoted-error.xml'))).toMatch(/magab/);
    expect(read('scs-error-missing-dec.vot')).toMatch(/name="Error" value="[^"]*DEC/);
  });

  it('holds the async job documents in every phase', () => {
    expect(status('async-create.txt')).toMatch(/303/);
    expect(uwsField(read('async-job-pending.xml'), 'phase')).toBe('PENDING');
    expect(uwsField(read('async-job-executing.xml'), 'phase')).toBe('EXECUTING');
    expect(uwsField(read('async-job-completed.xml'), 'phase')).toBe('COMPLETED');
    expect(uwsField(read('async-job-error.xml'), 'phase')).toBe('ERROR');
    expect(uwsField(read('async-job-aborted.xml'), 'phase')).toBe('ABORTED');
    expect(status('async-job-deleted.xml')).toMatch(/404/);
    expect(tabledataRowCount(read('async-result-td.vot'))).toBe(25);
  });

  it('holds RegTAP, cone search and upload results with rows', () => {
    expect(tabledataRowCount(read('regtap-services-td.vot'))).toBe(2);
    expect(tabledataRowCount(read('scs-cone-td.vot'))).toBeGreaterThan(10);
    const upload = parseCsv(read('upload-sync-inline.csv'));
    expect(upload.columns).toEqual(['src_id', 'id', 'ra', 'dec']);
    expect(new Set(upload.rows.map((r) => r[0]))).toEqual(new Set(['a', 'b', 'c']));
  });
});
