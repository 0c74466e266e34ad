/**
 * What a user sees when a typed query names a column that does not exist: under TypeScript 5.9
 * and 7.x, the error names the column, its table and, where one is close, the column meant.
 * Also: the builder's type tests (types.typecheck.ts) hold under TypeScript 7 as they do under 5.9.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { COMPILERS, installed, typecheck } from './compilers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const builder = path.resolve(here, '../../src/builder/index.js');
const database = path.resolve(here, 'zcat-db.js');

/** Each case: a statement and the message its argument must be checked against. */
const CASES: Array<[code: string, message: string]> = [
  [`db.from('zcat.main as m').select('m.bmagg');`, 'unknown column bmagg in zcat.main AS m; did you mean m.bmag?'],
  [`db.from('zcat.main as m').select('m.id', 'm.bmagg');`, 'unknown column bmagg in zcat.main AS m; did you mean m.bmag?'],
  [`db.from('zcat.main as m').select('m.RA as alpha');`, 'unknown column RA in zcat.main AS m; did you mean m.ra?'],
  [`db.from('zcat.main').select('declination');`, 'unknown column declination in zcat.main; did you mean dec?'],
  [`db.from('zcat.main').select('xyz');`, 'unknown column xyz in zcat.main'],
  [
    `db.from('zcat.main as m').join('zcat.truth_match as t', 't.zcat_id', 'm.id').select('t.truez');`,
    'unknown column truez in zcat.truth_match AS t; did you mean t.true_z?',
  ],
  [
    `db.from('zcat.main as m').join('zcat.truth_match as t', 't.zcat_id', 'm.id').select('x.true_z');`,
    'x is not a table or alias of this query (in scope: ',
  ],
];

function fixture(): { file: string; lines: Map<number, string> } {
  const header = [
    `import { queryBuilder } from ${JSON.stringify(builder)};`,
    `import type { Database } from ${JSON.stringify(database)};`,
    'const db = queryBuilder<Database>();',
    // A valid query in the same file: the checked parameters must not reject it.
    `db.from('zcat.main as m').select('m.id', 'm.ra as alpha', 'dec').select((eb) => [eb.fn.count().as('n')]);`,
  ];
  const lines = new Map<number, string>();
  const body = CASES.map(([code, message], i) => {
    lines.set(header.length + i + 1, message);
    return code;
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'adqlkit-type-errors-')), 'queries.mts');
  writeFileSync(file, [...header, ...body].join('\n'));
  return { file, lines };
}

describe.each(COMPILERS)('$name', { timeout: 120_000 }, (compiler) => {
  const skip = !installed(compiler);
  if (skip) console.log(`skipped: ${compiler.name} is not installed (${compiler.tsc}); run npm ci`);

  test.skipIf(skip)('a misspelled select column is named with its table and the closest column', async () => {
    const { file, lines } = fixture();
    const errors = await typecheck(compiler, [file]);
    expect(
      errors.filter((e) => e.file !== file),
      'errors outside the fixture',
    ).toEqual([]);
    for (const [line, message] of lines) {
      const error = errors.find((e) => e.line === line);
      expect(error, `line ${line} should be an error naming "${message}"`).toBeDefined();
      expect(error!.text).toContain(`parameter of type '"${message}`);
    }
    expect(errors.map((e) => e.line).sort((a, b) => a - b)).toEqual([...lines.keys()]);
  });

  test.skipIf(skip)('the builder type tests hold (types.typecheck.ts compiles without errors)', async () => {
    expect(await typecheck(compiler, [path.join(here, 'types.typecheck.ts')])).toEqual([]);
  });
});
