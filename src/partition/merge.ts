/**
 * Merging a finished run: the chunk results, in range order, as one table with the chunks'
 * columns, types and metadata; ORDER BY and TOP of the query re-applied. In memory
 * (MergedResult) or streamed to a file (VOTable TABLEDATA or CSV), one chunk at a time when no
 * re-sorting is needed; or written as one VOParquet file (gathered in memory: Parquet's footer
 * describes the whole file).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { csvQuote, formatCell } from '../votable/index.js';
import { toParquet } from '../columnar/index.js';
import { readVOTable, readVOTableFile, writeVOTable } from '../votable/index.js';
import type { VOTableColumnSpec, VOTableField, VOTableInfo, VOTableParam, VOTableTable, VOTableValue } from '../votable/index.js';
import { PartitionMergeError, PartitionRunDirError } from './errors.js';
import type { OrderKey } from './rewrite.js';
import { leafChunks, readManifest, type ChunkRecord, type RunManifest } from './run-dir.js';
import { chunkFileProblem } from './verify.js';

export type MergeFormat = 'votable' | 'csv' | 'parquet';

export interface MergedInfo {
  name: string;
  value: string;
  content?: string;
}

/** The merged answer in memory: the chunk tables, read in range order (or in ORDER BY order). */
export class MergedResult {
  readonly columns: VOTableField[];
  /** Column names as row-object keys (unique). */
  readonly keys: string[];
  readonly params: VOTableParam[];
  readonly name: string | undefined;
  readonly rowCount: number;
  /** Row i is parts[partOf[i]] row rowOf[i]; absent when rows follow the chunk order. */
  private readonly partOf: Uint32Array | undefined;
  private readonly rowOf: Uint32Array | undefined;

  constructor(
    private readonly parts: VOTableTable[],
    order: OrderKey[],
    top: number | undefined,
    /** INFOs written with the merged table (QUERY_STATUS, the query, the service's notes). */
    readonly infos: MergedInfo[] = [],
  ) {
    const first = parts[0]!;
    this.columns = first.columns;
    this.keys = first.keys;
    this.params = first.params;
    this.name = first.name;
    const total = parts.reduce((s, p) => s + p.rowCount, 0);
    if (order.length === 0) {
      this.rowCount = Math.min(total, top ?? Infinity);
      return;
    }
    const sorted = sortedRows(parts, order);
    this.rowCount = Math.min(total, top ?? Infinity);
    this.partOf = sorted.partOf.subarray(0, this.rowCount);
    this.rowOf = sorted.rowOf.subarray(0, this.rowCount);
  }

  private locate(i: number): [VOTableTable, number] {
    if (this.partOf !== undefined) return [this.parts[this.partOf[i]!]!, this.rowOf![i]!];
    let row = i;
    for (const p of this.parts) {
      if (row < p.rowCount) return [p, row];
      row -= p.rowCount;
    }
    throw new RangeError(`row ${i} out of range (0..${this.rowCount - 1})`);
  }

  /** Rows as arrays in column order, `raw` without xtype conversion (as written to files). */
  *rowArrays(options: { raw?: boolean } = {}): IterableIterator<VOTableValue[]> {
    if (this.partOf === undefined) {
      let left = this.rowCount;
      for (const p of this.parts) {
        const cols = p.columnData;
        for (let r = 0; r < p.rowCount && left > 0; r++, left--) yield cols.map((c) => (options.raw ? c.raw(r) : c.get(r)));
      }
      return;
    }
    for (let i = 0; i < this.rowCount; i++) {
      const [p, r] = this.locate(i);
      yield p.columnData.map((c) => (options.raw ? c.raw(r) : c.get(r)));
    }
  }

  /** All rows as objects keyed by column name. */
  rows(): Array<Record<string, VOTableValue>> {
    const out: Array<Record<string, VOTableValue>> = [];
    for (const a of this.rowArrays()) out.push(Object.fromEntries(this.keys.map((k, c) => [k, a[c]!])));
    return out;
  }

  row(i: number): Record<string, VOTableValue> {
    if (i < 0 || i >= this.rowCount) throw new RangeError(`row ${i} out of range (0..${this.rowCount - 1})`);
    const [p, r] = this.locate(i);
    return p.row(r);
  }

  /** Writes the merged table to a file (VOTable TABLEDATA or CSV). */
  async writeTo(file: string, format: MergeFormat): Promise<{ path: string; rows: number }> {
    const rows = this.rowArrays({ raw: true });
    async function* batches(): AsyncGenerator<VOTableValue[][]> {
      let batch: VOTableValue[][] = [];
      for (const r of rows) {
        batch.push(r);
        if (batch.length === 10_000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
    await writeMerged(file, format, this.parts[0]!, this.infos, this.rowCount, batches());
    return { path: file, rows: this.rowCount };
  }
}

/** -1/0/1 with NULLs last ascending and first descending (as PostgreSQL sorts). */
function compareValues(a: VOTableValue, b: VOTableValue, descending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : (a === null) !== descending ? 1 : -1;
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  const c = x < y ? -1 : x > y ? 1 : 0;
  return descending ? -c : c;
}

function keyIndex(table: VOTableTable, key: OrderKey): number {
  const i = key.position !== undefined ? key.position - 1 : table.columnIndex(key.name!);
  if (i < 0 || i >= table.columns.length) {
    throw new PartitionMergeError(
      `ORDER BY ${key.position ?? key.name} is not a column of the chunk results (${table.keys.join(', ')}); select it to let the merge sort by it`,
    );
  }
  return i;
}

function sortedRows(parts: VOTableTable[], order: OrderKey[]): { partOf: Uint32Array; rowOf: Uint32Array } {
  const total = parts.reduce((s, p) => s + p.rowCount, 0);
  const partOf = new Uint32Array(total);
  const rowOf = new Uint32Array(total);
  let n = 0;
  parts.forEach((p, k) => {
    for (let r = 0; r < p.rowCount; r++, n++) {
      partOf[n] = k;
      rowOf[n] = r;
    }
  });
  const keyCols = parts.map((p) => order.map((key) => p.columnData[keyIndex(p, key)]!));
  const index = Array.from({ length: total }, (_, i) => i);
  index.sort((i, j) => {
    for (let k = 0; k < order.length; k++) {
      const c = compareValues(keyCols[partOf[i]!]![k]!.raw(rowOf[i]!), keyCols[partOf[j]!]![k]!.raw(rowOf[j]!), order[k]!.descending);
      if (c !== 0) return c;
    }
    return i - j; // stable: chunk order, then row order
  });
  return { partOf: Uint32Array.from(index, (i) => partOf[i]!), rowOf: Uint32Array.from(index, (i) => rowOf[i]!) };
}

function checkSameColumns(reference: VOTableTable, other: VOTableTable, chunk: string): void {
  const describe = (f: VOTableField) => `${f.name} ${f.datatype}${f.arraysize === undefined ? '' : `[${f.arraysize}]`}`;
  const a = reference.columns.map(describe);
  const b = other.columns.map(describe);
  if (a.join(',') !== b.join(',')) {
    throw new PartitionMergeError(
      `chunk ${chunk} has columns (${b.join(', ')}), the first chunk has (${a.join(', ')}); the chunks cannot be merged into one table`,
    );
  }
}

async function finishedRun(dir: string): Promise<RunManifest> {
  const manifest = await readManifest(dir);
  const missing = leafChunks(manifest).filter((c) => c.status !== 'done');
  if (missing.length > 0) {
    throw new PartitionRunDirError(
      `${dir}: ${missing.length} chunk(s) not done (${missing
        .slice(0, 5)
        .map((c) => `${c.id} ${c.status}`)
        .join(', ')}); resume the run before merging`,
      { dir },
    );
  }
  // Every file must be the one saved: a truncated or replaced file would merge silently wrong rows.
  for (const c of leafChunks(manifest)) {
    const problem = await chunkFileProblem(dir, c);
    if (problem !== undefined) {
      throw new PartitionRunDirError(
        `cannot merge ${dir}: ${problem}; resume the run to redo that chunk (adql partition --resume ${dir})`,
        { dir },
      );
    }
  }
  return manifest;
}

interface ChunkResult {
  table: VOTableTable;
  /** The RESOURCE's INFOs (server, citation, copyright...). */
  infos: VOTableInfo[];
}

async function readChunk(dir: string, rec: ChunkRecord): Promise<ChunkResult> {
  const file = path.join(dir, rec.file!);
  const redo = `resume the run to redo it (adql partition --resume ${dir})`;
  let doc;
  try {
    doc = await readVOTableFile(file);
  } catch (err) {
    throw new PartitionRunDirError(`${file} (chunk ${rec.id}) is not a readable VOTable: ${(err as Error).message}; ${redo}`, {
      dir,
      cause: err,
    });
  }
  const table = doc.tables[0];
  if (table === undefined) throw new PartitionRunDirError(`${file} (chunk ${rec.id}) holds no table; ${redo}`, { dir });
  if (rec.rows !== undefined && table.rowCount !== rec.rows) {
    throw new PartitionRunDirError(`${file} (chunk ${rec.id}) holds ${table.rowCount} rows, the manifest recorded ${rec.rows}; ${redo}`, {
      dir,
    });
  }
  return { table, infos: doc.resources[0]?.infos ?? [] };
}

/** The INFOs of the merged document: complete, the original query, and the service's notes of the first chunk. */
function mergedInfos(manifest: RunManifest, first: ChunkResult): MergedInfo[] {
  const perChunk = new Set(['QUERY_STATUS', 'query', 'sql_query']);
  return [
    { name: 'QUERY_STATUS', value: 'OK', content: 'merged from a partitioned run; no chunk was truncated' },
    { name: 'query', value: manifest.plan.query },
    ...first.infos
      .filter((i) => !perChunk.has(i.name))
      .map((i) => ({ name: i.name, value: i.value, ...(i.content ? { content: i.content } : {}) })),
  ];
}

/** The merged result of a finished run, in memory. */
export async function mergePartition(dir: string): Promise<MergedResult> {
  const manifest = await finishedRun(dir);
  const parts: VOTableTable[] = [];
  let infos: MergedInfo[] = [];
  for (const c of leafChunks(manifest)) {
    const chunk = await readChunk(dir, c);
    if (parts.length === 0) infos = mergedInfos(manifest, chunk);
    else checkSameColumns(parts[0]!, chunk.table, c.id);
    parts.push(chunk.table);
  }
  return new MergedResult(parts, manifest.plan.order, manifest.plan.top, infos);
}

/**
 * Writes the merged result of a finished run to a file. Without ORDER BY the chunks are streamed
 * one at a time (memory bounded by the largest chunk); with ORDER BY all are read to sort them.
 */
export async function mergePartitionToFile(dir: string, file: string, format: MergeFormat): Promise<{ path: string; rows: number }> {
  const manifest = await finishedRun(dir);
  if (manifest.plan.order.length > 0) return (await mergePartition(dir)).writeTo(file, format);
  const leaves = leafChunks(manifest);
  const total = leaves.reduce((s, c) => s + (c.rows ?? 0), 0);
  const first = await readChunk(dir, leaves[0]!);
  async function* batches(): AsyncGenerator<VOTableValue[][]> {
    for (const c of leaves) {
      const table = c === leaves[0] ? first.table : (await readChunk(dir, c)).table;
      checkSameColumns(first.table, table, c.id);
      const cols = table.columnData;
      const rows: VOTableValue[][] = [];
      for (let r = 0; r < table.rowCount; r++) rows.push(cols.map((col) => col.raw(r)));
      yield rows;
    }
  }
  await writeMerged(file, format, first.table, mergedInfos(manifest, first), total, batches());
  return { path: file, rows: total };
}

function columnSpec(f: VOTableField): VOTableColumnSpec {
  const spec: VOTableColumnSpec = { name: f.name, datatype: f.datatype };
  for (const k of ['arraysize', 'ID', 'unit', 'ucd', 'utype', 'xtype', 'ref', 'width', 'precision', 'description'] as const) {
    if (f[k] !== undefined) (spec as unknown as Record<string, unknown>)[k] = f[k];
  }
  if (f.values?.null !== undefined) spec.nullValue = f.values.null;
  return spec;
}

function csvCell(field: VOTableField, v: VOTableValue): string {
  return v === null ? '' : csvQuote(formatCell(field, v));
}

const OPEN = '<TABLEDATA>\n';
const CLOSE = '</TABLEDATA>';

/** The merged rows as VOParquet: the chunks' FIELDs and PARAMs, the run's INFOs in the header. */
async function mergedParquet(
  meta: VOTableTable,
  columns: VOTableColumnSpec[],
  infos: MergedInfo[],
  batches: AsyncIterable<VOTableValue[][]>,
): Promise<Uint8Array> {
  const rows: VOTableValue[][] = [];
  for await (const batch of batches) for (const row of batch) rows.push(row);
  const named = {
    ...(meta.name !== undefined ? { name: meta.name } : {}),
    ...(meta.description !== undefined ? { description: meta.description } : {}),
  };
  const doc = await readVOTable(writeVOTable({ ...named, columns, rows, params: meta.params }, { encoding: 'binary2' }), { xtypes: 'raw' });
  return toParquet(doc.tables[0]!, { context: { infos: infos.map((i) => ({ name: i.name, value: i.value, content: i.content ?? '' })) } });
}

/** Streams rows to `file` (written to file.part, renamed when complete). */
async function writeMerged(
  file: string,
  format: MergeFormat,
  meta: VOTableTable,
  infos: MergedInfo[],
  total: number,
  batches: AsyncIterable<VOTableValue[][]>,
): Promise<void> {
  const part = `${file}.part`;
  const out = createWriteStream(part);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const write = async (text: string | Uint8Array): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  const columns = meta.columns.map(columnSpec);
  try {
    if (format === 'parquet') {
      await write(await mergedParquet(meta, columns, infos, batches));
    } else if (format === 'csv') {
      await write(meta.keys.map((k) => csvQuote(k)).join(',') + '\r\n');
      for await (const rows of batches) {
        await write(
          rows.map((row) => row.map((v, c) => csvCell(meta.columns[c]!, v)).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : ''),
        );
      }
    } else {
      // The writer's own document, cut at the TABLEDATA element: header and footer once, rows per batch.
      const empty = writeVOTable(
        {
          ...(meta.name !== undefined ? { name: meta.name } : {}),
          ...(meta.description !== undefined ? { description: meta.description } : {}),
          columns,
          rows: [],
          params: meta.params,
        },
        { infos },
      );
      const open = empty.indexOf(OPEN) + OPEN.length;
      await write(empty.slice(0, open).replace('nrows="0"', `nrows="${total}"`));
      for await (const rows of batches) {
        const doc = writeVOTable({ columns, rows });
        await write(doc.slice(doc.indexOf(OPEN) + OPEN.length, doc.lastIndexOf(CLOSE)));
      }
      await write(empty.slice(empty.lastIndexOf(CLOSE)));
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    await rename(part, file);
  } catch (err) {
    out.destroy();
    await rm(part, { force: true });
    throw err;
  }
}
