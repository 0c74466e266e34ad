/**
 * Builds the VOTable metadata model from the XML "skeleton" (the document with its table data cut
 * out), parsed by fast-xml-parser in preserveOrder mode with namespace prefixes removed.
 */
import { XMLParser } from 'fast-xml-parser';
import { parseArraysize } from './columns.js';
import { VOTableError } from './errors.js';
import type { ReadReporter } from './report.js';
import type {
  VOTableCoosys,
  VOTableDatatype,
  VOTableField,
  VOTableFieldRef,
  VOTableGroup,
  VOTableInfo,
  VOTableLink,
  VOTableOption,
  VOTableParam,
  VOTableResource,
  VOTableTableMeta,
  VOTableTimesys,
  VOTableValues,
} from './types.js';
import { VOTABLE_DATATYPES } from './types.js';

type XNode = Record<string, unknown>;

interface El {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignorePiTags: true,
  ignoreDeclaration: true,
  processEntities: true,
  htmlEntities: false,
});

export function parseXml(text: string): XNode[] {
  try {
    return parser.parse(text) as XNode[];
  } catch (e) {
    throw new VOTableError('xml', `malformed VOTable XML: ${(e as Error).message}`, {}, { cause: e });
  }
}

function toEl(node: XNode): El | undefined {
  for (const key of Object.keys(node)) {
    if (key === ':@' || key === '#text') continue;
    const attrs = (node[':@'] as Record<string, string> | undefined) ?? {};
    return { name: key, attrs, children: (node[key] as XNode[]) ?? [] };
  }
  return undefined;
}

function* elements(children: XNode[], name?: string): Generator<El> {
  for (const c of children) {
    const el = toEl(c);
    if (el && (name === undefined || el.name === name)) yield el;
  }
}

function text(children: XNode[]): string {
  let s = '';
  for (const c of children) {
    if ('#text' in c) s += String(c['#text']);
    else {
      const el = toEl(c);
      if (el) s += text(el.children);
    }
  }
  return s;
}

function opt<T extends object>(target: T, attrs: Record<string, string>, keys: readonly string[]): T {
  for (const k of keys) if (attrs[k] !== undefined) (target as Record<string, unknown>)[k] = attrs[k];
  return target;
}

function description(children: XNode[]): string | undefined {
  for (const d of elements(children, 'DESCRIPTION')) return text(d.children).trim();
  return undefined;
}

function links(children: XNode[]): VOTableLink[] {
  return [...elements(children, 'LINK')]
    .map((l) => opt({}, l.attrs, ['ID', 'content-role', 'contentRole', 'content-type', 'contentType', 'title', 'value', 'href', 'action']))
    .map(normaliseLink);
}

function normaliseLink(l: Record<string, string>): VOTableLink {
  const out: VOTableLink = {};
  for (const [k, v] of Object.entries(l)) {
    const key = k === 'content-role' ? 'contentRole' : k === 'content-type' ? 'contentType' : k;
    (out as Record<string, string>)[key] = v;
  }
  return out;
}

function options(children: XNode[]): VOTableOption[] {
  return [...elements(children, 'OPTION')].map((o) => {
    const opt_: VOTableOption = { value: o.attrs.value ?? '', options: options(o.children) };
    if (o.attrs.name !== undefined) opt_.name = o.attrs.name;
    return opt_;
  });
}

function values(children: XNode[]): VOTableValues | undefined {
  for (const v of elements(children, 'VALUES')) {
    const out: VOTableValues = opt({ options: options(v.children) }, v.attrs, ['ID', 'type', 'null', 'ref']);
    for (const m of elements(v.children, 'MIN')) out.min = { value: m.attrs.value ?? '', inclusive: m.attrs.inclusive !== 'no' };
    for (const m of elements(v.children, 'MAX')) out.max = { value: m.attrs.value ?? '', inclusive: m.attrs.inclusive !== 'no' };
    return out;
  }
  return undefined;
}

/** Datatype names some services write instead of the standard ones (read in lenient mode). */
const DATATYPE_ALIASES: Record<string, VOTableDatatype> = { string: 'char', unicodeString: 'unicodeChar' };

export function buildField(el: El, kind = 'FIELD', reporter?: ReadReporter): VOTableField {
  const a = el.attrs;
  const name = a.name ?? a.ID;
  if (name === undefined) throw new VOTableError('metadata', `${kind} without name or ID attribute`);
  let datatype = a.datatype;
  if (datatype === undefined)
    throw new VOTableError('metadata', `${kind} ${JSON.stringify(name)} has no datatype attribute`, { column: name });
  let arraysize = a.arraysize;
  if (!(VOTABLE_DATATYPES as readonly string[]).includes(datatype)) {
    const problem = `${kind} ${JSON.stringify(name)} has unknown datatype ${JSON.stringify(datatype)}; expected one of ${VOTABLE_DATATYPES.join(', ')}`;
    if (reporter?.lenient !== true)
      throw new VOTableError('metadata', `${problem} (read with { invalid: 'null' } to read it as text)`, { column: name });
    // Known aliases keep their meaning; anything else is kept as the text it is written as.
    const standard = DATATYPE_ALIASES[datatype] ?? 'char';
    if (standard === 'char' && !(datatype in DATATYPE_ALIASES)) arraysize = '*';
    else arraysize ??= '*';
    reporter.warn(`${problem}: read as ${standard} with arraysize "${arraysize}"`);
    datatype = standard;
  }
  const { shape, variable } = parseArraysize(arraysize, name);
  const field: VOTableField = { name, datatype: datatype as VOTableDatatype, links: links(el.children), shape, variable };
  opt(field, a, ['ID', 'precision', 'unit', 'ucd', 'utype', 'xtype', 'ref', 'type']);
  if (arraysize !== undefined) field.arraysize = arraysize;
  if (a.width !== undefined && /^\d+$/.test(a.width.trim())) field.width = Number(a.width);
  const d = description(el.children);
  if (d !== undefined) field.description = d;
  const v = values(el.children);
  if (v !== undefined) field.values = v;
  return field;
}

function buildParam(el: El, reporter?: ReadReporter): VOTableParam {
  const f = buildField(el, 'PARAM', reporter);
  return { ...f, value: el.attrs.value ?? '' };
}

function buildInfo(el: El): VOTableInfo {
  const info: VOTableInfo = { name: el.attrs.name ?? '', value: el.attrs.value ?? '', content: text(el.children).trim() };
  return opt(info, el.attrs, ['ID', 'unit', 'ucd', 'utype', 'xtype', 'ref']);
}

function buildRefs(children: XNode[], name: string): VOTableFieldRef[] {
  return [...elements(children, name)].map((r) => opt({ ref: r.attrs.ref ?? '' }, r.attrs, ['ucd', 'utype']));
}

function buildGroup(el: El, reporter?: ReadReporter): VOTableGroup {
  const g: VOTableGroup = {
    fieldRefs: buildRefs(el.children, 'FIELDref'),
    paramRefs: buildRefs(el.children, 'PARAMref'),
    params: [...elements(el.children, 'PARAM')].map((p) => buildParam(p, reporter)),
    groups: [...elements(el.children, 'GROUP')].map((c) => buildGroup(c, reporter)),
  };
  opt(g, el.attrs, ['ID', 'name', 'ref', 'ucd', 'utype']);
  const d = description(el.children);
  if (d !== undefined) g.description = d;
  return g;
}

/** Where a TABLE's data lives in the skeleton (the decoder fills it in document order). */
export interface TableSlot {
  meta: VOTableTableMeta;
  /** True when the TABLE has a DATA element with a decodable stream (index into data sections). */
  hasData: boolean;
}

/** The whole document's metadata, with tables as slots the reader attaches data to. */
export interface SkeletonModel {
  version?: string;
  description?: string;
  resources: VOTableResource<TableSlot>[];
  tables: TableSlot[];
  infos: VOTableInfo[];
  params: VOTableParam[];
  groups: VOTableGroup[];
  coosys: VOTableCoosys[];
  timesys: VOTableTimesys[];
}

/** `reporter` decides whether non-standard datatype names are refused or read (and warned about). */
export function buildSkeletonModel(nodes: XNode[], reporter?: ReadReporter): SkeletonModel {
  const root = [...elements(nodes)][0];
  if (!root) throw new VOTableError('not-votable', 'input contains no XML element; expected a VOTABLE document');
  if (root.name !== 'VOTABLE') {
    throw new VOTableError('not-votable', `root element is <${root.name}>, not <VOTABLE>; this is not a VOTable document`);
  }
  const model: SkeletonModel = { resources: [], tables: [], infos: [], params: [], groups: [], coosys: [], timesys: [] };
  if (root.attrs.version !== undefined) model.version = root.attrs.version;
  const d = description(root.children);
  if (d !== undefined) model.description = d;
  const allInfos = model.infos;

  const walkCommon = (
    children: XNode[],
    target: { infos: VOTableInfo[]; params: VOTableParam[]; groups: VOTableGroup[]; coosys?: VOTableCoosys[]; timesys?: VOTableTimesys[] },
  ): void => {
    for (const el of elements(children)) {
      switch (el.name) {
        case 'INFO': {
          const i = buildInfo(el);
          target.infos.push(i);
          if (target.infos !== allInfos) allInfos.push(i);
          break;
        }
        case 'PARAM':
          target.params.push(buildParam(el, reporter));
          break;
        case 'GROUP':
          target.groups.push(buildGroup(el, reporter));
          break;
        case 'COOSYS':
          target.coosys?.push(opt({}, el.attrs, ['ID', 'system', 'equinox', 'epoch', 'refposition']));
          break;
        case 'TIMESYS':
          target.timesys?.push(opt({}, el.attrs, ['ID', 'timeorigin', 'timescale', 'refposition']));
          break;
        case 'DEFINITIONS':
          walkCommon(el.children, target);
          break; // VOTable 1.1: COOSYS/PARAM live here
        default:
          break;
      }
    }
  };

  const buildTable = (el: El): TableSlot => {
    const meta: VOTableTableMeta = {
      columns: [...elements(el.children, 'FIELD')].map((f) => buildField(f, 'FIELD', reporter)),
      params: [],
      groups: [],
      links: links(el.children),
      infos: [],
      encoding: 'none',
    };
    opt(meta, el.attrs, ['ID', 'name', 'ucd', 'utype', 'ref']);
    if (el.attrs.nrows !== undefined && /^\d+$/.test(el.attrs.nrows.trim())) meta.nrows = Number(el.attrs.nrows);
    const td = description(el.children);
    if (td !== undefined) meta.description = td;
    let hasData = false;
    for (const child of elements(el.children)) {
      switch (child.name) {
        case 'PARAM':
          meta.params.push(buildParam(child, reporter));
          break;
        case 'GROUP':
          meta.groups.push(buildGroup(child, reporter));
          break;
        case 'INFO': {
          const i = buildInfo(child);
          meta.infos.push(i);
          allInfos.push(i);
          break;
        }
        case 'DATA':
          for (const ser of elements(child.children)) {
            if (ser.name === 'TABLEDATA') {
              meta.encoding = 'tabledata';
              hasData = true;
            } else if (ser.name === 'BINARY') {
              meta.encoding = 'binary';
              hasData = true;
            } else if (ser.name === 'BINARY2') {
              meta.encoding = 'binary2';
              hasData = true;
            } else if (ser.name === 'INFO') {
              const i = buildInfo(ser);
              meta.infos.push(i);
              allInfos.push(i);
            }
          }
          break;
        default:
          break;
      }
    }
    const slot: TableSlot = { meta, hasData };
    model.tables.push(slot);
    return slot;
  };

  const buildResource = (el: El): VOTableResource<TableSlot> => {
    const r: VOTableResource<TableSlot> = {
      infos: [],
      params: [],
      groups: [],
      links: links(el.children),
      coosys: [],
      timesys: [],
      tables: [],
      resources: [],
    };
    opt(r, el.attrs, ['ID', 'name', 'type', 'utype']);
    const rd = description(el.children);
    if (rd !== undefined) r.description = rd;
    // Keep document order between INFOs, TABLEs and nested RESOURCEs (QUERY_STATUS order matters).
    for (const child of elements(el.children)) {
      if (child.name === 'TABLE') r.tables.push(buildTable(child));
      else if (child.name === 'RESOURCE') r.resources.push(buildResource(child));
      else walkCommon([{ [child.name]: child.children, ':@': child.attrs }], r);
    }
    return r;
  };

  for (const child of elements(root.children)) {
    if (child.name === 'RESOURCE') model.resources.push(buildResource(child));
    else walkCommon([{ [child.name]: child.children, ':@': child.attrs }], model);
  }
  resolveReferences(model);
  return model;
}

/**
 * Follow the two references that carry data semantics: a TABLE with ref="ID" and no FIELDs of its
 * own takes the FIELDs of the referenced TABLE, and a VALUES with ref="ID" takes the null value,
 * limits and options of the referenced VALUES (attributes it gives itself win).
 */
function resolveReferences(model: SkeletonModel): void {
  const tablesById = new Map<string, VOTableTableMeta>();
  for (const { meta } of model.tables) {
    if (meta.ref !== undefined && meta.columns.length === 0) {
      const target = tablesById.get(meta.ref);
      if (target !== undefined) meta.columns = target.columns.map((f) => ({ ...f }));
    }
    if (meta.ID !== undefined && !tablesById.has(meta.ID)) tablesById.set(meta.ID, meta);
  }
  const fields: VOTableField[] = [...model.params, ...model.groups.flatMap(groupParams)];
  const walk = (r: VOTableResource<TableSlot>): void => {
    fields.push(...r.params, ...r.groups.flatMap(groupParams));
    for (const t of r.tables) fields.push(...t.meta.columns, ...t.meta.params, ...t.meta.groups.flatMap(groupParams));
    r.resources.forEach(walk);
  };
  model.resources.forEach(walk);
  const valuesById = new Map<string, VOTableValues>();
  for (const f of fields) if (f.values?.ID !== undefined && !valuesById.has(f.values.ID)) valuesById.set(f.values.ID, f.values);
  for (const f of fields) {
    const own = f.values;
    if (own?.ref === undefined) continue;
    const target = valuesById.get(own.ref);
    if (target === undefined || target === own) continue;
    const merged: VOTableValues = { ...target, ...own, options: own.options.length > 0 ? own.options : target.options };
    if (own.ID === undefined) delete merged.ID;
    f.values = merged;
  }
}

function groupParams(g: VOTableGroup): VOTableParam[] {
  return [...g.params, ...g.groups.flatMap(groupParams)];
}
