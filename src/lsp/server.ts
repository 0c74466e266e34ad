/**
 * The ADQL language server: diagnostics as you type (after every change, or debounced per document
 * when the client asks for it), completion, hover,
 * signature help, go to definition, formatting and quick fixes, for `.adql` files and for ADQL
 * embedded in TypeScript/JavaScript (`adql\`...\`` templates, `service.query('...')` strings).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type Location,
  type TextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ADQL_VERSIONS, type AdqlVersion } from '../adql/index.js';
import {
  EmbeddedQueryBuilder,
  findEmbeddedQueries,
  toAdqlOffset,
  toDocOffset,
  touchesPlaceholder,
  type CheckDiagnostic,
  type CheckFix,
  type LanguageBackend,
  type LoadedSchema,
  type EmbeddedQuery,
} from '../tooling/index.js';
import { complete, resolveCompletion } from './completion.js';
import { definitionAt } from './definition.js';
import { hoverAt, toLspHover } from './hover.js';
import { buildModel, type QueryModel } from './model.js';
import { RegionChecks } from './region-checks.js';
import { signatureAt } from './signature.js';

export interface ServerOptions {
  /**
   * Quiet time after the last change before diagnostics run while typing (default 0: each change is
   * checked as soon as the server is idle; only an edit of a query re-checks it).
   */
  debounceMs?: number;
}

interface Region {
  query: EmbeddedQuery;
  model?: QueryModel;
}

interface DocState {
  version: number;
  regions: Region[];
  /** A debounced run (debounceMs > 0). */
  timer?: NodeJS.Timeout;
  /** A run queued behind the messages being handled. */
  queued?: NodeJS.Immediate;
  lastRun: number;
  checks: RegionChecks;
}

const HOST_LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);

function isAdqlDocument(doc: TextDocument): boolean {
  return doc.languageId === 'adql' || /\.adql$/i.test(doc.uri);
}

function isHostDocument(doc: TextDocument): boolean {
  return HOST_LANGUAGES.has(doc.languageId) || /\.[cm]?[jt]sx?$/i.test(doc.uri);
}

function docDir(uri: string): string {
  try {
    return path.dirname(fileURLToPath(uri));
  } catch {
    return process.cwd();
  }
}

const SEVERITY: Record<CheckDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function startLanguageServer(connection: Connection, backend: LanguageBackend, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocState>();
  let debounceMs = options.debounceMs ?? 0;
  let schemaGeneration = 0;

  function regionsOf(doc: TextDocument): Region[] {
    let state = states.get(doc.uri);
    if (state && state.version === doc.version) return state.regions;
    let queries: EmbeddedQuery[] = [];
    if (isAdqlDocument(doc)) {
      const text = doc.getText();
      queries = [new EmbeddedQueryBuilder(0).addVerbatim(text, 0).build()];
    } else if (isHostDocument(doc)) {
      queries = findEmbeddedQueries(doc.getText());
    }
    // Editor models depend on the query text only: keep those of queries the change did not touch.
    const earlier = state?.regions ?? [];
    const regions = queries.map((query, i): Region => {
      const same = (r: Region | undefined): r is Region => r !== undefined && r.query.text === query.text;
      return { query, model: (same(earlier[i]) ? earlier[i] : earlier.find(same))?.model };
    });
    if (state) {
      state.version = doc.version;
      state.regions = regions;
    } else {
      state = { version: doc.version, regions, lastRun: 0, checks: new RegionChecks() };
      states.set(doc.uri, state);
    }
    return regions;
  }

  function modelOf(region: Region): QueryModel {
    return (region.model ??= buildModel(region.query.text));
  }

  /** The region containing a document position, with the ADQL offset there. */
  function locate(uri: string, position: { line: number; character: number }) {
    const doc = documents.get(uri);
    if (doc === undefined) return undefined;
    const offset = doc.offsetAt(position);
    for (const region of regionsOf(doc)) {
      const adqlOffset = toAdqlOffset(region.query, offset);
      if (adqlOffset !== undefined) return { doc, region, adqlOffset };
    }
    return undefined;
  }

  function schemaFor(doc: TextDocument): LoadedSchema | undefined {
    return backend.schemaFor(docDir(doc.uri), () => {
      // A schema or a table's columns arrived: earlier results are stale; re-check every open document.
      schemaGeneration++;
      for (const d of documents.all()) scheduleDiagnostics(d, true);
    });
  }

  function mapFix(doc: TextDocument, query: EmbeddedQuery, fix: CheckFix): { title: string; edits: TextEdit[] } {
    return {
      title: fix.title,
      edits: fix.edits.map((e) => ({
        range: { start: doc.positionAt(toDocOffset(query, e.start)), end: doc.positionAt(toDocOffset(query, e.end)) },
        newText: e.newText,
      })),
    };
  }

  const shownProblems = new Set<string>();

  function showProblemOnce(message: string): void {
    if (shownProblems.has(message)) return;
    shownProblems.add(message);
    // A notification (window/showMessage), not a request: clients need not answer it.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `adql: ${message}` });
  }

  function computeDiagnostics(doc: TextDocument): Diagnostic[] {
    const schema = schemaFor(doc);
    const problem = schema === undefined ? backend.schemaProblem?.(docDir(doc.uri)) : undefined;
    // Say once why names are not checked (bad .adqlrc.json, missing schema file, unreachable service).
    if (problem !== undefined) showProblemOnce(`${problem}; only syntax and schema-free checks run`);
    let version: AdqlVersion | undefined;
    try {
      version = backend.versionFor?.(docDir(doc.uri));
    } catch (err) {
      // A config that cannot be read at all was reported above already.
      if ((err as Error).message !== problem) showProblemOnce(`${(err as Error).message}; checking against ADQL 2.1`);
    }
    const out: Diagnostic[] = [];
    const regions = regionsOf(doc);
    const checks = states.get(doc.uri)!.checks.run(
      regions.map((r) => r.query),
      { schema, version, schemaGeneration },
      (text, syntaxOnly, previous) => backend.check(text, schema, { syntaxOnly, version, previous }),
    );
    regions.forEach(({ query }, i) => {
      for (const d of checks[i]!) {
        if (touchesPlaceholder(query, d.start, d.end)) continue;
        const start = toDocOffset(query, d.start);
        const end = Math.max(start, toDocOffset(query, d.end));
        out.push({
          range: { start: doc.positionAt(start), end: doc.positionAt(end) },
          severity: SEVERITY[d.severity],
          code: d.code,
          source: 'adql',
          message: d.message,
          data: { fixes: d.fixes.map((f) => mapFix(doc, query, f)) },
        });
      }
    });
    return out;
  }

  function publish(doc: TextDocument): void {
    const state = states.get(doc.uri);
    if (state) {
      state.timer = undefined;
      state.queued = undefined;
      state.lastRun = Date.now();
    }
    if (documents.get(doc.uri) === undefined) return;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = computeDiagnostics(doc);
    } catch (err) {
      connection.console.error(`adql: checking ${doc.uri} failed: ${(err as Error).stack ?? err}`);
      diagnostics = [];
    }
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }

  /**
   * A run right after the message being handled (setImmediate: a zero timeout would wait for the
   * next timer tick, about 1 ms). One queued run covers any changes applied before it starts. With
   * `debounceMs` > 0, debounce with a leading edge: after a quiet period the first change is checked
   * at once; changes that follow in quick succession are coalesced into one run `debounceMs` after
   * the previous run.
   */
  function scheduleDiagnostics(doc: TextDocument, immediate = false): void {
    regionsOf(doc);
    const state = states.get(doc.uri)!;
    if (state.queued !== undefined) return;
    if (state.timer !== undefined) {
      if (!immediate) return;
      clearTimeout(state.timer);
      state.timer = undefined;
    }
    const wait = immediate ? 0 : Math.max(0, state.lastRun + debounceMs - Date.now());
    if (wait === 0) {
      state.lastRun = Date.now();
      state.queued = setImmediate(() => publish(documents.get(doc.uri) ?? doc));
    } else {
      state.timer = setTimeout(() => publish(documents.get(doc.uri) ?? doc), wait);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as { debounceMs?: number; schema?: string; service?: string; version?: unknown };
    if (typeof init.debounceMs === 'number') debounceMs = init.debounceMs;
    const version = ADQL_VERSIONS.find((v) => v === init.version);
    if (init.version !== undefined && version === undefined) {
      showProblemOnce(
        `initialization option "version" must be one of ${ADQL_VERSIONS.join(', ')}, got ${JSON.stringify(init.version)}; using .adqlrc.json's or 2.1`,
      );
    }
    backend.configure?.({
      ...(typeof init.schema === 'string' ? { schema: init.schema } : {}),
      ...(typeof init.service === 'string' ? { service: init.service } : {}),
      ...(version !== undefined ? { version: version as AdqlVersion } : {}),
    });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['.', ' ', '('], resolveProvider: true },
        hoverProvider: true,
        signatureHelpProvider: { triggerCharacters: ['(', ','] },
        definitionProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'adql-language-server' },
    };
  });

  documents.onDidOpen((e) => scheduleDiagnostics(e.document, true));
  documents.onDidChangeContent((e) => scheduleDiagnostics(e.document));
  documents.onDidClose((e) => {
    const state = states.get(e.document.uri);
    if (state?.timer) clearTimeout(state.timer);
    if (state?.queued) clearImmediate(state.queued);
    states.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCompletion((params) => {
    const at = locate(params.textDocument.uri, params.position);
    if (at === undefined) return null;
    const list = complete(modelOf(at.region), at.adqlOffset, schemaFor(at.doc)?.editor);
    // Items resolved later (table documentation) need to know their document's schema.
    for (const item of list.items) if (item.data !== undefined) item.data = { ...(item.data as object), uri: at.doc.uri };
    return list;
  });

  connection.onCompletionResolve((item) => {
    const uri = (item.data as { uri?: string } | undefined)?.uri;
    const doc = uri === undefined ? undefined : documents.get(uri);
    return doc === undefined ? item : resolveCompletion(item, schemaFor(doc)?.editor);
  });

  connection.onHover((params) => {
    const at = locate(params.textDocument.uri, params.position);
    if (at === undefined) return null;
    const h = hoverAt(modelOf(at.region), at.adqlOffset, schemaFor(at.doc)?.editor);
    if (h === undefined) return null;
    return toLspHover(h, (o) => at.doc.positionAt(toDocOffset(at.region.query, o)));
  });

  connection.onSignatureHelp((params) => {
    const at = locate(params.textDocument.uri, params.position);
    if (at === undefined) return null;
    return signatureAt(modelOf(at.region), at.adqlOffset, schemaFor(at.doc)?.editor) ?? null;
  });

  connection.onDefinition((params): Location | null => {
    const at = locate(params.textDocument.uri, params.position);
    if (at === undefined) return null;
    const target = definitionAt(modelOf(at.region), at.adqlOffset);
    if (target === undefined) return null;
    const q = at.region.query;
    return {
      uri: at.doc.uri,
      range: { start: at.doc.positionAt(toDocOffset(q, target.start)), end: at.doc.positionAt(toDocOffset(q, target.end)) },
    };
  });

  connection.onDocumentFormatting((params): TextEdit[] => {
    const doc = documents.get(params.textDocument.uri);
    // Only whole .adql files: reformatting a template would fight the host file's indentation.
    if (doc === undefined || !isAdqlDocument(doc)) return [];
    const text = doc.getText();
    const formatted = backend.format(text);
    if (formatted === undefined || formatted === text) return [];
    return [{ range: { start: doc.positionAt(0), end: doc.positionAt(text.length) }, newText: formatted }];
  });

  connection.onCodeAction((params): CodeAction[] => {
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'adql') continue;
      const fixes = (diagnostic.data as { fixes?: Array<{ title: string; edits: TextEdit[] }> } | undefined)?.fixes ?? [];
      fixes.forEach((fix, i) => {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: i === 0,
          edit: { changes: { [params.textDocument.uri]: fix.edits } },
        });
      });
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
}
