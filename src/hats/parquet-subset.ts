/**
 * A smaller Parquet file made from parts of another: some of its row groups (those whose pixel
 * statistics may hold the query's pixels) and, optionally, some of its top-level columns. The column
 * chunks are copied as they are (any codec: DuckDB decodes them later), the footer is rewritten with
 * their new offsets. This is how a remote partition is read by ranges: footer first, then only the
 * chunks a query needs.
 */
import {
  CC,
  CMD,
  FMD,
  RG,
  chunkMeta,
  chunkPath,
  chunkRange,
  chunksOf,
  int64Bounds,
  leafOwners,
  projectSchema,
  rowGroupsOf,
  withFooter,
} from './parquet-footer.js';
import { T, type TStruct, asBigint, asList, asStruct, asText, dropFields, field, setField } from './thrift.js';

export interface SubsetPlan {
  /** Indexes of the row groups kept. */
  groups: number[];
  /** For each leaf column, whether it is kept (undefined: all). */
  leaves: boolean[] | undefined;
  /** Byte range of every kept column chunk, row group by row group, in file order. */
  chunks: Array<{ start: number; length: number }>;
}

/**
 * Which row groups and columns to copy: row groups whose `pixelColumn` statistics overlap `pixels`
 * (all of them when pixels or statistics are missing); the top-level `columns` named (all when
 * undefined; at least one column, so a COUNT(*) still has rows to count). Undefined when no row group
 * may hold a wanted pixel.
 */
export function planSubset(
  meta: TStruct,
  where: string,
  pixelColumn: string,
  pixels: Array<[bigint, bigint]> | undefined,
  columns: ReadonlySet<string> | undefined,
): SubsetPlan | undefined {
  const groups = rowGroupsOf(meta);
  const kept = groups.flatMap((group, i) => {
    if (!pixels) return [i];
    const chunk = chunksOf(group).find((c) => chunkPath(c) === pixelColumn);
    const bounds = chunk && int64Bounds(chunk);
    return !bounds || pixels.some(([a, b]) => a <= bounds[1] && bounds[0] < b) ? [i] : [];
  });
  if (kept.length === 0) return undefined;
  const owners = leafOwners(meta);
  let leaves: boolean[] | undefined;
  if (columns) {
    leaves = owners.map((o) => columns.has(o));
    if (!leaves.some(Boolean)) leaves = owners.map((o, i) => (owners.includes(pixelColumn) ? o === pixelColumn : i === 0));
    if (leaves.every(Boolean)) leaves = undefined;
  }
  const chunks = kept.flatMap((g) => chunksOf(groups[g]!).flatMap((c, i) => (leaves && !leaves[i] ? [] : [chunkRange(c, where)])));
  return { groups: kept, leaves, chunks };
}

/** The subset file: `bytes[i]` holds the bytes of `plan.chunks[i]`. */
export function buildSubset(meta: TStruct, plan: SubsetPlan, bytes: Uint8Array[]): Uint8Array {
  const all = rowGroupsOf(meta);
  const { leaves } = plan;
  let at = 4; // after the leading PAR1
  let next = 0;
  const groups: TStruct[] = [];
  let rows = 0n;
  for (const [ordinal, g] of plan.groups.entries()) {
    const group: TStruct = { fields: [...all[g]!.fields] };
    const chunks: TStruct[] = [];
    let compressed = 0n;
    let uncompressed = 0n;
    chunksOf(all[g]!).forEach((original, i) => {
      if (leaves && !leaves[i]) return;
      const { start, length } = plan.chunks[next]!;
      chunks.push(moved(original, BigInt(at - start)));
      compressed += BigInt(length);
      uncompressed += asBigint(field(chunkMeta(original)!, CMD.totalUncompressedSize)) ?? 0n;
      at += bytes[next]!.length;
      next++;
    });
    const first = BigInt(chunkRange(chunks[0]!, 'a copied column chunk').start);
    setField(group, RG.columns, T.LIST, { elemType: T.STRUCT, items: chunks });
    if (field(group, RG.fileOffset) !== undefined) setField(group, RG.fileOffset, T.I64, first);
    if (field(group, RG.totalCompressedSize) !== undefined) setField(group, RG.totalCompressedSize, T.I64, compressed);
    if (field(group, RG.ordinal) !== undefined) setField(group, RG.ordinal, T.I16, ordinal);
    if (leaves) {
      setField(group, RG.totalByteSize, T.I64, uncompressed);
      dropFields(group, RG.sortingColumns); // its column indexes would point elsewhere
    }
    rows += asBigint(field(group, RG.numRows)) ?? 0n;
    groups.push(group);
  }
  const out: TStruct = { fields: [...meta.fields] };
  setField(out, FMD.numRows, T.I64, rows);
  setField(out, FMD.rowGroups, T.LIST, { elemType: T.STRUCT, items: groups });
  if (leaves) {
    const keep = new Set(leafOwners(meta).filter((_, i) => leaves[i]));
    setField(out, FMD.schema, T.LIST, { elemType: T.STRUCT, items: projectSchema(meta, keep) });
    const orders = asList(field(meta, FMD.columnOrders));
    if (orders) setField(out, FMD.columnOrders, T.LIST, { elemType: orders.elemType, items: orders.items.filter((_, i) => leaves[i]) });
    // Arrow's serialised schema lists every column; readers would trust it over the projected schema.
    const kv = asList(field(meta, FMD.keyValue));
    if (kv) {
      const items = kv.items.filter((item) => asText(field(asStruct(item)!, 1)) !== 'ARROW:schema');
      setField(out, FMD.keyValue, T.LIST, { elemType: kv.elemType, items });
    }
  }
  return withFooter(bytes, out);
}

/** A column chunk whose pages moved by `delta` bytes; page indexes and bloom filters (not copied) dropped. */
function moved(chunk: TStruct, delta: bigint): TStruct {
  const meta: TStruct = { fields: [...chunkMeta(chunk)!.fields] };
  for (const id of [CMD.dataPageOffset, CMD.indexPageOffset, CMD.dictionaryPageOffset]) {
    const offset = asBigint(field(meta, id));
    if (offset !== undefined && offset > 0n) setField(meta, id, T.I64, offset + delta);
  }
  dropFields(meta, CMD.bloomFilterOffset, CMD.bloomFilterLength);
  const out: TStruct = { fields: [...chunk.fields] };
  setField(out, CC.metaData, T.STRUCT, meta);
  const fileOffset = asBigint(field(chunk, CC.fileOffset));
  if (fileOffset !== undefined && fileOffset > 0n) setField(out, CC.fileOffset, T.I64, fileOffset + delta);
  dropFields(out, CC.offsetIndexOffset, CC.offsetIndexLength, CC.columnIndexOffset, CC.columnIndexLength);
  return out;
}
