import { describe, expect, it } from 'vitest';
import { findEmbeddedQueries, toAdqlOffset, toDocOffset, touchesPlaceholder } from '../../src/tooling/embedded.js';

const source = [
  "import { adql } from 'adqlkit';",
  '// service.query("not this: a comment")',
  'const q = adql`',
  '  SELECT ra, dec',
  '  FROM zcat.main',
  '  WHERE z > ${minZ} AND dec > 0`;',
  "const r = await service.query('SELECT TOP 5 * FROM zcat.main WHERE id = 7');",
  'const s = other.query(`SELECT ${cols} FROM ${table}`);',
  "const notAdql = `SELECT nope`; foo.bar('SELECT x');",
  'const esc = service.submit("SELECT \\"Mag\\" FROM t\\nWHERE x = 1");',
].join('\n');

describe('embedded ADQL in TypeScript', () => {
  const found = findEmbeddedQueries(source);

  it('finds adql templates and query-method string arguments only', () => {
    expect(found.map((q) => q.text)).toEqual([
      '\n  SELECT ra, dec\n  FROM zcat.main\n  WHERE z > 0 AND dec > 0',
      'SELECT TOP 5 * FROM zcat.main WHERE id = 7',
      'SELECT 0 FROM adql_param',
      'SELECT "Mag" FROM t\nWHERE x = 1',
    ]);
    expect(found.map((q) => q.identifierHoles)).toEqual([false, false, true, false]);
  });

  it('maps offsets both ways across lines and holes', () => {
    const q = found[0]!;
    const adqlAt = q.text.indexOf('main');
    expect(source.slice(toDocOffset(q, adqlAt), toDocOffset(q, adqlAt) + 4)).toBe('main');
    const andAt = q.text.indexOf('AND');
    expect(source.slice(toDocOffset(q, andAt), toDocOffset(q, andAt) + 3)).toBe('AND');
    expect(toAdqlOffset(q, source.indexOf('dec > 0'))).toBe(q.text.indexOf('dec > 0'));
    const hole = q.text.indexOf('0 AND');
    expect(touchesPlaceholder(q, hole, hole + 1)).toBe(true);
    expect(touchesPlaceholder(q, andAt, andAt + 3)).toBe(false);
    expect(source.slice(toDocOffset(q, hole), toDocOffset(q, hole + 1))).toBe('${minZ}');
  });

  it('decodes escapes while keeping positions after them exact', () => {
    const q = found[3]!;
    const fromAt = q.text.indexOf('FROM');
    expect(source.slice(toDocOffset(q, fromAt), toDocOffset(q, fromAt) + 4)).toBe('FROM');
    const whereAt = q.text.indexOf('WHERE');
    expect(source.slice(toDocOffset(q, whereAt), toDocOffset(q, whereAt) + 5)).toBe('WHERE');
  });
});
