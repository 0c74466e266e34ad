/** Errors of the columnar formats (Parquet, Arrow IPC): what went wrong and what to do. */

export type ColumnarErrorCode =
  /** The bytes are not a Parquet file / Arrow IPC stream, or one this reader cannot decode. */
  | 'not-columnar'
  /** A column type with no VOTable or Parquet counterpart. */
  | 'unsupported-type'
  /** The file uses a compression codec this build does not decode. */
  | 'unsupported-compression'
  /** A VOTable whose PARQUET element cannot be followed (no STREAM href, unreadable file). */
  | 'remote-file';

export class ColumnarError extends Error {
  constructor(
    readonly code: ColumnarErrorCode,
    message: string,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'ColumnarError';
  }
}
