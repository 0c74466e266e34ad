/**
 * The document scanner: walks the input bytes once, keeps the XML markup (the "skeleton") for
 * fast-xml-parser, and cuts the table data (TABLEDATA rows, base64 STREAMs) out to the dedicated
 * decoders. At the start of each data section it parses the skeleton so far (closing the open
 * elements) to learn that table's FIELDs, so rows can be decoded and streamed immediately.
 */
import { Buffer } from '#bytes';
import { BinaryDecoder } from './binary.js';
import { compileCodec, type ColumnBatch, type ColumnCodec, type LongMode } from './columns.js';
import { VOTableError, VOTableUnsupportedError } from './errors.js';
import { buildSkeletonModel, parseXml, type SkeletonModel } from './metadata.js';
import type { ReadReporter } from './report.js';
import { TableDataDecoder } from './tabledata.js';
import type { VOTableTableMeta } from './types.js';

export type ScanEvent =
  | { kind: 'table'; tableIndex: number; meta: VOTableTableMeta; codecs: ColumnCodec[] }
  | { kind: 'batch'; tableIndex: number; batch: ColumnBatch }
  | { kind: 'tableEnd'; tableIndex: number; rowCount: number };

interface OpenElement {
  qname: string;
  local: string;
}

export interface ScannerOptions {
  batchSize: number;
  long: LongMode;
  /** Collects what a lenient read tolerated, and says whether it is lenient. */
  reporter: ReadReporter;
}

const enum Mode {
  Markup,
  TableData,
  Base64,
}

export class DocumentScanner {
  readonly events: ScanEvent[] = [];
  private mode = Mode.Markup;
  private buf: Buffer = Buffer.alloc(0);
  /** Reused buffer holding the unconsumed tail of the previous chunk(s) in work[0, carry). */
  private work: Buffer = Buffer.alloc(0);
  private carry = 0;
  /** Absolute offset of buf[0] in the input. */
  private base = 0;
  private readonly skeleton: Buffer[] = [];
  private readonly stack: OpenElement[] = [];
  private tableData: TableDataDecoder | undefined;
  private binary: BinaryDecoder | undefined;
  private dataSections = 0;
  /** TABLE elements opened so far; a TABLE closed with fewer data sections had no DATA. */
  private tablesOpened = 0;
  private sawRoot = false;
  private started = false;
  /** Index of the table whose data section is being decoded. */
  private currentTable = -1;
  /** The nrows the current table declares, checked against the rows read when its data ends. */
  private declaredRows: number | undefined;
  /** Character encoding from the XML declaration. */
  private encoding: 'utf8' | 'latin1' = 'utf8';

  constructor(private readonly options: ScannerOptions) {}

  push(chunk: Uint8Array): void {
    const c = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (c.length === 0) return;
    if (this.carry === 0) {
      this.buf = c; // no copy; run() copies any unconsumed tail before returning
    } else {
      this.reserve(this.carry + c.length, true);
      c.copy(this.work, this.carry);
      this.buf = this.work.subarray(0, this.carry + c.length);
    }
    this.run(false);
  }

  /** Keep buf[pos, end) for the next push in the reused work buffer; returns its length. */
  private keepTail(buf: Buffer, pos: number, end: number): number {
    const rest = end - pos;
    if (rest > 0) {
      if (buf.buffer === this.work.buffer && buf.byteOffset === this.work.byteOffset) this.work.copyWithin(0, pos, end);
      else {
        this.reserve(rest, false);
        buf.copy(this.work, 0, pos, end);
      }
    }
    this.carry = rest;
    this.buf = this.work.subarray(0, rest);
    return rest;
  }

  private reserve(size: number, keepCarry: boolean): void {
    if (this.work.length >= size) return;
    const next = Buffer.allocUnsafe(Math.max(size, this.work.length * 2, 1 << 16));
    if (keepCarry) this.work.copy(next, 0, 0, this.carry);
    this.work = next;
  }

  /** No more input: everything must be complete. Returns the document metadata model. */
  finish(): SkeletonModel {
    this.run(true);
    if (this.mode !== Mode.Markup) {
      throw new VOTableError(
        'truncated',
        `input ends inside ${this.mode === Mode.TableData ? 'TABLEDATA' : 'a base64 STREAM'} (truncated document?)`,
        { byteOffset: this.base + this.buf.length },
      );
    }
    if (!this.sawRoot) throw new VOTableError('not-votable', 'input contains no XML element; expected a VOTABLE document');
    if (this.stack.length > 0) {
      throw new VOTableError('truncated', `input ends before </${this.stack[this.stack.length - 1]!.qname}> (truncated document?)`, {
        byteOffset: this.base + this.buf.length,
      });
    }
    return buildSkeletonModel(parseXml(Buffer.concat(this.skeleton).toString(this.encoding)), this.options.reporter);
  }

  private run(final: boolean): void {
    let pos = 0;
    const buf = this.buf;
    const end = buf.length;
    if (!this.started) {
      if (end < 3 && !final) {
        this.keepTail(buf, 0, end);
        return;
      }
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3; // UTF-8 BOM
      if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
        throw new VOTableError(
          'input',
          'input is UTF-16 encoded; only UTF-8 (and ISO-8859-1/ASCII) VOTables are supported: transcode it to UTF-8 first',
          { byteOffset: 0 },
        );
      }
      if (buf.toString('latin1', pos, pos + 5) === '<?xml') {
        const close = buf.indexOf('?>', pos);
        if (close < 0 && !final) {
          this.keepTail(buf, 0, end);
          return;
        }
        const decl = buf.toString('latin1', pos, close < 0 ? end : close);
        const enc = /encoding\s*=\s*["']([^"']+)["']/.exec(decl)?.[1]?.toLowerCase();
        if (enc === 'iso-8859-1' || enc === 'latin1' || enc === 'latin-1' || enc === 'iso_8859-1') this.encoding = 'latin1';
        else if (enc !== undefined && enc !== 'utf-8' && enc !== 'utf8' && enc !== 'us-ascii' && enc !== 'ascii') {
          throw new VOTableError(
            'input',
            `XML encoding ${JSON.stringify(enc)} is not supported; only UTF-8, ISO-8859-1 and ASCII are: transcode the document to UTF-8`,
            { byteOffset: 0 },
          );
        }
      }
      this.started = true;
    }
    let markupStart = pos;
    while (pos < end) {
      if (this.mode === Mode.TableData) {
        const decoder = this.tableData!;
        pos = decoder.decode(buf, pos, end, this.base, final);
        if (!decoder.done) break;
        this.endDataSection();
        markupStart = pos;
        continue;
      }
      if (this.mode === Mode.Base64) {
        let lt = buf.indexOf(60, pos);
        if (lt < 0) lt = end;
        this.binary!.push(buf, pos, lt, this.base);
        pos = lt;
        if (lt < end) {
          if (lt + 3 >= end) break; // need to see what the markup is
          if (buf[lt + 1] === 33 && buf[lt + 2] === 45) {
            // a comment inside the STREAM: skip it
            const close = buf.indexOf('-->', lt + 4);
            if (close < 0) break;
            pos = close + 3;
            continue;
          }
          if (buf[lt + 1] !== 47) {
            throw new VOTableError(
              'xml',
              `unexpected markup inside a base64 STREAM: ${JSON.stringify(buf.toString('utf8', lt, Math.min(end, lt + 40)))}`,
              { byteOffset: this.base + lt, table: this.currentTable },
            );
          }
          this.binary!.end(this.base + lt);
          this.endDataSection();
          markupStart = pos;
        }
        continue;
      }
      // Markup mode: find the next tag.
      const lt = buf.indexOf(60, pos);
      if (lt < 0) {
        pos = end;
        break;
      }
      const r = this.scanTag(buf, lt, end);
      if (r === undefined) {
        pos = lt;
        break;
      } // incomplete tag: wait for more bytes
      pos = r.next;
      if (r.startsData) {
        this.skeleton.push(Buffer.from(buf.subarray(markupStart, pos)));
        markupStart = pos;
        this.beginDataSection(r.startsData, r.selfClosing);
        if (r.selfClosing) {
          this.endDataSection();
        }
      } else if (r.tableWithoutData) {
        // Announce it like any other table (streaming callers see every table), with no rows.
        this.skeleton.push(Buffer.from(buf.subarray(markupStart, pos)));
        markupStart = pos;
        const { tableIndex } = this.announceTable('none');
        this.events.push({ kind: 'tableEnd', tableIndex, rowCount: 0 });
      }
    }
    if (this.mode === Mode.Markup) {
      this.skeleton.push(Buffer.from(buf.subarray(markupStart, pos)));
    }
    this.base += pos;
    const rest = this.keepTail(buf, pos, end);
    if (final && this.mode === Mode.Markup && rest > 0 && this.buf.toString('latin1').trim() !== '') {
      throw new VOTableError('truncated', 'input ends inside an XML tag (truncated document?)', { byteOffset: this.base });
    }
  }

  /**
   * Scan one construct at buf[lt] == '<'. Returns undefined if it is incomplete. Tracks the open
   * element stack and reports the start of a data section.
   */
  private scanTag(
    buf: Buffer,
    lt: number,
    end: number,
  ): { next: number; startsData?: 'tabledata' | 'binary' | 'binary2'; selfClosing?: boolean; tableWithoutData?: boolean } | undefined {
    if (lt + 1 >= end) return undefined;
    const c = buf[lt + 1];
    if (c === 63) {
      // <? ... ?>
      const close = buf.indexOf('?>', lt + 2);
      return close < 0 ? undefined : { next: close + 2 };
    }
    if (c === 33) {
      // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE >
      if (lt + 9 > end) return undefined;
      if (buf[lt + 2] === 45 && buf[lt + 3] === 45) {
        const close = buf.indexOf('-->', lt + 4);
        return close < 0 ? undefined : { next: close + 3 };
      }
      if (buf.toString('latin1', lt, lt + 9) === '<![CDATA[') {
        const close = buf.indexOf(']]>', lt + 9);
        return close < 0 ? undefined : { next: close + 3 };
      }
      const close = findTagEnd(buf, lt + 2, end);
      return close < 0 ? undefined : { next: close + 1 };
    }
    const gt = findTagEnd(buf, lt + 1, end);
    if (gt < 0) return undefined;
    if (c === 47) {
      // end tag
      const qname = buf.toString('utf8', lt + 2, gt).trim();
      const top = this.stack.pop();
      if (!top || top.qname !== qname) {
        throw new VOTableError('xml', `malformed XML: </${qname}> does not close ${top ? `<${top.qname}>` : 'any open element'}`, {
          byteOffset: this.base + lt,
        });
      }
      return { next: gt + 1, tableWithoutData: top.local === 'TABLE' && this.dataSections < this.tablesOpened };
    }
    let ne = lt + 1;
    while (ne < gt) {
      const b = buf[ne]!;
      if (b <= 32 || b === 47) break;
      ne++;
    }
    const qname = buf.toString('utf8', lt + 1, ne);
    const colon = qname.indexOf(':');
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    const selfClosing = buf[gt - 1] === 47;
    if (!this.sawRoot) {
      this.sawRoot = true;
      if (local !== 'VOTABLE')
        throw new VOTableError('not-votable', `root element is <${qname}>, not <VOTABLE>; this is not a VOTable document`, {
          byteOffset: this.base + lt,
        });
    }
    const parent = this.stack.length ? this.stack[this.stack.length - 1]!.local : '';
    if (!selfClosing) this.stack.push({ qname, local });
    if (local === 'TABLE') {
      this.tablesOpened++;
      if (selfClosing) return { next: gt + 1, tableWithoutData: true };
    }
    if (parent === 'DATA') {
      if (local === 'TABLEDATA') return { next: gt + 1, startsData: 'tabledata', selfClosing };
      if (local === 'FITS') {
        throw new VOTableUnsupportedError(
          'the FITS serialization of VOTable data is not supported; request TABLEDATA, BINARY or BINARY2 (e.g. RESPONSEFORMAT=votable/b2)',
          { byteOffset: this.base + lt, encoding: 'FITS', table: this.dataSections },
        );
      }
    }
    if (local === 'STREAM' && (parent === 'BINARY' || parent === 'BINARY2')) {
      const attrs = buf.toString('utf8', ne, gt);
      const href = /\bhref\s*=\s*["']([^"']*)["']/.exec(attrs);
      if (href) {
        throw new VOTableUnsupportedError(
          `${parent} data in an external stream (href=${JSON.stringify(href[1])}) is not supported; only inline base64 STREAMs are read`,
          { byteOffset: this.base + lt, encoding: `${parent} href`, table: this.dataSections },
        );
      }
      const enc = /\bencoding\s*=\s*["']([^"']*)["']/.exec(attrs);
      if (enc && enc[1] !== 'base64') {
        throw new VOTableUnsupportedError(`${parent} STREAM encoding ${JSON.stringify(enc[1])} is not supported; only base64 is`, {
          byteOffset: this.base + lt,
          encoding: `${parent} ${enc[1]}`,
          table: this.dataSections,
        });
      }
      return { next: gt + 1, startsData: parent === 'BINARY' ? 'binary' : 'binary2', selfClosing };
    }
    return { next: gt + 1 };
  }

  /** Parse the skeleton so far, closing every open element, to learn the last table's FIELDs; emit its 'table' event. */
  private announceTable(kind: 'tabledata' | 'binary' | 'binary2' | 'none'): { tableIndex: number; codecs: ColumnCodec[] } {
    const closers = this.stack
      .slice()
      .reverse()
      .map((e) => `</${e.qname}>`)
      .join('');
    const model = buildSkeletonModel(parseXml(Buffer.concat(this.skeleton).toString(this.encoding) + closers), this.options.reporter);
    const tableIndex = model.tables.length - 1;
    const slot = model.tables[tableIndex];
    if (!slot) throw new VOTableError('xml', `${kind.toUpperCase()} outside a TABLE`, { byteOffset: this.base });
    const meta = slot.meta;
    this.declaredRows = meta.nrows;
    meta.encoding = kind;
    const codecs = meta.columns.map((f, i) => compileCodec(f, i, this.options.long));
    this.events.push({ kind: 'table', tableIndex, meta, codecs });
    this.dataSections++;
    return { tableIndex, codecs };
  }

  private beginDataSection(kind: 'tabledata' | 'binary' | 'binary2', selfClosing: boolean | undefined): void {
    const { tableIndex, codecs } = this.announceTable(kind);
    const emit = (batch: ColumnBatch): void => {
      this.events.push({ kind: 'batch', tableIndex, batch });
    };
    if (kind === 'tabledata') {
      this.tableData = new TableDataDecoder(
        codecs,
        this.options.batchSize,
        tableIndex,
        emit,
        this.encoding === 'latin1',
        this.options.reporter,
      );
      if (!selfClosing) this.mode = Mode.TableData;
    } else {
      this.binary = new BinaryDecoder(codecs, this.options.batchSize, tableIndex, kind === 'binary2', emit, this.options.reporter);
      if (!selfClosing) this.mode = Mode.Base64;
    }
    this.currentTable = tableIndex;
  }

  private endDataSection(): void {
    const decoder = this.tableData ?? this.binary!;
    if (this.tableData) this.tableData.finish();
    else if (this.mode !== Mode.Base64) this.binary!.end(this.base);
    const declared = this.declaredRows;
    if (declared !== undefined && declared !== decoder.rowCount) {
      // Rows lost (or added) on the way: an error, or with invalid: 'null' a warning on the report.
      const message = `table ${this.currentTable} declares nrows="${declared}" but ${decoder.rowCount} rows were read`;
      if (!this.options.reporter.lenient)
        throw new VOTableError(declared > decoder.rowCount ? 'truncated' : 'metadata', message, {
          table: this.currentTable,
          byteOffset: this.base,
        });
      this.options.reporter.warn(message);
    }
    this.events.push({ kind: 'tableEnd', tableIndex: this.currentTable, rowCount: decoder.rowCount });
    this.tableData = undefined;
    this.binary = undefined;
    this.mode = Mode.Markup;
  }
}

/** Index of the '>' ending a tag whose name starts at `from`, honouring quoted attribute values. */
function findTagEnd(buf: Buffer, from: number, end: number): number {
  let quote = 0;
  for (let i = from; i < end; i++) {
    const b = buf[i]!;
    if (quote !== 0) {
      if (b === quote) quote = 0;
    } else if (b === 34 || b === 39) quote = b;
    else if (b === 62) return i;
  }
  return -1;
}
