/**
 * Shared row bookkeeping of the data decoders: fills batches of `batchRows` rows and hands them
 * on. The first batch starts small and doubles, so a 5-row result does not allocate 65536-row
 * columns; the last batch is trimmed to its row count.
 */
import { allocBatch, resizeStore, setNull, Shape, type ColumnBatch, type ColumnCodec, type ColumnStore } from './columns.js';

const FIRST_CAPACITY = 256;
import { VOTableError, type VOTableErrorCode } from './errors.js';
import { ReadReporter, type VOTableInvalidCell } from './report.js';

export abstract class BatchingDecoder {
  protected batch: ColumnBatch;
  protected stores: ColumnStore[];
  /** Row index inside the current batch. */
  protected row = 0;
  /** Rows already handed on in earlier batches. */
  protected rowsBefore = 0;
  /** Indexes of byte-backed string columns (their row offsets are set when a row commits). */
  private readonly textColumns: number[];

  /** Rows the current batch has room for (decoders size null masks with it). */
  protected capacity: number;

  constructor(
    protected readonly codecs: readonly ColumnCodec[],
    private readonly batchRows: number,
    protected readonly tableIndex: number,
    protected readonly encodingName: string,
    private readonly emit: (batch: ColumnBatch) => void,
    protected readonly reporter: ReadReporter = new ReadReporter('error'),
  ) {
    this.textColumns = codecs.flatMap((c, i) => (c.shape === Shape.String ? [i] : []));
    this.capacity = Math.min(batchRows, FIRST_CAPACITY);
    this.batch = allocBatch(codecs, this.capacity);
    this.stores = this.batch.stores;
  }

  get rowCount(): number {
    return this.rowsBefore + this.row;
  }

  /** Invalid cells of the row being decoded: reported when it commits (a rolled-back row is decoded again). */
  private pendingInvalid: VOTableInvalidCell[] = [];

  protected commitRow(): void {
    if (this.pendingInvalid.length > 0) {
      for (const cell of this.pendingInvalid) this.reporter.invalidCell(cell);
      this.pendingInvalid = [];
    }
    for (const ci of this.textColumns) {
      const t = this.stores[ci]!.text!;
      t.offsets[this.row + 1] = t.length;
    }
    if (++this.row === this.capacity) {
      if (this.capacity < this.batchRows) this.resize(Math.min(this.capacity * 2, this.batchRows));
      else this.flushBatch();
    }
  }

  /**
   * Commit `n` rows decoded column by column (no invalid cells pending, string offsets written);
   * `n` never goes beyond the batch's capacity.
   */
  protected commitRows(n: number): void {
    this.row += n;
    if (this.row === this.capacity) {
      if (this.capacity < this.batchRows) this.resize(Math.min(this.capacity * 2, this.batchRows));
      else this.flushBatch();
    }
  }

  /** Clear null flags a partially decoded row may have set before it was found incomplete. */
  protected rollbackRow(): void {
    this.pendingInvalid = [];
    const r = this.row;
    for (const s of this.stores) {
      if (s.nulls !== null) s.nulls[r] = 0;
      if (s.text !== null) s.text.length = s.text.offsets[r]!;
    }
  }

  private resize(capacity: number): void {
    this.codecs.forEach((c, i) => resizeStore(c, this.stores[i]!, this.row, capacity));
    this.capacity = capacity;
  }

  protected flushBatch(): void {
    if (this.row === 0) return;
    if (this.row < this.capacity) this.resize(this.row); // the last batch: no unused capacity kept
    this.batch.length = this.row;
    this.emit(this.batch);
    this.rowsBefore += this.row;
    this.row = 0;
    this.capacity = this.batchRows; // more rows followed a full batch: expect full batches
    this.batch = allocBatch(this.codecs, this.capacity);
    this.stores = this.batch.stores;
  }

  /** Hand on the last partial batch. */
  finish(): void {
    this.flushBatch();
  }

  /**
   * A cell that breaks the standard: an error, or (invalid: 'null') a null cell that is reported.
   * `columnIndex` may be beyond the last FIELD (an extra cell, nothing is stored then).
   */
  protected invalid(message: string, byteOffset: number | undefined, columnIndex: number, code: VOTableErrorCode = 'bad-value'): void {
    if (!this.reporter.lenient) this.fail(code, message, byteOffset, columnIndex < this.codecs.length ? columnIndex : undefined);
    const codec = this.codecs[columnIndex];
    if (codec !== undefined) setNull(this.stores[columnIndex]!, this.row, this.capacity);
    this.noteInvalid(message, columnIndex);
  }

  /** Report a cell that broke the standard but keeps a value (an array with a null element). */
  protected noteInvalid(message: string, columnIndex: number): void {
    const codec = this.codecs[columnIndex];
    this.pendingInvalid.push({
      table: this.tableIndex,
      row: this.rowsBefore + this.row,
      column: codec?.field.name ?? '(extra cell)',
      columnIndex,
      message,
    });
  }

  protected fail(code: VOTableErrorCode, message: string, byteOffset: number | undefined, columnIndex?: number): never {
    const codec = columnIndex === undefined ? undefined : this.codecs[columnIndex];
    throw new VOTableError(code, message, {
      table: this.tableIndex,
      row: this.rowsBefore + this.row,
      ...(codec ? { column: codec.field.name, columnIndex } : {}),
      ...(byteOffset === undefined ? {} : { byteOffset }),
      encoding: this.encodingName,
    });
  }
}
