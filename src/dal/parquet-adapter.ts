/**
 * The only place the TAP client touches the columnar module: reading a Parquet (VOParquet) result
 * into the same VOTable document model a VOTable result gives, and writing one.
 */
import { readParquet, toParquet, type ParquetWriteOptions } from '../columnar/index.js';
import type { VOTableDocument, VOTableTable } from './votable-adapter.js';

/** A Parquet result body: Parquet needs its footer first, so the whole body is gathered, then read. */
export async function readParquetResult(body: AsyncIterable<Uint8Array>): Promise<VOTableDocument> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of body) {
    parts.push(part);
    size += part.byteLength;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return readParquet(bytes);
}

export function tableToParquet(table: VOTableTable, options: ParquetWriteOptions): Uint8Array {
  return toParquet(table, options);
}

export type { ParquetWriteOptions };
