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

interface Checked extends PreviousCheck {
  syntaxOnly: boolean;
}

export class RegionChecks {
  /** The latest run's queries in order: an edited query's earlier self is the one at its index. */
  private last: Checked[] = [];
  private context: CheckContext | undefined;

  /**
   * Diagnostics for each query, in order: kept from the previous run when the query's text, its
   * syntax-only flag and the context are the same, else from `check` (given the query's earlier
   * self when the document has as many queries as before). Texts are compared, never hashed: a
   * query is kilobytes long and most comparisons stop at a different length.
   */
  run(
    queries: ReadonlyArray<{ text: string; identifierHoles: boolean }>,
    context: CheckContext,
    check: (text: string, syntaxOnly: boolean, previous: PreviousCheck | undefined) => CheckDiagnostic[],
  ): CheckDiagnostic[][] {
    const last = sameContext(this.context, context) ? this.last : [];
    const next = queries.map(({ text, identifierHoles: syntaxOnly }, i): Checked => {
      const same = (c: Checked | undefined): c is Checked => c !== undefined && c.text === text && c.syntaxOnly === syntaxOnly;
      const kept = same(last[i]) ? last[i] : last.find(same);
      const earlier = last.length === queries.length ? last[i] : undefined;
      return { text, syntaxOnly, diagnostics: kept?.diagnostics ?? check(text, syntaxOnly, earlier) };
    });
    this.last = next;
    this.context = context;
    return next.map((c) => c.diagnostics);
  }
}

function sameContext(a: CheckContext | undefined, b: CheckContext): boolean {
  return a !== undefined && a.schema === b.schema && a.version === b.version && a.schemaGeneration === b.schemaGeneration;
}
