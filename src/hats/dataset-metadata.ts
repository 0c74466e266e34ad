/**
 * `dataset/_metadata`: a footer-only Parquet file whose row groups are those of every data file of
 * the dataset, each column chunk naming its file by a path relative to dataset/ (the layout
 * pyarrow's write_metadata and the HATS reference implementation produce). Readers use it to find a
 * catalogue's files without listing directories (over HTTP) and to see every row group's statistics.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { HatsError } from './errors.js';
import { CC, FMD, RG, chunksOf, footerLength, footerOnlyFile, parseFooter, rowGroupsOf } from './parquet-footer.js';
import { T, asText, field, setField } from './thrift.js';

/**
 * The `_metadata` bytes for the given data files (paths relative to `datasetDir`, `/`-separated);
 * `schemaFile` (e.g. `_common_metadata`) gives the schema when there are no data files.
 */
export function datasetMetadata(datasetDir: string, files: string[], schemaFile?: string): Uint8Array {
  const sources = files.length ? files : schemaFile ? [schemaFile] : [];
  if (sources.length === 0) throw new HatsError(`${datasetDir}: no data files and no schema file to describe`);
  let base;
  const groups = [];
  let rows = 0n;
  for (const rel of sources) {
    const meta = parseFooter(fileTail(path.join(datasetDir, ...rel.split('/'))), rel);
    base ??= meta;
    if (!files.length) break;
    for (const group of rowGroupsOf(meta)) {
      for (const chunk of chunksOf(group)) setField(chunk, CC.filePath, T.BINARY, new TextEncoder().encode(rel));
      rows += (field(group, RG.numRows) as bigint | undefined) ?? 0n;
      groups.push(group);
    }
  }
  setField(base!, FMD.numRows, T.I64, rows);
  setField(base!, FMD.rowGroups, T.LIST, { elemType: T.STRUCT, items: groups });
  return footerOnlyFile(base!);
}

/** The distinct file paths (relative to dataset/) a `_metadata` file's row groups name, in order. */
export function metadataFilePaths(bytes: Uint8Array, where: string): string[] {
  const seen = new Set<string>();
  for (const group of rowGroupsOf(parseFooter(bytes, where))) {
    for (const chunk of chunksOf(group)) {
      const rel = asText(field(chunk, CC.filePath));
      if (rel) seen.add(rel);
    }
  }
  return [...seen];
}

/** The footer and the 8 bytes after it of a local Parquet file. */
function fileTail(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const last = new Uint8Array(8);
    readSync(fd, last, 0, 8, Math.max(0, size - 8));
    const length = footerLength(last, file) + 8;
    if (length > size - 4) throw new HatsError(`${file}: its footer length (${length - 8} bytes) exceeds the file`);
    const tail = new Uint8Array(length);
    readSync(fd, tail, 0, length, size - length);
    return tail;
  } finally {
    closeSync(fd);
  }
}
