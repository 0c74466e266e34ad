/**
 * One place that turns ADQL text into diagnostics with the real parser and validator, shared by
 * `adql lint`, the language server and the ESLint rule (synchronous: ESLint needs that).
 */
import { parse, print } from '../adql/index.js';
import { validate } from '../validate/index.js';
import type { CheckDiagnostic, CheckFix, CheckSeverity, LoadedSchema } from '../lsp/backend.js';

export interface CheckOptions {
  /** Only report syntax errors (the query has holes whose tables are unknown). */
  syntaxOnly?: boolean;
  version?: '2.0' | '2.1';
}

interface Ranged {
  range?: { start: { offset: number }; end: { offset: number } };
}

function offsets(r: Ranged, textLength: number): { start: number; end: number } {
  const start = Math.min(r.range?.start.offset ?? 0, textLength);
  const end = Math.min(Math.max(r.range?.end.offset ?? start, start), textLength);
  return { start, end };
}

export function checkAdql(text: string, schema: LoadedSchema | undefined, options: CheckOptions = {}): CheckDiagnostic[] {
  const parsed = parse(text, { recover: true, ...(options.version ? { version: options.version } : {}) });
  if (parsed.errors.length > 0) {
    // On a broken query only syntax errors are reliable: a partial tree would produce noise.
    return parsed.errors.map((e) => ({
      code: 'syntax-error',
      severity: 'error',
      message: e.message,
      ...offsets(e, text.length),
      fixes: [],
      source: 'syntax',
    }));
  }
  if (options.syntaxOnly || parsed.ast === null) return [];
  const diagnostics = validate(parsed.ast, schema?.validator as Parameters<typeof validate>[1]);
  return diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity as CheckSeverity,
    message: d.message,
    ...offsets(d, text.length),
    fixes: (d.fixes ?? []).map(
      (f): CheckFix => ({ title: f.title, edits: f.edits.map((e) => ({ ...offsets(e, text.length), newText: e.newText })) }),
    ),
    source: 'validate',
  }));
}

/** Pretty-printed ADQL, or undefined when the text does not parse. Keeps a trailing newline if there was one. */
export function formatAdql(text: string, options: { version?: '2.0' | '2.1' } = {}): string | undefined {
  const parsed = parse(text, options.version ? { version: options.version } : {});
  if (parsed.errors.length > 0 || parsed.ast === null) return undefined;
  const printed = print(parsed.ast, { pretty: true });
  return /\n$/.test(text) || text === '' ? printed.replace(/\n*$/, '\n') : printed.replace(/\n+$/, '');
}
