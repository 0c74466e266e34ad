/** Result serialisations of the local TAP service: VOTable (TABLEDATA, BINARY2), VOParquet, CSV, TSV, errors. */
import type { VOTableColumnSpec, VOTableDatatype } from '../../votable/index.js';
import type { QueryResult, ResultValue } from '../types.js';

export interface OutputFormat {
  /** The content type sent. */
  mime: string;
  kind: 'votable-td' | 'votable-b2' | 'parquet' | 'csv' | 'tsv';
}

const FORMATS: Record<string, OutputFormat> = {
  'votable/b2': { mime: 'application/x-votable+xml;serialization=BINARY2', kind: 'votable-b2' },
  'application/x-votable+xml;serialization=binary2': { mime: 'application/x-votable+xml;serialization=BINARY2', kind: 'votable-b2' },
  votable: { mime: 'application/x-votable+xml', kind: 'votable-td' },
  'votable/td': { mime: 'application/x-votable+xml;serialization=TABLEDATA', kind: 'votable-td' },
  'application/x-votable+xml': { mime: 'application/x-votable+xml', kind: 'votable-td' },
  'application/x-votable+xml;serialization=tabledata': { mime: 'application/x-votable+xml;serialization=TABLEDATA', kind: 'votable-td' },
  'text/xml': { mime: 'text/xml', kind: 'votable-td' },
  csv: { mime: 'text/csv;header=present', kind: 'csv' },
  'text/csv': { mime: 'text/csv;header=present', kind: 'csv' },
  'text/csv;header=present': { mime: 'text/csv;header=present', kind: 'csv' },
  tsv: { mime: 'text/tab-separated-values', kind: 'tsv' },
  parquet: { mime: 'application/vnd.apache.parquet', kind: 'parquet' },
  'application/vnd.apache.parquet': { mime: 'application/vnd.apache.parquet', kind: 'parquet' },
  'application/x-parquet': { mime: 'application/vnd.apache.parquet', kind: 'parquet' },
  'text/tab-separated-values': { mime: 'text/tab-separated-values', kind: 'tsv' },
};

/** The output formats as TAPRegExt declares them (mime, aliases, ivo-id). */
export const DECLARED_FORMATS = [
  {
    mime: 'application/x-votable+xml;serialization=BINARY2',
    aliases: ['votable/b2'],
    ivoId: 'ivo://ivoa.net/std/TAPRegExt#output-votable-binary2',
  },
  { mime: 'application/x-votable+xml', aliases: ['votable', 'votable/td'], ivoId: 'ivo://ivoa.net/std/TAPRegExt#output-votable-td' },
  { mime: 'text/csv;header=present', aliases: ['csv'] },
  { mime: 'text/tab-separated-values', aliases: ['tsv'] },
  { mime: 'application/vnd.apache.parquet', aliases: ['parquet'] },
];

export const DEFAULT_FORMAT = FORMATS['votable/b2']!;

/** The format for a RESPONSEFORMAT value, or undefined when unsupported. */
export function outputFormat(name: string | undefined): OutputFormat | undefined {
  if (name === undefined || name === '') return DEFAULT_FORMAT;
  return FORMATS[name.trim().toLowerCase().replace(/\s+/g, '').replace(/"/g, '')];
}

export async function serialize(result: QueryResult, format: OutputFormat): Promise<string | Uint8Array> {
  switch (format.kind) {
    case 'parquet':
      return parquet(await votable(result, 'binary2'));
    case 'csv':
      return delimited(result, ',', csvField);
    case 'tsv':
      return delimited(result, '\t', tsvField);
    default:
      return votable(result, format.kind === 'votable-b2' ? 'binary2' : 'tabledata');
  }
}

/** A local query result as a TABLEDATA VOTable document (what uploads of converted files send). */
export function resultToVOTable(result: QueryResult): Promise<string> {
  return votable(result, 'tabledata');
}

async function votable(result: QueryResult, encoding: 'binary2' | 'tabledata'): Promise<string> {
  const { writeVOTable } = await import('../../votable/index.js');
  const columns: VOTableColumnSpec[] = result.columns.map((c) => {
    const spec: VOTableColumnSpec = { name: c.name, datatype: c.datatype as VOTableDatatype };
    for (const k of ['arraysize', 'unit', 'ucd', 'utype', 'xtype', 'description'] as const) {
      const v = c[k];
      if (v !== undefined && v !== null && v !== '') spec[k] = v;
    }
    if (c.datatype === 'char' && !spec.arraysize) spec.arraysize = '*';
    return spec;
  });
  // VOTable char is ASCII: a text column holding other characters in this result goes out as unicodeChar.
  columns.forEach((spec, i) => {
    if (spec.datatype === 'char' && spec.xtype === undefined && result.rows.some((r) => isNonAscii(r[i]))) spec.datatype = 'unicodeChar';
  });
  const rows = result.rows.map((r) => r.map(cellForVOTable));
  // How the query ran (e.g. a HATS cross-match without margins) goes out as INFO name="NOTE" after the status.
  const notes = (result.notes ?? []).map((value) => ({ name: 'NOTE', value }));
  const doc = writeVOTable({ columns, rows }, { encoding, infos: [{ name: 'QUERY_STATUS', value: 'OK' }, ...notes] });
  if (!result.overflow) return doc;
  // DALI: the OVERFLOW status goes after the table (the last QUERY_STATUS wins).
  const at = doc.lastIndexOf('</TABLE>');
  return `${doc.slice(0, at + 8)}\n<INFO name="QUERY_STATUS" value="OVERFLOW"/>${doc.slice(at + 8)}`;
}

/** VOParquet from the result's VOTable: the same FIELDs (unicodeChar, xtypes) and QUERY_STATUS. */
async function parquet(votableText: string): Promise<Uint8Array> {
  const { readVOTable } = await import('../../votable/index.js');
  const { toParquet } = await import('../../columnar/index.js');
  const doc = await readVOTable(votableText);
  const table = doc.tables[0]!;
  return toParquet(table, { context: { infos: doc.resources[0]?.infos ?? doc.queryStatus } });
}

function isNonAscii(v: ResultValue | undefined): boolean {
  return typeof v === 'string' && /[^\x00-\x7f]/.test(v);
}

function cellForVOTable(v: ResultValue): unknown {
  if (v instanceof Date) return v.toISOString().replace(/Z$/, '');
  return v;
}

function text(v: ResultValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().replace(/\.000Z$|Z$/, '');
  if (Array.isArray(v)) return v.join(' ');
  return String(v);
}

function csvField(v: ResultValue): string {
  const s = text(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function tsvField(v: ResultValue): string {
  return text(v).replace(/[\t\r\n]/g, ' ');
}

function delimited(result: QueryResult, sep: string, field: (v: ResultValue) => string): string {
  const lines = [result.columns.map((c) => field(c.name)).join(sep)];
  for (const row of result.rows) lines.push(row.map(field).join(sep));
  return `${lines.join('\r\n')}\r\n`;
}

const escXml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A DALI error document: a VOTable whose only content is INFO QUERY_STATUS=ERROR with the message. */
export function errorVOTable(message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">\n' +
    `<RESOURCE type="results">\n<INFO name="QUERY_STATUS" value="ERROR">${escXml(message)}</INFO>\n</RESOURCE>\n</VOTABLE>\n`
  );
}

export { escXml };
