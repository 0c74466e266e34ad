/**
 * Test page for adqlkit's local TAP service called straight from a page on another loopback origin
 * (no proxy): a sync query and an async job, rows shown as JSON in #out.
 */
import { TapService } from 'adqlkit';

const { document, location } = globalThis as unknown as {
  document: {
    body: { dataset: Record<string, string>; append(e: unknown): void };
    createElement(tag: string): { id: string; textContent: string };
  };
  location: { search: string };
};

function show(id: string, text: string): void {
  const pre = document.createElement('pre');
  pre.id = id;
  pre.textContent = text;
  document.body.append(pre);
}

const plain = (_: string, v: unknown): unknown => (typeof v === 'bigint' ? `${v}n` : v);

async function main(): Promise<void> {
  const tap = new TapService(new URLSearchParams(location.search).get('tap')!, { retry: false });
  const query = 'SELECT TOP 3 id, ra, dec FROM sample.galaxies ORDER BY id';
  const sync = await tap.query(query);
  const viaJob = await tap.runAsync(query, { timeoutMs: 60_000 });
  show('out', JSON.stringify({ sync: sync.rowArrays(), async: viaJob.rowArrays() }, plain));
}

main().then(
  () => {
    document.body.dataset.state = 'done';
  },
  (err: unknown) => {
    show('error', String(err instanceof Error ? `${err.name}: ${err.message}` : err));
    document.body.dataset.state = 'failed';
  },
);
