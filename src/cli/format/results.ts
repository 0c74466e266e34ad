/** Query results as CSV, JSON, VOTable or an aligned table. */
import type { TapResult } from '../../tap/index.js';
import { writeVOTable } from '../../votable/index.js';
import { formatTable } from './table.js';

export type ResultFormat = 'csv' | 'json' | 'votable' | 'table';
export const RESULT_FORMATS: ResultFormat[] = ['csv', 'json', 'votable', 'table'];

/** One cell as text: NULL is empty, arrays are space-separated, timestamps ISO 8601. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (v instanceof Date) return v.toISOString();
  if (ArrayBuffer.isView(v) || Array.isArray(v)) return Array.from(v as ArrayLike<unknown>, cellText).join(' ');
  if (typeof v === 'object') return JSON.stringify(toJsonValue(v));
  return String(v);
}

/** The shortest decimal that reads back as the same 32-bit float (VOTable `float` columns). */
export function float32Text(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let digits = 1; digits <= 9; digits++) {
    const text = v.toPrecision(digits);
    if (Math.fround(Number(text)) === v) return String(Number(text));
  }
  return String(v);
}

/** Values as shown: 32-bit float columns without the noise of their double expansion. */
function normaliseFloats(result: TapResult, rows: unknown[][]): unknown[][] {
  const floats = result.columns.map((c, i) => (c.datatype === 'float' && !c.arraysize ? i : -1)).filter((i) => i >= 0);
  if (floats.length === 0) return rows;
  return rows.map((r) => {
    const copy = r.slice();
    for (const i of floats) if (typeof copy[i] === 'number') copy[i] = Number(float32Text(copy[i] as number));
    return copy;
  });
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toJsonValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (v instanceof Date) return v.toISOString();
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>, toJsonValue);
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x)]));
  return v;
}

export interface RenderOptions {
  maxWidth?: number;
  header?: (s: string) => string;
}

export function renderResult(result: TapResult, format: ResultFormat, options: RenderOptions = {}): string {
  const names = result.columnNames;
  const rows = normaliseFloats(result, result.rowArrays());
  switch (format) {
    case 'csv':
      return [names.map(csvField).join(','), ...rows.map((r) => r.map((v) => csvField(cellText(v))).join(','))].join('\r\n') + '\r\n';
    case 'json':
      return (
        JSON.stringify(
          {
            columns: result.columns.map((c) => ({
              name: c.name,
              datatype: c.datatype,
              ...(c.arraysize ? { arraysize: c.arraysize } : {}),
              ...(c.unit ? { unit: c.unit } : {}),
              ...(c.ucd ? { ucd: c.ucd } : {}),
              ...(c.xtype ? { xtype: c.xtype } : {}),
              ...(c.description ? { description: c.description } : {}),
            })),
            rows: rows.map((r) => r.map(toJsonValue)),
            overflow: result.overflow,
          },
          null,
          2,
        ) + '\n'
      );
    case 'votable':
      return writeVOTable(
        { columns: result.columns.map(({ values: _values, ...spec }) => spec as never), rows: result.rowArrays() as unknown[][] },
        { infos: [{ name: 'QUERY_STATUS', value: result.overflow ? 'OVERFLOW' : 'OK' }] },
      );
    case 'table': {
      const units = result.columns.map((c) => (c.unit ? `${c.name} [${c.unit}]` : c.name));
      return (
        formatTable(
          units,
          rows.map((r) => r.map(cellText)),
          options,
        ) + `(${rows.length} row${rows.length === 1 ? '' : 's'}${result.overflow ? ', truncated' : ''})\n`
      );
    }
  }
}
