/// <reference lib="dom" />
/**
 * The schema browser: schemas and tables of the service with a search box; a table opens to its
 * columns (type, unit, UCD, description); clicking a name inserts it in the editor. The service's
 * DALI examples are listed below, each insertable and runnable.
 */
import type { LoadedSchema } from '../../tooling/index.js';
import type { TapExample } from '../../tap/index.js';
import { h } from './dom.js';

const MAX_LISTED = 300;

export interface SchemaBrowserEvents {
  insert(text: string): void;
  runExample(query: string): void;
}

export class SchemaBrowser {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly examples: HTMLElement;
  private readonly search: HTMLInputElement;
  private schema: LoadedSchema | undefined;

  constructor(private readonly events: SchemaBrowserEvents) {
    this.search = h('input', { type: 'search', placeholder: 'search tables and columns', class: 'schema-search', testid: 'schema-search' });
    this.search.addEventListener('input', () => this.render());
    this.list = h('div', { class: 'schema-list', testid: 'schema-browser' });
    this.examples = h('div', { class: 'examples', testid: 'examples' });
    this.element = h('aside', { class: 'side' }, h('h2', {}, 'Tables'), this.search, this.list, h('h2', {}, 'Examples'), this.examples);
  }

  show(schema: LoadedSchema | undefined): void {
    this.schema = schema;
    this.render();
  }

  showExamples(examples: TapExample[] | string): void {
    this.examples.replaceChildren();
    if (typeof examples === 'string') {
      this.examples.append(h('div', { class: 'muted' }, examples));
      return;
    }
    for (const ex of examples) {
      this.examples.append(
        h(
          'div',
          { class: 'example' },
          h('span', { class: 'example-name', title: ex.query }, ex.name),
          h('button', { onclick: () => this.events.insert(ex.query), title: 'put in the editor' }, 'insert'),
          h('button', { onclick: () => this.events.runExample(ex.query), title: 'put in the editor and run' }, 'run'),
        ),
      );
    }
  }

  private render(): void {
    this.list.replaceChildren();
    const editor = this.schema?.editor;
    if (!editor) return;
    const needle = this.search.value.trim().toLowerCase();
    let shown = 0;
    for (const table of editor.tables()) {
      const columns = editor.columns(table) ?? [];
      const tableHit =
        needle === '' || table.name.toLowerCase().includes(needle) || (table.description ?? '').toLowerCase().includes(needle);
      const columnHits =
        needle === ''
          ? []
          : columns.filter((c) => c.name.toLowerCase().includes(needle) || (c.description ?? '').toLowerCase().includes(needle));
      if (!tableHit && columnHits.length === 0) continue;
      if (++shown > MAX_LISTED) {
        this.list.append(h('div', { class: 'muted' }, `more tables match: narrow the search`));
        break;
      }
      const details = h('details', { open: columnHits.length > 0 });
      const summary = h(
        'summary',
        { title: table.description ?? '' },
        h('span', { class: 'insertable', onclick: (e) => (e.preventDefault(), this.events.insert(table.name)) }, table.name),
      );
      details.append(summary);
      details.addEventListener('toggle', () => {
        if (!details.open || details.childElementCount > 1) return;
        for (const c of columns) {
          details.append(
            h(
              'div',
              { class: 'column', title: c.description ?? '' },
              h('span', { class: 'insertable', onclick: () => this.events.insert(c.name) }, c.name),
              h('span', { class: 'muted' }, ` ${c.datatype ?? ''}${c.unit ? ` [${c.unit}]` : ''}${c.ucd ? ` ${c.ucd}` : ''}`),
              c.description ? h('div', { class: 'column-doc' }, c.description) : undefined,
            ),
          );
        }
      });
      this.list.append(details);
    }
  }
}
