/**
 * validate_adql's answer, also what run_adql refuses a query with: every diagnostic with its
 * position, code and machine-applicable fixes, and the corrected query when applying one fix per
 * problem leaves a query without errors.
 */
import { validate, applyFix, type Diagnostic, type TextEdit } from '../validate/index.js';
import type { ColumnMeta, ServiceSchema } from '../schema/index.js';

export interface EditOut {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface DiagnosticOut {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 1-based line and column where the problem starts (absent for a problem of the whole query). */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fixes: Array<{ title: string; preferred: boolean; edits: EditOut[] }>;
}

export interface ValidationOut {
  valid: boolean;
  errors: number;
  warnings: number;
  diagnostics: DiagnosticOut[];
  /** The query with one fix per problem applied, when that leaves no error. */
  correctedQuery?: string;
  /** Why there is no corrected query although there are problems. */
  correctionNote?: string;
  /** Whether table and column names were checked against the service's metadata. */
  schemaChecked: boolean;
  schemaProblem?: string;
}

export interface ValidationRequest {
  schema: ServiceSchema | undefined;
  schemaProblem: string | undefined;
  /** Tables the query uploads (TAP_UPLOAD.<name>), with the columns read from their files. */
  uploads?: Record<string, ColumnMeta[]>;
}

const editOut = (e: TextEdit): EditOut => ({
  line: e.range.start.line,
  column: e.range.start.column,
  endLine: e.range.end.line,
  endColumn: e.range.end.column,
  newText: e.newText,
});

function diagnosticOut(d: Diagnostic): DiagnosticOut {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.range
      ? { line: d.range.start.line, column: d.range.start.column, endLine: d.range.end.line, endColumn: d.range.end.column }
      : {}),
    fixes: (d.fixes ?? []).map((f) => ({ title: f.title, preferred: f.preferred === true, edits: f.edits.map(editOut) })),
  };
}

function runValidation(query: string, req: ValidationRequest): Diagnostic[] {
  return validate(query, req.schema, req.uploads !== undefined ? { uploads: req.uploads } : {});
}

/** One fix per problem (the preferred one, else the first), applied together when no edits overlap. */
function correct(query: string, problems: Diagnostic[], req: ValidationRequest): { query?: string; note?: string } {
  const unfixable = problems.filter((d) => (d.fixes ?? []).length === 0);
  if (unfixable.length > 0) {
    return {
      note: `${unfixable.length} problem(s) have no machine-applicable fix (first: ${unfixable[0]!.code}); rewrite the query by hand`,
    };
  }
  const edits = new Map<string, TextEdit>();
  for (const d of problems) {
    const fix = d.fixes!.find((f) => f.preferred) ?? d.fixes![0]!;
    for (const e of fix.edits) edits.set(`${e.range.start.offset}:${e.range.end.offset}:${e.newText}`, e);
  }
  const ordered = [...edits.values()].sort((a, b) => a.range.start.offset - b.range.start.offset);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]!.range.start.offset < ordered[i - 1]!.range.end.offset) {
      return { note: 'the fixes of two problems change the same text; apply one of them, then validate again' };
    }
  }
  const fixed = applyFix(query, { title: 'all fixes', edits: ordered });
  const left = runValidation(fixed, req).filter((d) => d.severity === 'error');
  if (left.length > 0)
    return { note: `applying the fixes still leaves ${left.length} error(s) (first: ${left[0]!.message}); apply them one by one` };
  return { query: fixed };
}

/** Validates `query` against the schema (syntax only without one). */
export function validateQuery(query: string, req: ValidationRequest): ValidationOut {
  const diagnostics = runValidation(query, req);
  const problems = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const out: ValidationOut = {
    valid: errors === 0,
    errors,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics: diagnostics.map(diagnosticOut),
    schemaChecked: req.schema !== undefined,
    ...(req.schemaProblem !== undefined ? { schemaProblem: `names were not checked: ${req.schemaProblem}` } : {}),
  };
  if (problems.length > 0) {
    const corrected = correct(query, problems, req);
    if (corrected.query !== undefined) out.correctedQuery = corrected.query;
    if (corrected.note !== undefined) out.correctionNote = corrected.note;
  }
  return out;
}
