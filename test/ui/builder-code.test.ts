/**
 * "Copy as TypeScript": the builder chain written for a query builds the same query (its toADQL()
 * parses to the same tree as the editor's text); queries outside the builder's simple shape are
 * handed to the TAP client as text.
 */
import { describe, expect, it } from 'vitest';
import { adql, parse, print, queryBuilder } from '../../src/index.js';
import { asTypeScript } from '../../src/ui/page/builder-code.js';

const URL = 'http://127.0.0.1:8080/tap';

function builtQuery(code: string): string {
  const chain = /const query = ([\s\S]*?);\nconst result/.exec(code)?.[1];
  if (chain === undefined) throw new Error(`no builder chain in:\n${code}`);
  const build = new Function('db', 'adql', `return ${chain};`) as (db: unknown, tag: unknown) => { toADQL(): string };
  return build(queryBuilder(), adql).toADQL();
}

const canonical = (text: string) => print(parse(text).ast!);

describe('copy as TypeScript', () => {
  it.each([
    'SELECT TOP 10 m.id, m.ra, m.dec FROM zcat.main AS m WHERE m.bmag < 16 ORDER BY m.bmag DESC',
    "SELECT * FROM sample.galaxies WHERE morph_type = 'E' AND gmag BETWEEN 14 AND 17",
    "SELECT DISTINCT morph_type FROM sample.galaxies WHERE (redshift > 0.1 AND gmag < 18) AND 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 2, 1)) ORDER BY morph_type OFFSET 5",
  ])('writes builder code that builds %s', (query) => {
    const code = asTypeScript(URL, query, 100);
    expect(code).toContain('queryBuilder()');
    expect(code).toContain('await query.run(tap, { maxrec: 100 })');
    expect(canonical(builtQuery(code))).toBe(canonical(query));
  });

  it('hands other queries to the TAP client as text', () => {
    const query = 'SELECT morph_type, COUNT(*) AS n FROM sample.galaxies GROUP BY morph_type';
    const code = asTypeScript(URL, query, undefined);
    expect(code).not.toContain('queryBuilder');
    expect(code).toContain('await tap.query(`SELECT morph_type, COUNT(*) AS n FROM sample.galaxies GROUP BY morph_type`)');
  });
});
