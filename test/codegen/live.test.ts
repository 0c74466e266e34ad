/**
 * Code generation from the live DaCHS service: the committed fixture (fixtures/codegen/zcat.ts,
 * which the builder's type and live tests import) is what `adql codegen --check` accepts, with
 * nullability taken from the service's VOSI flags.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { generateSchemaTypes } from '../../src/codegen/index.js';
import { adql } from '../cli/support/in-process.js';
import { describeLive, TAP_URL } from '../support/dachs.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describeLive('codegen against DaCHS', () => {
  test('the committed zcat fixture is up to date (--check exits 0)', async () => {
    // The fixture records the service as http://127.0.0.1:8080/tap; compare through that name.
    const generated = await generateSchemaTypes(TAP_URL, {
      tables: ['zcat.main', 'zcat.truth_match', 'zcat.photometry'],
      importFrom: '../../src/builder/index.js',
      command:
        "`adql codegen --service http://127.0.0.1:8080/tap --table 'zcat.main' --table 'zcat.truth_match' --table 'zcat.photometry' --import-from ../../src/builder/index.js`",
    });
    expect(generated).toContain("// Nullability: from the service's VOSI nullable flags (unflagged columns are NOT NULL).");
    expect(generated).toContain('  ra: number;\n');
    expect(generated).toContain('  bmag: number | null;\n');
    expect(generated).toContain('  gavo_match(pattern: string, string: string): number;');
    if (TAP_URL === 'http://127.0.0.1:8080/tap') {
      const run = await adql([
        'codegen',
        '--service',
        TAP_URL,
        '--table',
        'zcat.main',
        '--table',
        'zcat.truth_match',
        '--table',
        'zcat.photometry',
        '--import-from',
        '../../src/builder/index.js',
        '--out',
        path.join(repo, 'fixtures/codegen/zcat.ts'),
        '--check',
      ]);
      expect(run.stdout + run.stderr).toContain('is up to date');
      expect(run.code).toBe(0);
    }
  });
});
