/**
 * The result model: a table's metadata plus column-oriented storage, with row access (objects or
 * arrays), iteration, column access, JSON and CSV export.
 */
import { Elem, flattenColumn, Shape, textAt, type ColumnChunks, type ColumnCodec, type ColumnStore, type ColumnValues } from './columns.js';
import { copyCellValues } from './cell-values.js';
import { csvQuote, displayFloat32, formatCell } from './format.js';
import { convertXtype } from './xtypes.js';
import type { Table as ArrowTable } from '#flechette';
import { voparquetMetadata } from './header-xml.js';
import { tableToArrow, type ToArrowOptions } from './to-arrow.js';
import type {
  VOTableEncoding,
  VOTableField,
  VOTableGroup,
  VOTableInfo,
  VOTableLink,
  VOTableParam,
  VOTableTableMeta,
  VOTableValue,
} from './types.js';

export type XtypeMode = 'convert' | 'raw';

/** One storage chunk of a column (see VOTableColumn.chunks). */
export interface VOTableColumnChunk {
  /** Row number of the chunk's first row. */
  offset: number;
  length: number;
  /** Typed array (scalar numbers) or array of cells; for strings, built for this call. */
  values: ColumnValues;
  nulls: Uint8Array | null;
  /** String columns: the UTF-8 bytes and the row offsets into them (row i is utf8[offsets[i], offsets[i+1])). */
  utf8?: Uint8Array;
  offsets?: Int32Array;
}

/** One column: its FIELD metadata, raw storage, and typed cell access. */
export class VOTableColumn {
  private storeChunks: ColumnStore[];
  private lengths: number[];
  private shift: number;
  private mask: number;

  constructor(
    readonly field: VOTableField,
    private readonly codec: ColumnCodec,
    data: ColumnChunks,
    columnIndex: number,
    private readonly xtypes: XtypeMode,
  ) {
    this.storeChunks = data.batches.map((b) => b.stores[columnIndex]!);
    this.lengths = data.batches.map((b) => b.length);
    this.length = data.length;
    this.shift = data.shift;
    this.mask = 2 ** data.shift - 1;
  }

  readonly length: number;

  get name(): string {
    return this.field.name;
  }

  /**
   * The raw storage: a typed array for scalar numeric/boolean columns (Float64Array for double,
   * Float32Array for float, Int32Array/Int16Array/Uint8Array, BigInt64Array for long, Uint8Array
   * 0/1 for boolean and bit; complex scalars interleave re, im), otherwise an array of cells.
   * Typed arrays may be longer than `length`; entries of null cells are meaningless. Large tables
   * are stored in chunks; the first access joins them into one array (a one-time copy).
   */
  get values(): ColumnValues {
    if (this.codec.shape === Shape.String) return (this.strings ??= this.toStrings());
    return this.flat().values;
  }

  /** String columns are stored as UTF-8 bytes; `values` builds (once) the array of strings. */
  private strings: Array<string | null> | undefined;

  private toStrings(): Array<string | null> {
    const out = new Array<string | null>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.raw(i) as string | null;
    return out;
  }

  /** 1 where the cell is null (null when the column has no nulls). */
  get nulls(): Uint8Array | null {
    return this.flat().nulls;
  }

  /**
   * The storage chunk by chunk, without joining: `offset` is the row of values[0]. Use this to
   * scan a large column without the one-time copy that `values` makes.
   */
  *chunks(): IterableIterator<VOTableColumnChunk> {
    let offset = 0;
    for (let k = 0; k < this.storeChunks.length; k++) {
      const s = this.storeChunks[k]!;
      const length = this.lengths[k]!;
      const chunk: VOTableColumnChunk = { offset, length, values: s.values, nulls: s.nulls };
      if (s.text !== null) {
        const t = s.text;
        chunk.values = Array.from({ length }, (_, i) => (s.nulls?.[i] ? null : textAt(t, i)));
        chunk.utf8 = t.bytes.subarray(0, t.offsets[length]);
        chunk.offsets = t.offsets.subarray(0, length + 1);
      }
      yield chunk;
      offset += length;
    }
  }

  /** The storage as held, without copies or strings built (the Arrow conversion reads it). @internal */
  storage(): { codec: ColumnCodec; chunks: Array<{ store: ColumnStore; length: number }> } {
    return { codec: this.codec, chunks: this.storeChunks.map((store, k) => ({ store, length: this.lengths[k]! })) };
  }

  private flat(): ColumnStore {
    if (this.storeChunks.length === 1) return this.storeChunks[0]!;
    if (this.storeChunks.length === 0) return flattenColumn(this.codec, [], []);
    const joined = flattenColumn(this.codec, this.storeChunks, this.lengths);
    this.storeChunks = [joined];
    this.lengths = [this.length];
    this.shift = 30;
    this.mask = 2 ** 30 - 1;
    return joined;
  }

  isNull(i: number): boolean {
    const s = this.storeChunks[i >>> this.shift];
    return s !== undefined && s.nulls !== null && s.nulls[i & this.mask] === 1;
  }

  /** The value of cell i (null for null cells); xtype-converted unless the table was read with xtypes: 'raw'. */
  get(i: number): VOTableValue {
    const raw = this.raw(i);
    return this.xtypes === 'convert' && raw !== null && this.field.xtype !== undefined ? convertXtype(this.field, raw) : raw;
  }

  /** The value of cell i without xtype conversion. */
  raw(i: number): VOTableValue {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`row ${i} out of range (0..${this.length - 1})`);
    const s = this.storeChunks[i >>> this.shift]!;
    const j = i & this.mask;
    if (s.nulls !== null && s.nulls[j] === 1) return null;
    if (s.text !== null) return textAt(s.text, j);
    const c = this.codec;
    if (c.shape !== Shape.Scalar) return (s.values as VOTableValue[])[j] ?? null;
    switch (c.elem) {
      case Elem.Boolean:
      case Elem.Bit:
        return (s.values as Uint8Array)[j] === 1;
      case Elem.FloatComplex: {
        const v = s.values as Float32Array;
        return [displayFloat32(v[2 * j]!), displayFloat32(v[2 * j + 1]!)];
      }
      case Elem.DoubleComplex: {
        const v = s.values as Float64Array;
        return [v[2 * j]!, v[2 * j + 1]!];
      }
      case Elem.Float:
        return displayFloat32((s.values as Float32Array)[j]!);
      default:
        return (s.values as Float64Array)[j]!;
    }
  }

  /** All values as a plain array (nulls as null). */
  toArray(): VOTableValue[] {
    const out = new Array<VOTableValue>(this.length);
    const converted = this.xtypes === 'convert' && this.field.xtype !== undefined;
    let at = 0;
    for (let k = 0; k < this.storeChunks.length; k++) {
      const n = this.lengths[k]!;
      if (converted || !copyCellValues(this.codec, this.storeChunks[k]!, n, out, at))
        for (let i = at; i < at + n; i++) out[i] = this.get(i);
      at += n;
    }
    return out;
  }

  *[Symbol.iterator](): IterableIterator<VOTableValue> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }
}

export interface TableOptions {
  xtypes: XtypeMode;
}

/** A VOTable TABLE with its data (a whole table, or one streamed batch of it). */
export class VOTableTable implements VOTableTableMeta {
  readonly ID?: string;
  readonly name?: string;
  readonly ucd?: string;
  readonly utype?: string;
  readonly ref?: string;
  readonly nrows?: number;
  readonly description?: string;
  readonly columns: VOTableField[];
  readonly params: VOTableParam[];
  readonly groups: VOTableGroup[];
  readonly links: VOTableLink[];
  readonly infos: VOTableInfo[];
  readonly encoding: VOTableEncoding;
  /** Number of rows held. */
  readonly rowCount: number;
  private readonly cols: VOTableColumn[];
  /** Keys of row objects: column names, made unique with a "_<n>" suffix when repeated. */
  readonly keys: string[];

  constructor(meta: VOTableTableMeta, codecs: readonly ColumnCodec[], data: ColumnChunks, options: TableOptions) {
    Object.assign(this, meta);
    this.columns = meta.columns;
    this.params = meta.params;
    this.groups = meta.groups;
    this.links = meta.links;
    this.infos = meta.infos;
    this.encoding = meta.encoding;
    this.rowCount = data.length;
    this.cols = codecs.map((c, i) => new VOTableColumn(c.field, c, data, i, options.xtypes));
    this.keys = uniqueKeys(meta.columns.map((c) => c.name));
  }

  /** Column by name, ID or index. */
  column(key: string | number): VOTableColumn {
    const c = typeof key === 'number' ? this.cols[key] : this.cols[this.columnIndex(key)];
    if (!c) throw new RangeError(`no column ${JSON.stringify(key)}; columns are ${this.keys.join(', ')}`);
    return c;
  }

  columnIndex(key: string): number {
    let i = this.keys.indexOf(key);
    if (i < 0) i = this.columns.findIndex((f) => f.name === key || f.ID === key);
    if (i < 0) i = this.columns.findIndex((f) => f.name.toLowerCase() === key.toLowerCase());
    return i;
  }

  get columnData(): readonly VOTableColumn[] {
    return this.cols;
  }

  /** Row i as an object keyed by column name. */
  row(i: number): Record<string, VOTableValue> {
    const o: Record<string, VOTableValue> = {};
    for (let c = 0; c < this.cols.length; c++) o[this.keys[c]!] = this.cols[c]!.get(i);
    return o;
  }

  /** Row i as an array in column order. */
  rowArray(i: number): VOTableValue[] {
    const a = new Array<VOTableValue>(this.cols.length);
    for (let c = 0; c < this.cols.length; c++) a[c] = this.cols[c]!.get(i);
    return a;
  }

  /** All rows as objects keyed by column name. */
  rows(): Array<Record<string, VOTableValue>> {
    const out = new Array<Record<string, VOTableValue>>(this.rowCount);
    for (let i = 0; i < this.rowCount; i++) out[i] = this.row(i);
    return out;
  }

  /** All rows as arrays in column order. */
  rowArrays(): VOTableValue[][] {
    const out = new Array<VOTableValue[]>(this.rowCount);
    for (let i = 0; i < this.rowCount; i++) out[i] = this.rowArray(i);
    return out;
  }

  *[Symbol.iterator](): IterableIterator<Record<string, VOTableValue>> {
    for (let i = 0; i < this.rowCount; i++) yield this.row(i);
  }

  /**
   * JSON-safe form: metadata plus rows as arrays. long values become numbers when they are safe
   * integers and decimal strings otherwise; typed arrays become arrays; Dates ISO strings.
   */
  toJSON(): { name?: string; columns: VOTableField[]; rows: unknown[][] } {
    const rows: unknown[][] = [];
    for (let i = 0; i < this.rowCount; i++) rows.push(this.rowArray(i).map(jsonValue));
    const out: { name?: string; columns: VOTableField[]; rows: unknown[][] } = { columns: this.columns, rows };
    if (this.name !== undefined) out.name = this.name;
    return out;
  }

  /**
   * The table as an Arrow table (flechette's Table; `tableToIPC` from '@uwdata/flechette' gives the
   * IPC bytes pyarrow, Polars or apache-arrow read). Numbers and strings are not copied; long
   * columns are int64 read as bigint; the VOTable metadata is in the schema metadata as a VOParquet
   * header unless `metadata` replaces it.
   */
  toArrow(options: ToArrowOptions = {}): ArrowTable {
    return tableToArrow(this, { metadata: voparquetMetadata(this), ...options });
  }

  /** CSV (RFC 4180) with a header row of column names; cells as in TABLEDATA, nulls empty. */
  toCSV(options: { header?: boolean; delimiter?: string; newline?: string } = {}): string {
    const delim = options.delimiter ?? ',';
    const nl = options.newline ?? '\r\n';
    const lines: string[] = [];
    if (options.header !== false) lines.push(this.keys.map((k) => csvQuote(k, delim)).join(delim));
    for (let i = 0; i < this.rowCount; i++) {
      const cells: string[] = [];
      for (const col of this.cols) {
        const v = col.raw(i);
        cells.push(v === null ? '' : csvQuote(formatCell(col.field, v), delim));
      }
      lines.push(cells.join(delim));
    }
    return lines.join(nl) + nl;
  }
}

export function jsonValue(v: VOTableValue): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) && BigInt(Number(v)) === v ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Float32Array) return Array.from(v, displayFloat32);
  if (ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<number | bigint>, (x) => jsonValue(x));
  if (Array.isArray(v)) return v.map((x) => jsonValue(x as VOTableValue));
  return v;
}

function uniqueKeys(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = seen.get(n);
    if (k === undefined) {
      seen.set(n, 1);
      return n;
    }
    seen.set(n, k + 1);
    return `${n}_${k}`;
  });
}
