/**
 * Table discovery, the step after finding a service: list what a TAP service serves, find tables by
 * a word in their name or description (the tutorial's "which tables mention redshift?"), and
 * describe one table with its columns' units, UCDs and descriptions. Built on VOSI tables.
 */
import type { TapService, TapColumn, TapTable } from '../tap/index.js';

export interface TableSummary {
  /** Qualified name as published (e.g. "zcat.main"). */
  name: string;
  description: string | undefined;
  /** 'table', 'view' or 'output', when given. */
  type: string | undefined;
}

/** A table with all its columns. */
export interface TableDescription extends TableSummary {
  columns: TapColumn[];
}

const summary = (t: TapTable): TableSummary => ({ name: t.name, description: t.description, type: t.type });

/** Every table the service publishes, with its description (one VOSI request, no columns). */
export async function listTables(service: TapService, options: { signal?: AbortSignal } = {}): Promise<TableSummary[]> {
  const tableSet = await service.tables(options);
  return tableSet.tables.map(summary);
}

/** A table found by searchTables, with the columns that matched (when columns were searched). */
export interface TableMatch extends TableSummary {
  matchedColumns: string[];
}

/**
 * Tables whose name or description contains `keyword` (case-insensitive). With `inColumns`, also
 * tables with a column whose name or description contains it (one full VOSI tables request).
 */
export async function searchTables(
  service: TapService,
  keyword: string,
  options: { signal?: AbortSignal; inColumns?: boolean } = {},
): Promise<TableMatch[]> {
  const word = keyword.toLowerCase();
  const has = (s: string | undefined) => (s ?? '').toLowerCase().includes(word);
  const tableSet = await service.tables({
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.inColumns ? { detail: 'max' as const } : {}),
  });
  const matches: TableMatch[] = [];
  for (const table of tableSet.tables) {
    const matchedColumns = options.inColumns
      ? (table.columns ?? []).filter((c) => has(c.name) || has(c.description)).map((c) => c.name)
      : [];
    if (has(table.name) || has(table.description) || matchedColumns.length > 0) matches.push({ ...summary(table), matchedColumns });
  }
  return matches;
}

/** One table with its columns (units, UCDs, descriptions), from the per-table VOSI endpoint. */
export async function describeTable(service: TapService, name: string, options: { signal?: AbortSignal } = {}): Promise<TableDescription> {
  const table = await service.table(name, options);
  return { ...summary(table), columns: table.columns ?? [] };
}

const oneLine = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** A description as text: name, description, then one aligned line per column. */
export function formatTableDescription(table: TableDescription): string {
  const rows = table.columns.map((c) => [c.name, c.unit ?? '', c.ucd ?? '', oneLine(c.description)]);
  const widths = [0, 1, 2].map((i) => Math.max(0, ...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) => `  ${r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')}`.trimEnd());
  return (
    [table.name, `    ${oneLine(table.description)}`, `  ${table.columns.length} columns (name, unit, UCD, description):`, ...lines].join(
      '\n',
    ) + '\n'
  );
}
