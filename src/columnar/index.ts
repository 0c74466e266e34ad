/**
 * adqlkit columnar formats: Parquet with VOParquet metadata (read and write) and Arrow IPC, in
 * Node and in browsers (pure JavaScript libraries: hyparquet, hyparquet-writer, flechette).
 * See the README section "Arrow and Parquet".
 */
export { ColumnarError, type ColumnarErrorCode } from './errors.js';
export { toParquet, arrowToParquet, type ParquetWriteOptions } from './parquet-write.js';
export { readParquet, parquetToArrow, isParquet, type ParquetReadOptions } from './parquet-read.js';
export { readTable, readTableFile, sniffTableFormat, type TableFormat, type ReadTableOptions } from './read-table.js';
