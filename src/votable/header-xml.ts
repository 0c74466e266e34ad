/**
 * The data-less VOTable that VOParquet (IVOA Note 1.0, 2025) keeps in a Parquet file's key-value
 * metadata: the first TABLE has the FIELDs of the Parquet columns, in order, and no DATA; the
 * RESOURCE around it carries the INFOs (QUERY_STATUS), PARAMs and coordinate systems.
 */
import { VOTableError } from './errors.js';
import { buildSkeletonModel, parseXml, type SkeletonModel, type TableSlot } from './metadata.js';
import type {
  VOTableCoosys,
  VOTableField,
  VOTableFieldRef,
  VOTableGroup,
  VOTableInfo,
  VOTableLink,
  VOTableParam,
  VOTableResource,
  VOTableTableMeta,
  VOTableTimesys,
  VOTableValues,
} from './types.js';

/** The key-value metadata keys and version the VOParquet Note defines. */
export const VOPARQUET_VERSION_KEY = 'IVOA.VOTable-Parquet.version';
export const VOPARQUET_CONTENT_KEY = 'IVOA.VOTable-Parquet.content';
export const VOPARQUET_VERSION = '1.0';

/** What surrounds the table in its results RESOURCE. */
export interface VOTableHeaderContext {
  /** INFOs of the RESOURCE (QUERY_STATUS, the query...). A last QUERY_STATUS of OVERFLOW is written after the TABLE. */
  infos?: readonly VOTableInfo[];
  params?: readonly VOTableParam[];
  coosys?: readonly VOTableCoosys[];
  timesys?: readonly VOTableTimesys[];
}

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attrs(o: object, names: readonly string[]): string {
  const rec = o as Record<string, unknown>;
  return names.flatMap((n) => (rec[n] === undefined ? [] : [` ${n}="${esc(String(rec[n]))}"`])).join('');
}

const FIELD_ATTRS = ['ID', 'name', 'datatype', 'arraysize', 'width', 'precision', 'unit', 'ucd', 'utype', 'xtype', 'ref', 'type'] as const;
const INFO_ATTRS = ['ID', 'name', 'value', 'unit', 'ucd', 'utype', 'xtype', 'ref'] as const;
const LINK_ATTRS = ['ID', 'contentRole', 'contentType', 'title', 'value', 'href', 'action'] as const;

function infoXml(i: VOTableInfo, pad: string): string {
  return i.content === '' ? `${pad}<INFO${attrs(i, INFO_ATTRS)}/>` : `${pad}<INFO${attrs(i, INFO_ATTRS)}>${text(i.content)}</INFO>`;
}

function valuesXml(v: VOTableValues, pad: string): string[] {
  const inner: string[] = [];
  if (v.min) inner.push(`${pad} <MIN value="${esc(v.min.value)}" inclusive="${v.min.inclusive ? 'yes' : 'no'}"/>`);
  if (v.max) inner.push(`${pad} <MAX value="${esc(v.max.value)}" inclusive="${v.max.inclusive ? 'yes' : 'no'}"/>`);
  const option = (o: VOTableValues['options'][number], p: string): string[] =>
    o.options.length === 0
      ? [`${p}<OPTION${attrs(o, ['name', 'value'])}/>`]
      : [`${p}<OPTION${attrs(o, ['name', 'value'])}>`, ...o.options.flatMap((c) => option(c, `${p} `)), `${p}</OPTION>`];
  for (const o of v.options) inner.push(...option(o, `${pad} `));
  const open = `${pad}<VALUES${attrs(v, ['ID', 'type', 'null', 'ref'])}`;
  return inner.length === 0 ? [`${open}/>`] : [`${open}>`, ...inner, `${pad}</VALUES>`];
}

function linkXml(l: VOTableLink, pad: string): string {
  return `${pad}<LINK${attrs(l, LINK_ATTRS)}/>`;
}

function fieldXml(f: VOTableField | VOTableParam, tag: 'FIELD' | 'PARAM', pad: string): string[] {
  const names = tag === 'PARAM' ? [...FIELD_ATTRS, 'value'] : FIELD_ATTRS;
  const inner: string[] = [];
  if (f.description !== undefined) inner.push(`${pad} <DESCRIPTION>${text(f.description)}</DESCRIPTION>`);
  if (f.values !== undefined) inner.push(...valuesXml(f.values, `${pad} `));
  for (const l of f.links) inner.push(linkXml(l, `${pad} `));
  const open = `${pad}<${tag}${attrs(f, names)}`;
  return inner.length === 0 ? [`${open}/>`] : [`${open}>`, ...inner, `${pad}</${tag}>`];
}

function groupXml(g: VOTableGroup, pad: string): string[] {
  const ref = (r: VOTableFieldRef, tag: string): string => `${pad} <${tag}${attrs(r, ['ref', 'ucd', 'utype'])}/>`;
  return [
    `${pad}<GROUP${attrs(g, ['ID', 'name', 'ref', 'ucd', 'utype'])}>`,
    ...(g.description === undefined ? [] : [`${pad} <DESCRIPTION>${text(g.description)}</DESCRIPTION>`]),
    ...g.fieldRefs.map((r) => ref(r, 'FIELDref')),
    ...g.paramRefs.map((r) => ref(r, 'PARAMref')),
    ...g.params.flatMap((p) => fieldXml(p, 'PARAM', `${pad} `)),
    ...g.groups.flatMap((c) => groupXml(c, `${pad} `)),
    `${pad}</GROUP>`,
  ];
}

/** The data-less VOTable document describing `table` (its FIELDs, PARAMs, GROUPs, LINKs and INFOs). */
export function writeVOTableHeader(table: VOTableTableMeta, context: VOTableHeaderContext = {}): string {
  const infos = [...(context.infos ?? [])];
  const last = infos.findLastIndex((i) => i.name === 'QUERY_STATUS');
  // DaCHS and others put an OVERFLOW status after the table (it is known once the rows are out).
  const trailing = last >= 0 && infos[last]!.value === 'OVERFLOW' ? infos.splice(last, 1) : [];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">',
    ' <RESOURCE type="results">',
    ...infos.map((i) => infoXml(i, '  ')),
    ...(context.coosys ?? []).map((c) => `  <COOSYS${attrs(c, ['ID', 'system', 'equinox', 'epoch', 'refposition'])}/>`),
    ...(context.timesys ?? []).map((t) => `  <TIMESYS${attrs(t, ['ID', 'timeorigin', 'timescale', 'refposition'])}/>`),
    ...(context.params ?? []).flatMap((p) => fieldXml(p, 'PARAM', '  ')),
    `  <TABLE${attrs(table, ['ID', 'name', 'ucd', 'utype', 'ref'])}>`,
    ...(table.description === undefined ? [] : [`   <DESCRIPTION>${text(table.description)}</DESCRIPTION>`]),
    ...table.infos.map((i) => infoXml(i, '   ')),
    ...table.params.flatMap((p) => fieldXml(p, 'PARAM', '   ')),
    ...table.columns.flatMap((f) => fieldXml(f, 'FIELD', '   ')),
    ...table.groups.flatMap((g) => groupXml(g, '   ')),
    ...table.links.map((l) => linkXml(l, '   ')),
    '  </TABLE>',
    ...trailing.map((i) => infoXml(i, '  ')),
    ' </RESOURCE>',
    '</VOTABLE>',
    '',
  ];
  return lines.join('\n');
}

/** The VOParquet key-value metadata for `table`: the version and the data-less VOTable. */
export function voparquetMetadata(table: VOTableTableMeta, context?: VOTableHeaderContext): Map<string, string> {
  return new Map([
    [VOPARQUET_VERSION_KEY, VOPARQUET_VERSION],
    [VOPARQUET_CONTENT_KEY, writeVOTableHeader(table, context)],
  ]);
}

/** A parsed VOParquet header: the whole document model and its first TABLE (the one describing the data). */
export interface VOTableHeader {
  model: SkeletonModel;
  table: TableSlot;
  /** The RESOURCE holding that TABLE. */
  resource: VOTableResource<TableSlot> | undefined;
  /**
   * The first TABLE's `<DATA><PARQUET type="VOTable-remote-file"><STREAM href>`: the Parquet file
   * holding its rows (VOTable 1.5's PARQUET serialization), undefined when the TABLE has none.
   */
  parquet: { type: string | undefined; href: string } | undefined;
}

type XNode = Record<string, unknown>;

/** The first element named `name` among `nodes` and their descendants (document order), with its attributes. */
function findElement(nodes: XNode[], name: string): { attrs: Record<string, string>; children: XNode[] } | undefined {
  for (const node of nodes) {
    for (const key of Object.keys(node)) {
      if (key === ':@' || key === '#text') continue;
      const children = (node[key] as XNode[] | undefined) ?? [];
      if (key === name) return { attrs: (node[':@'] as Record<string, string> | undefined) ?? {}, children };
      const inner = findElement(children, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

function parquetStream(nodes: XNode[]): VOTableHeader['parquet'] {
  const table = findElement(nodes, 'TABLE');
  const data = table && findElement(table.children, 'DATA');
  const parquet = data && findElement(data.children, 'PARQUET');
  const href = parquet && findElement(parquet.children, 'STREAM')?.attrs.href;
  return href === undefined ? undefined : { type: parquet!.attrs.type, href };
}

/** Parse a data-less VOTable (a VOParquet header, or a VOTable whose DATA points at a Parquet file). */
export function readVOTableHeader(xml: string): VOTableHeader {
  const nodes = parseXml(xml);
  const model = buildSkeletonModel(nodes);
  const table = model.tables[0];
  if (table === undefined)
    throw new VOTableError('metadata', 'the VOTable header has no TABLE; VOParquet needs one describing the Parquet columns');
  const find = (rs: VOTableResource<TableSlot>[]): VOTableResource<TableSlot> | undefined => {
    for (const r of rs) {
      if (r.tables.includes(table)) return r;
      const inner = find(r.resources);
      if (inner) return inner;
    }
    return undefined;
  };
  return { model, table, resource: find(model.resources), parquet: parquetStream(nodes) };
}
