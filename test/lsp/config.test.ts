/** The language server and .adqlrc.json: a broken setup is explained once; schema file edits are picked up. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/support/build.js';
import { tempProject } from '../cli/fixtures.js';
import { LspClient } from './client.js';

const clients: LspClient[] = [];
beforeAll(ensureBuilt, 180_000);
afterAll(async () => {
  for (const c of clients) await c.close();
});

describe('language server configuration', () => {
  it('warns once when the configured schema file is missing, and still checks syntax', async () => {
    const dir = tempProject({ '.adqlrc.json': JSON.stringify({ schema: 'nope.json' }) });
    const client = new LspClient(dir);
    clients.push(client);
    await client.initialize(dir);
    const a = pathToFileURL(path.join(dir, 'a.adql')).href;
    const b = pathToFileURL(path.join(dir, 'b.adql')).href;
    await client.open(a, 'adql', 'SELECT FROM zcat.main');
    const published = await client.nextDiagnostics(a, 1);
    expect(published.diagnostics[0]).toMatchObject({ code: 'syntax-error' });
    await client.open(b, 'adql', 'SELECT zz FROM zcat.main');
    expect((await client.nextDiagnostics(b, 1)).diagnostics).toEqual([]);
    expect(client.messages).toHaveLength(1);
    expect(client.messages[0]!.message).toMatch(/^adql: schema file .*nope\.json does not exist/);
  });

  it('checks against the ADQL version of .adqlrc.json, or of the client\'s "version" option', async () => {
    const dir = tempProject({ '.adqlrc.json': JSON.stringify({ schema: 'schema.json', version: '2.0' }) });
    const client = new LspClient(dir);
    clients.push(client);
    await client.initialize(dir);
    const uri = pathToFileURL(path.join(dir, 'q.adql')).href;
    await client.open(uri, 'adql', 'SELECT ra FROM zcat.main OFFSET 2');
    const published = (await client.nextDiagnostics(uri, 1)).diagnostics;
    expect(published.map((d) => d.message)).toEqual([expect.stringMatching(/OFFSET needs ADQL 2\.1/)]);

    const latest = new LspClient(dir);
    clients.push(latest);
    await latest.initialize(dir, { version: '2.1' });
    await latest.open(uri, 'adql', 'SELECT ra FROM zcat.main OFFSET 2');
    expect((await latest.nextDiagnostics(uri, 1)).diagnostics).toEqual([]);

    const wrong = new LspClient(dir);
    clients.push(wrong);
    await wrong.initialize(dir, { version: 2 });
    await wrong.open(uri, 'adql', 'SELECT ra FROM zcat.main OFFSET 2');
    expect((await wrong.nextDiagnostics(uri, 1)).diagnostics).toHaveLength(1);
    expect(wrong.messages.map((m) => m.message)).toEqual([
      expect.stringMatching(/initialization option "version" must be one of 2\.0, 2\.1, got 2/),
    ]);
  });

  it('says once when .adqlrc.json asks for an ADQL version it does not know, and checks against 2.1', async () => {
    const dir = tempProject({ '.adqlrc.json': JSON.stringify({ schema: 'schema.json', version: '2.2' }) });
    const client = new LspClient(dir);
    clients.push(client);
    await client.initialize(dir);
    const uri = pathToFileURL(path.join(dir, 'q.adql')).href;
    await client.open(uri, 'adql', 'SELECT ra FROM zcat.main OFFSET 2');
    expect((await client.nextDiagnostics(uri, 1)).diagnostics).toEqual([]);
    await client.change(uri, 2, [{ text: 'SELECT ra FROM zcat.main OFFSET 3' }]);
    expect((await client.nextDiagnostics(uri, 2)).diagnostics).toEqual([]);
    expect(client.messages.map((m) => m.message)).toEqual([
      expect.stringMatching(/"version" must be one of "2\.0", "2\.1", got "2\.2"; checking against ADQL 2\.1$/),
    ]);
  });

  it('picks up an edited schema file on the next change', async () => {
    const dir = tempProject({ '.adqlrc.json': JSON.stringify({ schema: 'schema.json' }) });
    const client = new LspClient(dir);
    clients.push(client);
    await client.initialize(dir);
    const uri = pathToFileURL(path.join(dir, 'q.adql')).href;
    await client.open(uri, 'adql', 'SELECT flux FROM zcat.main');
    expect((await client.nextDiagnostics(uri, 1)).diagnostics.map((d) => d.code)).toEqual(['unknown-column']);
    const file = path.join(dir, 'schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    schema.tables[0].columns.push({ name: 'flux', datatype: 'double' });
    writeFileSync(file, JSON.stringify(schema));
    // mtime resolution: make sure the file looks changed.
    await new Promise((r) => setTimeout(r, 20));
    await client.change(uri, 2, [{ text: 'SELECT flux FROM zcat.main ' }]);
    expect((await client.nextDiagnostics(uri, 2)).diagnostics).toEqual([]);
  });
});
