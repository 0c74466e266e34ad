/// <reference lib="dom" />
/**
 * The linked plots: sky, scatter and histogram (a bar chart when its column is text, as for GROUP BY
 * results), drawn by src/plot's mountPlot. A brush or lasso in any of them selects rows by their
 * index in the result, so the same rows light up in every plot and in the grid.
 */
import { mountPlot, PlotError, type MountedPlot, type PlotSpec, type PlotTable } from '../../plot/index.js';
import { h } from './dom.js';
import { cellText, isNumericColumn, type ResultTable } from './table-data.js';

export interface PlotEvents {
  /** Rows brushed in the plot of `kind` (which already shows them). */
  onSelect(rows: number[], kind: PlotSlotKind): void;
  /** A control changed: the plot settings worth keeping in the URL. */
  onChange(state: PlotState): void;
}

/** Two scatter plots, so a colour-magnitude and a colour-colour diagram can be linked side by side. */
export type PlotSlotKind = 'sky' | 'scatter' | 'scatter-2' | 'histogram';

export interface ScatterState {
  x: string;
  y: string;
  colour?: string;
  logX?: boolean;
  logY?: boolean;
  reverseY?: boolean;
}

export interface PlotState {
  scatter?: ScatterState;
  'scatter-2'?: ScatterState;
  histogram?: string;
  projection?: string;
}

/** The inputs of one scatter plot (test hooks `<kind>-x`, `<kind>-y`, ...). */
class ScatterControls {
  readonly x: HTMLInputElement;
  readonly y: HTMLInputElement;
  readonly colour: HTMLInputElement;
  private readonly logX = h('input', { type: 'checkbox' });
  private readonly logY = h('input', { type: 'checkbox' });
  private readonly reverseY: HTMLInputElement;
  readonly element: HTMLElement;

  constructor(kind: string, onChange: () => void) {
    this.x = h('input', { list: 'plot-columns', placeholder: 'x (column or expression)', testid: `${kind}-x` });
    this.y = h('input', { list: 'plot-columns', placeholder: 'y', testid: `${kind}-y` });
    this.colour = h('input', { list: 'plot-columns', placeholder: 'colour by', testid: `${kind}-colour` });
    this.reverseY = h('input', { type: 'checkbox', testid: `${kind}-reverse-y` });
    for (const input of [this.x, this.y, this.colour, this.logX, this.logY, this.reverseY]) input.addEventListener('change', onChange);
    this.element = h(
      'span',
      {},
      this.x,
      this.y,
      this.colour,
      h('label', {}, this.logX, 'log x'),
      h('label', {}, this.logY, 'log y'),
      h('label', {}, this.reverseY, 'reverse y'),
    );
  }

  spec(): PlotSpec | undefined {
    if (!this.x.value || !this.y.value) return undefined;
    return {
      kind: 'scatter',
      height: 300,
      x: { expr: this.x.value, log: this.logX.checked },
      y: { expr: this.y.value, log: this.logY.checked, ...(this.reverseY.checked ? { reversed: true } : {}) },
      ...(this.colour.value ? { color: this.colour.value } : {}),
    };
  }

  state(): ScatterState | undefined {
    if (!this.x.value && !this.y.value) return undefined;
    return {
      x: this.x.value,
      y: this.y.value,
      ...(this.colour.value ? { colour: this.colour.value } : {}),
      ...(this.logX.checked ? { logX: true } : {}),
      ...(this.logY.checked ? { logY: true } : {}),
      ...(this.reverseY.checked ? { reverseY: true } : {}),
    };
  }

  restore(state: ScatterState | undefined): void {
    this.x.value = state?.x ?? '';
    this.y.value = state?.y ?? '';
    this.colour.value = state?.colour ?? '';
    this.logX.checked = state?.logX === true;
    this.logY.checked = state?.logY === true;
    this.reverseY.checked = state?.reverseY === true;
  }
}

/** The page's result table as the plots read it. */
export function plotTableOf(table: ResultTable): PlotTable {
  const numbers = new Map<string, Float64Array>();
  const index = (name: string): number => {
    const i = table.columns.findIndex((c) => c.name === name);
    if (i < 0)
      throw new PlotError(`no column ${JSON.stringify(name)} in the result`, `columns are ${table.columns.map((c) => c.name).join(', ')}`);
    return i;
  };
  return {
    rowCount: table.rowCount,
    columnNames: table.columns.map((c) => c.name),
    field: (name) => {
      const c = table.columns.find((col) => col.name === name);
      return (
        c &&
        ({
          name: c.name,
          datatype: c.datatype as 'double',
          unit: c.unit,
          ucd: c.ucd,
          description: c.description,
          links: [],
          shape: [],
        } as never)
      );
    },
    numbers(name) {
      let out = numbers.get(name);
      if (!out) {
        const values = table.values[index(name)]!;
        out = new Float64Array(table.rowCount);
        for (let r = 0; r < out.length; r++) {
          const v = values[r];
          out[r] = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? Number(v) : NaN;
        }
        numbers.set(name, out);
      }
      return out;
    },
    texts: (name) => table.values[index(name)]!.map((v) => (v === null || v === undefined ? null : cellText(v))),
    isNumeric: (name) => isNumericColumn(table, index(name)),
    row: (i) => Object.fromEntries(table.columns.map((c, k) => [c.name, table.values[k]![i]])),
  };
}

interface Slot {
  kind: PlotSlotKind;
  area: HTMLElement;
  controls: HTMLElement;
  mounted?: MountedPlot | undefined;
  spec(): PlotSpec | undefined;
}

export class LinkedPlots {
  readonly element: HTMLElement;
  private readonly slots: Slot[] = [];
  private table: ResultTable | undefined;
  private view: PlotTable | undefined;
  private readonly hover = h('div', { class: 'muted', testid: 'plot-hover' });
  private readonly columnList = h('datalist', { id: 'plot-columns' });
  private readonly scatters: Record<'scatter' | 'scatter-2', ScatterControls>;
  private readonly histColumn = h('input', { list: 'plot-columns', placeholder: 'column', testid: 'histogram-x' });
  private readonly projection = h(
    'select',
    {},
    h('option', { value: 'aitoff' }, 'Aitoff'),
    h('option', { value: 'mollweide' }, 'Mollweide'),
  );

  constructor(private readonly events: PlotEvents) {
    // A control redraws only its own plot (a redraw at 10^6 points is a visible fraction of a second).
    const changed = (kind: PlotSlotKind) => () => {
      this.draw(kind);
      this.events.onChange(this.state());
    };
    this.scatters = {
      scatter: new ScatterControls('scatter', changed('scatter')),
      'scatter-2': new ScatterControls('scatter-2', changed('scatter-2')),
    };
    this.histColumn.addEventListener('change', changed('histogram'));
    this.projection.addEventListener('change', changed('sky'));
    this.addSlot('sky', h('span', {}, this.projection), () => ({
      kind: 'sky',
      projection: this.projection.value as 'aitoff',
      height: 300,
    }));
    for (const kind of ['scatter', 'scatter-2'] as const) this.addSlot(kind, this.scatters[kind].element, () => this.scatters[kind].spec());
    this.addSlot('histogram', h('span', {}, this.histColumn), () => {
      const column = this.histColumn.value;
      if (!column || !this.view) return undefined;
      const text = this.view.columnNames.includes(column) && !this.view.isNumeric(column);
      return text ? { kind: 'bar', category: column, height: 300 } : { kind: 'histogram', x: column, height: 300 };
    });
    this.element = h(
      'section',
      { class: 'plots' },
      this.columnList,
      ...this.slots.map((s) => h('div', { class: 'plot-box' }, s.controls, s.area)),
      this.hover,
    );
    // Shown with the first result: empty frames say nothing.
    this.element.hidden = true;
  }

  private addSlot(kind: PlotSlotKind, controls: HTMLElement, spec: () => PlotSpec | undefined): void {
    this.slots.push({
      kind,
      area: h('div', { class: 'plot-area', testid: `plot-${kind}` }),
      controls: h('div', { class: 'plot-controls' }, h('b', {}, kind), controls),
      spec,
    });
  }

  /** The settings a shared URL carries. */
  state(): PlotState {
    const scatter = this.scatters.scatter.state();
    const second = this.scatters['scatter-2'].state();
    return {
      ...(scatter ? { scatter } : {}),
      ...(second ? { 'scatter-2': second } : {}),
      ...(this.histColumn.value ? { histogram: this.histColumn.value } : {}),
      ...(this.projection.value !== 'aitoff' ? { projection: this.projection.value } : {}),
    };
  }

  /** Takes settings from a URL (before the first result: show() keeps what is set). */
  restore(state: PlotState): void {
    this.scatters.scatter.restore(state.scatter);
    this.scatters['scatter-2'].restore(state['scatter-2']);
    this.histColumn.value = state.histogram ?? '';
    this.projection.value = state.projection === 'mollweide' ? 'mollweide' : 'aitoff';
  }

  show(table: ResultTable): void {
    this.element.hidden = false;
    this.table = table;
    this.view = plotTableOf(table);
    const names = table.columns.map((c) => c.name);
    this.columnList.replaceChildren(...names.map((n) => h('option', { value: n })));
    const numeric = names.filter((_, i) => isNumericColumn(table, i));
    const notPosition = numeric.filter(
      (n) => !/^(ra|dec|id)$/i.test(n) && !/pos\.eq|meta\.id/.test(table.columns[names.indexOf(n)]?.ucd ?? ''),
    );
    // An expression (g - r) is kept across results; a column name only while the result has it.
    const keep = (value: string) => names.includes(value) || /[-+*/(]/.test(value);
    const first = this.scatters.scatter;
    if (!keep(first.x.value)) first.x.value = notPosition[0] ?? numeric[0] ?? '';
    if (!keep(first.y.value)) first.y.value = notPosition[1] ?? numeric[1] ?? '';
    const second = this.scatters['scatter-2'];
    if (!keep(second.x.value) || !keep(second.y.value)) second.restore(undefined);
    if (!names.includes(this.histColumn.value)) this.histColumn.value = notPosition[0] ?? names[0] ?? '';
    this.draw();
  }

  /** Highlights the rows in every plot but `except` (the one the brush was drawn in). */
  setSelection(rows: readonly number[], except?: PlotSlotKind): void {
    for (const slot of this.slots) if (slot.kind !== except) slot.mounted?.setSelection(rows);
  }

  /** The mounted plot of a kind (tests place a brush with its pixel scales). */
  mounted(kind: PlotSlotKind): MountedPlot | undefined {
    return this.slots.find((s) => s.kind === kind)?.mounted;
  }

  private draw(only?: PlotSlotKind): void {
    const view = this.view;
    for (const slot of this.slots) {
      if (only !== undefined && slot.kind !== only) continue;
      slot.mounted?.destroy();
      slot.mounted = undefined;
      slot.area.replaceChildren();
      const spec = view && this.table && this.table.rowCount > 0 ? slot.spec() : undefined;
      if (!view || !spec) continue;
      try {
        slot.mounted = mountPlot(slot.area, view, spec, {
          onSelect: (rows) => this.events.onSelect(Array.from(rows), slot.kind),
          onHover: (row) => {
            this.hover.textContent = row
              ? Object.entries(row)
                  .map(([k, v]) => `${k}=${cellText(v as never)}`)
                  .join('  ')
              : '';
          },
        });
      } catch (err) {
        slot.area.append(h('div', { class: 'muted' }, err instanceof Error ? err.message : String(err)));
      }
    }
  }
}
