/**
 * An Arrow table (flechette) as a VOTable table. The FIELDs come from the VOParquet header in the
 * schema metadata when there is one (units, UCDs, xtypes, arraysize survive a round trip); where
 * the header and the data disagree the data wins, as the VOParquet Note says, with a warning.
 * Columns without a header get a FIELD inferred from their Arrow type.
 */
import { Type, type Batch, type Column, type DataType, type Table } from '#flechette';
import { arrowTypeFits, fieldForArrowType } from './arrow-types.js';
import {
  allocBatch,
  appendBytes,
  appendString,
  compileCodec,
  Elem,
  setNull,
  Shape,
  singleChunk,
  type ColumnCodec,
  type ColumnStore,
} from './columns.js';
import { VOTableError } from './errors.js';
import { readVOTableHeader, VOPARQUET_CONTENT_KEY, type VOTableHeader } from './header-xml.js';
import { assembleDocument, type VOTableDocument } from './reader.js';
import { VOTableTable, type XtypeMode } from './table.js';
import type { VOTableField, VOTableResource, VOTableTableMeta, VOTableValue } from './types.js';

export interface FromArrowOptions {
  /** As readVOTable's: 'convert' (default) gives Dates and geometry objects, 'raw' the stored values. */
  xtypes?: XtypeMode;
  /**
   * A data-less VOTable describing the columns, in order (the PARQUET element's VOTable in the
   * VOTable-remote-file form); default: the schema's `IVOA.VOTable-Parquet.content`.
   */
  header?: string;
}

/** An Arrow table as a VOTableTable (see tableToArrow for the other way). */
export function fromArrow(arrow: Table, options: FromArrowOptions = {}): VOTableTable {
  return documentFromArrow(arrow, options).tables[0]!;
}

/**
 * An Arrow table as a whole VOTable document: the data table first, with the header's other
 * TABLEs (empty), RESOURCEs and INFOs, so QUERY_STATUS (OK, OVERFLOW) reads as from a VOTable.
 */
export function documentFromArrow(arrow: Table, options: FromArrowOptions = {}): VOTableDocument {
  const warnings: string[] = [];
  const xml = options.header ?? arrow.schema.metadata?.get(VOPARQUET_CONTENT_KEY);
  let header: VOTableHeader | undefined;
  if (xml !== undefined) {
    try {
      header = readVOTableHeader(xml);
    } catch (e) {
      if (!(e instanceof VOTableError)) throw e;
      warnings.push(`the VOParquet header could not be read and was ignored (${e.message}); columns are described from the data alone`);
    }
  }
  const fields = fieldsFor(arrow, header?.table.meta.columns, warnings);
  const xtypes = options.xtypes ?? 'convert';
  const codecs = fields.map((f, i) => compileCodec(f, i, 'bigint'));
  const n = arrow.numRows;
  const batch = allocBatch(codecs, n);
  batch.length = n;
  codecs.forEach((codec, i) => fillColumn(codec, batch.stores[i]!, arrow.children[i]! as Column<unknown>, n));
  const meta: VOTableTableMeta = header
    ? { ...header.table.meta, columns: fields, encoding: 'none' }
    : { columns: fields, params: [], groups: [], links: [], infos: [], encoding: 'none' };
  const table = new VOTableTable(meta, codecs, singleChunk(batch), { xtypes });
  return buildDocument(header, table, xtypes, warnings);
}

function fieldsFor(arrow: Table, declared: VOTableField[] | undefined, warnings: string[]): VOTableField[] {
  const arrowFields = arrow.schema.fields;
  if (declared !== undefined && declared.length !== arrowFields.length) {
    warnings.push(
      `the VOParquet header describes ${declared.length} columns but the data has ${arrowFields.length}; columns are described from the data alone`,
    );
    declared = undefined;
  }
  return arrowFields.map((af, i) => {
    const d = declared?.[i];
    if (d !== undefined && arrowTypeFits(d, af.type)) return d;
    const inferred = fieldForArrowType(af.name, af.type);
    if (inferred === undefined) {
      throw new VOTableError(
        'metadata',
        `column ${JSON.stringify(af.name)} has the Arrow type ${typeName(af.type)}, which no VOTable datatype holds; drop or cast the column (e.g. to a string) first`,
        { column: af.name, columnIndex: i },
      );
    }
    if (d === undefined) return inferred;
    warnings.push(
      `column ${JSON.stringify(af.name)}: the VOParquet header says datatype ${d.datatype}${d.arraysize ? `[${d.arraysize}]` : ''} but the data is ${typeName(af.type)}; the data wins (${inferred.datatype})`,
    );
    const { name, ID, unit, ucd, utype, description, links } = d;
    return { ...inferred, name, links, ...defined({ ID, unit, ucd, utype, description }) };
  });
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function typeName(type: DataType): string {
  const names: Record<number, string> = {
    [Type.Bool]: 'bool',
    [Type.Int]: 'int',
    [Type.Float]: 'float',
    [Type.Utf8]: 'utf8',
    [Type.List]: 'list',
    [Type.FixedSizeList]: 'fixed-size list',
    [Type.Timestamp]: 'timestamp',
    [Type.Date]: 'date',
    [Type.Struct]: 'struct',
    [Type.Map]: 'map',
    [Type.Binary]: 'binary',
    [Type.Decimal]: 'decimal',
    [Type.Dictionary]: 'dictionary',
  };
  return names[type.typeId] ?? `type id ${type.typeId}`;
}

function isValid(b: Batch<unknown>, i: number): boolean {
  return b.nullCount === 0 || ((b.validity[i >> 3]! >> (i & 7)) & 1) === 1;
}

/** Write Arrow values into a VOTable column store sized for `n` rows. */
function fillColumn(codec: ColumnCodec, store: ColumnStore, column: Column<unknown>, n: number): void {
  let at = 0;
  for (const b of column.data) {
    if (codec.shape === Shape.String) fillStrings(store, b, at, n);
    else if (codec.shape === Shape.Scalar) fillScalars(codec, store, b, at, n);
    else {
      const cells = store.values as unknown[];
      for (let i = 0; i < b.length; i++) {
        const cell = isValid(b, i) ? arrayCell(codec.elem, b.at(i)) : null;
        if (cell === null) setNull(store, at + i, n);
        else cells[at + i] = cell;
      }
    }
    at += b.length;
  }
}

function fillStrings(store: ColumnStore, b: Batch<unknown>, at: number, n: number): void {
  const t = store.text!;
  const bytes = b.values as unknown;
  const offsets = b.offsets as unknown;
  if (bytes instanceof Uint8Array && offsets instanceof Int32Array) {
    let ascii = true;
    for (let k = offsets[0]!; k < offsets[b.length]!; k++)
      if (bytes[k]! >= 0x80) {
        ascii = false;
        break;
      }
    for (let i = 0; i < b.length; i++) {
      const s = offsets[i]!;
      const e = offsets[i + 1]!;
      if (!isValid(b, i) || e === s)
        setNull(store, at + i, n); // VOTable has one null: an empty string is null
      else appendBytes(t, bytes, s, e, ascii);
      t.offsets[at + i + 1] = t.length;
    }
    return;
  }
  for (let i = 0; i < b.length; i++) {
    const v = isValid(b, i) ? b.at(i) : null;
    const s = v === null || v === undefined ? '' : timeText(v);
    if (s === '') setNull(store, at + i, n);
    else appendString(t, s);
    t.offsets[at + i + 1] = t.length;
  }
}

/** A date or timestamp cell as ISO 8601 text (DALI's timestamp form). */
function timeText(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v)).toISOString();
  return String(v);
}

function fillScalars(codec: ColumnCodec, store: ColumnStore, b: Batch<unknown>, at: number, n: number): void {
  const dst = store.values as Float64Array | BigInt64Array;
  const len = b.length;
  const complex = codec.elem === Elem.FloatComplex || codec.elem === Elem.DoubleComplex;
  const src = b.values as unknown;
  if (complex || codec.elem === Elem.Boolean || codec.elem === Elem.Bit || !ArrayBuffer.isView(src)) {
    for (let i = 0; i < len; i++) {
      if (!isValid(b, i)) continue;
      const v = b.at(i);
      if (complex) {
        const pair = v as ArrayLike<number>;
        (dst as Float64Array)[2 * (at + i)] = pair[0]!;
        (dst as Float64Array)[2 * (at + i) + 1] = pair[1]!;
      } else if (dst instanceof BigInt64Array) dst[at + i] = BigInt(v as number);
      else dst[at + i] = typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
    }
  } else {
    const values = (src as Float64Array | BigInt64Array).subarray(0, len);
    const srcBig = values instanceof BigInt64Array || values instanceof BigUint64Array;
    if (srcBig === dst instanceof BigInt64Array) (dst as Float64Array).set(values as Float64Array, at);
    else if (dst instanceof BigInt64Array) for (let i = 0; i < len; i++) dst[at + i] = BigInt(Math.trunc(values[i] as number));
    else for (let i = 0; i < len; i++) dst[at + i] = Number(values[i]);
  }
  if (b.nullCount > 0) for (let i = 0; i < len; i++) if (!isValid(b, i)) setNull(store, at + i, n);
}

/** An Arrow list cell in the VOTable model's array form; null for a null or empty array (VOTable's one null). */
function arrayCell(elem: Elem, v: unknown): VOTableValue {
  if (v === null || v === undefined) return null;
  const items = Array.from(v as ArrayLike<unknown>);
  if (items.length === 0) return null;
  const hasNull = items.some((x) => x === null || x === undefined);
  switch (elem) {
    case Elem.Double:
      return Float64Array.from(items, (x) => (x === null || x === undefined ? NaN : Number(x)));
    case Elem.Float:
      return Float32Array.from(items, (x) => (x === null || x === undefined ? NaN : Number(x)));
    case Elem.Long:
      return hasNull
        ? items.map((x) => (x === null || x === undefined ? null : BigInt(x as number)))
        : BigInt64Array.from(items, (x) => BigInt(x as number));
    case Elem.Int:
    case Elem.Short:
    case Elem.UnsignedByte: {
      if (hasNull) return items.map((x) => (x === null || x === undefined ? null : Number(x)));
      const nums = items.map(Number);
      return elem === Elem.Int ? Int32Array.from(nums) : elem === Elem.Short ? Int16Array.from(nums) : Uint8Array.from(nums);
    }
    case Elem.Boolean:
    case Elem.Bit:
      return items.map((x) => (x === null || x === undefined ? null : Boolean(x)));
    case Elem.FloatComplex:
    case Elem.DoubleComplex:
      return items.map((x) => {
        const p = x as ArrayLike<number>;
        return [Number(p[0]), Number(p[1])] as [number, number];
      });
    default:
      return items.map((x) => (x === null || x === undefined ? '' : String(x)));
  }
}

/** The header's document with `table` in the first TABLE's place (other TABLEs have no rows). */
function buildDocument(header: VOTableHeader | undefined, table: VOTableTable, xtypes: XtypeMode, warnings: string[]): VOTableDocument {
  const report = { invalidCells: 0, firstInvalid: [], warnings };
  if (header === undefined) {
    const resource: VOTableResource<VOTableTable> = {
      type: 'results',
      infos: [],
      params: [],
      groups: [],
      links: [],
      coosys: [],
      timesys: [],
      tables: [table],
      resources: [],
    };
    return {
      resources: [resource],
      tables: [table],
      infos: [],
      params: [],
      groups: [],
      coosys: [],
      timesys: [],
      queryStatus: [],
      status: undefined,
      statusMessage: undefined,
      overflow: false,
      report,
    };
  }
  // The header's first TABLE holds the rows; any other TABLE it describes has none.
  return assembleDocument(header.model, report, (slot, i) =>
    i === 0
      ? table
      : new VOTableTable(
          slot.meta,
          slot.meta.columns.map((f, c) => compileCodec(f, c, 'bigint')),
          { length: 0, batches: [], shift: 30 },
          { xtypes },
        ),
  );
}
