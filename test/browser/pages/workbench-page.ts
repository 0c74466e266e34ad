/**
 * The browser test page: built from the package as a user builds it (`import ... from 'adqlkit'`,
 * bundled by esbuild for the browser), it runs the workbench steps against the TAP service named in
 * `?tap=`, tries a service that does not allow this origin (`?forbidden=`), and shows everything in
 * the DOM, where the test reads it.
 */
import * as adqlkit from 'adqlkit';
import { runWorkbench, type Section } from '../support/workbench.js';

/** The DOM this page uses (the project compiles without the DOM library). */
interface Element {
  id: string;
  textContent: string | null;
  dataset: Record<string, string>;
  append(...children: Element[]): void;
}
const { document, location } = globalThis as unknown as {
  document: { body: Element; createElement(tag: string): Element };
  location: { search: string };
};
const params = new URLSearchParams(location.search);

function element(tag: string, text?: string): Element {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

function show(id: string, text: string): void {
  const pre = element('pre', text);
  pre.id = id;
  document.body.append(pre);
}

function showTable(id: string, s: Section): void {
  const table = element('table');
  table.id = id;
  if (s.note !== undefined) table.dataset.note = s.note;
  const head = element('thead');
  const headRow = element('tr');
  for (const c of s.columns) headRow.append(element('th', c));
  head.append(headRow);
  const body = element('tbody');
  for (const r of s.rows) {
    const tr = element('tr');
    for (const v of r) tr.append(element('td', v === null ? '' : String(v)));
    body.append(tr);
  }
  table.append(head, body);
  document.body.append(table);
}

async function main(): Promise<void> {
  const result = await runWorkbench(adqlkit, params.get('tap')!);
  show('printed', result.printed);
  show('features', JSON.stringify(result.features));
  show('diagnostics', JSON.stringify(result.diagnostics));
  show('built', result.built);
  show('extras', JSON.stringify(result.extras));
  showTable('sync', result.sync);
  showTable('async', result.async);
  showTable('upload', result.upload);
  showTable('blobUpload', result.blobUpload);
  showTable('binary2', result.binary2);
  const forbidden = params.get('forbidden');
  if (forbidden !== null) {
    const err = await new adqlkit.TapService(forbidden, { retry: false }).capabilities().then(
      () => undefined,
      (e: unknown) => e,
    );
    show(
      'cors',
      JSON.stringify({
        name: (err as Error | undefined)?.name,
        corsError: err instanceof adqlkit.TapCorsError,
        message: (err as Error | undefined)?.message,
      }),
    );
  }
}

main().then(
  () => {
    document.body.dataset.state = 'done';
  },
  (err: unknown) => {
    show('error', err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err));
    document.body.dataset.state = 'failed';
  },
);
