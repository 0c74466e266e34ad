/** A local query result as the contents of a file: CSV, TSV, VOTable (TABLEDATA) or VOParquet, by the file's extension. */
import { outputFormat, serialize } from './service/output.js';
import type { QueryResult } from './types.js';

export type LocalResultFormat = 'csv' | 'tsv' | 'votable' | 'parquet';

const BY_EXTENSION: Record<string, LocalResultFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  vot: 'votable',
  votable: 'votable',
  xml: 'votable',
  parquet: 'parquet',
};

/** The format a file name's extension asks for, or undefined. */
export function localResultFormatOf(file: string): LocalResultFormat | undefined {
  return BY_EXTENSION[file.split('.').pop()!.toLowerCase()];
}

/** The result in `format`, as the local TAP service sends it (its notes as INFO elements in VOTable and VOParquet). */
export function serializeLocalResult(result: QueryResult, format: LocalResultFormat): Promise<string | Uint8Array> {
  return serialize(result, outputFormat(format === 'votable' ? 'votable/td' : format)!);
}
