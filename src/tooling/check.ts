/**
 * One place that turns ADQL text into diagnostics with the real parser and validator, shared by
 * `adql lint`, the language server and the ESLint rule (synchronous: ESLint needs that).
 */
import { parse, print, type AdqlVersion } from '../adql/index.js';
import { validate } from '../validate/index.js';
import type { CheckDiagnostic, CheckFix, CheckSeverity, LoadedSchema } from './backend.js';

export interface CheckOptions {
  /** Skip name resolution: the query has holes whose tables are unknown. */
  syntaxOnly?: boolean;
  version?: AdqlVersion | undefined;
}

interface Ranged {
  range?: { start: { offset: number }; end: { offset: number } } | undefined;
}

function offsets(r: Ranged, textLength: number): { start: number; end: number } {
  const start = Math.min(r.range?.start.offset ?? 0, textLength);
  const end = Math.min(Math.max(r.range?.end.offset ?? start, start), textLength);
  return { start, end };
}

/** Parser and validator diagnostics for one query (syntax errors come with the validator's fixes). */
export function checkAdql(text: string, schema: LoadedSchema | undefined, options: CheckOptions = {}): CheckDiagnostic[] {
  const validatorSchema = options.syntaxOnly ? undefined : schema?.validator;
  const diagnostics = validate(text, validatorSchema, options.version ? { version: options.version } : {});
  return diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity as CheckSeverity,
    message: d.message,
    ...offsets(d, text.length),
    fixes: (d.fixes ?? []).map((f): CheckFix => ({
      title: f.title,
      edits: f.edits.map((e) => ({ ...offsets(e, text.length), newText: e.newText })),
      ...(f.preferred ? { preferred: true } : {}),
    })),
    source: d.code === 'syntax-error' ? 'syntax' : 'validate',
  }));
}

/** Pretty-printed ADQL, or undefined when the text does not parse. Keeps a trailing newline if there was one. */
export function formatAdql(text: string, options: { version?: AdqlVersion | undefined } = {}): string | undefined {
  const parsed = parse(text, options.version ? { version: options.version } : {});
  if (parsed.errors.length > 0 || parsed.ast === null) return undefined;
  const printed = print(parsed.ast, { pretty: true });
  return /\n$/.test(text) ? printed.replace(/\n*$/, '\n') : printed.replace(/\n+$/, '');
}
