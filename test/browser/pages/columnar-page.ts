/**
 * The columnar browser test page (issue 18), bundled from the package as a user bundles it: it
 * writes Parquet from a VOTable and reads back its own file, one adqlkit wrote in Node and one
 * DuckDB wrote, and puts the rows (as JSON) and its Parquet bytes (base64) in the DOM.
 */
// A namespace import, as the workbench page does: with named imports esbuild 0.28 drops the lazy
// initialisation of the modules the package also reaches by a dynamic import (readVOTable fails).
import * as adqlkit from 'adqlkit';
import { tableToIPC } from '@uwdata/flechette';
import { comparable } from '../../columnar/comparable.js';

interface Element {
  id: string;
  textContent: string | null;
  append(...children: Element[]): void;
}
const { document } = globalThis as unknown as {
  document: { body: Element & { dataset: Record<string, string> }; createElement(tag: string): Element };
};

function show(id: string, text: string): void {
  const pre = document.createElement('pre');
  pre.id = id;
  pre.textContent = text;
  document.body.append(pre);
}

async function bytesOf(path: string): Promise<Uint8Array> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const { readParquet, readTable, readVOTable, toParquet } = adqlkit;
type Doc = Awaited<ReturnType<typeof readParquet>>;
const summary = (doc: Doc): string => {
  const t = doc.tables[0]!;
  return JSON.stringify({
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
  });
};

try {
  const votable = (await readVOTable(await (await fetch('/every.vot')).text())).tables[0]!;
  const written = toParquet(votable, { context: { infos: [{ name: 'QUERY_STATUS', value: 'OK', content: '' }] } });
  let binary = '';
  for (const b of written) binary += String.fromCharCode(b);
  show('written', btoa(binary));
  show('roundtrip', summary(await readParquet(written)));
  show('arrow', summary(await readTable(tableToIPC(votable.toArrow(), { format: 'stream' })!)));
  show('from-node', summary(await readParquet(await bytesOf('/node.parquet'))));
  show('from-duckdb', summary(await readParquet(await bytesOf('/duck.parquet'))));
  document.body.dataset.state = 'done';
} catch (e) {
  show('error', String((e as Error).stack ?? e));
  document.body.dataset.state = 'failed';
}
