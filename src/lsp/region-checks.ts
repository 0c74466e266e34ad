/**
 * A document's check results per embedded query, so that an edit re-checks only the queries whose
 * text changed (a TypeScript file with ten `adql` templates pays for one). Results are kept only for
 * the queries of the latest run, and dropped whenever what they were checked against changes.
 */
import type { AdqlVersion } from '../adql/index.js';
import type { CheckDiagnostic, LoadedSchema } from '../tooling/index.js';

/** What a query's diagnostics depend on besides its text. */
export interface CheckContext {
  schema: LoadedSchema | undefined;
  version: AdqlVersion | undefined;
  /** Bumped when a schema or the columns of lazily loaded tables arrive (same objects, new content). */
  schemaGeneration: number;
}

export class RegionChecks {
  private results = new Map<string, CheckDiagnostic[]>();
  private context: CheckContext | undefined;

  /**
   * Diagnostics for each query, in order: kept from the previous run when the query's text, its
   * syntax-only flag and the context are the same, else from `check`.
   */
  run(
    queries: ReadonlyArray<{ text: string; identifierHoles: boolean }>,
    context: CheckContext,
    check: (text: string, syntaxOnly: boolean) => CheckDiagnostic[],
  ): CheckDiagnostic[][] {
    const previous = sameContext(this.context, context) ? this.results : new Map<string, CheckDiagnostic[]>();
    const next = new Map<string, CheckDiagnostic[]>();
    const out = queries.map(({ text, identifierHoles }) => {
      const key = (identifierHoles ? 's' : 'f') + text;
      const diagnostics = next.get(key) ?? previous.get(key) ?? check(text, identifierHoles);
      next.set(key, diagnostics);
      return diagnostics;
    });
    this.results = next;
    this.context = context;
    return out;
  }
}

function sameContext(a: CheckContext | undefined, b: CheckContext): boolean {
  return a !== undefined && a.schema === b.schema && a.version === b.version && a.schemaGeneration === b.schemaGeneration;
}
