/// <reference lib="dom" />
/**
 * Tables dropped on the page: a CSV or VOTable file becomes TAP_UPLOAD.<name> for the next queries
 * (sent as VOTable; its columns are declared to the validator), with a cross-match template.
 */
import type { ColumnMeta } from '../../schema/index.js';
import { readVOTable } from '../../votable/index.js';

export interface UploadedTable {
  name: string;
  votable: string;
  columns: ColumnMeta[];
}

export class UploadError extends Error {
  override readonly name = 'UploadError';
}

function uploadName(fileName: string): string {
  const base = fileName
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .replace(/^([^a-z])/, 't_$1');
  return base || 'upload';
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A CSV with a header line as VOTable: a column whose every value is a number is a double. */
function csvToVOTable(text: string, fileName: string): { votable: string; columns: ColumnMeta[] } {
  const [header, ...rows] = csvRows(text);
  if (header === undefined || header.length === 0)
    throw new UploadError(`${fileName}: no header line (the first line must name the columns)`);
  const numeric = header.map((_, c) => rows.every((r) => r[c] === undefined || r[c] === '' || Number.isFinite(Number(r[c]))));
  const columns: ColumnMeta[] = header.map((name, c) => ({ name: name.trim(), datatype: numeric[c] ? 'double' : 'char' }));
  const fields = columns
    .map((col) => `<FIELD name="${escapeXml(col.name)}" datatype="${col.datatype}"${col.datatype === 'char' ? ' arraysize="*"' : ''}/>`)
    .join('');
  const body = rows.map((r) => `<TR>${header.map((_, c) => `<TD>${escapeXml(r[c] ?? '')}</TD>`).join('')}</TR>`).join('\n');
  const votable = `<?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE>${fields}<DATA><TABLEDATA>\n${body}\n</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;
  return { votable, columns };
}

export async function readUpload(file: File): Promise<UploadedTable> {
  const text = await file.text();
  const name = uploadName(file.name);
  if (/^\s*</.test(text)) {
    const doc = await readVOTable(text);
    const table = doc.tables[0];
    if (table === undefined) throw new UploadError(`${file.name}: the VOTable has no TABLE`);
    return {
      name,
      votable: text,
      columns: table.columns.map((f) => ({
        name: f.name,
        datatype: f.datatype,
        ...(f.unit ? { unit: f.unit } : {}),
        ...(f.ucd ? { ucd: f.ucd } : {}),
      })),
    };
  }
  return { name, ...csvToVOTable(text, file.name) };
}

/** A cross-match of the upload with a table of the service, by position when both have RA/Dec. */
export function crossMatchTemplate(upload: UploadedTable, table: { name: string; columns: ColumnMeta[] } | undefined): string {
  const pos = (cols: ColumnMeta[], which: 'ra' | 'dec'): string | undefined =>
    cols.find((c) => (which === 'ra' ? /pos\.eq\.ra;meta\.main/ : /pos\.eq\.dec;meta\.main/).test(c.ucd ?? ''))?.name ??
    cols.find((c) => c.name.toLowerCase() === which)?.name;
  const ura = pos(upload.columns, 'ra') ?? 'ra';
  const udec = pos(upload.columns, 'dec') ?? 'dec';
  const target = table?.name ?? 'schema.table';
  const tra = (table && pos(table.columns, 'ra')) ?? 'ra';
  const tdec = (table && pos(table.columns, 'dec')) ?? 'dec';
  return `SELECT u.*, t.*\nFROM TAP_UPLOAD.${upload.name} AS u\nJOIN ${target} AS t\n  ON 1 = CONTAINS(POINT('ICRS', t.${tra}, t.${tdec}), CIRCLE('ICRS', u.${ura}, u.${udec}, 1.0/3600))`;
}
