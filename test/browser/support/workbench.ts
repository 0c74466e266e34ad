/**
 * The workbench steps, written once and run twice: in Chromium by the test page (with the package's
 * browser build) and in Node by the test (with the Node entry), so each browser value is checked
 * against the same call made in Node. Everything returned is plain JSON (bigints as "<n>n").
 */
import type * as Adqlkit from '../../../src/browser.js';

export type Api = Pick<
  typeof Adqlkit,
  | 'parse'
  | 'print'
  | 'walk'
  | 'transform'
  | 'validate'
  | 'loadSchema'
  | 'TapService'
  | 'readVOTable'
  | 'streamVOTable'
  | 'writeVOTable'
  | 'queryBuilder'
  | 'adql'
  | 'arcmin'
  | 'usedFeatures'
  | 'TapQueryError'
>;

/** Further client calls, as JSON: everything the page and Node must agree on. */
export interface Extras {
  adqlVersions: string[];
  offersBinary2: boolean;
  vosiColumns: string[];
  examples: number;
  overflow: { rows: number; overflow: boolean };
  queryError: { typed: boolean; namesUrl: boolean };
  columnRefs: number;
  renamed: string;
  streamedFromBlob: number;
  gunzippedRows: number;
}

export type Cell = string | number | boolean | null;

export interface Section {
  columns: string[];
  rows: Cell[][];
  note?: string;
}

export interface WorkbenchResult {
  printed: string;
  features: string[];
  diagnostics: Array<{ code: string; message: string; fix?: string }>;
  built: string;
  sync: Section;
  async: Section;
  upload: Section;
  blobUpload: Section;
  binary2: Section;
  extras: Extras;
}

/** A query with a misspelled column: the validator must name it and offer the fix, from the live schema. */
export const TYPO_QUERY = 'SELECT TOP 5 id, raa, dec FROM zcat.main WHERE bmag < 15 ORDER BY id';
export const SYNC_QUERY = 'SELECT TOP 5 id, ra, dec, bmag FROM zcat.main WHERE bmag < 15 ORDER BY id';
export const ASYNC_QUERY = 'SELECT TOP 4 m.id, t.true_z FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id ORDER BY m.id';
export const UPLOAD_QUERY = 'SELECT u.label, m.id, m.bmag FROM tap_upload.picks AS u JOIN zcat.main AS m ON m.id = u.id ORDER BY m.id';
export const BINARY2_QUERY = 'SELECT TOP 20 id, ra, dec, bmag, morph_type, obs_date FROM zcat.main ORDER BY id';

export function cell(v: unknown): Cell {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return null;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'object' && v !== null) return JSON.stringify(Array.from(v as ArrayLike<unknown>, (x) => cell(x)));
  return v as Cell;
}

function section(columns: string[], rows: unknown[][], note?: string): Section {
  return { columns, rows: rows.map((r) => r.map(cell)), ...(note === undefined ? {} : { note }) };
}

export async function runWorkbench(api: Api, tapUrl: string): Promise<WorkbenchResult> {
  const tap = new api.TapService(tapUrl, { retry: false });
  // The schema straight from the service (the cache is exercised elsewhere): TAP_SCHEMA, then validation.
  const schema = await api.loadSchema(tap, { cache: false });
  const parsed = api.parse(SYNC_QUERY);
  if (parsed.ast === null) throw new Error(`parse failed: ${parsed.errors.map((e) => e.message).join('; ')}`);
  const diagnostics = api.validate(TYPO_QUERY, schema).map((d) => ({
    code: d.code,
    message: d.message,
    ...(d.fixes?.[0] ? { fix: d.fixes[0].title } : {}),
  }));
  const built = api
    .queryBuilder()
    .from('zcat.main as m')
    .select('m.id', 'm.ra', 'm.dec')
    .coneSearch({ ra: 'm.ra', dec: 'm.dec' }, { ra: 150, dec: 2 }, api.arcmin(30))
    .where(api.adql`m.name LIKE ${"NGC 1'%"}`)
    .top(10)
    .toADQL();

  const sync = await tap.query(SYNC_QUERY);

  const job = await tap.submit(ASYNC_QUERY);
  await job.run();
  const info = await job.wait({ timeoutMs: 120_000 });
  const asyncResult = await job.fetchResult();
  const deleted = await job.delete();

  const picks = sync
    .rowArrays()
    .slice(0, 3)
    .map((r, i) => [Number(r[0]), `pick-${i}`]);
  const uploaded = await tap.query(UPLOAD_QUERY, {
    uploads: {
      picks: {
        columns: [
          { name: 'id', datatype: 'long' },
          { name: 'label', datatype: 'char', arraysize: '*' },
        ],
        rows: picks,
      },
    },
  });

  // The same table as a Blob (what a page gets from a file input), uploaded through an async job.
  const blob = new Blob(
    [
      api.writeVOTable({
        columns: [
          { name: 'id', datatype: 'long' },
          { name: 'label', datatype: 'char', arraysize: '*' },
        ],
        rows: picks,
      }),
    ],
    { type: 'application/x-votable+xml' },
  );
  const fromBlob = await tap.runAsync(UPLOAD_QUERY, { uploads: { picks: blob }, timeoutMs: 120_000 });

  const response = await fetch(
    `${tapUrl}/sync?REQUEST=doQuery&LANG=ADQL&RESPONSEFORMAT=${encodeURIComponent('application/x-votable+xml;serialization=BINARY2')}&QUERY=${encodeURIComponent(BINARY2_QUERY)}`,
  );
  const votableBytes = new Uint8Array(await response.arrayBuffer());
  const doc = await api.readVOTable(votableBytes);
  const table = doc.tables[0]!;
  let streamedFromBlob = 0;
  for await (const event of api.streamVOTable(new Blob([votableBytes]), { batchSize: 7 }))
    if (event.type === 'rows') streamedFromBlob += event.rows.rowCount;

  const gzipped = await new Response(new Blob([votableBytes]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
  const gunzippedRows = (await api.readVOTable(gzipped)).tables[0]!.rowCount;

  const caps = await tap.capabilities();
  const vosi = await tap.tables({ detail: 'min' });
  const capped = await tap.query('SELECT id FROM zcat.main', { maxrec: 3 });
  const failed = await tap.query('SELECT nosuchcol FROM zcat.main').then(
    () => undefined,
    (e: unknown) => e,
  );
  let columnRefs = 0;
  api.walk(parsed.ast, (node) => {
    if (node.kind === 'ColumnRef') columnRefs++;
  });
  const renamed = api.print(
    api.transform(api.parse(SYNC_QUERY).ast!, (node) =>
      node.kind === 'ColumnRef' && node.column.name === 'bmag' ? { ...node, column: { ...node.column, name: 'vmag' } } : undefined,
    ),
  );
  const extras: Extras = {
    adqlVersions: [...caps.adqlVersions].sort(),
    offersBinary2: caps.offersBinary2,
    vosiColumns: (await vosi.columns('zcat.main')).map((c) => c.name).sort(),
    examples: (await tap.examples()).length,
    overflow: { rows: capped.rowCount, overflow: capped.overflow },
    queryError: { typed: failed instanceof api.TapQueryError, namesUrl: String((failed as Error | undefined)?.message).includes(tapUrl) },
    columnRefs,
    renamed,
    streamedFromBlob,
    gunzippedRows,
  };

  return {
    printed: api.print(parsed.ast),
    features: api
      .usedFeatures(api.parse(built).ast!)
      .map((f) => f.name)
      .sort(),
    diagnostics,
    built,
    sync: section(sync.columnNames, sync.rowArrays()),
    async: section(asyncResult.columnNames, asyncResult.rowArrays(), `${info.phase}; deleted ${deleted}`),
    upload: section(uploaded.columnNames, uploaded.rowArrays()),
    blobUpload: section(fromBlob.columnNames, fromBlob.rowArrays()),
    binary2: section(table.keys, table.rowArrays(), table.encoding),
    extras,
  };
}
