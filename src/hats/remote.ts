/**
 * Reading HATS partitions over HTTP with range requests (hyparquet): the footer first, and the file
 * only when one of its row groups has pixel-column statistics overlapping the query's pixel ranges.
 * The fetched file is handed to DuckDB as a local copy, so every codec (ZSTD included) and type
 * reads exactly as from a local catalogue.
 */
import { writeFileSync } from 'node:fs';
import { asyncBufferFromUrl, parquetMetadataAsync, type FileMetaData } from 'hyparquet';
import { HatsError } from './errors.js';

export interface RemoteFetch {
  /** Whether the file was needed (and written to the destination). */
  fetched: boolean;
  /** Bytes the HTTP responses carried (footer, and the file when needed). */
  bytes: number;
}

/**
 * Copies a remote Parquet file to `dest` when a row group may hold a pixel in `ranges` (always when
 * ranges is undefined); otherwise only its footer is read.
 */
export async function fetchPartitionFile(
  url: string,
  dest: string,
  pixelColumn: string,
  ranges: Array<[bigint, bigint]> | undefined,
): Promise<RemoteFetch> {
  let bytes = 0;
  const counting: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (init?.method !== 'HEAD') bytes += Number(res.headers.get('content-length') ?? 0);
    return res;
  };
  try {
    const file = await asyncBufferFromUrl({ url, fetch: counting });
    if (ranges) {
      const metadata = await parquetMetadataAsync(file);
      if (!metadata.row_groups.some((g) => mayOverlap(metadata, g.columns, pixelColumn, ranges))) return { fetched: false, bytes };
    }
    writeFileSync(dest, new Uint8Array(await file.slice(0, file.byteLength)));
    return { fetched: true, bytes };
  } catch (err) {
    throw new HatsError(`cannot read ${url}: ${(err as Error).message}`);
  }
}

function mayOverlap(
  _metadata: FileMetaData,
  columns: FileMetaData['row_groups'][number]['columns'],
  pixelColumn: string,
  ranges: Array<[bigint, bigint]> | undefined,
): boolean {
  if (!ranges) return true;
  const chunk = columns.find((c) => c.meta_data?.path_in_schema.join('.') === pixelColumn);
  const stats = chunk?.meta_data?.statistics;
  const min = stats?.min_value ?? stats?.min;
  const max = stats?.max_value ?? stats?.max;
  if (typeof min !== 'bigint' || typeof max !== 'bigint') return true;
  return ranges.some(([a, b]) => a <= max && min < b);
}

/** The whole of a small remote file (a dataset's `_common_metadata`). */
export async function fetchBytes(url: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new HatsError(`cannot reach ${url}: ${(err as Error).message}`);
  }
  if (!res.ok) throw new HatsError(`${url}: HTTP ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}
