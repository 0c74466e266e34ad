/** adql/valid-query with ESLint's RuleTester: templates, query() strings, positions, autofix. */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { Linter, RuleTester } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { validQuery } from '../../src/eslint/valid-query.js';
import { tempProject } from '../cli/fixtures.js';

// RuleTester uses the test framework's describe/it when they are globals; give it vitest's.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const dir = tempProject();
const schema = path.join(dir, 'schema.json');
const options = [{ schema }];

const ruleTester = new RuleTester({ languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: 'module' } });

ruleTester.run('adql/valid-query', validQuery, {
  valid: [
    { code: 'const q = adql`SELECT ra, dec FROM zcat.main WHERE z > 0.1`;', options },
    { code: "await service.query('SELECT TOP 5 * FROM zcat.main');", options },
    // Holes are values: not checked as names.
    { code: 'const q = adql`SELECT ra FROM zcat.main WHERE z > ${minZ} AND name = ${name}`;', options },
    // A hole as a table: only syntax is checked.
    { code: 'const q = adql`SELECT anything FROM ${table}`;', options },
    // Not ADQL contexts.
    { code: 'const s = sql`SELECT nonsense FROM nowhere`; foo.bar("SELECT broken FROM");', options },
    { code: 'await service.query(someVariable);', options },
    // Without a schema only syntax and schema-free checks run.
    { code: 'const q = adql`SELECT x FROM unknown_table`;' },
  ],
  invalid: [
    {
      name: 'unknown column in a multi-line template, exact line and column',
      code: ['const q = adql`', '  SELECT ra,', '         dcc', '  FROM zcat.main`;'].join('\n'),
      options,
      errors: [
        {
          messageId: 'problem',
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { title: 'Change to dec' },
              output: ['const q = adql`', '  SELECT ra,', '         dec', '  FROM zcat.main`;'].join('\n'),
            },
          ],
        },
      ],
      output: ['const q = adql`', '  SELECT ra,', '         dec', '  FROM zcat.main`;'].join('\n'),
    },
    {
      name: 'syntax error after a ${} hole keeps its position',
      code: 'const q = adql`SELECT ra FROM zcat.main WHERE z > ${minZ} AND AND dec > 0`;',
      options,
      errors: [{ messageId: 'problem', line: 1, column: 63 }],
    },
    {
      name: 'string argument of service.query with an unknown table',
      code: "const r = await service.query('SELECT TOP 5 * FROM zcat.mian');",
      options,
      errors: [
        {
          messageId: 'problem',
          line: 1,
          column: 52,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { title: 'Change to zcat.main' },
              output: "const r = await service.query('SELECT TOP 5 * FROM zcat.main');",
            },
          ],
        },
      ],
      output: "const r = await service.query('SELECT TOP 5 * FROM zcat.main');",
    },
    {
      name: 'template argument of submit, several problems at once',
      code: 'const job = await tap.submit(`SELECT nmae, zz FROM zcat.main`);',
      options,
      errors: [
        {
          messageId: 'problem',
          line: 1,
          column: 38,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { title: 'Change to name' },
              output: 'const job = await tap.submit(`SELECT name, zz FROM zcat.main`);',
            },
          ],
        },
        {
          messageId: 'problem',
          line: 1,
          column: 44,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { title: 'Change to z' },
              output: 'const job = await tap.submit(`SELECT nmae, z FROM zcat.main`);',
            },
          ],
        },
      ],
      output: 'const job = await tap.submit(`SELECT name, z FROM zcat.main`);',
    },
    {
      name: 'positions after an escape sequence in a string',
      code: 'await service.query("SELECT ra\\nFROM zcat.main WHERE dcc > 0");',
      options,
      errors: [
        {
          messageId: 'problem',
          line: 1,
          column: 54,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { title: 'Change to dec' },
              output: 'await service.query("SELECT ra\\nFROM zcat.main WHERE dec > 0");',
            },
          ],
        },
      ],
      output: 'await service.query("SELECT ra\\nFROM zcat.main WHERE dec > 0");',
    },
    {
      name: 'syntax errors are reported without a schema',
      code: 'const q = adql`SELECT FROM t`;',
      errors: [{ messageId: 'problem', line: 1, column: 23 }],
    },
    {
      name: 'a missing schema file is reported once',
      code: 'const q = adql`SELECT 1 AS one FROM t`;',
      options: [{ schema: path.join(dir, 'missing.json') }],
      errors: [{ messageId: 'setup' }],
    },
  ],
});

describe('plugin with a flat config and .adqlrc.json', () => {
  it('exposes the rule and a recommended config', () => {
    expect(plugin.rules?.['valid-query']).toBe(validQuery);
    expect(plugin.configs.recommended.rules).toEqual({ 'adql/valid-query': 'error' });
    expect(plugin.configs.recommended.plugins?.adql).toBe(plugin);
  });

  it('finds the schema through the nearest .adqlrc.json of the linted file', () => {
    const project = tempProject({ '.adqlrc.json': JSON.stringify({ schema: 'schema.json' }) });
    mkdirSync(path.join(project, 'src'));
    const linter = new Linter({ configType: 'flat', cwd: project });
    const code = 'const rows = await service.query(`SELECT ra, decc FROM zcat.main`);\n';
    const messages = linter.verify(
      code,
      [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, ...plugin.configs.recommended }],
      path.join(project, 'src', 'app.ts'),
    );
    expect(messages.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual([
      ['adql/valid-query', 1, 46, expect.stringMatching(/decc.*\[unknown-column\]$/)],
    ]);
    const fixed = linter.verifyAndFix(
      code,
      [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, ...plugin.configs.recommended }],
      path.join(project, 'src', 'app.ts'),
    );
    expect(fixed.output).toBe('const rows = await service.query(`SELECT ra, dec FROM zcat.main`);\n');
  });

  it('checks against the ADQL version of .adqlrc.json unless the rule option says otherwise', () => {
    const project = tempProject({ '.adqlrc.json': JSON.stringify({ schema: 'schema.json', version: '2.0' }) });
    const linter = new Linter({ configType: 'flat', cwd: project });
    const code = 'const rows = await service.query(`SELECT ra FROM zcat.main OFFSET 2`);\n';
    const file = path.join(project, 'app.ts');
    const messages = linter.verify(
      code,
      [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, ...plugin.configs.recommended }],
      file,
    );
    expect(messages.map((m) => m.message)).toEqual([expect.stringMatching(/OFFSET needs ADQL 2\.1/)]);
    const withOption = linter.verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser },
          plugins: { adql: plugin },
          rules: { 'adql/valid-query': ['error', { version: '2.1' }] },
        },
      ],
      file,
    );
    expect(withOption).toEqual([]);
  });
});
