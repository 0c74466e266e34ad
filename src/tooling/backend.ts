/**
 * What the language server needs from the rest of adqlkit: checking (parser + validator),
 * formatting (pretty printer) and schemas. The default backend uses the real parser, validator and
 * schema cache; tests and benchmarks may pass their own schema source.
 */
import type { AdqlVersion } from '../adql/index.js';
import type { ServiceSchema } from '../schema/index.js';
import type { EditorSchema } from './editor-schema.js';

export type CheckSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface CheckEdit {
  /** 0-based offsets into the checked ADQL text. */
  start: number;
  end: number;
  newText: string;
}

export interface CheckFix {
  title: string;
  edits: CheckEdit[];
  /** The validator's single most likely fix (safe to apply automatically when it is the only one). */
  preferred?: boolean;
}

export interface CheckDiagnostic {
  code: string;
  severity: CheckSeverity;
  message: string;
  /** 0-based offsets into the checked ADQL text (end exclusive). */
  start: number;
  end: number;
  fixes: CheckFix[];
  /** `syntax` from the parser, `validate` from the validator. */
  source: 'syntax' | 'validate';
}

/** A service's metadata in the two shapes editor features and the validator use. */
export interface LoadedSchema {
  editor: EditorSchema;
  /** The same metadata as the validator reads it. */
  validator: ServiceSchema;
  /** Where it came from, for messages: a file path or a service URL. */
  origin: string;
}

/** What the editor client may set (initialization options); each overrides `.adqlrc.json`. */
export interface EditorOptions {
  schema?: string;
  service?: string;
  version?: AdqlVersion;
}

/** A query as it was before an edit, with the diagnostics `check` returned for it. */
export interface PreviousCheck {
  text: string;
  diagnostics: CheckDiagnostic[];
}

export interface LanguageBackend {
  /**
   * Parser diagnostics, plus validator diagnostics when a schema is given and `syntaxOnly` is false.
   * `previous` (the same query before an edit) lets a backend reuse work; the result must not depend on it.
   */
  check(
    text: string,
    schema: LoadedSchema | undefined,
    options: { syntaxOnly: boolean; version?: AdqlVersion | undefined; previous?: PreviousCheck | undefined },
  ): CheckDiagnostic[];
  /** Pretty-printed text, or undefined when the text does not parse. */
  format(text: string): string | undefined;
  /**
   * The schema for documents in `dir` (from .adqlrc.json: a schema file, or the service's cached
   * metadata). `onUpdate` is called when a fresher schema arrives later (first fetch).
   */
  schemaFor(dir: string, onUpdate: () => void): LoadedSchema | undefined;
  /** Why documents in `dir` have no schema, when something is wrong (shown to the user once). */
  schemaProblem?(dir: string): string | undefined;
  /**
   * The ADQL version documents in `dir` are checked against (the client's option, else
   * `.adqlrc.json`); undefined: 2.1. Throws when the config is broken (the server says why, once).
   */
  versionFor?(dir: string): AdqlVersion | undefined;
  /** Initialization options from the client (`schema` file, `service` URL or alias, ADQL `version`). */
  configure?(options: EditorOptions): void;
}
