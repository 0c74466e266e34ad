/** Shared row bookkeeping of the data decoders: fills fixed-capacity batches and hands them on. */
import { allocBatch, type ColumnBatch, type ColumnCodec, type ColumnStore } from './columns.js';
import { VOTableError, type VOTableErrorCode } from './errors.js';

export abstract class BatchingDecoder {
  protected batch: ColumnBatch;
  protected stores: ColumnStore[];
  /** Row index inside the current batch. */
  protected row = 0;
  /** Rows already handed on in earlier batches. */
  protected rowsBefore = 0;

  constructor(
    protected readonly codecs: readonly ColumnCodec[],
    protected readonly capacity: number,
    protected readonly tableIndex: number,
    protected readonly encodingName: string,
    private readonly emit: (batch: ColumnBatch) => void,
  ) {
    this.batch = allocBatch(codecs, capacity);
    this.stores = this.batch.stores;
  }

  get rowCount(): number {
    return this.rowsBefore + this.row;
  }

  protected commitRow(): void {
    if (++this.row === this.capacity) this.flushBatch();
  }

  /** Clear null flags a partially decoded row may have set before it was found incomplete. */
  protected rollbackRow(): void {
    const r = this.row;
    for (const s of this.stores) if (s.nulls !== null) s.nulls[r] = 0;
  }

  protected flushBatch(): void {
    if (this.row === 0) return;
    this.batch.length = this.row;
    this.emit(this.batch);
    this.rowsBefore += this.row;
    this.row = 0;
    this.batch = allocBatch(this.codecs, this.capacity);
    this.stores = this.batch.stores;
  }

  /** Hand on the last partial batch. */
  finish(): void {
    this.flushBatch();
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
