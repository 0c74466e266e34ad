/** Validator behaviour decided in issue 15: messages name things once, strictness is an option. */
import { describe, expect, it } from 'vitest';
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
