/**
 * Test page for the browser schema cache: loads the schema of the service in `?tap=` (the cache on),
 * validates a query with it and shows the table count, the diagnostics and whether IndexedDB holds it.
 */
import { loadSchema, validate } from 'adqlkit';

const g = globalThis as unknown as {
  location: { search: string };
  indexedDB: { databases(): Promise<Array<{ name?: string }>> };
  document: { body: { dataset: Record<string, string>; textContent: string } };
};

(async () => {
  const schema = await loadSchema(new URLSearchParams(g.location.search).get('tap')!);
  const codes = validate('SELECT TOP 1 raa FROM zcat.main', schema).map((d) => d.code);
  const databases = (await g.indexedDB.databases()).map((d) => d.name);
  g.document.body.textContent = JSON.stringify({ tables: schema.tables.length, codes, databases });
  g.document.body.dataset.state = 'done';
})().catch((err: unknown) => {
  g.document.body.textContent = String(err);
  g.document.body.dataset.state = 'failed';
});
