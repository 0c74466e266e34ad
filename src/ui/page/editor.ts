/// <reference lib="dom" />
/**
 * The ADQL editor: CodeMirror 6 with adqlkit's own parser and validator running in the page
 * (diagnostics on every change, quick fixes), and the language server's completion, hover and
 * signature help (src/lsp, no server: called directly on the text). Ctrl/Cmd-Enter runs.
 */
import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { buildModel, complete, hoverAt, signatureAt } from '../../lsp/index.js';
import { checkAdql, formatAdql, type CheckDiagnostic, type CheckFix, type LoadedSchema } from '../../tooling/index.js';
import { adqlLanguage } from './adql-language.js';
import { h } from './dom.js';

export interface EditorEvents {
  onRun(): void;
  onChange(text: string): void;
  /** Diagnostics after each change. */
  onDiagnostics(diagnostics: CheckDiagnostic[]): void;
}

/** LSP completion kinds (numbers) to CodeMirror's icon types. */
const KIND_TYPES: Record<number, string> = {
  2: 'method',
  3: 'function',
  5: 'property',
  6: 'variable',
  7: 'class',
  9: 'namespace',
  14: 'keyword',
  19: 'namespace',
  9999: 'text',
};

function stripSnippet(text: string): string {
  return text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{?\d+\}?/g, '');
}

export class AdqlEditor {
  readonly view: EditorView;
  readonly element: HTMLElement;
  private readonly signature: HTMLElement;
  private schema: LoadedSchema | undefined;
  private diagnostics: CheckDiagnostic[] = [];

  constructor(
    initial: string,
    private readonly events: EditorEvents,
  ) {
    this.signature = h('div', { class: 'signature', testid: 'signature' });
    const host = h('div', { class: 'editor', testid: 'editor' });
    this.element = h('div', { class: 'editor-box' }, host, this.signature);
    const run = (): boolean => {
      this.events.onRun();
      return true;
    };
    this.view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: initial,
        extensions: [
          lineNumbers(),
          history(),
          bracketMatching(),
          adqlLanguage,
          syntaxHighlighting(defaultHighlightStyle),
          placeholder('SELECT ... (Ctrl/Cmd-Enter runs)'),
          lintGutter(),
          autocompletion({ override: [(ctx) => this.completions(ctx)] }),
          hoverTooltip((_view, pos) => this.hover(pos)),
          keymap.of([
            { key: 'Mod-Enter', run, preventDefault: true },
            { key: 'Shift-Alt-f', run: () => this.format() },
            ...defaultKeymap,
            ...historyKeymap,
          ]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) {
              const text = update.state.doc.toString();
              this.check();
              this.events.onChange(text);
            }
            if (update.docChanged || update.selectionSet) this.updateSignature();
          }),
          EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { fontFamily: 'ui-monospace, monospace' } }),
        ],
      }),
    });
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  setText(text: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  insert(text: string): void {
    const { from, to } = this.view.state.selection.main;
    this.view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length } });
    this.view.focus();
  }

  setSchema(schema: LoadedSchema | undefined): void {
    this.schema = schema;
    this.check();
  }

  currentDiagnostics(): CheckDiagnostic[] {
    return this.diagnostics;
  }

  /** Runs the parser and validator on the text and shows what they found. */
  check(): void {
    this.diagnostics = checkAdql(this.text, this.schema);
    this.view.dispatch(
      setDiagnostics(
        this.view.state,
        this.diagnostics.map((d) => this.toLint(d)),
      ),
    );
    this.events.onDiagnostics(this.diagnostics);
  }

  applyFix(fix: CheckFix): void {
    // Edits are offsets into the checked text; applied together they do not shift each other.
    this.view.dispatch({ changes: fix.edits.map((e) => ({ from: e.start, to: e.end, insert: e.newText })) });
    this.view.focus();
  }

  format(): boolean {
    const formatted = formatAdql(this.text);
    if (formatted !== undefined && formatted !== this.text) this.setText(formatted);
    return true;
  }

  /** Shows an error the service reported (1-based line and column) at its place in the text; returns that offset. */
  markServerError(message: string, line: number | undefined, column: number | undefined): number {
    const doc = this.view.state.doc;
    let from = 0;
    if (line !== undefined && line >= 1 && line <= doc.lines) {
      const l = doc.line(line);
      from = Math.min(l.from + Math.max(0, (column ?? 1) - 1), l.to);
    }
    const to = Math.min(doc.length, Math.max(from + 1, doc.lineAt(from).to));
    const local = this.diagnostics.map((d) => this.toLint(d));
    this.view.dispatch(
      setDiagnostics(this.view.state, [...local, { from, to, severity: 'error', message: `service: ${message}`, source: 'service' }]),
    );
    return from;
  }

  private toLint(d: CheckDiagnostic): Diagnostic {
    const length = this.view.state.doc.length;
    const from = Math.min(d.start, length);
    return {
      from,
      to: Math.min(Math.max(d.end, from), length),
      severity: d.severity === 'hint' ? 'hint' : d.severity,
      message: d.message,
      source: d.code,
      actions: d.fixes.map((fix) => ({ name: fix.title, apply: () => this.applyFix(fix) })),
    };
  }

  private completions(ctx: CompletionContext): CompletionResult | null {
    const word = ctx.matchBefore(/[\w"]*/);
    if (!ctx.explicit && (word === null || word.from === word.to) && !/[.\s]$/.test(ctx.state.sliceDoc(ctx.pos - 1, ctx.pos))) return null;
    const list = complete(buildModel(ctx.state.doc.toString()), ctx.pos, this.schema?.editor);
    const options: Completion[] = list.items.map((item) => ({
      label: item.label,
      apply: stripSnippet(item.insertText ?? item.label),
      ...(item.detail ? { detail: item.detail } : {}),
      type: KIND_TYPES[item.kind ?? 9999] ?? 'text',
      ...(item.sortText ? { boost: item.sortText.startsWith('~') ? -1 : 0 } : {}),
    }));
    return { from: word?.from ?? ctx.pos, options, validFor: /^[\w"]*$/ };
  }

  private hover(pos: number) {
    const found = hoverAt(buildModel(this.text), pos, this.schema?.editor);
    if (!found) return null;
    return {
      pos: found.start,
      end: found.end,
      above: true,
      create: () => ({ dom: h('div', { class: 'hover', testid: 'hover' }, found.contents.replace(/```(adql)?\n?/g, '')) }),
    };
  }

  private updateSignature(): void {
    const help = signatureAt(buildModel(this.text), this.view.state.selection.main.head, this.schema?.editor);
    const sig = help?.signatures[help.activeSignature ?? 0];
    if (!sig) {
      this.signature.textContent = '';
      return;
    }
    const active = sig.parameters?.[help?.activeParameter ?? 0]?.label;
    this.signature.textContent = `${sig.label}${typeof active === 'string' ? `   (argument: ${active})` : ''}`;
  }
}
