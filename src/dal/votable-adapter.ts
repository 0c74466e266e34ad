/**
 * The only place the TAP client touches the VOTable module, through its public API
 * (src/votable/index.ts): reading results and writing upload tables.
 */
import { Buffer } from '#bytes';
import {
  readVOTable,
  streamVOTable,
  writeVOTable,
  voparquetMetadata,
  type VOTableHeaderContext,
  type VOTableColumnSpec,
  type VOTableDatatype,
  type VOTableDocument,
  type VOTableField,
  type VOTableInvalidCell,
  type VOTableReadReport,
  type VOTableInput,
  type VOTableTable,
  type VOTableValue,
  type VOTableWriteInput,
} from '../votable/index.js';

export type {
  VOTableDocument,
  VOTableField,
  VOTableTable,
  VOTableValue,
  VOTableDatatype,
  VOTableInvalidCell,
  VOTableReadReport,
  VOTableHeaderContext,
};
export { voparquetMetadata };
export type { Table as ArrowTable } from '#flechette';

/** A table the VOTable writer accepts: a parsed VOTableTable, or columns plus rows. */
export type WritableTable = VOTableWriteInput | VOTableTable;

/** A column of a JS upload table: a name, or a spec (datatype, arraysize, unit... inferred when absent). */
export type UploadColumn = VOTableColumnSpec | string;

/**
 * Results are read leniently: a cell that breaks the standard becomes null instead of failing the
 * whole result, and the document's report (count, first positions) travels to the TapResult.
 */
export function readResultVOTable(input: VOTableInput): Promise<VOTableDocument> {
  return readVOTable(input, { invalid: 'null' });
}

/** Batches of rows as they arrive (bounded memory), then the whole document's metadata. */
export function streamResultVOTable(input: VOTableInput, batchSize = 10000): ReturnType<typeof streamVOTable> {
  return streamVOTable(input, { batchSize, invalid: 'null' });
}

/** Builds a writer table from JS columns and rows (arrays in column order, or objects). */
export function uploadTableFromRows(
  name: string,
  columns: UploadColumn[],
  rows: ReadonlyArray<ReadonlyArray<unknown>> | ReadonlyArray<Record<string, unknown>>,
): WritableTable {
  return { name, columns, rows: rows as unknown[][] };
}

/** VOTable bytes (TABLEDATA, the most widely accepted upload serialization). */
export function writeUploadVOTable(table: WritableTable): Uint8Array {
  return Buffer.from(writeVOTable(table, { encoding: 'tabledata' }), 'utf8');
}
