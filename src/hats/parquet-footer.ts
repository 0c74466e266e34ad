/**
 * Parquet footers (FileMetaData) as thrift trees: what HATS reads from them (row groups, column
 * chunk byte ranges, pixel-column statistics, file paths) and the footer-only files it writes.
 * Field ids are those of parquet-format's parquet.thrift.
 */
import { HatsError } from './errors.js';
import { T, type TStruct, asBigint, asList, asStruct, asText, field, readStruct, writeStruct } from './thrift.js';

/** FileMetaData fields. */
export const FMD = { schema: 2, numRows: 3, rowGroups: 4, keyValue: 5, columnOrders: 7 } as const;
/** RowGroup fields. */
export const RG = {
  columns: 1,
  totalByteSize: 2,
  numRows: 3,
  sortingColumns: 4,
  fileOffset: 5,
  totalCompressedSize: 6,
  ordinal: 7,
} as const;
/** ColumnChunk fields. */
export const CC = {
  filePath: 1,
  fileOffset: 2,
  metaData: 3,
  offsetIndexOffset: 4,
  offsetIndexLength: 5,
  columnIndexOffset: 6,
  columnIndexLength: 7,
} as const;
/** ColumnMetaData fields. */
export const CMD = {
  pathInSchema: 3,
  totalUncompressedSize: 6,
  totalCompressedSize: 7,
  dataPageOffset: 9,
  indexPageOffset: 10,
  dictionaryPageOffset: 11,
  statistics: 12,
  bloomFilterOffset: 14,
  bloomFilterLength: 15,
} as const;

const MAGIC = new Uint8Array([0x50, 0x41, 0x52, 0x31]); // PAR1

/** Length of the thrift footer, from the last 8 bytes of a Parquet file. */
export function footerLength(tail: Uint8Array, where: string): number {
  const end = tail.subarray(tail.length - 4);
  if (tail.length < 8 || !MAGIC.every((b, i) => end[i] === b))
    throw new HatsError(`${where} is not a Parquet file (it does not end with "PAR1")`);
  return new DataView(tail.buffer, tail.byteOffset + tail.length - 8, 4).getUint32(0, true);
}

/** The FileMetaData of a file from its last bytes (at least the footer and 8 more). */
export function parseFooter(tail: Uint8Array, where: string): TStruct {
  const length = footerLength(tail, where);
  if (length + 8 > tail.length) throw new HatsError(`${where}: the footer needs ${length + 8} bytes, only ${tail.length} given`);
  return readStruct(tail, tail.length - 8 - length).struct;
}

/** A footer-only Parquet file (`_metadata`, `_common_metadata` style): magic, footer, length, magic. */
export function footerOnlyFile(meta: TStruct): Uint8Array {
  return withFooter([], meta);
}

/** A Parquet file from its column-chunk bytes (placed from offset 4) and its footer. */
export function withFooter(chunks: Uint8Array[], meta: TStruct): Uint8Array {
  const footer = writeStruct(meta);
  const size = 4 + chunks.reduce((s, c) => s + c.length, 0) + footer.length + 8;
  const out = new Uint8Array(size);
  out.set(MAGIC, 0);
  let at = 4;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(footer, at);
  new DataView(out.buffer).setUint32(at + footer.length, footer.length, true);
  out.set(MAGIC, size - 4);
  return out;
}

export const rowGroupsOf = (meta: TStruct): TStruct[] => (asList(field(meta, FMD.rowGroups))?.items ?? []).map((g) => asStruct(g)!);
export const chunksOf = (group: TStruct): TStruct[] => (asList(field(group, RG.columns))?.items ?? []).map((c) => asStruct(c)!);
export const chunkMeta = (chunk: TStruct): TStruct | undefined => asStruct(field(chunk, CC.metaData));

/** The dotted schema path of a column chunk. */
export function chunkPath(chunk: TStruct): string {
  const parts = asList(field(chunkMeta(chunk) ?? { fields: [] }, CMD.pathInSchema))?.items ?? [];
  return parts.map((p) => asText(p) ?? '').join('.');
}

/** Where a column chunk's pages are: from its dictionary page (when there is one) for its compressed size. */
export function chunkRange(chunk: TStruct, where: string): { start: number; length: number } {
  const meta = chunkMeta(chunk);
  const data = asBigint(field(meta ?? { fields: [] }, CMD.dataPageOffset));
  const size = asBigint(field(meta ?? { fields: [] }, CMD.totalCompressedSize));
  if (!meta || data === undefined || size === undefined) throw new HatsError(`${where}: a column chunk has no page offsets`);
  const starts = [data, asBigint(field(meta, CMD.dictionaryPageOffset)), asBigint(field(meta, CMD.indexPageOffset))].filter(
    (o): o is bigint => o !== undefined && o > 0n,
  );
  return { start: Number(starts.reduce((a, b) => (b < a ? b : a))), length: Number(size) };
}

/** The min and max of an INT64 column chunk from its statistics (undefined when not recorded). */
export function int64Bounds(chunk: TStruct): [bigint, bigint] | undefined {
  const stats = asStruct(field(chunkMeta(chunk) ?? { fields: [] }, CMD.statistics));
  if (!stats) return undefined;
  const decode = (v: unknown) =>
    v instanceof Uint8Array && v.length === 8 ? new DataView(v.buffer, v.byteOffset, 8).getBigInt64(0, true) : undefined;
  // min_value/max_value (6/5) supersede the deprecated min/max (2/1), whose sort order was signed anyway for INT64.
  const min = decode(field(stats, 6)) ?? decode(field(stats, 2));
  const max = decode(field(stats, 5)) ?? decode(field(stats, 1));
  return min !== undefined && max !== undefined ? [min, max] : undefined;
}

/** For each leaf column, in chunk order, the name of the top-level field it belongs to. */
export function leafOwners(meta: TStruct): string[] {
  const schema = (asList(field(meta, FMD.schema))?.items ?? []).map((e) => asStruct(e)!);
  const out: string[] = [];
  let i = 1; // element 0 is the root
  const walk = (owner: string): void => {
    const element = schema[i++]!;
    const children = Number(field(element, 5) ?? 0);
    if (children === 0) out.push(owner);
    for (let c = 0; c < children; c++) walk(owner);
  };
  const top = Number(field(schema[0] ?? { fields: [] }, 5) ?? 0);
  for (let c = 0; c < top && i < schema.length; c++) walk(asText(field(schema[i]!, 4)) ?? '');
  return out;
}

/** The schema list keeping only the named top-level fields (and their children). */
export function projectSchema(meta: TStruct, keep: Set<string>): TStruct[] {
  const schema = (asList(field(meta, FMD.schema))?.items ?? []).map((e) => asStruct(e)!);
  const out: TStruct[] = [];
  let i = 1;
  const take = (emit: boolean): void => {
    const element = schema[i++]!;
    if (emit) out.push(element);
    for (let c = Number(field(element, 5) ?? 0); c > 0; c--) take(emit);
  };
  let kept = 0;
  const top = Number(field(schema[0]!, 5) ?? 0);
  for (let c = 0; c < top; c++) {
    const emit = keep.has(asText(field(schema[i]!, 4)) ?? '');
    if (emit) kept++;
    take(emit);
  }
  const root: TStruct = { fields: schema[0]!.fields.map((f) => (f.id === 5 ? { ...f, type: T.I32, value: kept } : f)) };
  return [root, ...out];
}
