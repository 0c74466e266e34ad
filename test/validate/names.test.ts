import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/validate/index.js';
import { at, codes, run } from './helpers.js';

describe('name resolution', () => {
  it.each([
    ['SELECT ra, dec FROM zcat.main'],
    ['SELECT RA, Dec, BMAG FROM ZCAT.MAIN'], // regular identifiers are case-insensitive
    ['SELECT "ra", "dec" FROM "zcat"."main"'], // delimited lower case matches stored lower-case names
    ['SELECT m.ra FROM zcat.main AS m'],
    ['SELECT main.ra, zcat.main.dec FROM zcat.main'],
    ['SELECT "MagAB", "Dec", band FROM zcat.photometry'],
    ['SELECT mt.ra AS ra2, m.ra FROM zcat.main AS m, TAP_UPLOAD.mysources AS mt'],
    ['SELECT m.id, t.true_z FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id'],
  ])('accepts %s', (q) => {
    expect(codes(q)).toEqual([]);
  });

  it('reports an unknown table with close names and a fix', () => {
    const q = 'SELECT ra FROM zcat.mian';
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['unknown-table']);
    expect(at(q, 'unknown-table')).toEqual(['zcat.mian']);
    expect(r[0]!.message).toMatch(/did you mean zcat\.main/);
    expect(applyFix(q, r[0]!.fixes![0]!)).toBe('SELECT ra FROM zcat.main');
  });

  it('does not cascade unknown columns from an unknown table', () => {
    expect(codes('SELECT foo, bar FROM zcat.nothere')).toEqual(['unknown-table']);
  });

  it('asks for the schema when only a qualified table exists', () => {
    const q = 'SELECT ra FROM main';
    expect(codes(q)).toEqual(['table-needs-schema']);
    expect(at(q, 'table-needs-schema')).toEqual(['main']);
    expect(applyFix(q, run(q)[0]!.fixes![0]!)).toBe('SELECT ra FROM zcat.main');
  });

  it('reports unknown columns with did-you-mean fixes at the column', () => {
    const q = 'SELECT raa, bmg FROM zcat.main';
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['unknown-column', 'unknown-column']);
    expect(at(q, 'unknown-column')).toEqual(['raa', 'bmg']);
    expect(r[0]!.fixes![0]!.edits[0]!.newText).toBe('ra');
    expect(r[1]!.message).toContain('did you mean bmag');
  });

  it('reports an unknown column of a qualified table at the column name', () => {
    const q = 'SELECT m.bmagg FROM zcat.main AS m';
    expect(at(q, 'unknown-column')).toEqual(['bmagg']);
  });

  it('delimited identifiers are case-sensitive', () => {
    const q = 'SELECT "magab", "DEC" FROM zcat.photometry';
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['case-mismatch', 'case-mismatch']);
    expect(at(q, 'case-mismatch')).toEqual(['"magab"', '"DEC"']);
    expect(r[0]!.fixes![0]!.edits[0]!.newText).toBe('"MagAB"');
    // a regular identifier does not find a mixed-case delimited column
    expect(codes('SELECT magab FROM zcat.photometry')).toEqual(['unknown-column']);
    expect(run('SELECT magab FROM zcat.photometry')[0]!.fixes![0]!.edits[0]!.newText).toBe('"MagAB"');
    // "Dec" is not dec: DaCHS answers "column not found"
    expect(codes('SELECT "Dec" FROM zcat.main')).toEqual(['case-mismatch']);
  });

  it('reports ambiguous unqualified columns across joins with qualify fixes', () => {
    const q = 'SELECT zcat_id FROM zcat.truth_match AS t JOIN zcat.photometry AS p ON p.zcat_id = t.zcat_id';
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['ambiguous-column']);
    expect(at(q, 'ambiguous-column')).toEqual(['zcat_id']);
    expect(r[0]!.fixes!.map((f) => f.edits[0]!.newText)).toEqual(['t.zcat_id', 'p.zcat_id']);
    expect(r[0]!.related!.length).toBe(2);
    expect(applyFix(q, r[0]!.fixes![0]!)).toMatch(/^SELECT t\.zcat_id FROM/);
  });

  it('USING and NATURAL merge the join columns', () => {
    expect(codes('SELECT zcat_id FROM zcat.truth_match JOIN zcat.photometry USING (zcat_id)')).toEqual([]);
    expect(codes('SELECT zcat_id FROM zcat.truth_match NATURAL JOIN zcat.photometry')).toEqual([]);
    const q = 'SELECT * FROM zcat.truth_match JOIN zcat.photometry USING (zcatid)';
    expect(codes(q)).toEqual(['unknown-using-column']);
    expect(at(q, 'unknown-using-column')).toEqual(['zcatid']);
    expect(codes('SELECT * FROM zcat.main NATURAL JOIN zcat.fov AS f')).toEqual([]); // both have id
    expect(codes('SELECT * FROM zcat.truth_match AS t NATURAL JOIN zcat.fov AS f')).toEqual(['natural-join-no-common-columns']);
  });

  it('unknown qualifier, and a table hidden by its alias', () => {
    const q = 'SELECT x.ra FROM zcat.main AS m';
    expect(codes(q)).toEqual(['unknown-qualifier']);
    expect(at(q, 'unknown-qualifier')).toEqual(['x']);
    const q2 = 'SELECT main.ra FROM zcat.main AS m';
    const r = run(q2);
    expect(r.map((d) => d.code)).toEqual(['unknown-qualifier']);
    expect(r[0]!.message).toContain('aliased as m');
    expect(applyFix(q2, r[0]!.fixes![0]!)).toBe('SELECT m.ra FROM zcat.main AS m');
  });

  it('duplicate output names warn (services rename one)', () => {
    const q = 'SELECT mt.ra, m.ra FROM zcat.main AS m, TAP_UPLOAD.mysources AS mt';
    expect(codes(q)).toEqual(['duplicate-output-name']);
    expect(run(q)[0]!.severity).toBe('warning');
    expect(at(q, 'duplicate-output-name')).toEqual(['m.ra']);
  });

  it('duplicate correlation names', () => {
    const q = 'SELECT * FROM zcat.main, zcat.main';
    expect(codes(q)).toEqual(['duplicate-correlation-name']);
    expect(codes('SELECT a.id FROM zcat.main AS a, zcat.main AS b')).toEqual([]);
    expect(codes('SELECT a.id FROM zcat.main AS a, zcat.truth_match AS a')).toEqual(['duplicate-correlation-name']);
  });

  it('derived tables have their own scope and expose their select names', () => {
    expect(codes('SELECT d.r, d.bmag FROM (SELECT ra AS r, bmag FROM zcat.main) AS d')).toEqual([]);
    const q = 'SELECT d.ra FROM (SELECT ra AS r FROM zcat.main) AS d';
    expect(codes(q)).toEqual(['unknown-column']);
    expect(run(q)[0]!.message).toContain('did you mean r');
    // the derived table's inner names are not visible outside
    expect(codes('SELECT m.ra FROM (SELECT ra FROM zcat.main AS m) AS d')).toEqual(['unknown-qualifier']);
  });

  it('correlated subqueries see the outer scope; the outer query does not see inner names', () => {
    expect(codes('SELECT m.id FROM zcat.main AS m WHERE EXISTS (SELECT * FROM zcat.truth_match AS t WHERE t.zcat_id = m.id)')).toEqual([]);
    expect(codes('SELECT id FROM zcat.main WHERE id IN (SELECT zcat_id FROM zcat.truth_match WHERE true_z > bmag / 100)')).toEqual([]);
    expect(codes('SELECT t.true_z FROM zcat.main AS m WHERE EXISTS (SELECT * FROM zcat.truth_match AS t)')).toEqual(['unknown-qualifier']);
    expect(codes('SELECT id FROM zcat.main WHERE id IN (SELECT zcat_id, true_z FROM zcat.truth_match)')).toEqual(['set-operand-columns']);
  });

  it('CTE names and their columns', () => {
    expect(codes('WITH bright AS (SELECT id, bmag FROM zcat.main WHERE bmag < 14) SELECT b.id FROM bright AS b')).toEqual([]);
    expect(codes('WITH bright AS (SELECT id FROM zcat.main) SELECT bmag FROM bright')).toEqual(['unknown-column']);
    expect(codes('WITH a AS (SELECT id FROM zcat.main), b AS (SELECT id FROM a) SELECT * FROM b')).toEqual([]);
    expect(codes('WITH a AS (SELECT id FROM zcat.main), a AS (SELECT id FROM zcat.main) SELECT * FROM a')).toEqual(['duplicate-cte']);
    expect(codes('WITH a AS (SELECT ra + 1 FROM zcat.main) SELECT * FROM a')).toEqual(['unnamed-derived-column']);
  });

  it('SELECT aliases in ORDER BY, output positions', () => {
    expect(codes('SELECT ra AS alpha FROM zcat.main ORDER BY alpha')).toEqual([]);
    expect(codes('SELECT ra AS alpha FROM zcat.main ORDER BY dec')).toEqual([]); // input columns too
    expect(codes('SELECT ra, dec FROM zcat.main ORDER BY 2 DESC')).toEqual([]);
    const q = 'SELECT ra, dec FROM zcat.main ORDER BY 3';
    expect(codes(q)).toEqual(['order-by-position']);
    expect(at(q, 'order-by-position')).toEqual(['3']);
    expect(codes('SELECT ra AS alpha FROM zcat.main ORDER BY alpah')).toEqual(['unknown-column']);
  });

  it('set operations: same arity, ORDER BY by output names', () => {
    expect(codes('SELECT id FROM zcat.main UNION SELECT zcat_id FROM zcat.truth_match ORDER BY id')).toEqual([]);
    const q = 'SELECT id, ra FROM zcat.main UNION SELECT zcat_id FROM zcat.truth_match';
    expect(codes(q)).toEqual(['set-operand-columns']);
  });

  it('TAP_UPLOAD tables: declared ones are checked, an undeclared one is an error', () => {
    expect(codes('SELECT mt.dec FROM TAP_UPLOAD.mysources AS mt')).toEqual([]);
    expect(codes('SELECT mt.flux FROM TAP_UPLOAD.mysources AS mt')).toEqual(['unknown-column']);
    const q = 'SELECT u.anything FROM TAP_UPLOAD.other AS u';
    expect(codes(q)).toEqual(['unknown-upload-table']);
    expect(run(q)[0]!.severity).toBe('error');
    const typo = 'SELECT u.ra FROM TAP_UPLOAD.mysource AS u';
    expect(applyFix(typo, run(typo)[0]!.fixes![0]!)).toBe('SELECT u.ra FROM TAP_UPLOAD.mysources AS u');
    // per-query declaration through options
    expect(codes(q, { uploads: { other: [{ name: 'anything', datatype: 'int' }] } })).toEqual([]);
  });

  it('without a schema only types and functions are checked', () => {
    expect(codes('SELECT anything FROM any.tab WHERE x > 1', {}, null)).toEqual([]);
    expect(codes("SELECT 'a' + 1 FROM t", {}, null)).toEqual(['arithmetic-type']);
  });
});
