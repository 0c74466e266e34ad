/**
 * One place that turns ADQL text into diagnostics with the real parser and validator, shared by
 * `adql lint`, the language server and the ESLint rule (synchronous: ESLint needs that).
 */
import { parse, print, type AdqlVersion, type QueryExpression } from '../adql/index.js';
import { validate, type ValidationResult } from '../validate/index.js';
import type { CheckDiagnostic, CheckFix, CheckSeverity, LoadedSchema, PreviousCheck } from './backend.js';
import { isNumberEdit, patchNumericEdit } from './literal-edit.js';

export interface CheckOptions {
  /** Skip name resolution: the query has holes whose tables are unknown. */
  syntaxOnly?: boolean;
  version?: AdqlVersion | undefined;
  /** The same query before an edit, with what checkAdql returned for it: a number edit then needs no parse. */
  previous?: PreviousCheck | undefined;
}

/**
 * The parse behind a result checkAdql returned, kept while the result is, for a query without syntax
 * errors whose last edit was inside a number. Only then: a 5 KB query's AST takes 0.3 MB, and a new
 * one kept on every keystroke (typing a name) is copied by young-generation collections, promoted,
 * and makes the old generation, which holds the whole schema, collect far more often. A patched
 * AST is the same object, kept again.
 */
const parses = new WeakMap<CheckDiagnostic[], { text: string; ast: QueryExpression; version: AdqlVersion | undefined }>();

/** The previous AST updated for `text`, when the edit was inside one number (the AST then moves to the new result). */
function editedParse(text: string, options: CheckOptions): QueryExpression | undefined {
  const previous = options.previous;
  const kept = previous === undefined ? undefined : parses.get(previous.diagnostics);
  if (kept === undefined || kept.text !== previous!.text || kept.version !== options.version) return undefined;
  const ast = patchNumericEdit(kept.ast, kept.text, text, options.version);
  if (ast !== undefined) parses.delete(previous!.diagnostics);
  return ast;
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
  const validateOptions = options.version ? { version: options.version } : {};
  const edited = editedParse(text, options);
  const result: ValidationResult =
    edited !== undefined
      ? validate(edited, validatorSchema, { ...validateOptions, source: text })
      : validate(text, validatorSchema, validateOptions);
  const diagnostics = toCheckDiagnostics(result, text);
  const ast = result.ast;
  const keep = options.previous !== undefined && ast !== null && !diagnostics.some((d) => d.source === 'syntax');
  if (keep && (edited !== undefined || isNumberEdit(ast, options.previous!.text, text))) {
    parses.set(diagnostics, { text, ast, version: options.version });
  }
  return diagnostics;
}

function toCheckDiagnostics(result: ValidationResult, text: string): CheckDiagnostic[] {
  return result.map((d) => ({
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
