/// <reference lib="dom" />
/**
 * The results grid, virtualised: only the rows in view (plus a margin) exist in the DOM, so a
 * million rows scroll like twenty. Headers show units and descriptions and sort on click; a filter
 * box narrows the rows; selected rows (from brushing in a plot, or a click here) are highlighted.
 */
import { h } from './dom.js';
import { cellText, parseFilter, viewOrder, type ResultTable, type SortKey } from './table-data.js';

const ROW_HEIGHT = 22;
const OVERSCAN = 10;

export interface GridEvents {
  onSelect(rows: number[]): void;
}

export class ResultsGrid {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly body: HTMLElement;
  private readonly header: HTMLElement;
  private readonly filterInput: HTMLInputElement;
  private readonly filterError: HTMLElement;
  private table: ResultTable | undefined;
  private order: Int32Array = new Int32Array(0);
  private sort: SortKey | undefined;
  /** selected[row] is 1 for a selected row (a byte per row: cheaper than a Set at 10^5-10^6 rows). */
  private selected = new Uint8Array(0);
  private frame = 0;
  /** Row elements in view, reused by render(). */
  private pool: HTMLElement[] = [];

  constructor(private readonly events: GridEvents) {
    this.filterInput = h('input', {
      type: 'search',
      placeholder: 'filter: text, or column op value (e.g. gmag < 17)',
      class: 'grid-filter',
      testid: 'grid-filter',
    });
    this.filterInput.addEventListener('input', () => this.refilter());
    this.filterError = h('span', { class: 'grid-filter-error' });
    this.header = h('div', { class: 'grid-header' });
    this.spacer = h('div', { class: 'grid-spacer' });
    this.body = h('div', { class: 'grid-body' });
    this.scroller = h('div', { class: 'grid-scroller', testid: 'grid-scroller' }, this.spacer, this.body);
    this.scroller.addEventListener('scroll', () => this.schedule());
    this.body.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('.grid-row')?.dataset.row;
      if (row !== undefined) this.events.onSelect([Number(row)]);
    });
    this.element = h(
      'div',
      { class: 'grid' },
      h('div', { class: 'grid-tools' }, this.filterInput, this.filterError),
      this.header,
      this.scroller,
    );
  }

  show(table: ResultTable | undefined): void {
    this.table = table;
    // A new table may have other columns: its rows are built afresh.
    this.body.replaceChildren();
    this.pool = [];
    this.sort = undefined;
    this.selected = new Uint8Array(table?.rowCount ?? 0);
    this.filterInput.value = '';
    this.filterError.textContent = '';
    this.renderHeader();
    this.reorder(undefined);
  }

  setSelection(rows: readonly number[]): void {
    this.selected = new Uint8Array(this.table?.rowCount ?? 0);
    for (const row of rows) this.selected[row] = 1;
    this.render();
  }

  private refilter(): void {
    if (!this.table) return;
    const keep = parseFilter(this.table, this.filterInput.value);
    this.filterError.textContent = typeof keep === 'string' ? keep : '';
    this.reorder(typeof keep === 'function' ? keep : undefined);
  }

  private reorder(keep: ((row: number) => boolean) | undefined): void {
    this.order = this.table ? viewOrder(this.table, this.sort, keep) : new Int32Array(0);
    this.spacer.style.height = `${this.order.length * ROW_HEIGHT}px`;
    this.scroller.scrollTop = 0;
    this.render();
  }

  private renderHeader(): void {
    this.header.replaceChildren();
    if (!this.table) return;
    this.table.columns.forEach((col, c) => {
      const arrow = this.sort?.column === c ? (this.sort.descending ? ' ▼' : ' ▲') : '';
      const title = [col.description, col.ucd ? `UCD ${col.ucd}` : undefined, col.datatype].filter(Boolean).join('\n');
      this.header.append(
        h(
          'div',
          { class: 'grid-cell grid-head', title, testid: 'grid-head', onclick: () => this.toggleSort(c) },
          h('span', { class: 'grid-name' }, col.name + arrow),
          col.unit ? h('span', { class: 'grid-unit' }, col.unit) : undefined,
        ),
      );
    });
    this.header.style.gridTemplateColumns = this.columnTemplate();
  }

  private toggleSort(c: number): void {
    this.sort =
      this.sort?.column === c ? (this.sort.descending ? undefined : { column: c, descending: true }) : { column: c, descending: false };
    this.renderHeader();
    this.refilter();
  }

  private columnTemplate(): string {
    return `repeat(${this.table?.columns.length ?? 1}, minmax(7em, 1fr))`;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /**
   * Fills the rows in view. Row elements are reused from frame to frame (only their text and class
   * change), so scrolling creates no DOM nodes; one click listener on the body finds the row.
   */
  private render(): void {
    const table = this.table;
    if (!table) {
      this.body.replaceChildren();
      this.pool = [];
      return;
    }
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const visible = Math.ceil((this.scroller.clientHeight || 400) / ROW_HEIGHT) + 2 * OVERSCAN;
    const last = Math.min(this.order.length, first + visible);
    this.body.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const template = this.columnTemplate();
    while (this.pool.length < last - first) {
      const line = h('div', { class: 'grid-row' });
      for (let c = 0; c < table.values.length; c++) line.append(h('div', { class: 'grid-cell' }));
      this.pool.push(line);
      this.body.append(line);
    }
    this.pool.forEach((line, k) => {
      const i = first + k;
      line.hidden = i >= last;
      if (line.hidden) return;
      const row = this.order[i]!;
      line.dataset.row = String(row);
      line.className = this.selected[row] ? 'grid-row selected' : 'grid-row';
      line.style.gridTemplateColumns = template;
      const cells = line.children;
      for (let c = 0; c < table.values.length; c++) (cells[c] as HTMLElement).textContent = cellText(table.values[c]![row]);
    });
  }
}
