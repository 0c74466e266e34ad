/** State shared by one validation run: the schema, options, collected diagnostics and feature uses. */
import type { ServiceSchema, ColumnMeta } from '../schema/index.js';
import type { AdqlVersion, SourceRange } from './adql.js';
import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode, type Fix, type RelatedRange, type Severity } from './diagnostics.js';

/** A table the query will upload, declared for this validation only. */
export interface UploadDeclaration {
  columns?: ColumnMeta[];
  /** Size of the serialized upload, for the upload-limit check. */
  bytes?: number;
  rows?: number;
}

export interface ValidateOptions {
  /** Parse as ADQL 2.0 or 2.1 (default 2.1). */
  version?: AdqlVersion;
  /** Compare the query with the service capabilities (default: when the schema has them). */
  capabilities?: boolean;
  /**
   * Strict conformance: an optional ADQL feature the service does not declare in its capabilities
   * is an error. Default false: a warning, since services often run features they do not declare.
   */
  strict?: boolean;
  /** Change the severity of codes, or turn them 'off'. */
  severity?: Partial<Record<DiagnosticCode, Severity | 'off'>>;
  /** Tables sent with TAP_UPLOAD for this query: by upload name, their columns (and size). */
  uploads?: Record<string, ColumnMeta[] | UploadDeclaration>;
  /** With an AST: the text it was parsed from, for the checks that read what the tree does not keep (was AS written?). */
  source?: string;
}

export interface FeatureUse {
  type: string;
  name: string;
  range: SourceRange | undefined;
}

export class ValidationContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly features: FeatureUse[] = [];
  usesUpload: SourceRange | undefined | null = null;
  /** Syntax errors were found: the AST is partial, be careful about cascades. */
  partial = false;
  /** The query text, when validate() was given text (not an AST): what the tree does not keep (was AS written?). */
  text: string | undefined;

  constructor(
    readonly schema: ServiceSchema | undefined,
    readonly options: ValidateOptions,
  ) {}

  report(
    code: DiagnosticCode,
    message: string,
    range: SourceRange | undefined,
    extra: { related?: RelatedRange[]; fixes?: Fix[]; feature?: { type: string; name: string }; severity?: Severity } = {},
  ): void {
    const override = this.options.severity?.[code];
    if (override === 'off') return;
    const severity = override ?? extra.severity ?? DIAGNOSTIC_CODES[code].severity;
    const d: Diagnostic = { code, severity, message };
    if (range !== undefined) d.range = range;
    if (extra.related !== undefined && extra.related.length > 0) d.related = extra.related;
    if (extra.fixes !== undefined && extra.fixes.length > 0) d.fixes = extra.fixes;
    if (extra.feature !== undefined) d.feature = extra.feature;
    this.diagnostics.push(d);
  }

  useFeature(type: string, name: string, range: SourceRange | undefined): void {
    this.features.push({ type, name, range });
  }
}

/** A fix that replaces the text of one range. */
export function replaceFix(title: string, range: SourceRange | undefined, newText: string, preferred = false): Fix[] {
  if (range === undefined) return [];
  const fix: Fix = { title, edits: [{ range, newText }] };
  if (preferred) fix.preferred = true;
  return [fix];
}

/** A zero-width range at the end of `range` (for insertions). */
export function endOf(range: SourceRange): SourceRange {
  return { start: range.end, end: range.end };
}
