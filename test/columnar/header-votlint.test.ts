/**
 * The VOParquet header adqlkit writes is a valid VOTable (the Note requires schema validity):
 * STILTS votlint (Debian's `stilts`) checks it against the VOTable schema and the datatype rules.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readVOTable, writeVOTableHeader } from '../../src/votable/index.js';
import { everyDatatypeVOTable } from './support.js';

const STILTS = '/usr/bin/stilts';
const available = existsSync(STILTS);
if (!available)
  console.warn(`[VOParquet header votlint test skipped] ${STILTS} is not installed (apt-get install stilts; npm test installs it as root)`);

describe.skipIf(!available)('the VOParquet header', () => {
  it('passes STILTS votlint with every datatype, PARAMs, VALUES and an OVERFLOW after the table', { timeout: 120_000 }, async () => {
    const table = (await readVOTable(everyDatatypeVOTable('binary2'))).tables[0]!;
    const xml = writeVOTableHeader(table, {
      infos: [
        { name: 'QUERY_STATUS', value: 'OK', content: '' },
        { name: 'QUERY_STATUS', value: 'OVERFLOW', content: 'cut at MAXREC' },
      ],
      coosys: [{ ID: 'icrs', system: 'ICRS' }],
    });
    expect(xml.indexOf('value="OVERFLOW"')).toBeGreaterThan(xml.indexOf('</TABLE>'));
    expect(xml).not.toContain('<DATA');
    const dir = mkdtempSync(join(tmpdir(), 'adqlkit-votlint-'));
    try {
      const file = join(dir, 'header.vot');
      writeFileSync(file, xml);
      const { stdout, stderr } = await promisify(execFile)(STILTS, ['votlint', 'validate=true', file], { timeout: 110_000 });
      expect(`${stdout}${stderr}`.split('\n').filter((l) => /^(ERROR|WARNING)/.test(l))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
