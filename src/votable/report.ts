/**
 * What a read tolerated: cells that broke the standard and were read as null (`invalid: 'null'`),
 * and departures kept as they are (non-standard datatype names, strings longer than their
 * arraysize). Reported on the document so a lenient read is never silent.
 */

/** How the reader treats a cell that breaks the standard. */
export type VOTableInvalidPolicy = 'error' | 'null';

/** One cell that broke the standard: read as null, or (an array) with its bad elements null. */
export interface VOTableInvalidCell {
  /** 0-based table index within the document. */
  table: number;
  /** 0-based data row within the table. */
  row: number;
  /** Column name; for a cell beyond the last FIELD, "(extra cell)". */
  column: string;
  /** 0-based column (cell) index within the row. */
  columnIndex: number;
  message: string;
}

export interface VOTableReadReport {
  /** Cells that broke the standard, read as null or with null elements (0 unless read with invalid: 'null'). */
  invalidCells: number;
  /** The first few of them (at most MAX_EXAMPLES), in document order. */
  firstInvalid: VOTableInvalidCell[];
  /** Other tolerated departures, each stated once (e.g. datatype="string" read as char). */
  warnings: string[];
}

const MAX_EXAMPLES = 10;

/** Collects the report while a document is read (one per read). */
export class ReadReporter {
  private count = 0;
  private readonly examples: VOTableInvalidCell[] = [];
  private readonly messages = new Set<string>();

  constructor(readonly policy: VOTableInvalidPolicy) {}

  get lenient(): boolean {
    return this.policy === 'null';
  }

  invalidCell(cell: VOTableInvalidCell): void {
    this.count++;
    if (this.examples.length < MAX_EXAMPLES) this.examples.push(cell);
  }

  warn(message: string): void {
    this.messages.add(message);
  }

  report(): VOTableReadReport {
    return { invalidCells: this.count, firstInvalid: this.examples.slice(), warnings: [...this.messages] };
  }
}
