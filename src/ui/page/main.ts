/// <reference lib="dom" />
/**
 * The workbench page: service picker, schema browser, editor, run (sync/async), results grid,
 * exports, uploads and the job list, wired together. The page state worth sharing (service and
 * query) lives in the URL.
 */
import { TapQueryError, type TapResult, type TapService } from '../../tap/index.js';
import type { VOTableTable } from '../../votable/index.js';
import type { CheckDiagnostic, LoadedSchema } from '../../tooling/index.js';
import type { SchemaDocument } from '../../schema/index.js';
import type { ServiceDescription } from '../protocol.js';
import { connect, loadServiceSchema, schemaFromDocument, searchRegistry, tapClient } from './connection.js';
import { h, download } from './dom.js';
import { AdqlEditor } from './editor.js';
import { asTypeScript } from './builder-code.js';
import { asCurl, toArrowBytes, toCsv, toParquetBytes, toVOTable } from './exports.js';
import { ResultsGrid } from './grid.js';
import { JobList } from './jobs.js';
import { LinkedPlots, type PlotSlotKind, type PlotState } from './plots.js';
import { QueryRun, RunCancelled, type RunMode } from './runner.js';
import { SchemaBrowser } from './schema-browser.js';
import { launchKey, readUrlState, writeUrlState } from './session.js';
import { STYLE } from './style.js';
import { tableOf, type ResultTable } from './table-data.js';
import { crossMatchTemplate, readUpload, type UploadedTable } from './uploads.js';

const DEFAULT_QUERY = 'SELECT TOP 100 * FROM ';

class Workbench {
  private readonly key: string;
  private service: ServiceDescription | undefined;
  private tap: TapService | undefined;
  private schema: LoadedSchema | undefined;
  private readonly uploads = new Map<string, UploadedTable>();
  private run: QueryRun | undefined;

  readonly editor: AdqlEditor;
  readonly grid: ResultsGrid;
  private readonly browser: SchemaBrowser;
  private readonly jobs: JobList;
  readonly plots: LinkedPlots;
  private readonly serviceInput = h('input', {
    class: 'service-input',
    list: 'service-aliases',
    testid: 'service',
    title: 'a TAP URL, an .adqlrc.json alias, or "embedded"',
  });
  private readonly aliasList = h('datalist', { id: 'service-aliases' });
  private readonly registryInput = h('input', { type: 'search', placeholder: 'find services in the registry', testid: 'registry-search' });
  private readonly registryHits = h('div', { class: 'registry-hits', testid: 'registry-results' });
  private readonly mode = h('select', { testid: 'mode' }, h('option', { value: 'sync' }, 'sync'), h('option', { value: 'async' }, 'async'));
  private readonly maxrec = h('input', { type: 'number', min: 0, placeholder: 'MAXREC', testid: 'maxrec', style: 'width:7em' });
  private readonly status = h('span', { class: 'status', testid: 'status' });
  private readonly cancelButton = h('button', { testid: 'cancel', disabled: true }, 'cancel');
  private readonly diagnostics = h('div', { class: 'diagnostics', testid: 'diagnostics' });
  private readonly messages = h('div', {});
  private readonly results = h('section', { class: 'results', testid: 'results' });
  private readonly selectionCount = h('span', { testid: 'selection-count' }, '0');

  constructor(key: string) {
    this.key = key;
    const state = readUrlState();
    this.editor = new AdqlEditor(state.query ?? DEFAULT_QUERY, {
      onRun: () => void this.execute(),
      onChange: (text) => writeUrlState({ query: text }),
      onDiagnostics: (d) => this.showDiagnostics(d),
    });
    this.grid = new ResultsGrid({ onSelect: (rows) => this.select(rows) });
    this.browser = new SchemaBrowser({
      insert: (text) => this.editor.insert(text),
      runExample: (query) => {
        this.editor.setText(query);
        void this.execute();
      },
    });
    this.plots = new LinkedPlots({
      onSelect: (rows, kind) => this.select(rows, kind),
      onChange: (plots) => writeUrlState({ plots: JSON.stringify(plots) }),
    });
    if (state.plots) this.plots.restore(parsePlotState(state.plots));
    this.jobs = new JobList({ reattach: (url) => void this.reattach(url), error: (m) => this.showError(m) });
    this.cancelButton.addEventListener('click', () => void this.run?.cancel());
    this.registryInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') void this.findServices(this.registryInput.value.trim());
    });
    this.layout();
    void this.open(state.service);
  }

  private layout(): void {
    const style = h('style', {}, STYLE);
    const header = h(
      'header',
      {},
      h('h1', {}, 'adqlkit workbench'),
      this.serviceInput,
      this.aliasList,
      h('button', { onclick: () => void this.open(this.serviceInput.value.trim() || undefined), testid: 'connect' }, 'connect'),
      this.registryInput,
      this.registryHits,
      this.mode,
      this.maxrec,
      h('button', { onclick: () => void this.execute(), testid: 'run', title: 'Ctrl/Cmd-Enter' }, 'Run'),
      this.cancelButton,
      h('button', { onclick: () => this.editor.format(), testid: 'format', title: 'Shift-Alt-F' }, 'format'),
      this.status,
    );
    const work = h(
      'div',
      { class: 'work' },
      this.editor.element,
      this.diagnostics,
      this.messages,
      this.results,
      this.plots.element,
      this.jobs.element,
    );
    document.head.append(style);
    document.body.append(header, h('main', {}, this.browser.element, work));
    document.body.addEventListener('dragover', (e) => {
      e.preventDefault();
      document.body.classList.add('dropzone');
    });
    document.body.addEventListener('dragleave', () => document.body.classList.remove('dropzone'));
    document.body.addEventListener('drop', (e) => {
      e.preventDefault();
      document.body.classList.remove('dropzone');
      for (const file of Array.from(e.dataTransfer?.files ?? [])) void this.addUpload(file);
    });
  }

  async open(service: string | undefined): Promise<void> {
    this.setStatus('connecting…');
    try {
      const answer = await connect(this.key, service);
      this.service = answer.service;
      this.serviceInput.value = answer.service.name;
      this.aliasList.replaceChildren(...['embedded', ...answer.aliases].map((a) => h('option', { value: a })));
      this.tap = tapClient(this.key, answer.service);
      this.jobs.use(this.tap);
      writeUrlState({ service: answer.service.name, query: this.editor.text });
      await this.reloadSchema();
      this.setStatus(`${answer.service.name}: ${this.schema?.validator.tables.length ?? 0} tables`);
      void this.tap.examples().then(
        (ex) => this.browser.showExamples(ex),
        (err: Error) => this.browser.showExamples(`no examples: ${err.message}`),
      );
      void this.jobs.refresh();
    } catch (err) {
      this.setStatus('not connected');
      this.showError((err as Error).message);
      console.error(err);
    }
  }

  /** Lists the registry's TAP services for the words; a click connects to one. */
  private async findServices(words: string): Promise<void> {
    this.registryHits.replaceChildren();
    if (!words) return;
    try {
      const found = await searchRegistry(this.key, words);
      this.registryHits.append(
        ...found.map((hit) =>
          h(
            'button',
            {
              class: 'registry-hit',
              testid: 'registry-hit',
              title: `${hit.ivoid}\n${hit.url}`,
              onclick: () => {
                this.registryHits.replaceChildren();
                void this.open(hit.url);
              },
            },
            hit.title,
          ),
        ),
        found.length === 0 ? h('div', { class: 'muted' }, `no TAP service matches "${words}"`) : '',
      );
    } catch (err) {
      this.showError(`registry search: ${(err as Error).message}`);
    }
  }

  private async reloadSchema(): Promise<void> {
    if (!this.tap || !this.service) return;
    const declared = Object.fromEntries([...this.uploads.values()].map((u) => [u.name, u.columns]));
    this.schema = await loadServiceSchema(this.tap, this.service.name, declared);
    this.editor.setSchema(this.schema);
    this.browser.show(this.schema);
  }

  /** Checks queries against this schema instead of the service's (bench/ui measures a 10,000-table one). */
  async useSchemaDocument(document: SchemaDocument): Promise<void> {
    this.schema = await schemaFromDocument(document, 'schema document');
    this.editor.setSchema(this.schema);
    this.browser.show(this.schema);
  }

  private async addUpload(file: File): Promise<void> {
    try {
      const upload = await readUpload(file);
      this.uploads.set(upload.name, upload);
      await this.reloadSchema();
      const target = this.schema?.validator.tables.find((t) => !/^(tap_schema|tap_upload)\./i.test(t.name));
      this.editor.setText(
        crossMatchTemplate(upload, target && { name: target.name, columns: [...(this.schema?.validator.columns(target) ?? [])] }),
      );
      this.setStatus(`TAP_UPLOAD.${upload.name}: ${upload.columns.length} columns`);
    } catch (err) {
      this.showError(`upload ${file.name}: ${(err as Error).message}`);
    }
  }

  private showDiagnostics(list: CheckDiagnostic[]): void {
    this.diagnostics.replaceChildren(
      ...list.map((d) => {
        const pos = this.editor.view.state.doc.lineAt(Math.min(d.start, this.editor.view.state.doc.length));
        return h(
          'div',
          {
            class: `diagnostic ${d.severity}`,
            testid: 'diagnostic',
            'data-code': d.code,
            'data-severity': d.severity,
            'data-start': d.start,
          },
          h('span', { class: 'sev' }, d.severity),
          h('span', { class: 'where' }, `${pos.number}:${d.start - pos.from + 1}`),
          h('span', { class: 'message' }, d.message),
          ...d.fixes.map((fix) => h('button', { testid: 'fix', onclick: () => this.editor.applyFix(fix) }, fix.title)),
        );
      }),
    );
  }

  private maxrecValue(): number | undefined {
    const n = Number(this.maxrec.value);
    return this.maxrec.value !== '' && Number.isInteger(n) && n >= 0 ? n : undefined;
  }

  /**
   * Runs the editor's query. A query with local errors is not sent unless `anyway` (the validator
   * may not know a service's own functions): the banner offers to send it.
   */
  async execute(anyway = false): Promise<void> {
    if (!this.tap || this.run) return;
    const query = this.editor.text;
    const errors = this.editor.currentDiagnostics().filter((d) => d.severity === 'error');
    this.messages.replaceChildren();
    if (errors.length > 0 && !anyway) {
      this.showError(
        `not sent: ${errors.length} error(s) in the query (see the list under the editor)`,
        h('button', { testid: 'send-anyway', onclick: () => void this.execute(true) }, 'send anyway'),
      );
      return;
    }
    const uploads = Object.fromEntries([...this.uploads.values()].map((u) => [u.name, u.votable]));
    const mode = this.mode.value as RunMode;
    const run = new QueryRun(this.tap, { query, mode, maxrec: this.maxrecValue(), uploads }, (phase, ms, jobUrl) => {
      this.setStatus(`${mode} ${phase} ${(ms / 1000).toFixed(1)} s`);
      if (jobUrl) this.status.dataset.jobUrl = jobUrl;
    });
    delete this.status.dataset.jobUrl;
    this.run = run;
    this.cancelButton.disabled = false;
    try {
      const result = await run.result();
      this.showResult(result);
    } catch (err) {
      if (isCancellation(err)) {
        const aborted = await run.cancelled().catch(() => false);
        this.setStatus(`${mode} cancelled${aborted ? ': the job is ABORTED on the service' : ''}`);
      } else {
        this.showRunError(err);
      }
    } finally {
      this.run = undefined;
      this.cancelButton.disabled = true;
      if (mode === 'async') void this.jobs.refresh();
    }
  }

  private async reattach(jobUrl: string): Promise<void> {
    if (!this.tap) return;
    try {
      const job = this.tap.job(jobUrl);
      // The job's own query goes in the editor, so what is shown and what produced it match.
      const query = (await job.info()).parameters.query;
      if (query !== undefined) this.editor.setText(query);
      this.showResult(await job.fetchResult());
    } catch (err) {
      this.showRunError(err);
    }
  }

  private showRunError(err: unknown): void {
    if (err instanceof TapQueryError) {
      const offset = this.editor.markServerError(err.serverMessage, err.line, err.column);
      this.showError(
        `the service refused the query: ${err.serverMessage}${err.line !== undefined ? ` (line ${err.line}${err.column !== undefined ? `, column ${err.column}` : ''})` : ''}`,
      );
      this.messages.firstElementChild?.setAttribute('data-offset', String(offset));
    } else {
      this.showError((err as Error).message);
    }
    this.setStatus('failed');
  }

  private showResult(result: TapResult): void {
    const table = tableOf(result.columns, (i) => result.column(i), result.rowCount);
    this.showTable(table, result.overflow, result.table);
    this.setStatus(`${result.rowCount} rows`);
  }

  /**
   * Shows a table (a result, or one the benchmark builds) in the grid and the plots; `source` (the
   * service's VOTable table) adds the Parquet and Arrow exports.
   */
  showTable(table: ResultTable, overflow: boolean, source?: VOTableTable): void {
    this.selectionCount.textContent = '0';
    const service = this.service;
    const query = this.editor.text;
    const copy = (text: string, what: string) => () =>
      void navigator.clipboard.writeText(text).then(
        () => this.setStatus(`${what} copied`),
        () => download(`${what}.txt`, text, 'text/plain'),
      );
    this.results.replaceChildren(
      overflow
        ? h(
            'div',
            { class: 'banner overflow', testid: 'overflow' },
            `Truncated: the service stopped at ${table.rowCount} rows (MAXREC or its limit); more rows match. Raise MAXREC or narrow the query.`,
          )
        : '',
      h(
        'div',
        { class: 'results-bar' },
        h('span', {}, h('b', { testid: 'row-count' }, String(table.rowCount)), ' rows'),
        h('span', {}, 'selected: ', this.selectionCount),
        h('button', { onclick: () => download('result.csv', toCsv(table), 'text/csv'), testid: 'export-csv' }, 'CSV'),
        h(
          'button',
          { onclick: () => download('result.vot', toVOTable(table), 'application/x-votable+xml'), testid: 'export-votable' },
          'VOTable',
        ),
        source
          ? h(
              'button',
              {
                onclick: () =>
                  download('result.parquet', toParquetBytes(source) as Uint8Array<ArrayBuffer>, 'application/vnd.apache.parquet'),
                testid: 'export-parquet',
              },
              'Parquet',
            )
          : '',
        source
          ? h(
              'button',
              {
                onclick: () =>
                  download('result.arrows', toArrowBytes(source) as Uint8Array<ArrayBuffer>, 'application/vnd.apache.arrow.stream'),
                testid: 'export-arrow',
              },
              'Arrow',
            )
          : '',
        service
          ? h(
              'button',
              { onclick: copy(asTypeScript(service.url, query, this.maxrecValue()), 'TypeScript'), testid: 'copy-ts' },
              'copy as TypeScript',
            )
          : '',
        service
          ? h('button', { onclick: copy(asCurl(service.url, query, this.maxrecValue()), 'curl'), testid: 'copy-curl' }, 'copy as curl')
          : '',
      ),
      this.grid.element,
    );
    this.grid.show(table);
    this.plots.show(table);
  }

  /** The chosen service's own URL (not the proxy's): shown, and used by tests and "copy as curl". */
  serviceUrl(): string | undefined {
    return this.service?.url;
  }

  /** Selects rows everywhere; `from` is the plot they were brushed in (it shows them already). */
  select(rows: number[], from?: PlotSlotKind): void {
    this.selectionCount.textContent = String(rows.length);
    this.grid.setSelection(rows);
    this.plots.setSelection(rows, from);
  }

  private showError(message: string, action?: HTMLElement): void {
    this.messages.replaceChildren(h('div', { class: 'banner error', testid: 'error' }, message, action ? ' ' : '', action));
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
  }
}

/** Whether a run ended because it was cancelled (the abort surfaces as any of these). */
function isCancellation(err: unknown): boolean {
  return err instanceof RunCancelled || (err as Error).name === 'AbortError' || (err as Error).name === 'TapAbortError';
}

/** Plot settings from a URL; a damaged parameter is ignored (the defaults apply). */
function parsePlotState(text: string): PlotState {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as PlotState) : {};
  } catch {
    return {};
  }
}

const key = launchKey();
if (key === undefined) {
  document.body.append(h('p', {}, 'Open the workbench with the URL `adql ui` printed: it carries this launch’s key.'));
} else {
  (window as unknown as { workbench: Workbench }).workbench = new Workbench(key);
}
