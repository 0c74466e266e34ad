/**
 * The benchmark page: the cases of cases.ts with the package's browser build. The runner passes the
 * sizes in the query string and reads `window.benchResult`.
 */
import * as adqlkit from 'adqlkit';
import { benchValidate, benchVotable } from './cases.js';

const g = globalThis as unknown as { location: { search: string }; benchResult?: unknown; benchError?: string };
const q = new URLSearchParams(g.location.search);
const n = (name: string): number => Number(q.get(name));

(async () => {
  const validate = await benchValidate(adqlkit, n('tables'), n('columns'), n('iterations'));
  const bytes = new Uint8Array(await (await fetch('/bench.vot')).arrayBuffer());
  const votable = await benchVotable(adqlkit, bytes, n('runs'));
  g.benchResult = { validate, votable, userAgent: (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent };
})().catch((err: unknown) => {
  g.benchError = err instanceof Error ? `${err.message}\n${err.stack}` : String(err);
});
