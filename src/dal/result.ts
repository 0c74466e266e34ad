/**
 * A TAP query result: the VOTable results table with the overflow verdict. Rows beyond MAXREC
 * (DaCHS sends MAXREC+1 when TOP > MAXREC) are not handed out; the raw document stays available.
 */
import type { VOTableDocument, VOTableField, VOTableInvalidCell, VOTableTable, VOTableValue } from './votable-adapter.js';
import type { OverflowVerdict } from './overflow.js';
import { tableToParquet, type ParquetWriteOptions } from './parquet-adapter.js';
import { voparquetMetadata, type ArrowTable, type VOTableHeaderContext } from './votable-adapter.js';

export interface TapResultSource {
  /** URL the result was read from (sync endpoint or job result URL), redacted. */
  url: string;
  jobUrl?: string | undefined;
  contentType: string;
  bytes: number;
  maxrec?: number | undefined;
  top?: number | undefined;
}

export class TapResult {
  readonly document: VOTableDocument;
  /** The results table as parsed (may hold one row more than MAXREC; prefer rows()). */
  readonly table: VOTableTable;
  readonly url: string;
  readonly jobUrl: string | undefined;
  readonly contentType: string;
  /** Bytes received. */
  readonly bytes: number;
  /** True when the result was truncated by MAXREC or the service limit (see overflowInfo.reason). */
  readonly overflow: boolean;
  readonly overflowInfo: OverflowVerdict & {
    status: string | undefined;
    maxrec: number | undefined;
    top: number | undefined;
    rowsSent: number;
  };
  /** Rows handed out (never more than MAXREC). */
  readonly rowCount: number;
  /** Problems tolerated outside strict mode (a declared nrows the rows do not match...); empty when none. */
  readonly warnings: string[];
  /**
   * Cells the service sent out of the standard ("null" in a number column, an integer out of
   * range...), read as null rather than failing the whole result; 0 for a clean result.
   */
  readonly invalidCells: number;
  /** The first few of those cells (table, row, column, reason). */
  readonly firstInvalid: VOTableInvalidCell[];

  constructor(document: VOTableDocument, table: VOTableTable, verdict: OverflowVerdict, source: TapResultSource) {
    this.document = document;
    this.table = table;
    this.url = source.url;
    this.jobUrl = source.jobUrl;
    this.contentType = source.contentType;
    this.bytes = source.bytes;
    this.overflow = verdict.overflow;
    this.overflowInfo = {
      ...verdict,
      status: document.status,
      maxrec: source.maxrec,
      top: source.top,
      rowsSent: table.rowCount,
    };
    this.rowCount = verdict.keepRows;
    this.warnings = [...document.report.warnings];
    this.invalidCells = document.report.invalidCells;
    this.firstInvalid = document.report.firstInvalid;
    if (this.invalidCells > 0) {
      const first = this.firstInvalid[0]!;
      this.warnings.push(
        `${this.invalidCells} cell(s) broke the VOTable standard and were read as null or with null elements (first: row ${first.row}, column ${JSON.stringify(first.column)}: ${first.message})`,
      );
    }
  }

  /** Column metadata (FIELDs): name, datatype, unit, ucd, description... */
  get columns(): VOTableField[] {
    return this.table.columns;
  }

  /** Column names as row-object keys (unique: repeated names get a suffix). */
  get columnNames(): string[] {
    return this.table.keys;
  }

  /** QUERY_STATUS of the result (OK or OVERFLOW). */
  get status(): string | undefined {
    return this.document.status;
  }

  /** All rows as objects keyed by column name. */
  rows(): Array<Record<string, VOTableValue>> {
    const out = new Array<Record<string, VOTableValue>>(this.rowCount);
    for (let i = 0; i < this.rowCount; i++) out[i] = this.table.row(i);
    return out;
  }

  /** All rows as arrays in column order. */
  rowArrays(): VOTableValue[][] {
    const out = new Array<VOTableValue[]>(this.rowCount);
    for (let i = 0; i < this.rowCount; i++) out[i] = this.table.rowArray(i);
    return out;
  }

  row(i: number): Record<string, VOTableValue> {
    if (i < 0 || i >= this.rowCount) throw new RangeError(`row ${i} out of range (0..${this.rowCount - 1})`);
    return this.table.row(i);
  }

  /** The values of one column (by name, case-insensitive fallback, or index). */
  column(key: string | number): VOTableValue[] {
    const col = this.table.column(key);
    const out = new Array<VOTableValue>(this.rowCount);
    for (let i = 0; i < this.rowCount; i++) out[i] = col.get(i);
    return out;
  }

  *[Symbol.iterator](): IterableIterator<Record<string, VOTableValue>> {
    for (let i = 0; i < this.rowCount; i++) yield this.table.row(i);
  }

  /**
   * The rows handed out as an Arrow table (flechette; see VOTableTable.toArrow), with the
   * VOParquet header, QUERY_STATUS included, in the schema metadata.
   */
  toArrow(): ArrowTable {
    return this.table.toArrow({ rows: this.rowCount, metadata: voparquetMetadata(this.table, this.resourceContext()) });
  }

  /** The rows handed out as VOParquet bytes: FIELDs, PARAMs and QUERY_STATUS (OK or OVERFLOW) travel in the file. */
  toParquet(options: Omit<ParquetWriteOptions, 'rows' | 'context'> = {}): Uint8Array {
    return tableToParquet(this.table, { ...options, rows: this.rowCount, context: this.resourceContext() });
  }

  /** The RESOURCE around the results table: its INFOs (QUERY_STATUS), PARAMs and coordinate systems. */
  private resourceContext(): VOTableHeaderContext {
    const find = (rs: VOTableDocument['resources']): VOTableDocument['resources'][number] | undefined => {
      for (const r of rs) {
        if (r.tables.includes(this.table)) return r;
        const inner = find(r.resources);
        if (inner) return inner;
      }
      return undefined;
    };
    const r = find(this.document.resources);
    const infos = r?.infos ?? this.document.queryStatus;
    // A result that said OVERFLOW without MAXREC's extra row still says so; one cut here says so too.
    const status =
      this.overflow && this.document.status !== 'OVERFLOW' ? [...infos, { name: 'QUERY_STATUS', value: 'OVERFLOW', content: '' }] : infos;
    return { infos: status, params: r?.params ?? [], coosys: [...(r?.coosys ?? []), ...this.document.coosys], timesys: r?.timesys ?? [] };
  }
}
