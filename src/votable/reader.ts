/** readVOTable (materialise) and streamVOTable (bounded memory) over the document scanner. */
import { CellProblem, valueFromText } from './cells.js';
import { compileCodec, singleChunk, type ColumnBatch, type ColumnCodec, type LongMode } from './columns.js';
import { VOTableError } from './errors.js';
import { convertXtype } from './xtypes.js';
import { inputChunks, type VOTableInput } from './input.js';
import type { SkeletonModel, TableSlot } from './metadata.js';
import { DocumentScanner, type ScanEvent } from './scanner.js';
import { ReadReporter, type VOTableInvalidPolicy, type VOTableReadReport } from './report.js';
import { VOTableTable, type XtypeMode } from './table.js';
import type {
  VOTableCoosys,
  VOTableGroup,
  VOTableInfo,
  VOTableParam,
  VOTableResource,
  VOTableTableMeta,
  VOTableTimesys,
  VOTableValue,
} from './types.js';

export interface VOTableReadOptions {
  /**
   * How `long` columns are returned. 'bigint' (default) is exact for every 64-bit value (Gaia
   * source_id needs it) and stores a BigInt64Array. 'number' stores a Float64Array and throws a
   * VOTableError for any value beyond ±(2^53-1), so it is never silently lossy.
   */
  long?: LongMode;
  /** 'convert' (default): timestamp → Date, point/circle/polygon/interval → objects. 'raw': stored values. */
  xtypes?: XtypeMode;
  /**
   * A cell that breaks the standard ("null" or "-" in a number column, an integer out of its
   * range, too many array elements, an extra <TD>) and a non-standard datatype name: 'error'
   * (default) rejects the document; 'null' reads the cell as null (a datatype it does not know
   * as text) and counts it in `document.report`, as astropy warns and masks.
   */
  invalid?: VOTableInvalidPolicy;
}

export interface VOTableStreamOptions extends VOTableReadOptions {
  /** Rows per emitted batch (default 10000). Memory is bounded by this and the input chunk size. */
  batchSize?: number;
}

/** A parsed VOTable document. */
export interface VOTableDocument {
  version?: string;
  description?: string;
  /** Top-level RESOURCEs (nested resources inside). */
  resources: VOTableResource<VOTableTable>[];
  /** Every TABLE in document order, whatever RESOURCE it is in. */
  tables: VOTableTable[];
  /** Every INFO in the document (any level), in document order. */
  infos: VOTableInfo[];
  /** Top-level PARAM, GROUP, COOSYS and TIMESYS (VOTable 1.1 DEFINITIONS included). */
  params: VOTableParam[];
  groups: VOTableGroup[];
  coosys: VOTableCoosys[];
  timesys: VOTableTimesys[];
  /** Every INFO name="QUERY_STATUS", in document order. */
  queryStatus: VOTableInfo[];
  /** Value of the last QUERY_STATUS (OK, ERROR, OVERFLOW), undefined when there is none. */
  status: string | undefined;
  /** Text of the last QUERY_STATUS INFO (the server's message), undefined when there is none. */
  statusMessage: string | undefined;
  /** True when the last QUERY_STATUS is OVERFLOW (the result was truncated at MAXREC). */
  overflow: boolean;
  /** What the read tolerated: cells read as null (invalid: 'null') and other departures from the standard. */
  report: VOTableReadReport;
}

export type VOTableStreamEvent =
  /** A table's data begins: its metadata (FIELDs, PARAMs, GROUPs...). */
  | { type: 'table'; tableIndex: number; table: VOTableTableMeta }
  /** A batch of rows of table `tableIndex`, starting at row `firstRow`. */
  | { type: 'rows'; tableIndex: number; firstRow: number; rows: VOTableTable }
  /** The document ended: full metadata (tables hold no rows here) and each table's row count. */
  | { type: 'end'; document: VOTableDocument; rowCounts: number[] };

/** readVOTable stores tables in chunks of 2^16 rows (no growth copies, no final concatenation). */
const CHUNK_SHIFT = 16;
const EMPTY_TABLE = { length: 0, batches: [], shift: 30 };

interface TableData {
  meta: VOTableTableMeta;
  codecs: ColumnCodec[];
  batches: ColumnBatch[];
  rowCount: number;
}

/**
 * Read a whole VOTable into memory (column-oriented). Accepts a string, bytes, a Node Readable or
 * a web ReadableStream. Rejects with a VOTableError naming row, column and byte offset.
 */
export async function readVOTable(input: VOTableInput, options: VOTableReadOptions = {}): Promise<VOTableDocument> {
  const long = options.long ?? 'bigint';
  const xtypes = options.xtypes ?? 'convert';
  const reporter = new ReadReporter(options.invalid ?? 'error');
  const scanner = new DocumentScanner({ batchSize: 2 ** CHUNK_SHIFT, long, reporter });
  const data = new Map<number, TableData>();
  const drain = (): void => {
    for (const ev of scanner.events) collect(data, ev);
    scanner.events.length = 0;
  };
  for await (const chunk of inputChunks(input)) {
    scanner.push(chunk);
    drain();
  }
  const model = scanner.finish();
  drain();
  return assembleDocument(model, reporter.report(), (slot, i) => {
    const d = data.get(i);
    const meta = { ...slot.meta, encoding: d?.meta.encoding ?? slot.meta.encoding };
    if (!d) {
      const codecs = meta.columns.map((f, ci) => compileCodec(f, ci, long));
      return new VOTableTable(meta, codecs, EMPTY_TABLE, { xtypes });
    }
    return new VOTableTable(meta, d.codecs, { length: d.rowCount, batches: d.batches, shift: CHUNK_SHIFT }, { xtypes });
  });
}

function collect(data: Map<number, TableData>, ev: ScanEvent): void {
  if (ev.kind === 'table') data.set(ev.tableIndex, { meta: ev.meta, codecs: ev.codecs, batches: [], rowCount: 0 });
  else if (ev.kind === 'batch') data.get(ev.tableIndex)!.batches.push(ev.batch);
  else data.get(ev.tableIndex)!.rowCount = ev.rowCount;
}

/** Read a local VOTable file (plain or gzip-compressed); shorthand for readVOTable({ file: path }). */
export function readVOTableFile(path: string, options: VOTableReadOptions = {}): Promise<VOTableDocument> {
  return readVOTable({ file: path }, options);
}

/**
 * Stream a VOTable: yields each table's metadata, then its rows in batches of `batchSize`, then
 * the document (status, INFOs after the data...) at the end. Only one batch is held at a time.
 */
export async function* streamVOTable(
  input: VOTableInput,
  options: VOTableStreamOptions = {},
): AsyncGenerator<VOTableStreamEvent, void, undefined> {
  const long = options.long ?? 'bigint';
  const xtypes = options.xtypes ?? 'convert';
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 10000));
  const reporter = new ReadReporter(options.invalid ?? 'error');
  const scanner = new DocumentScanner({ batchSize, long, reporter });
  const tables = new Map<number, { meta: VOTableTableMeta; codecs: ColumnCodec[]; rows: number }>();
  function* drain(): Generator<VOTableStreamEvent> {
    // Take the queued events first so the generator never holds more than one push's worth.
    const events = scanner.events.splice(0);
    for (const ev of events) {
      if (ev.kind === 'table') {
        tables.set(ev.tableIndex, { meta: ev.meta, codecs: ev.codecs, rows: 0 });
        yield { type: 'table', tableIndex: ev.tableIndex, table: ev.meta };
      } else if (ev.kind === 'batch') {
        const t = tables.get(ev.tableIndex)!;
        const firstRow = t.rows;
        t.rows += ev.batch.length;
        yield {
          type: 'rows',
          tableIndex: ev.tableIndex,
          firstRow,
          rows: new VOTableTable(t.meta, t.codecs, singleChunk(ev.batch), { xtypes }),
        };
      }
    }
  }
  let model: SkeletonModel;
  try {
    for await (const chunk of inputChunks(input)) {
      scanner.push(chunk);
      yield* drain();
    }
    model = scanner.finish();
  } catch (e) {
    // Deliver the rows decoded before the problem, then report it.
    yield* drain();
    throw e;
  }
  yield* drain();
  const rowCounts = model.tables.map((_, i) => tables.get(i)?.rows ?? 0);
  const document = assembleDocument(model, reporter.report(), (slot, i) => {
    const t = tables.get(i);
    const meta = { ...slot.meta, encoding: t?.meta.encoding ?? slot.meta.encoding };
    const codecs = meta.columns.map((f, ci) => compileCodec(f, ci, long));
    return new VOTableTable(meta, codecs, EMPTY_TABLE, { xtypes });
  });
  yield { type: 'end', document, rowCounts };
}

/** The document of a parsed skeleton, with `makeTable` giving each TABLE's table (in document order). */
export function assembleDocument(
  model: SkeletonModel,
  report: VOTableReadReport,
  makeTable: (slot: TableSlot, index: number) => VOTableTable,
): VOTableDocument {
  const bySlot = new Map<TableSlot, VOTableTable>();
  const tables = model.tables.map((slot, i) => {
    const t = makeTable(slot, i);
    bySlot.set(slot, t);
    return t;
  });
  const mapResource = (r: VOTableResource<TableSlot>): VOTableResource<VOTableTable> => ({
    ...r,
    tables: r.tables.map((s) => bySlot.get(s)!),
    resources: r.resources.map(mapResource),
  });
  const queryStatus = model.infos.filter((i) => i.name === 'QUERY_STATUS');
  const last = queryStatus[queryStatus.length - 1];
  const doc: VOTableDocument = {
    resources: model.resources.map(mapResource),
    tables,
    infos: model.infos,
    params: model.params,
    groups: model.groups,
    coosys: model.coosys,
    timesys: model.timesys,
    queryStatus,
    status: last?.value,
    statusMessage: last?.content,
    overflow: last?.value.trim().toUpperCase() === 'OVERFLOW',
    report,
  };
  if (model.version !== undefined) doc.version = model.version;
  if (model.description !== undefined) doc.description = model.description;
  return doc;
}

/**
 * The typed value of a PARAM (its `value` attribute converted like a TABLEDATA cell): numbers,
 * bigint for long, booleans, arrays, and xtype conversion unless `xtypes: 'raw'`. Empty values
 * and the VALUES null give null.
 */
export function votableParamValue(param: VOTableParam, options: VOTableReadOptions = {}): VOTableValue {
  const codec = compileCodec(param, 0, options.long ?? 'bigint');
  try {
    const raw = valueFromText(codec, param.value);
    return (options.xtypes ?? 'convert') === 'convert' && raw !== null && param.xtype !== undefined ? convertXtype(param, raw) : raw;
  } catch (e) {
    if (!(e instanceof CellProblem)) throw e;
    if (options.invalid === 'null') return null;
    throw new VOTableError('bad-value', `PARAM ${JSON.stringify(param.name)}: ${e.message}`, { column: param.name });
  }
}
