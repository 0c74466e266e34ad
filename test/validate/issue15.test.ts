/** Validator behaviour decided in issue 15: messages name things once, strictness is an option. */
import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/validate/index.js';
import { run } from './helpers.js';

describe('unknown qualifiers', () => {
  it('name the qualifier as written, quoted only when it is delimited', () => {
    expect(run('SELECT x.id FROM zcat.main')[0]!.message).toMatch(/^x is not a table or alias in FROM/);
    expect(run('SELECT "user".id FROM zcat.main')[0]!.message).toMatch(/^"user" is not a table or alias in FROM/);
    expect(run('SELECT main.id FROM zcat.main AS m')[0]!.message).toMatch(/^main is aliased as m in FROM/);
  });
  it('a reserved word as a qualifier: the syntax error comes first and says to quote it', () => {
    const r = run('SELECT user.id FROM zcat.main');
    expect(r[0]!.code).toBe('syntax-error');
    expect(r[0]!.message).toContain('("user")');
    expect(r.map((d) => d.message).join('\n')).not.toContain('""');
  });
});

describe('undeclared optional features', () => {
  it('are warnings by default and errors with strict: true', () => {
    const q = "SELECT UPPER(name) FROM zcat.main WHERE name ILIKE 'a%'"; // DaCHS declares ILIKE and LOWER only
    expect(run(q).map((d) => [d.code, d.severity])).toEqual([['unsupported-feature', 'warning']]);
    expect(run(q, { strict: true }).map((d) => [d.code, d.severity])).toEqual([['unsupported-feature', 'error']]);
  });
  it('an undeclared UDF stays an error (it is unknown, not merely undeclared)', () => {
    expect(run('SELECT ivo_nosuch(ra) FROM zcat.main').map((d) => [d.code, d.severity])).toEqual([['unknown-function', 'error']]);
  });
});

describe('beginner mistakes the validator explains', () => {
  it('SELECT ra dec: dec is read as an alias of ra, a comma may be missing (warning, comma fix)', () => {
    const q = 'SELECT ra dec FROM zcat.main';
    const r = run(q);
    expect(r.map((d) => [d.code, d.severity])).toEqual([['alias-without-as', 'warning']]);
    expect(r[0]!.message).toContain('dec is read as the name (alias) of ra');
    expect(applyFix(q, r[0]!.fixes![0]!)).toBe('SELECT ra, dec FROM zcat.main');
    expect(run('SELECT ra AS dec FROM zcat.main').map((d) => d.code)).toEqual([]);
    expect(run('SELECT ra right_ascension FROM zcat.main').map((d) => d.code)).toEqual([]);
    expect(run('SELECT ra ra, dec FROM zcat.main').map((d) => d.code)).toEqual([]); // a column named after itself
  });
  it('WHERE name = "M 31": double quotes make a name; the fix writes a string', () => {
    const q = 'SELECT id FROM zcat.main WHERE name = "M 31"';
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['unknown-column']);
    expect(r[0]!.message).toContain("a string needs single quotes: 'M 31'");
    expect(applyFix(q, r[0]!.fixes![0]!)).toBe("SELECT id FROM zcat.main WHERE name = 'M 31'");
  });
  it('LIMIT through validate: the TOP fix', () => {
    const q = 'SELECT id FROM zcat.main LIMIT 10';
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['syntax-error']);
    expect(applyFix(q, r[0]!.fixes![0]!)).toBe('SELECT TOP 10 id FROM zcat.main');
  });
  it('the duplicate-name message names the repeated name', () => {
    const r = run('SELECT ra AS pos, dec AS "Pos", bmag AS POS FROM zcat.main');
    expect(r.map((d) => d.code)).toEqual(['duplicate-output-name']);
    expect(r[0]!.message).toBe('two result columns are named POS; give one of them another name with AS');
  });
  it('a repeated FROM alias is named as the repeated alias, not as a table lacking one', () => {
    const r = run('SELECT * FROM zcat.main AS m, zcat.truth_match AS m');
    expect(r.map((d) => d.code)).toEqual(['duplicate-correlation-name']);
    expect(r[0]!.message).toBe(
      'the name m is given twice in FROM (zcat.main AS m and zcat.truth_match AS m); give one of them another alias',
    );
    expect(run('SELECT * FROM zcat.main, zcat.main')[0]!.message).toBe(
      'zcat.main appears twice in FROM under the same name; give one of them an alias (AS t2)',
    );
  });
  it('USING never suggests the name that was written', () => {
    const missing = run('SELECT * FROM zcat.truth_match JOIN zcat.main USING (zcat_id)');
    expect(missing.map((d) => d.code)).toEqual(['unknown-using-column']);
    expect(missing[0]!.message).not.toContain('did you mean zcat_id');
    expect(missing[0]!.fixes ?? []).toEqual([]);
    expect(run('SELECT * FROM zcat.truth_match JOIN zcat.photometry USING (zcatid)')[0]!.message).toContain('did you mean zcat_id?');
  });
});
