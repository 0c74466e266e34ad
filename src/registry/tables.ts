/**
 * Table discovery, the step after finding a service: list what a TAP service serves, find tables by
 * a word in their name or description (the tutorial's "which tables mention redshift?"), and
 * describe one table with its columns' units, UCDs and descriptions. Built on VOSI tables.
 */
import type { TapService } from '../tap/service.js';
import type { TapColumn, TapTable } from '../tap/tables.js';

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

/** Tables whose name or description contains `keyword` (case-insensitive). */
export async function searchTables(service: TapService, keyword: string, options: { signal?: AbortSignal } = {}): Promise<TableSummary[]> {
  const word = keyword.toLowerCase();
  return (await listTables(service, options)).filter(
    (t) => t.name.toLowerCase().includes(word) || (t.description ?? '').toLowerCase().includes(word),
  );
}

/** One table with its columns (units, UCDs, descriptions), from the per-table VOSI endpoint. */
export async function describeTable(service: TapService, name: string, options: { signal?: AbortSignal } = {}): Promise<TableDescription> {
  const table = await service.table(name, options);
  return { ...summary(table), columns: table.columns ?? [] };
}

const firstLine = (s: string | undefined) => (s ?? '').trim().split('\n')[0] ?? '';

/** A description as text: name, description, then one aligned line per column. */
export function formatTableDescription(table: TableDescription): string {
  const rows = table.columns.map((c) => [c.name, c.unit ?? '', c.ucd ?? '', firstLine(c.description)]);
  const widths = [0, 1, 2].map((i) => Math.max(0, ...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) => `  ${r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')}`.trimEnd());
  return [table.name, `    ${firstLine(table.description)}`, `  ${table.columns.length} columns (name, unit, UCD, description):`, ...lines].join('\n') + '\n';
}
