/**
 * VOTable writer (TABLEDATA, BINARY or BINARY2) from row objects, row arrays, typed columns or a table read
 * by readVOTable. Types come from the column declarations or are inferred from the values.
 */
import { Buffer } from '#bytes';
import { parseArraysize } from './columns.js';
import { VOTableError } from './errors.js';
import { formatCell, formatDouble, formatFloat32 } from './format.js';
import { VOTableTable } from './table.js';
import type { VOTableDatatype, VOTableField, VOTableGeometry, VOTableInfo, VOTableParam, VOTableValue } from './types.js';
import { VOTABLE_DATATYPES } from './types.js';
import { unconvertValue } from './xtypes.js';

/** A column declaration; everything but the name is optional (datatype/arraysize are inferred). */
export interface VOTableColumnSpec {
  name: string;
  datatype?: VOTableDatatype;
  arraysize?: string;
  ID?: string;
  unit?: string;
  ucd?: string;
  utype?: string;
  xtype?: string;
  ref?: string;
  width?: number;
  precision?: string;
  description?: string;
  /** Written as VALUES null (integer columns: the sentinel written for null cells in BINARY2 too). */
  nullValue?: string | number | bigint;
}

/** What writeVOTable accepts. Give `rows` (objects or arrays) or `columnData` (typed or plain arrays). */
export interface VOTableWriteInput {
  name?: string;
  description?: string;
  columns?: Array<VOTableColumnSpec | string>;
  rows?: Array<Record<string, unknown>> | unknown[][];
  columnData?: Record<string, ArrayLike<unknown>>;
  params?: Array<Partial<VOTableParam> & { name: string; value: string }>;
}

export interface VOTableWriteOptions {
  /**
   * Default 'tabledata'. 'binary' (VOTable BINARY, no null flags) marks null integers with the
   * column's VALUES null: given as nullValue, or chosen (an unused extreme of the datatype).
   */
  encoding?: 'tabledata' | 'binary' | 'binary2';
  /**
   * A string longer than its column's arraysize (char: UTF-8 bytes, unicodeChar: characters) is
   * an error unless this is true; then it is cut to fit (never inside a character).
   */
  truncateStrings?: boolean;
  /** VOTABLE version attribute (default "1.4"; namespace is the 1.3 one as the standard says). */
  version?: string;
  /** RESOURCE type attribute (default "results"). */
  resourceType?: string;
  /** INFO elements written in the RESOURCE before the TABLE (e.g. QUERY_STATUS). */
  infos?: Array<Pick<VOTableInfo, 'name' | 'value'> & { content?: string }>;
}

interface WColumn {
  field: VOTableField;
  /** K_* code derived from the field. */
  kind: number;
  nullValue?: string | number | bigint;
  get: (row: number) => unknown;
  /** Strings: the arraysize bound (-1 when unbounded) and whether to cut longer ones. */
  maxLength?: number;
  truncate?: boolean;
}

/** The arraysize bound of a string column (fixed "10" or bounded "10*"), -1 when there is none. */
function stringLimit(f: VOTableField): number {
  const isChar = f.datatype === 'char' || f.datatype === 'unicodeChar';
  return isChar && f.shape.length === 1 && f.shape[0]! >= 0 ? f.shape[0]! : -1;
}

/** Null sentinels to try, extremes first; the small types can try every value. */
function* nullCandidates(datatype: string): Generator<number | bigint> {
  switch (datatype) {
    case 'unsignedByte':
      for (let v = 255; v >= 0; v--) yield v;
      return;
    case 'short':
      for (let v = -32768; v <= 32767; v++) yield v;
      return;
    case 'int':
      yield -2147483648;
      yield 2147483647;
      return;
    case 'long':
      yield -0x8000000000000000n;
      yield 0x7fffffffffffffffn;
      return;
    default:
      return;
  }
}

const INTEGER_TYPES = new Set(['unsignedByte', 'short', 'int', 'long']);
const NUMERIC_TYPES = new Set(['unsignedByte', 'short', 'int', 'long', 'float', 'double']);

/**
 * The VALUES null is the only way to mark a null element of an integer array (any encoding), and
 * BINARY has no null flags, so there an integer cell (or fixed-size integer array) holding null
 * needs it too. Keep the one declared; otherwise take a value of the datatype no cell uses,
 * extremes first (refuse when there is none).
 */
function chooseNullValues(columns: WColumn[], rowCount: number, binary: boolean): void {
  columns.forEach((col, ci) => {
    if (!INTEGER_TYPES.has(col.field.datatype) || col.nullValue !== undefined) return;
    const scalar = col.kind === K_INT || col.kind === K_LONG;
    const used = new Set<string>();
    let needed = false;
    for (let r = 0; r < rowCount; r++) {
      const v = col.get(r);
      if (v === null || v === undefined) {
        if (binary && (scalar || !col.field.variable)) needed = true;
      } else if (typeof v === 'object') {
        for (const x of Array.from(v as ArrayLike<unknown>)) {
          if (x === null || x === undefined) needed = true;
          else used.add(String(x));
        }
      } else used.add(String(v));
    }
    if (!needed) return;
    let free: number | bigint | undefined;
    for (const c of nullCandidates(col.field.datatype))
      if (!used.has(String(c))) {
        free = c;
        break;
      }
    if (free === undefined) {
      throw new VOTableError(
        'write',
        `column ${JSON.stringify(col.field.name)} has null cells and uses every candidate null value; give it a nullValue or write BINARY2`,
        { column: col.field.name, columnIndex: ci },
      );
    }
    col.nullValue = free;
  });
}

/** Fit a string to its column's arraysize: an error, or (truncateStrings) cut at a character boundary. */
function fitString(col: WColumn, s: string, r: number, ci: number): string {
  const limit = col.maxLength ?? -1;
  if (limit < 0) return s;
  const bytes = col.field.datatype === 'char';
  const size = bytes ? Buffer.byteLength(s, 'utf8') : s.length;
  if (size <= limit) return s;
  if (col.truncate !== true)
    badValue(
      col,
      s,
      r,
      ci,
      `longer than arraysize ${col.field.arraysize} (${size} ${bytes ? 'bytes' : 'characters'}); pass { truncateStrings: true } to cut it`,
    );
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = bytes ? Buffer.byteLength(ch, 'utf8') : ch.length;
    if (used + n > limit) break;
    out += ch;
    used += n;
  }
  return out;
}

/** Serialise one table as a complete VOTable document string. */
export function writeVOTable(table: VOTableWriteInput | VOTableTable, options: VOTableWriteOptions = {}): string {
  const encoding = options.encoding ?? 'tabledata';
  if (encoding !== 'tabledata' && encoding !== 'binary' && encoding !== 'binary2') {
    throw new VOTableError('write', `cannot write encoding ${JSON.stringify(encoding)}; use 'tabledata', 'binary' or 'binary2'`);
  }
  const { columns, rowCount, name, description, params } = normalise(table);
  for (const c of columns) {
    c.maxLength = stringLimit(c.field);
    c.truncate = options.truncateStrings === true;
  }
  chooseNullValues(columns, rowCount, encoding === 'binary');
  const out: string[] = [];
  out.push(
    `<?xml version="1.0" encoding="UTF-8"?>\n<VOTABLE version="${esc(options.version ?? '1.4')}" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">\n<RESOURCE type="${esc(options.resourceType ?? 'results')}">\n`,
  );
  for (const info of options.infos ?? []) {
    out.push(`<INFO name="${esc(info.name)}" value="${esc(info.value)}"${info.content ? `>${esc(info.content)}</INFO>` : '/>'}\n`);
  }
  out.push(`<TABLE${name !== undefined ? ` name="${esc(name)}"` : ''} nrows="${rowCount}">\n`);
  if (description) out.push(`<DESCRIPTION>${esc(description)}</DESCRIPTION>\n`);
  for (const p of params) out.push(fieldXml('PARAM', p as VOTableField, undefined, p.value));
  for (const c of columns) out.push(fieldXml('FIELD', c.field, c.nullValue));
  out.push('<DATA>');
  if (encoding === 'tabledata') writeTableData(out, columns, rowCount);
  else {
    const tag = encoding === 'binary' ? 'BINARY' : 'BINARY2';
    out.push(
      `<${tag}>\n<STREAM encoding="base64">`,
      encodeBinary(columns, rowCount, encoding === 'binary2').toString('base64'),
      `</STREAM>\n</${tag}>`,
    );
  }
  out.push('</DATA>\n</TABLE>\n</RESOURCE>\n</VOTABLE>\n');
  return out.join('');
}

function fieldXml(tag: 'FIELD' | 'PARAM', f: VOTableField, nullValue: unknown, value?: string): string {
  let s = `<${tag} name="${esc(f.name)}" datatype="${f.datatype}"`;
  for (const k of ['ID', 'arraysize', 'width', 'precision', 'unit', 'ucd', 'utype', 'xtype', 'ref'] as const) {
    if (f[k] !== undefined) s += ` ${k}="${esc(String(f[k]))}"`;
  }
  if (value !== undefined) s += ` value="${esc(value)}"`;
  const inner: string[] = [];
  if (f.description) inner.push(`<DESCRIPTION>${esc(f.description)}</DESCRIPTION>`);
  if (nullValue !== undefined && nullValue !== null) inner.push(`<VALUES null="${esc(String(nullValue))}"/>`);
  return inner.length ? `${s}>${inner.join('')}</${tag}>\n` : `${s}/>\n`;
}

const XML_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function esc(s: string): string {
  return s.replace(/[&<>"\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#13;'));
}

function writeTableData(out: string[], columns: WColumn[], rowCount: number): void {
  out.push('<TABLEDATA>\n');
  const parts: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    parts.push('<TR>');
    for (let ci = 0; ci < columns.length; ci++) {
      const col = columns[ci]!;
      const v = cellValue(col, r, ci);
      if (v === null) {
        parts.push('<TD/>');
        continue;
      }
      let text: string;
      switch (col.kind) {
        case K_DOUBLE:
          text = formatDouble(v as number);
          break;
        case K_FLOAT:
          text = formatFloat32(v as number);
          break;
        case K_INT:
        case K_LONG:
          text = String(v);
          break;
        case K_BOOL:
          text = v ? 'T' : 'F';
          break;
        case K_BIT:
          text = v ? '1' : '0';
          break;
        default: {
          text = col.kind === K_STRING ? (v as string) : formatCell(col.field, v as VOTableValue);
          if (XML_BAD.test(text))
            throw new VOTableError('write', 'value contains a control character that XML 1.0 cannot carry; use BINARY2', {
              row: r,
              column: col.field.name,
              columnIndex: ci,
            });
          text = esc(text);
        }
      }
      parts.push('<TD>', text, '</TD>');
    }
    parts.push('</TR>\n');
    if (parts.length > 4096) {
      out.push(parts.join(''));
      parts.length = 0;
    }
  }
  out.push(parts.join(''), '</TABLEDATA>');
}

/** Writer-side cell kinds (hot loops switch on small integers). */
const K_BOOL = 0;
const K_BIT = 1;
const K_INT = 2;
const K_LONG = 3;
const K_FLOAT = 4;
const K_DOUBLE = 5;
const K_COMPLEX = 6;
const K_STRING = 7;
const K_ARRAY = 8;

function kindOf(f: VOTableField): number {
  const isChar = f.datatype === 'char' || f.datatype === 'unicodeChar';
  if (isChar) return f.shape.length <= 1 ? K_STRING : K_ARRAY;
  const scalar = f.shape.length === 0 || (f.shape.length === 1 && f.shape[0] === 1 && !f.variable);
  if (!scalar) return K_ARRAY;
  switch (f.datatype) {
    case 'boolean':
      return K_BOOL;
    case 'bit':
      return K_BIT;
    case 'long':
      return K_LONG;
    case 'float':
      return K_FLOAT;
    case 'double':
      return K_DOUBLE;
    case 'floatComplex':
    case 'doubleComplex':
      return K_COMPLEX;
    default:
      return K_INT;
  }
}

const INT_LIMITS: Record<string, [number, number]> = { int: [-2147483648, 2147483647], short: [-32768, 32767], unsignedByte: [0, 255] };

/** A cell ready for formatting: null for every null spelling (null, undefined, NaN, empty). */
function cellValue(col: WColumn, r: number, ci: number): unknown {
  let v = col.get(r);
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') v = unconvertValue(v);
  if (typeof v === 'number' && v !== v) return null;
  if (v === '') return null;
  check(col, v, r, ci);
  if (col.kind === K_ARRAY && Array.isArray(v) && v.includes(null) && NUMERIC_TYPES.has(col.field.datatype)) {
    // Null elements: NaN in float arrays, the VALUES null (chosen beforehand) in integer arrays.
    const fill = INTEGER_TYPES.has(col.field.datatype)
      ? col.field.datatype === 'long'
        ? BigInt(col.nullValue as bigint)
        : Number(col.nullValue)
      : NaN;
    return v.map((x) => (x === null ? fill : x));
  }
  return col.kind === K_STRING ? fitString(col, v as string, r, ci) : v;
}

function badValue(col: WColumn, v: unknown, r: number, ci: number, why: string): never {
  const f = col.field;
  throw new VOTableError('write', `cannot write ${describe(v)} as ${f.datatype}${f.arraysize ? `[${f.arraysize}]` : ''}: ${why}`, {
    row: r,
    column: f.name,
    columnIndex: ci,
  });
}

function check(col: WColumn, v: unknown, r: number, ci: number): void {
  switch (col.kind) {
    case K_DOUBLE:
    case K_FLOAT:
      if (typeof v !== 'number') badValue(col, v, r, ci, 'expected a number');
      return;
    case K_INT: {
      const [lo, hi] = INT_LIMITS[col.field.datatype]!;
      if (typeof v !== 'number' || !Number.isInteger(v)) badValue(col, v, r, ci, 'expected an integer');
      if (v < lo || v > hi) badValue(col, v, r, ci, `out of range ${lo}..${hi}`);
      return;
    }
    case K_LONG:
      if (typeof v === 'bigint') {
        if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) badValue(col, v, r, ci, 'out of the 64-bit range');
        return;
      }
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) badValue(col, v, r, ci, 'expected a bigint or a safe integer');
      return;
    case K_BOOL:
    case K_BIT:
      if (typeof v !== 'boolean') badValue(col, v, r, ci, 'expected a boolean');
      return;
    case K_STRING:
      if (typeof v !== 'string') badValue(col, v, r, ci, 'expected a string');
      // char is 7-bit ASCII in the standard; services mangle anything else (DaCHS stores "?").
      if (col.field.datatype === 'char' && NON_ASCII.test(v))
        badValue(col, v, r, ci, 'char holds ASCII only; declare the column unicodeChar (inference does this)');
      return;
    case K_COMPLEX:
      if (!Array.isArray(v) || v.length !== 2) badValue(col, v, r, ci, 'expected [re, im]');
      return;
    default:
      if (!(Array.isArray(v) || ArrayBuffer.isView(v))) badValue(col, v, r, ci, 'expected an array');
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

// ---------------------------------------------------------------------------------------------
// BINARY2

class ByteSink {
  buf = Buffer.allocUnsafe(1 << 16);
  len = 0;
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
}

/** BINARY2 (a null flag per cell ahead of each row) or BINARY (nulls as VALUES null, NaN, '?', empty). */
function encodeBinary(columns: WColumn[], rowCount: number, binary2: boolean): Buffer {
  const sink = new ByteSink();
  const flagBytes = binary2 ? (columns.length + 7) >> 3 : 0;
  for (let r = 0; r < rowCount; r++) {
    sink.ensure(flagBytes);
    const flagAt = sink.len;
    sink.buf.fill(0, flagAt, flagAt + flagBytes);
    sink.len += flagBytes;
    for (let ci = 0; ci < columns.length; ci++) {
      const col = columns[ci]!;
      const v = cellValue(col, r, ci);
      if (v === null && binary2) sink.buf[flagAt + (ci >> 3)]! |= 0x80 >> (ci & 7);
      writeCell(sink, col, v);
    }
  }
  return sink.buf.subarray(0, sink.len);
}

function writeCell(sink: ByteSink, col: WColumn, v: unknown): void {
  const f = col.field;
  const isChar = f.datatype === 'char' || f.datatype === 'unicodeChar';
  const scalar = isChar ? f.shape.length === 0 : f.shape.length === 0 || (f.shape.length === 1 && f.shape[0] === 1 && !f.variable);
  if (scalar && !isChar) {
    writeScalar(sink, f.datatype, v, col.nullValue);
    return;
  }
  // Strings and arrays
  let elems: unknown[];
  let byteLen: number | undefined;
  let strBytes: Buffer | undefined;
  if (isChar) {
    const s =
      v === null
        ? ''
        : Array.isArray(v)
          ? (v as string[]).map((x) => String(x).padEnd(f.shape[0]!, ' ').slice(0, f.shape[0]!)).join('')
          : String(v);
    if (f.datatype === 'char') strBytes = Buffer.from(s, 'utf8');
    else {
      strBytes = Buffer.alloc(s.length * 2);
      for (let i = 0; i < s.length; i++) strBytes.writeUInt16BE(s.charCodeAt(i), 2 * i);
    }
    elems = [];
    byteLen = strBytes.length;
  } else {
    elems = v === null ? [] : Array.from(v as ArrayLike<unknown>);
    if (f.datatype === 'floatComplex' || f.datatype === 'doubleComplex')
      elems = (elems as unknown[]).flatMap((x) => (Array.isArray(x) ? x : [x]));
  }
  const elemSize = {
    boolean: 1,
    bit: 0,
    unsignedByte: 1,
    short: 2,
    int: 4,
    long: 8,
    char: 1,
    unicodeChar: 2,
    float: 4,
    double: 8,
    floatComplex: 4,
    doubleComplex: 8,
  }[f.datatype];
  const count = isChar
    ? byteLen! / elemSize
    : f.datatype === 'floatComplex' || f.datatype === 'doubleComplex'
      ? elems.length / 2
      : elems.length;
  const fixed = f.variable ? -1 : f.shape.reduce((a, b) => a * b, 1);
  if (fixed >= 0 && v !== null && count > fixed) {
    throw new VOTableError('write', `value has ${count} elements but arraysize is ${f.arraysize}`, { column: f.name });
  }
  if (fixed < 0) {
    sink.ensure(4);
    sink.buf.writeUInt32BE(count, sink.len);
    sink.len += 4;
  }
  const n = fixed >= 0 ? fixed : count;
  if (isChar) {
    const total = n * elemSize;
    sink.ensure(total);
    sink.buf.fill(0, sink.len, sink.len + total);
    strBytes!.copy(sink.buf, sink.len, 0, Math.min(total, strBytes!.length));
    sink.len += total;
    return;
  }
  if (f.datatype === 'bit') {
    const bytes = (n + 7) >> 3;
    sink.ensure(bytes);
    sink.buf.fill(0, sink.len, sink.len + bytes);
    elems.forEach((b, i) => {
      if (b) sink.buf[sink.len + (i >> 3)]! |= 0x80 >> (i & 7);
    });
    sink.len += bytes;
    return;
  }
  const per = f.datatype === 'floatComplex' || f.datatype === 'doubleComplex' ? 2 : 1;
  // Missing elements (a null fixed-size cell) are written as the null value: null elements read back as a null cell.
  for (let i = 0; i < n * per; i++)
    writeScalar(
      sink,
      f.datatype === 'floatComplex' ? 'float' : f.datatype === 'doubleComplex' ? 'double' : f.datatype,
      i < elems.length ? elems[i] : null,
      col.nullValue,
    );
}

function writeScalar(sink: ByteSink, datatype: VOTableDatatype, v: unknown, nullValue: unknown): void {
  sink.ensure(16);
  const at = sink.len;
  const buf = sink.buf;
  switch (datatype) {
    case 'double':
      buf.writeDoubleBE(v === null ? NaN : Number(v), at);
      sink.len += 8;
      return;
    case 'float':
      buf.writeFloatBE(v === null ? NaN : Number(v), at);
      sink.len += 4;
      return;
    case 'int':
      buf.writeInt32BE(v === null ? Number(nullValue ?? 0) : Number(v), at);
      sink.len += 4;
      return;
    case 'short':
      buf.writeInt16BE(v === null ? Number(nullValue ?? 0) : Number(v), at);
      sink.len += 2;
      return;
    case 'unsignedByte':
      buf.writeUInt8(v === null ? Number(nullValue ?? 0) : Number(v), at);
      sink.len += 1;
      return;
    case 'long':
      buf.writeBigInt64BE(v === null ? BigInt((nullValue as bigint) ?? 0) : BigInt(v as bigint), at);
      sink.len += 8;
      return;
    case 'boolean':
      buf[at] = v === null ? 63 : v ? 84 : 70;
      sink.len += 1;
      return;
    case 'bit':
      buf[at] = v ? 0x80 : 0;
      sink.len += 1;
      return;
    case 'floatComplex':
    case 'doubleComplex': {
      const [re, im] = v === null ? [NaN, NaN] : (v as [number, number]);
      if (datatype === 'floatComplex') {
        buf.writeFloatBE(re, at);
        buf.writeFloatBE(im, at + 4);
        sink.len += 8;
      } else {
        buf.writeDoubleBE(re, at);
        buf.writeDoubleBE(im, at + 8);
        sink.len += 16;
      }
      return;
    }
    default:
      throw new VOTableError('write', `cannot write scalar ${datatype}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Input normalisation and type inference

function normalise(table: VOTableWriteInput | VOTableTable): {
  columns: WColumn[];
  rowCount: number;
  name?: string;
  description?: string;
  params: Array<VOTableParam>;
} {
  if (table instanceof VOTableTable) {
    const columns = table.columnData.map((c) => {
      const field = { ...c.field };
      const w: WColumn = { field, kind: kindOf(field), get: (r: number) => c.raw(r) };
      if (field.values?.null !== undefined) w.nullValue = field.values.null;
      return w;
    });
    const out: { columns: WColumn[]; rowCount: number; name?: string; description?: string; params: VOTableParam[] } = {
      columns,
      rowCount: table.rowCount,
      params: table.params,
    };
    if (table.name !== undefined) out.name = table.name;
    if (table.description !== undefined) out.description = table.description;
    return out;
  }
  const specs: VOTableColumnSpec[] = (table.columns ?? []).map((c) => (typeof c === 'string' ? { name: c } : { ...c }));
  let getters: Array<(r: number) => unknown>;
  let rowCount: number;
  if (table.columnData) {
    const data = table.columnData;
    if (specs.length === 0) for (const k of Object.keys(data)) specs.push({ name: k });
    rowCount = Math.max(0, ...specs.map((s) => data[s.name]?.length ?? 0));
    getters = specs.map((s) => {
      const arr = data[s.name];
      if (!arr) throw new VOTableError('write', `columnData has no array for column ${JSON.stringify(s.name)}`);
      if (arr.length !== rowCount)
        throw new VOTableError('write', `column ${JSON.stringify(s.name)} has ${arr.length} values, others have ${rowCount}`);
      // A typed array column declares its own scalar datatype.
      if (s.datatype === undefined)
        for (const [ctor, dt] of TYPED)
          if (arr instanceof ctor) {
            s.datatype = dt;
            break;
          }
      return (r: number) => arr[r];
    });
  } else {
    const rows = table.rows ?? [];
    rowCount = rows.length;
    const first = rows[0];
    if (specs.length === 0 && first !== undefined) {
      if (Array.isArray(first)) first.forEach((_, i) => specs.push({ name: `col${i + 1}` }));
      else {
        const seen = new Set<string>();
        for (const row of rows as Array<Record<string, unknown>>)
          for (const k of Object.keys(row))
            if (!seen.has(k)) {
              seen.add(k);
              specs.push({ name: k });
            }
      }
    }
    getters = specs.map((s, i) => (r: number) => {
      const row = rows[r];
      if (Array.isArray(row)) {
        if (row.length > specs.length)
          throw new VOTableError('write', `row has ${row.length} values but ${specs.length} columns are declared`, { row: r });
        return row[i];
      }
      return (row as Record<string, unknown>)[s.name];
    });
  }
  const columns = specs.map((spec, i): WColumn => {
    const field = fieldFor(spec, getters[i]!, rowCount);
    return { field, kind: kindOf(field), get: getters[i]!, ...(spec.nullValue !== undefined ? { nullValue: spec.nullValue } : {}) };
  });
  const params = (table.params ?? []).map((p) => {
    const datatype = p.datatype ?? 'char';
    const arraysize = p.arraysize ?? (datatype === 'char' || datatype === 'unicodeChar' ? '*' : undefined);
    const { shape, variable } = parseArraysize(arraysize, p.name);
    return { ...p, datatype, ...(arraysize !== undefined ? { arraysize } : {}), shape, variable, links: p.links ?? [] } as VOTableParam;
  });
  const out: { columns: WColumn[]; rowCount: number; name?: string; description?: string; params: VOTableParam[] } = {
    columns,
    rowCount,
    params,
  };
  if (table.name !== undefined) out.name = table.name;
  if (table.description !== undefined) out.description = table.description;
  return out;
}

function fieldFor(spec: VOTableColumnSpec, get: (r: number) => unknown, rowCount: number): VOTableField {
  let datatype = spec.datatype;
  let arraysize = spec.arraysize;
  let xtype = spec.xtype;
  if (datatype !== undefined && !(VOTABLE_DATATYPES as readonly string[]).includes(datatype)) {
    throw new VOTableError('write', `column ${JSON.stringify(spec.name)} has unknown datatype ${JSON.stringify(datatype)}`);
  }
  if (datatype === undefined) {
    const inferred = infer(get, rowCount);
    datatype = inferred.datatype;
    if (arraysize === undefined) arraysize = inferred.arraysize;
    if (xtype === undefined) xtype = inferred.xtype;
  } else if (arraysize === undefined && (datatype === 'char' || datatype === 'unicodeChar')) {
    arraysize = '*';
  }
  const { shape, variable } = parseArraysize(arraysize, spec.name);
  const field: VOTableField = { name: spec.name, datatype, links: [], shape, variable };
  if (arraysize !== undefined) field.arraysize = arraysize;
  if (xtype !== undefined) field.xtype = xtype;
  for (const k of ['ID', 'unit', 'ucd', 'utype', 'ref', 'width', 'precision', 'description'] as const) {
    if (spec[k] !== undefined) (field as unknown as Record<string, unknown>)[k] = spec[k];
  }
  return field;
}

const TYPED: Array<[new (...a: never[]) => unknown, VOTableDatatype]> = [
  [Float64Array, 'double'],
  [Float32Array, 'float'],
  [Int32Array, 'int'],
  [Int16Array, 'short'],
  [Uint8Array, 'unsignedByte'],
  [BigInt64Array, 'long'],
];

/** Infer datatype/arraysize/xtype from the first non-null values of a column. */
function infer(get: (r: number) => unknown, rowCount: number): { datatype: VOTableDatatype; arraysize?: string; xtype?: string } {
  let kind: 'int' | 'long' | 'double' | undefined;
  let sawString = false;
  let unicode = false;
  for (let r = 0; r < rowCount; r++) {
    const v = get(r);
    if (v === null || v === undefined) continue;
    if (typeof v === 'boolean') return { datatype: 'boolean' };
    if (typeof v === 'bigint') return { datatype: 'long' };
    if (v instanceof Date) return { datatype: 'char', arraysize: '*', xtype: 'timestamp' };
    if (typeof v === 'object' && 'type' in v) {
      const g = v as VOTableGeometry;
      if (g.type === 'point') return { datatype: 'double', arraysize: '2', xtype: 'point' };
      if (g.type === 'circle') return { datatype: 'double', arraysize: '3', xtype: 'circle' };
      if (g.type === 'interval') return { datatype: 'double', arraysize: '2', xtype: 'interval' };
      if (g.type === 'polygon') return { datatype: 'double', arraysize: '*', xtype: 'polygon' };
    }
    for (const [ctor, dt] of TYPED) if (v instanceof ctor) return { datatype: dt, arraysize: '*' };
    if (Array.isArray(v)) {
      const el = v.find((x) => x !== null && x !== undefined);
      if (typeof el === 'boolean') return { datatype: 'boolean', arraysize: '*' };
      if (typeof el === 'string') return { datatype: 'unicodeChar', arraysize: '*' };
      if (typeof el === 'bigint') return { datatype: 'long', arraysize: '*' };
      return { datatype: 'double', arraysize: '*' };
    }
    if (typeof v === 'number') {
      if (Number.isNaN(v)) continue;
      if (!Number.isInteger(v)) kind = 'double';
      else if (kind !== 'double') {
        if (v >= -2147483648 && v <= 2147483647) kind = kind ?? 'int';
        else kind = 'long';
      }
      continue;
    }
    if (typeof v === 'string') {
      sawString = true;
      if (/[^\x00-\x7f]/.test(v)) unicode = true;
      continue;
    }
  }
  if (sawString) return { datatype: unicode ? 'unicodeChar' : 'char', arraysize: '*' };
  if (kind === 'int' || kind === 'long') return { datatype: kind };
  if (kind === 'double') return { datatype: 'double' };
  return { datatype: 'char', arraysize: '*' };
}
