/// <reference lib="dom" />
/** Taking a result or a query out of the page: CSV, VOTable, and the query as curl (TypeScript: builder-code.ts). */
import { tableToIPC } from '#flechette';
import { toParquet } from '../../columnar/index.js';
import { writeVOTable, type VOTableTable } from '../../votable/index.js';
import { cellText, type ResultTable } from './table-data.js';

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: ResultTable): string {
  const lines = [table.columns.map((c) => csvField(c.name)).join(',')];
  for (let r = 0; r < table.rowCount; r++) lines.push(table.values.map((col) => csvField(cellText(col[r]))).join(','));
  return lines.join('\n') + '\n';
}

export function toVOTable(table: ResultTable): string {
  return writeVOTable({
    name: 'result',
    columns: table.columns.map((c) => ({
      name: c.name,
      datatype: c.datatype as 'double',
      ...(c.datatype === 'char' || c.datatype === 'unicodeChar' ? { arraysize: '*' } : {}),
      ...(c.unit ? { unit: c.unit } : {}),
      ...(c.ucd ? { ucd: c.ucd } : {}),
      ...(c.description ? { description: c.description } : {}),
    })),
    columnData: Object.fromEntries(table.columns.map((c, i) => [c.name, table.values[i]!])),
  });
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The query as a curl command against the service itself (credentials are the reader's to add). */
export function asCurl(serviceUrl: string, query: string, maxrec: number | undefined): string {
  const parts = [`curl -sS ${shellQuote(`${serviceUrl}/sync`)}`, '-d LANG=ADQL', '-d FORMAT=votable'];
  if (maxrec !== undefined) parts.push(`-d MAXREC=${maxrec}`);
  parts.push(`--data-urlencode ${shellQuote(`QUERY=${query}`)}`);
  return parts.join(' \\\n  ');
}

/** A service result as Parquet (VOParquet: the VOTable header rides along as metadata). */
export function toParquetBytes(table: VOTableTable): Uint8Array {
  return toParquet(table);
}

/** A service result as an Arrow IPC stream. */
export function toArrowBytes(table: VOTableTable): Uint8Array {
  const bytes = tableToIPC(table.toArrow(), { format: 'stream' });
  if (bytes === null) throw new Error('the Arrow writer returned nothing');
  return bytes;
}
