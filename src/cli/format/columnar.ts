/** Query results as binary columnar files: VOParquet (Parquet with the VOTable metadata) and Arrow IPC. */
import { tableToIPC } from '#flechette';
import type { TapResult } from '../../tap/index.js';

export const COLUMNAR_FORMATS = ['parquet', 'arrow'] as const;
export type ColumnarFormat = (typeof COLUMNAR_FORMATS)[number];

export function isColumnarFormat(format: string): format is ColumnarFormat {
  return (COLUMNAR_FORMATS as readonly string[]).includes(format);
}

/** The rows a result hands out, with its FIELDs and QUERY_STATUS, as Parquet or an Arrow IPC file. */
export function columnarBytes(result: TapResult, format: ColumnarFormat): Uint8Array {
  if (format === 'parquet') return result.toParquet();
  return tableToIPC(result.toArrow(), { format: 'file' })!;
}
