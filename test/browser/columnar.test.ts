/**
 * Parquet in Chromium (issue 18): the page, bundled for the browser from the package, writes
 * VOParquet and reads Parquet written by itself, by adqlkit in Node and by DuckDB; every value it
 * shows equals what Node computes, and DuckDB reads the bytes the browser wrote.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readParquet, readVOTable, toParquet } from '../../src/index.js';
import { comparable } from '../columnar/comparable.js';
import { everyDatatypeVOTable } from '../columnar/support.js';
import { bundlePage, pageHtml } from './support/bundle.js';
import { describeBrowser, launchChromium, type Browser } from './support/chromium.js';
import { serveFiles, type Served } from './support/site.js';

type Doc = Awaited<ReturnType<typeof readParquet>>;
const summary = (doc: Doc): unknown => {
  const t = doc.tables[0]!;
  return JSON.parse(
    JSON.stringify({
      status: doc.status ?? null,
      fields: t.columns.map(({ name, datatype, arraysize, unit, ucd, xtype }) => ({
        name,
        datatype,
        arraysize: arraysize ?? null,
        unit: unit ?? null,
        ucd: ucd ?? null,
        xtype: xtype ?? null,
      })),
      rows: comparable(t.rowArrays()),
    }),
  );
};

describeBrowser('Parquet and Arrow in Chromium', { timeout: 180_000 }, () => {
  let browser: Browser;
  let site: Served;
  let dir: string;
  const votableText = everyDatatypeVOTable('binary2');
  let duckFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'adqlkit-browser-columnar-'));
    duckFile = join(dir, 'duck.parquet');
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(
      `COPY (SELECT i::BIGINT AS id, i * 0.25 AS x, CASE WHEN i % 2 = 0 THEN 'é' || i END AS label, [i, i * 2] AS pair FROM range(7) r(i)) TO '${duckFile}' (FORMAT parquet)`,
    );
    duck.closeSync();
    const nodeParquet = toParquet((await readVOTable(votableText)).tables[0]!);
    const script = await bundlePage('test/browser/pages/columnar-page.ts');
    site = await serveFiles({
      '/index.html': { type: 'text/html; charset=utf-8', body: pageHtml('adqlkit columnar test', '/app.js') },
      '/app.js': { type: 'text/javascript; charset=utf-8', body: script },
      '/every.vot': { type: 'application/x-votable+xml', body: votableText },
      '/node.parquet': { type: 'application/vnd.apache.parquet', body: nodeParquet },
      '/duck.parquet': { type: 'application/vnd.apache.parquet', body: readFileSync(duckFile) },
      '/favicon.ico': { type: 'image/x-icon', body: new Uint8Array(0) }, // Chromium asks; a 404 would be a console error
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes and reads Parquet with the values and metadata Node has', async () => {
    const { page, errors } = await browser.page();
    await page.goto(`${site.origin}/index.html`);
    await page.waitForSelector('body[data-state]', { timeout: 120_000 });
    if ((await page.getAttribute('body', 'data-state')) === 'failed')
      throw new Error(`the page failed: ${await page.textContent('#error')}`);
    const shown = async (id: string): Promise<unknown> => JSON.parse((await page.textContent(`#${id}`))!);

    const original = await readVOTable(votableText);
    const expected = summary(original);
    expect(await shown('roundtrip')).toEqual({ ...(expected as object), status: 'OK' });
    expect(await shown('arrow')).toEqual(expected);
    expect(await shown('from-node')).toEqual(expected);
    expect(await shown('from-duckdb')).toEqual(summary(await readParquet(readFileSync(duckFile))));

    // The browser's bytes are a Parquet file DuckDB reads, with the VOParquet header.
    const written = Buffer.from((await page.textContent('#written'))!, 'base64');
    const file = join(dir, 'from-browser.parquet');
    writeFileSync(file, written);
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (await duck.runAndReadAll(`SELECT source_id::VARCHAR, name, uname FROM '${file}'`)).getRowsJS();
    const keys = (await duck.runAndReadAll(`SELECT decode(key) FROM parquet_kv_metadata('${file}')`)).getRowsJS().flat();
    duck.closeSync();
    expect(rows).toEqual([
      ['-9007199254740993', 'NGC 1068', 'Ångström ✓ 星'],
      ['0', 'a"b<c>&d', 'e\u0301'],
      [null, null, null],
    ]);
    expect(keys).toEqual(expect.arrayContaining(['IVOA.VOTable-Parquet.version', 'IVOA.VOTable-Parquet.content']));
    expect(summary(await readParquet(written))).toEqual({ ...(expected as object), status: 'OK' });
    expect(errors).toEqual([]);
  });
});
