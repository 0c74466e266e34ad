/**
 * A document's check results per embedded query, so that an edit re-checks only the queries whose
 * text changed (a TypeScript file with ten `adql` templates pays for one), and is told what an
 * edited query was before (so a number edit needs no parse). Results are kept only for the queries
 * of the latest run, and dropped whenever what they were checked against changes.
 */
import type { AdqlVersion } from '../adql/index.js';
import type { CheckDiagnostic, LoadedSchema, PreviousCheck } from '../tooling/index.js';

/** What a query's diagnostics depend on besides its text. */
export interface CheckContext {
  schema: LoadedSchema | undefined;
  version: AdqlVersion | undefined;
  /** Bumped when a schema or the columns of lazily loaded tables arrive (same objects, new content). */
  schemaGeneration: number;
}

export class RegionChecks {
  private results = new Map<string, CheckDiagnostic[]>();
  /** The latest run's queries in order: an edited query's earlier self is the one at its index. */
  private order: PreviousCheck[] = [];
  private context: CheckContext | undefined;

  /**
   * Diagnostics for each query, in order: kept from the previous run when the query's text, its
   * syntax-only flag and the context are the same, else from `check` (given the query's earlier
   * self when the document has as many queries as before).
   */
  run(
    queries: ReadonlyArray<{ text: string; identifierHoles: boolean }>,
    context: CheckContext,
    check: (text: string, syntaxOnly: boolean, previous: PreviousCheck | undefined) => CheckDiagnostic[],
  ): CheckDiagnostic[][] {
    const same = sameContext(this.context, context);
    const previous = same ? this.results : new Map<string, CheckDiagnostic[]>();
    const earlier = same && this.order.length === queries.length ? this.order : [];
    const next = new Map<string, CheckDiagnostic[]>();
    const out = queries.map(({ text, identifierHoles }, i) => {
      const key = (identifierHoles ? 's' : 'f') + text;
      const diagnostics = next.get(key) ?? previous.get(key) ?? check(text, identifierHoles, earlier[i]);
      next.set(key, diagnostics);
      return diagnostics;
    });
    this.results = next;
    this.order = queries.map(({ text }, i) => ({ text, diagnostics: out[i]! }));
    this.context = context;
    return out;
  }
}

function sameContext(a: CheckContext | undefined, b: CheckContext): boolean {
  return a !== undefined && a.schema === b.schema && a.version === b.version && a.schemaGeneration === b.schemaGeneration;
}
