/**
 * What run_adql and fetch_job return for a result: the columns with units, the first rows as a
 * compact table, the row count, the overflow verdict in plain words, and the full result saved in
 * the working directory (VOTable or CSV) with its resource URI.
 */
import { writeFile } from 'node:fs/promises';
import { toParquet } from '../columnar/index.js';
import { readVOTable, writeVOTable, type VOTableTable } from '../votable/index.js';
import type { TapResult } from '../tap/index.js';
import { McpToolError } from './errors.js';
import { RESULTS_FOLDER, type Workdir } from './workdir.js';

export const RESULT_FORMATS = ['votable', 'csv', 'parquet'] as const;
export type ResultFileFormat = (typeof RESULT_FORMATS)[number];

export const RESULT_URI_PREFIX = 'adqlkit://results/';

export interface ResultColumnOut {
  name: string;
  datatype: string;
  arraysize?: string;
  unit?: string;
  ucd?: string;
  description?: string;
}

export interface ResultSummary {
  columns: ResultColumnOut[];
  /** Rows returned (and saved). */
  rowCount: number;
  /** True when every row the query selects was returned. */
  complete: boolean;
  /** False when the truncation could not be proven (e.g. exactly MAXREC rows and an OVERFLOW status). */
  verdictCertain: boolean;
  /** The overflow verdict in plain words, with what to do when rows are missing. */
  verdict: string;
  /** The first rows as a compact table: a header line, then one line per row, cells separated by " | ". */
  preview: string;
  previewRows: number;
  maxrec: number;
  file: string;
  resourceUri: string;
  format: ResultFileFormat;
  warnings: string[];
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (ArrayBuffer.isView(v) || Array.isArray(v)) return Array.from(v as ArrayLike<unknown>, cellText).join(' ');
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

function preview(result: TapResult, rows: number): string {
  const lines = [result.columnNames.join(' | ')];
  for (let i = 0; i < rows; i++)
    lines.push(
      result.table
        .rowArray(i)
        .map((v) => cellText(v).replace(/\s*\n\s*/g, ' '))
        .join(' | '),
    );
  return lines.join('\n');
}

/**
 * The query is sent with MAXREC one above the call's row cap: a row beyond the cap proves that rows
 * are missing (a bare OVERFLOW at exactly MAXREC rows proves nothing), and is not handed out.
 */
export const probeMaxrec = (cap: number): number => cap + 1;

interface Verdict {
  rows: number;
  complete: boolean;
  certain: boolean;
  text: string;
}

function judge(result: TapResult, cap: number): Verdict {
  const advice =
    `To get more, raise maxRows (this call's cap was ${cap}), narrow the WHERE clause, or run it in pieces; ` +
    'for a chosen subset, use TOP with ORDER BY; to learn how many rows match, run SELECT COUNT(*) with the same FROM and WHERE.';
  if (result.rowCount > cap) {
    return {
      rows: cap,
      complete: false,
      certain: true,
      text: `TRUNCATED: only the first ${cap} rows were returned; more rows match the query. ${advice}`,
    };
  }
  const info = result.overflowInfo;
  if (!result.overflow)
    return {
      rows: result.rowCount,
      complete: true,
      certain: true,
      text: `COMPLETE: ${result.rowCount === 1 ? 'the 1 row' : `all ${result.rowCount} rows`} the query selects ${result.rowCount === 1 ? 'was' : 'were'} returned.`,
    };
  // The service cut the result below the cap (its own limit).
  return info.certain
    ? {
        rows: result.rowCount,
        complete: false,
        certain: true,
        text: `TRUNCATED: only the first ${result.rowCount} rows were returned (${info.reason}). ${advice}`,
      }
    : {
        rows: result.rowCount,
        complete: false,
        certain: false,
        text: `POSSIBLY TRUNCATED: ${result.rowCount} rows were returned and more may exist (${info.reason}). ${advice}`,
      };
}

/** The results table holding only the rows handed out. */
async function handedOutTable(result: TapResult, rows: number): Promise<VOTableTable> {
  if (rows === result.table.rowCount) return result.table;
  const text = writeVOTable({ columns: result.columns, rows: result.rowArrays().slice(0, rows) });
  return (await readVOTable(text)).tables[0]!;
}

async function saveResult(result: TapResult, verdict: Verdict, format: ResultFileFormat, file: string): Promise<void> {
  const infos = [{ name: 'QUERY_STATUS', value: verdict.complete ? 'OK' : 'OVERFLOW', content: '' }];
  if (format === 'parquet') {
    // VOParquet: the VOTable header, QUERY_STATUS included, travels in the file's metadata.
    await writeFile(file, toParquet(result.table, { rows: verdict.rows, context: { infos } }));
    return;
  }
  const table = await handedOutTable(result, verdict.rows);
  await writeFile(file, format === 'csv' ? table.toCSV() : writeVOTable(table, { infos }));
}

let counter = 0;

/** A new result file name: the time and a counter, so two calls never overwrite each other. */
const EXTENSIONS: Record<ResultFileFormat, string> = { votable: 'vot', csv: 'csv', parquet: 'parquet' };

export function resultFileName(format: ResultFileFormat): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  counter += 1;
  return `result-${stamp}-${counter}.${EXTENSIONS[format]}`;
}

export interface SummariseOptions {
  workdir: Workdir;
  format: ResultFileFormat;
  /** Relative file name in the working directory (default: adql-results/result-<time>-<n>.vot). */
  saveAs: string | undefined;
  previewRows: number;
  /** The call's row cap (the query was sent with probeMaxrec(maxrec)). */
  maxrec: number;
}

/** Saves the full result and describes it. */
export async function summariseResult(result: TapResult, o: SummariseOptions): Promise<ResultSummary> {
  const file = o.workdir.newFile(o.saveAs ?? `${RESULTS_FOLDER}/${resultFileName(o.format)}`, 'saveAs');
  const verdict = judge(result, o.maxrec);
  await saveResult(result, verdict, o.format, file);
  const shown = Math.min(o.previewRows, verdict.rows);
  return {
    columns: result.columns.map((c) => ({
      name: c.name,
      datatype: c.datatype,
      ...(c.arraysize !== undefined ? { arraysize: c.arraysize } : {}),
      ...(c.unit ? { unit: c.unit } : {}),
      ...(c.ucd ? { ucd: c.ucd } : {}),
      ...(c.description ? { description: c.description } : {}),
    })),
    rowCount: verdict.rows,
    complete: verdict.complete,
    verdictCertain: verdict.certain,
    verdict: verdict.text,
    preview: preview(result, shown),
    previewRows: shown,
    maxrec: o.maxrec,
    file,
    resourceUri: RESULT_URI_PREFIX + o.workdir.relative(file),
    format: o.format,
    warnings: result.warnings,
  };
}

/** The summary as text for the model: verdict first, then the preview and where the rest is. */
export function summaryText(s: ResultSummary): string {
  const units = s.columns.map((c) => `${c.name} (${c.datatype}${c.unit ? `, ${c.unit}` : ''})`).join(', ');
  return [
    s.verdict,
    `Columns: ${units}`,
    `First ${s.previewRows} of ${s.rowCount} rows:`,
    s.preview,
    `Full result (${s.rowCount} rows, ${s.format}): ${s.file} (${s.resourceUri})`,
    ...s.warnings.map((w) => `Warning: ${w}`),
  ].join('\n');
}
