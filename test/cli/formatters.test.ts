import { describe, expect, it } from 'vitest';
import { lineIndex, toFileDiagnostics } from '../../src/cli/diagnostics.js';
import { codeFrame, formatDiagnostics, formatGithub, type FileDiagnostic } from '../../src/cli/format/diagnostics.js';
import { formatTable } from '../../src/cli/format/table.js';
import { createStyle, stripAnsi } from '../../src/cli/style.js';

const plain = createStyle(false);
const text = 'SELECT ra, dec\nFROM zcat.mian\nWHERE z > 0.1\n';
const start = text.indexOf('mian') - 5;
const diags: FileDiagnostic[] = toFileDiagnostics('q.adql', text, [
  {
    code: 'unknown-table',
    severity: 'error',
    message: 'unknown table zcat.mian',
    start,
    end: start + 9,
    fixes: [{ title: 'replace with zcat.main', edits: [{ start, end: start + 9, newText: 'zcat.main' }] }],
    source: 'validate',
  },
]);

describe('diagnostic formatters', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const at = lineIndex(text);
    expect(at(0)).toEqual({ offset: 0, line: 1, column: 1 });
    expect(at(15)).toEqual({ offset: 15, line: 2, column: 1 });
    expect(diags[0]!.range.start).toMatchObject({ line: 2, column: 6 });
    expect(diags[0]!.range.end).toMatchObject({ line: 2, column: 15 });
  });

  it('human: location, code frame with carets under the range, fix, summary', () => {
    const out = formatDiagnostics('human', diags, [{ file: 'q.adql', text }], plain);
    expect(out).toContain('q.adql:2:6 error unknown table zcat.mian [unknown-table]');
    expect(out).toContain('> 2 | FROM zcat.mian');
    expect(out).toContain('    |      ^^^^^^^^^');
    expect(out).toContain('fix: replace with zcat.main');
    expect(out).toContain('1 error, 0 warnings in 1 file');
    expect(formatDiagnostics('human', [], [{ file: 'q.adql', text }], plain)).toBe('no problems in 1 file\n');
  });

  it('colours only when asked', () => {
    const coloured = codeFrame(text, diags[0]!.range, createStyle(true));
    expect(coloured).toContain('\u001b[31m');
    expect(stripAnsi(coloured)).toBe(codeFrame(text, diags[0]!.range, plain));
  });

  it('json keeps every field', () => {
    expect(JSON.parse(formatDiagnostics('json', diags, [], plain))).toEqual(JSON.parse(JSON.stringify(diags)));
  });

  it('sarif 2.1.0 with rules, regions and fixes', () => {
    const sarif = JSON.parse(formatDiagnostics('sarif', diags, [], plain, '1.2.3'));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'adqlkit', version: '1.2.3', rules: [{ id: 'unknown-table' }] });
    expect(run.results[0]).toMatchObject({
      ruleId: 'unknown-table',
      level: 'error',
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'q.adql' }, region: { startLine: 2, startColumn: 6, endLine: 2, endColumn: 15 } } },
      ],
    });
    expect(run.results[0].fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe('zcat.main');
  });

  it('github annotations escape data and properties', () => {
    expect(formatGithub({ ...diags[0]!, file: 'a,b:c.adql', message: '50% of\nlines' })).toBe(
      '::error file=a%2Cb%3Ac.adql,line=2,col=6,endLine=2,endColumn=15,title=adql unknown-table::50%25 of%0Alines\n',
    );
    expect(formatGithub({ ...diags[0]!, severity: 'warning' })).toMatch(/^::warning /);
    expect(formatGithub({ ...diags[0]!, severity: 'info' })).toMatch(/^::notice /);
  });
});

describe('aligned tables', () => {
  it('right-aligns numeric columns and clips to the width', () => {
    const out = formatTable(
      ['id', 'name', 'z'],
      [
        ['1', 'NGC 1', '0.5'],
        ['10', 'a much longer galaxy name', '-1e-3'],
      ],
    );
    expect(out.split('\n')).toEqual([
      'id  name                           z',
      '--  -------------------------  -----',
      ' 1  NGC 1                        0.5',
      '10  a much longer galaxy name  -1e-3',
      '',
    ]);
    const narrow = formatTable(['id', 'name'], [['1', 'a much longer galaxy name']], { maxWidth: 16 });
    for (const line of narrow.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(16);
    expect(narrow).toContain('…');
  });
});

describe('colour decision', () => {
  it('flag first, then NO_COLOR / FORCE_COLOR, then whether the stream is a TTY', async () => {
    const { colourWanted } = await import('../../src/cli/style.js');
    expect(colourWanted({ isTTY: true }, {}, undefined)).toBe(true);
    expect(colourWanted({ isTTY: false }, {}, undefined)).toBe(false);
    expect(colourWanted({ isTTY: true }, { NO_COLOR: '1' }, undefined)).toBe(false);
    expect(colourWanted({ isTTY: false }, { FORCE_COLOR: '1' }, undefined)).toBe(true);
    expect(colourWanted({ isTTY: true }, {}, false)).toBe(false);
    expect(colourWanted({ isTTY: false }, { NO_COLOR: '1' }, true)).toBe(true);
  });
});
