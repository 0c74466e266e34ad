/** The built language server driven over stdio by a real JSON-RPC client. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/support/build.js';
import { tempProject } from '../cli/fixtures.js';
import { LspClient } from './client.js';

let client: LspClient;
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = tempProject();
  writeFileSync(path.join(dir, '.adqlrc.json'), JSON.stringify({ schema: 'schema.json' }));
  client = new LspClient(dir);
  const init = await client.initialize(dir);
  expect(init.capabilities).toMatchObject({
    hoverProvider: true,
    definitionProvider: true,
    documentFormattingProvider: true,
    completionProvider: expect.any(Object),
    signatureHelpProvider: expect.any(Object),
    codeActionProvider: expect.any(Object),
  });
}, 180_000);

afterAll(async () => {
  await client?.close();
});

const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;

describe('language server over stdio', () => {
  it('publishes parser and validator diagnostics on open and after incremental changes', async () => {
    const doc = uri('q.adql');
    await client.open(doc, 'adql', 'SELECT ra, dec, zz\nFROM zcat.main\nWHERE z > 0.1\n');
    const first = await client.nextDiagnostics(doc, 1);
    expect(first.diagnostics).toEqual([
      expect.objectContaining({
        code: 'unknown-column',
        severity: 1,
        source: 'adql',
        range: { start: { line: 0, character: 16 }, end: { line: 0, character: 18 } },
      }),
    ]);
    // Replace "zz" by "z": clean.
    await client.change(doc, 2, [{ range: { start: { line: 0, character: 16 }, end: { line: 0, character: 18 } }, text: 'z' }]);
    expect((await client.nextDiagnostics(doc, 2)).diagnostics).toEqual([]);
    // Break the syntax on line 3.
    await client.change(doc, 3, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, text: 'WHER' }]);
    const broken = await client.nextDiagnostics(doc, 3);
    expect(broken.diagnostics[0]).toMatchObject({ code: 'syntax-error', range: { start: { line: 2 } } });
  });

  it('completes columns of an alias, tables after FROM, keywords and functions', async () => {
    const doc = uri('c.adql');
    const text = 'SELECT m. FROM zcat.main AS m WHERE ';
    await client.open(doc, 'adql', text);
    const cols = await client.request<{ items: Array<{ label: string }> }>('textDocument/completion', {
      textDocument: { uri: doc },
      position: { line: 0, character: 9 },
    });
    expect(cols.items.map((i) => i.label)).toEqual(['id', 'ra', 'dec', 'z', 'name']);
    const where = await client.request<{ items: Array<{ label: string }> }>('textDocument/completion', {
      textDocument: { uri: doc },
      position: { line: 0, character: text.length },
    });
    expect(where.items.map((i) => i.label)).toEqual(expect.arrayContaining(['ra', 'm', 'CONTAINS', 'AND']));
    await client.open(uri('f.adql'), 'adql', 'SELECT * FROM ');
    const tables = await client.request<{ items: Array<{ label: string }> }>('textDocument/completion', {
      textDocument: { uri: uri('f.adql') },
      position: { line: 0, character: 14 },
    });
    expect(tables.items.map((i) => i.label)).toEqual(expect.arrayContaining(['zcat.main', 'zcat.truth_match']));
    // Table documentation arrives through completionItem/resolve.
    const main = tables.items.find((i) => i.label === 'zcat.main')!;
    const resolved = await client.request<{ documentation: { value: string } }>('completionItem/resolve', main);
    expect(resolved.documentation.value).toContain('Galaxy redshift catalogue');
    expect(resolved.documentation.value).toContain('5 columns: id, ra, dec, z, name');
  });

  it('hovers columns with unit, UCD and description; signature help; go to definition', async () => {
    const doc = uri('h.adql');
    await client.open(doc, 'adql', 'SELECT g.ra\nFROM zcat.main AS g\nWHERE CONTAINS(POINT(g.ra, g.dec), CIRCLE(10, 20, ');
    const hover = await client.request<{ contents: { value: string }; range: unknown }>('textDocument/hover', {
      textDocument: { uri: doc },
      position: { line: 0, character: 10 },
    });
    expect(hover.contents.value).toContain('unit: `deg`');
    expect(hover.contents.value).toContain('UCD: `pos.eq.ra;meta.main`');
    expect(hover.range).toEqual({ start: { line: 0, character: 9 }, end: { line: 0, character: 11 } });
    const sig = await client.request<{ signatures: Array<{ label: string }>; activeParameter: number }>('textDocument/signatureHelp', {
      textDocument: { uri: doc },
      position: { line: 2, character: 50 },
    });
    expect(sig.signatures[0]!.label).toMatch(/^CIRCLE\(/);
    expect(sig.activeParameter).toBe(2);
    const def = await client.request<{ uri: string; range: unknown }>('textDocument/definition', {
      textDocument: { uri: doc },
      position: { line: 0, character: 7 },
    });
    expect(def).toEqual({ uri: doc, range: { start: { line: 1, character: 18 }, end: { line: 1, character: 19 } } });
  });

  it('formats with the pretty printer and offers the validator fixes as code actions', async () => {
    const doc = uri('fmt.adql');
    await client.open(doc, 'adql', 'select ra,dec from zcat.main where z>0.1');
    const edits = await client.request<Array<{ newText: string }>>('textDocument/formatting', {
      textDocument: { uri: doc },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(edits[0]!.newText).toMatch(/^SELECT ra, dec\nFROM zcat.main\nWHERE z > 0.1/);

    const fix = uri('fix.adql');
    await client.open(fix, 'adql', 'SELECT rra FROM zcat.main');
    const published = await client.nextDiagnostics(fix, 1);
    const diagnostic = published.diagnostics[0]!;
    const actions = await client.request<
      Array<{ title: string; kind: string; edit: { changes: Record<string, Array<{ range: unknown; newText: string }>> } }>
    >('textDocument/codeAction', {
      textDocument: { uri: fix },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    expect(actions[0]).toMatchObject({ kind: 'quickfix' });
    expect(actions[0]!.edit.changes[fix]).toEqual([
      { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 10 } }, newText: 'ra' },
    ]);
  });

  it('checks ADQL inside TypeScript adql`...` templates and query() strings at the right place', async () => {
    const doc = uri('app.ts');
    const ts = [
      "import { adql } from 'adqlkit';",
      'const minZ = 0.1;',
      'const q = adql`',
      '  SELECT ra, dcc',
      '  FROM zcat.main',
      '  WHERE z > ${minZ}`;',
      "await service.query('SELECT TOP 3 nmae FROM zcat.main');",
      '',
    ].join('\n');
    await client.open(doc, 'typescript', ts);
    const published = await client.nextDiagnostics(doc, 1);
    const byCode = published.diagnostics.map((d) => [d.code, d.range.start, d.range.end]);
    expect(byCode).toEqual([
      ['unknown-column', { line: 3, character: 13 }, { line: 3, character: 16 }],
      ['unknown-column', { line: 6, character: 34 }, { line: 6, character: 38 }],
    ]);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: doc },
      position: { line: 3, character: 10 },
    });
    expect(hover.contents.value).toContain('Right ascension');
  });

  it('clears diagnostics when a document closes', async () => {
    const doc = uri('q.adql');
    const cleared = client.nextDiagnostics(doc);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: doc } });
    expect((await cleared).diagnostics).toEqual([]);
  });
});
