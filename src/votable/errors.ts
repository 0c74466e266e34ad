/** What went wrong while reading or writing a VOTable. */
export type VOTableErrorCode =
  | 'not-votable'
  | 'xml'
  | 'metadata'
  | 'truncated'
  | 'bad-base64'
  | 'bad-value'
  | 'too-many-cells'
  | 'too-few-cells'
  | 'unsupported-encoding'
  | 'input'
  | 'write';

export interface VOTableErrorDetails {
  /** Absolute byte offset in the input where the problem was detected. */
  byteOffset?: number;
  /** 0-based data row within the table (document order of rows). */
  row?: number;
  /** Column (FIELD) name. */
  column?: string;
  /** 0-based column index. */
  columnIndex?: number;
  /** 0-based table index within the document. */
  table?: number;
  /** Serialization concerned (TABLEDATA, BINARY, BINARY2, FITS, href). */
  encoding?: string;
}

/**
 * Every reader/writer failure is a VOTableError: `code` says what, the details say where
 * (row, column, byte offset) so the caller can report it or inspect the input.
 */
export class VOTableError extends Error implements VOTableErrorDetails {
  override name = 'VOTableError';
  readonly code: VOTableErrorCode;
  readonly byteOffset?: number;
  readonly row?: number;
  readonly column?: string;
  readonly columnIndex?: number;
  readonly table?: number;
  readonly encoding?: string;

  constructor(code: VOTableErrorCode, message: string, details: VOTableErrorDetails = {}, options?: { cause?: unknown }) {
    super(message + describeWhere(details), options);
    this.code = code;
    Object.assign(this, details);
  }
}

/** A serialization the reader recognises but does not decode (FITS, external href streams). */
export class VOTableUnsupportedError extends VOTableError {
  override name = 'VOTableUnsupportedError';
  constructor(message: string, details: VOTableErrorDetails = {}) {
    super('unsupported-encoding', message, details);
  }
}

function describeWhere(d: VOTableErrorDetails): string {
  const parts: string[] = [];
  if (d.table !== undefined) parts.push(`table ${d.table}`);
  if (d.row !== undefined) parts.push(`row ${d.row}`);
  if (d.column !== undefined) parts.push(`column ${JSON.stringify(d.column)}${d.columnIndex !== undefined ? ` (#${d.columnIndex})` : ''}`);
  if (d.byteOffset !== undefined) parts.push(`byte offset ${d.byteOffset}`);
  return parts.length ? ` (at ${parts.join(', ')})` : '';
}
