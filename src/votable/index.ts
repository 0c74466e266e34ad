/**
 * adqlkit VOTable: reader (TABLEDATA, BINARY, BINARY2; VOTable 1.1-1.5; streaming) and writer
 * (TABLEDATA, BINARY, BINARY2). See the README section "VOTable".
 */
export { readVOTable, readVOTableFile, streamVOTable, votableParamValue } from './reader.js';
export type { VOTableDocument, VOTableReadOptions, VOTableStreamOptions, VOTableStreamEvent } from './reader.js';
export { writeVOTable } from './writer.js';
export type { VOTableWriteInput, VOTableWriteOptions, VOTableColumnSpec } from './writer.js';
export { VOTableTable, VOTableColumn } from './table.js';
export type { XtypeMode, VOTableColumnChunk } from './table.js';
export { VOTableError, VOTableUnsupportedError } from './errors.js';
export { fromArrow, documentFromArrow } from './from-arrow.js';
export type { FromArrowOptions } from './from-arrow.js';
export type { ToArrowOptions } from './to-arrow.js';
export {
  writeVOTableHeader,
  readVOTableHeader,
  voparquetMetadata,
  VOPARQUET_VERSION_KEY,
  VOPARQUET_CONTENT_KEY,
  VOPARQUET_VERSION,
} from './header-xml.js';
export type { VOTableHeaderContext, VOTableHeader } from './header-xml.js';
export type { VOTableInvalidPolicy, VOTableInvalidCell, VOTableReadReport } from './report.js';
export type { VOTableErrorCode, VOTableErrorDetails } from './errors.js';
export type { VOTableInput, VOTableFileInput } from './input.js';
export type { LongMode as VOTableLongMode, ColumnValues as VOTableColumnValues } from './columns.js';
export type {
  VOTableDatatype,
  VOTableField,
  VOTableParam,
  VOTableGroup,
  VOTableFieldRef,
  VOTableInfo,
  VOTableLink,
  VOTableValues,
  VOTableLimit,
  VOTableOption,
  VOTableCoosys,
  VOTableTimesys,
  VOTableResource,
  VOTableTableMeta,
  VOTableEncoding,
  VOTableValue,
  VOTableComplex,
  VOTableNumericArray,
  VOTablePoint,
  VOTableCircle,
  VOTablePolygon,
  VOTableInterval,
  VOTableGeometry,
} from './types.js';
/** Cell text and CSV quoting shared with merged partition output. */
export { csvQuote, formatCell } from './format.js';
