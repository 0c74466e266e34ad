/**
 * Diagnostics after edits: re-checking only the queries an edit touched must give what a fresh
 * check of the whole text gives, over random edit sequences in .adql and TypeScript documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceSchema } from '../../src/schema/index.js';
import { checkAdql, editorSchemaOf, formatAdql, type LanguageBackend, type LoadedSchema } from '../../src/tooling/index.js';
import { zcatDocument } from './fixtures.js';
import { InProcessServer, positionOf } from './in-process.js';
import { seeded } from '../support/seeded.js';

const validator = new ServiceSchema(zcatDocument);
const schema: LoadedSchema = { editor: editorSchemaOf(validator), validator, origin: 'zcat fixture' };

/** The real checker on the zcat fixture, recording which texts it was asked to check. */
function countingBackend(checked: string[]): LanguageBackend {
  return {
    check(text, s, options) {
      checked.push(text);
      return checkAdql(text, s, options);
    },
    format: (text) => formatAdql(text),
    schemaFor: () => schema,
  };
}

// Snippets an edit inserts: names known and unknown, literals, keywords, and what changes a host
// document's structure (backticks, quotes, holes, comments, newlines).
const SNIPPETS = [
  ' ',
  'a',
  'ra',
  'dec',
  'zz',
  'm.',
  'z_true',
  'zcat.main',
  'zcat.nope',
  ',',
  '(',
  ')',
  '1',
  '0.5',
  "'x'",
  '\n',
  'WHERE ',
  'SELECT ',
  'FROM ',
  ' AND ',
  'JOIN zcat.truth_match AS t ON t.id = m.id ',
  'TOP 3 ',
  '`',
  '${x}',
  "'",
  '"',
  ';',
  '-- ',
  '*/',
];

const ADQL_START = 'SELECT m.ra, m.dec, m.z\nFROM zcat.main AS m\nWHERE m.z > 0.1\nORDER BY m.z';

const TS_START = [
  "import { adql } from 'adqlkit';",
  'const a = adql`SELECT ra, dec FROM zcat.main WHERE z > ${minZ}`;',
  "const b = await service.query('SELECT TOP 5 id, z FROM zcat.main');",
  '// a comment with adql`SELECT nope`',
  'const c = adql`',
  '  SELECT m.id, t.z_true',
  '  FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.id = m.id`;',
  'const d = service.query(`SELECT ${cols} FROM ${table}`);',
  '',
].join('\n');

let server: InProcessServer;
const checked: string[] = [];
let fresh = 0;

beforeAll(async () => {
  server = new InProcessServer(countingBackend(checked));
  await server.initialize();
});

afterAll(() => server?.dispose());

/** The diagnostics of `text` opened as a new document: a full check with nothing kept from before. */
async function freshCheck(text: string, languageId: string, ext: string): Promise<unknown[]> {
  const uri = `file:///fresh/${fresh++}.${ext}`;
  await server.open(uri, languageId, text);
  const published = await server.diagnostics(uri, 1);
  await server.close(uri);
  return published.diagnostics;
}

async function randomEdits(seed: number, languageId: string, ext: string, start: string, steps: number): Promise<void> {
  const next = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const uri = `file:///edited/${seed}.${ext}`;
  let text = start;
  await server.open(uri, languageId, text);
  await server.diagnostics(uri, 1);
  for (let version = 2; version <= steps + 1; version++) {
    // One to three changes per notification, each against the text the previous one left.
    const changes = [];
    for (let n = 1 + Math.floor(next() * 3); n > 0; n--) {
      const at = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, at + (next() < 0.5 ? 0 : Math.floor(next() * 6)));
      const insert = next() < 0.2 ? '' : pick(SNIPPETS);
      changes.push({ range: { start: positionOf(text, at), end: positionOf(text, end) }, text: insert });
      text = text.slice(0, at) + insert + text.slice(end);
    }
    await server.change(uri, version, changes);
    const incremental = (await server.diagnostics(uri, version)).diagnostics;
    expect(incremental, `seed ${seed}, version ${version}:\n${text}`).toEqual(await freshCheck(text, languageId, ext));
  }
  await server.close(uri);
}

describe('incremental diagnostics', () => {
  it('equal a fresh check after every edit of random sequences in .adql documents', async () => {
    for (let seed = 1; seed <= 6; seed++) await randomEdits(seed, 'adql', 'adql', ADQL_START, 40);
  });

  it('equal a fresh check after every edit of random sequences in TypeScript documents', async () => {
    for (let seed = 101; seed <= 106; seed++) await randomEdits(seed, 'typescript', 'ts', TS_START, 40);
  });

  it('equal a fresh check after every edit of numbers (re-validated without a parse)', async () => {
    const start =
      'SELECT TOP 10 m.ra, 2.5 * m.z AS z2\nFROM zcat.main AS m\nWHERE m.z BETWEEN 0.1 AND 1.5e0 AND m.id IN (1, 22)\nORDER BY 2';
    for (let seed = 201; seed <= 206; seed++) {
      const next = seeded(seed);
      const uri = `file:///edited/${seed}.adql`;
      let text = start;
      await server.open(uri, 'adql', text);
      await server.diagnostics(uri, 1);
      for (let version = 2; version <= 41; version++) {
        // Replace a digit of a random number (ORDER BY 2 -> 9 is past the select list: an error).
        const digits = [...text.matchAll(/\d/g)];
        const at = digits[Math.floor(next() * digits.length)]!.index;
        const insert = String(Math.floor(next() * 10)).repeat(1 + Math.floor(next() * 2));
        const range = { start: positionOf(text, at), end: positionOf(text, at + 1) };
        text = text.slice(0, at) + insert + text.slice(at + 1);
        await server.change(uri, version, [{ range, text: insert }]);
        const incremental = (await server.diagnostics(uri, version)).diagnostics;
        expect(incremental, `seed ${seed}, version ${version}:\n${text}`).toEqual(await freshCheck(text, 'adql', 'adql'));
      }
      await server.close(uri);
    }
  });

  it('re-check only the embedded query an edit touched', async () => {
    const uri = 'file:///edited/one-of-four.ts';
    await server.open(uri, 'typescript', TS_START);
    await server.diagnostics(uri, 1);
    checked.length = 0;
    // "WHERE z > " -> "WHERE zz > " in the first template: only that query is checked again.
    const line = TS_START.split('\n')[1]!;
    const at = { line: 1, character: line.indexOf('z >') };
    await server.change(uri, 2, [{ range: { start: at, end: at }, text: 'z' }]);
    const after = await server.diagnostics(uri, 2);
    expect(checked).toEqual(['SELECT ra, dec FROM zcat.main WHERE zz > 0']);
    expect(after.diagnostics).toEqual([
      expect.objectContaining({ code: 'unknown-column', range: { start: at, end: { ...at, character: at.character + 2 } } }),
    ]);
    await server.close(uri);
  });
});

describe('results kept between edits', () => {
  it('are dropped when the schema reports an update (columns of a lazily loaded table arrived)', async () => {
    let columnsLoaded = false;
    let onUpdate: () => void = () => undefined;
    const lazy = new InProcessServer({
      // Before the update the table's columns are unknown, afterwards "zz" is reported: same text, same schema object.
      check: (text, s, options) => (columnsLoaded ? checkAdql(text, s, options) : []),
      format: () => undefined,
      schemaFor: (_dir, update) => {
        onUpdate = update;
        return schema;
      },
    });
    try {
      await lazy.initialize();
      const uri = 'file:///lazy/q.adql';
      await lazy.open(uri, 'adql', 'SELECT zz FROM zcat.main');
      expect((await lazy.diagnostics(uri, 1)).diagnostics).toEqual([]);
      columnsLoaded = true;
      onUpdate();
      // The re-check publishes again for version 1: wait for a non-empty set.
      await expect.poll(async () => (await lazy.diagnostics(uri, 1)).diagnostics.length, { timeout: 5000 }).toBe(1);
    } finally {
      lazy.dispose();
    }
  });
});
