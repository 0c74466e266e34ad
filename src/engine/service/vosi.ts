/** VOSI documents (capabilities, tables, availability) and DALI examples of the local service. */
import { FEATURE_TYPES, featureTypeAsDeclared, type FeatureKey } from '../../adql/index.js';
import type { TableInfo } from '../translate/catalog.js';
import { USER_FUNCTIONS } from '../translate/index.js';
import { adqlIdentifier } from '../adql-names.js';
import { type ForeignKey, adqlName } from '../tap-schema.js';
import { DECLARED_FORMATS, escXml as esc } from './output.js';

export interface ServiceLimits {
  defaultMaxrec: number;
  hardMaxrec: number;
  uploadLimitBytes: number;
  retentionSeconds: number;
  executionSeconds: number;
}

export interface Example {
  id: string;
  name: string;
  description: string;
  query: string;
}

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The optional features the local engine declares, by feature key (adql/language/features.ts). */
const FEATURES: Array<[FeatureKey, string[]]> = [
  [
    'geometry',
    ['POINT', 'CIRCLE', 'BOX', 'POLYGON', 'CONTAINS', 'INTERSECTS', 'DISTANCE', 'AREA', 'CENTROID', 'COORD1', 'COORD2', 'COORDSYS'],
  ],
  ['string', ['LOWER', 'UPPER', 'ILIKE']],
  ['sets', ['UNION', 'EXCEPT', 'INTERSECT']],
  ['type', ['CAST']],
  ['unit', ['IN_UNIT']],
  ['commonTable', ['WITH']],
  ['offset', ['OFFSET']],
];

export function capabilitiesXml(base: string, limits: ServiceLimits): string {
  const features = FEATURES.map(
    ([key, forms]) =>
      `<languageFeatures type="${featureTypeAsDeclared(FEATURE_TYPES[key])}">${forms.map((f) => `<feature><form>${f}</form></feature>`).join('')}</languageFeatures>`,
  ).join('\n');
  const udfs = `<languageFeatures type="${featureTypeAsDeclared(FEATURE_TYPES.udf)}">${Object.values(USER_FUNCTIONS)
    .map((f) => `<feature><form>${esc(f.signature)}</form><description>${esc(f.description)}</description></feature>`)
    .join('')}</languageFeatures>`;
  const formats = DECLARED_FORMATS.map(
    (f) =>
      `<outputFormat${f.ivoId ? ` ivo-id="${f.ivoId}"` : ''}><mime>${esc(f.mime)}</mime>${f.aliases.map((a) => `<alias>${a}</alias>`).join('')}</outputFormat>`,
  ).join('\n');
  const simple = (id: string, path: string) =>
    `<capability standardID="${id}"><interface xsi:type="vs:ParamHTTP"><accessURL use="full">${esc(base + path)}</accessURL></interface></capability>`;
  return `${XML}<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vr="http://www.ivoa.net/xml/VOResource/v1.0" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1" xmlns:tr="http://www.ivoa.net/xml/TAPRegExt/v1.0">
<capability standardID="ivo://ivoa.net/std/TAP" xsi:type="tr:TableAccess">
<interface xsi:type="vs:ParamHTTP" role="std" version="1.1"><accessURL use="base">${esc(base)}</accessURL></interface>
<language><name>ADQL</name><version ivo-id="ivo://ivoa.net/std/ADQL#v2.0">2.0</version><version ivo-id="ivo://ivoa.net/std/ADQL#v2.1">2.1</version>
<description>ADQL 2.1 on adqlkit's embedded engine (DuckDB); geometry on the sphere in degrees, ICRS.</description>
${features}
${udfs}
</language>
${formats}
<uploadMethod ivo-id="ivo://ivoa.net/std/TAPRegExt#upload-inline"/>
<uploadMethod ivo-id="ivo://ivoa.net/std/TAPRegExt#upload-http"/>
<retentionPeriod><default>${limits.retentionSeconds}</default><hard>${limits.retentionSeconds}</hard></retentionPeriod>
<executionDuration><default>${limits.executionSeconds}</default><hard>${limits.executionSeconds}</hard></executionDuration>
<outputLimit><default unit="row">${limits.defaultMaxrec}</default><hard unit="row">${limits.hardMaxrec}</hard></outputLimit>
<uploadLimit><default unit="byte">${limits.uploadLimitBytes}</default><hard unit="byte">${limits.uploadLimitBytes}</hard></uploadLimit>
</capability>
${simple('ivo://ivoa.net/std/VOSI#capabilities', '/capabilities')}
${simple('ivo://ivoa.net/std/VOSI#availability', '/availability')}
${simple('ivo://ivoa.net/std/VOSI#tables-1.1', '/tables')}
${simple('ivo://ivoa.net/std/DALI#examples', '/examples')}
</vosi:capabilities>
`;
}

function columnXml(c: TableInfo['columns'][number]): string {
  const parts = [`<name>${esc(adqlIdentifier(c.name))}</name>`];
  if (c.description) parts.push(`<description>${esc(c.description)}</description>`);
  if (c.unit) parts.push(`<unit>${esc(c.unit)}</unit>`);
  if (c.ucd) parts.push(`<ucd>${esc(c.ucd)}</ucd>`);
  if (c.utype) parts.push(`<utype>${esc(c.utype)}</utype>`);
  const attrs = `${c.arraysize ? ` arraysize="${esc(c.arraysize)}"` : ''}${c.xtype ? ` extendedType="${esc(c.xtype)}"` : ''}`;
  parts.push(`<dataType xsi:type="vs:VOTableType"${attrs}>${esc(c.datatype ?? 'char')}</dataType>`);
  if (c.indexed) parts.push('<flag>indexed</flag>');
  if (c.principal ?? true) parts.push('<flag>principal</flag>');
  return `<column>${parts.join('')}</column>`;
}

function foreignKeyXml(k: ForeignKey): string {
  const cols = k.columns.map(
    ([f, t]) =>
      `<fkColumn><fromColumn>${esc(adqlIdentifier(f))}</fromColumn><targetColumn>${esc(adqlIdentifier(t))}</targetColumn></fkColumn>`,
  );
  return `<foreignKey><targetTable>${esc(k.target)}</targetTable>${cols.join('')}</foreignKey>`;
}

export function tableXml(t: TableInfo, keys: ForeignKey[], detail = true): string {
  const desc = t.description ? `<description>${esc(t.description)}</description>` : '';
  const own = keys.filter((k) => k.from.toLowerCase() === adqlName(t).toLowerCase());
  const body = detail ? [...t.columns.map(columnXml), ...own.map(foreignKeyXml)].join('\n') : '';
  return `<table type="table"><name>${esc(adqlName(t))}</name>${desc}\n${body}</table>`;
}

const TABLESET_OPEN =
  '<vosi:tableset xmlns:vosi="http://www.ivoa.net/xml/VOSITables/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1">';

export function tablesXml(tables: TableInfo[], keys: ForeignKey[], detail = true): string {
  const bySchema = new Map<string, TableInfo[]>();
  for (const t of tables) {
    const s = t.schema ?? 'default';
    bySchema.set(s, [...(bySchema.get(s) ?? []), t]);
  }
  const schemas = [...bySchema].map(
    ([s, ts]) => `<schema><name>${esc(s)}</name>\n${ts.map((t) => tableXml(t, keys, detail)).join('\n')}\n</schema>`,
  );
  return `${XML}${TABLESET_OPEN}\n${schemas.join('\n')}\n</vosi:tableset>\n`;
}

/** VOSI-tables 1.1 single-table document (GET /tables/<name>). */
export function singleTableXml(t: TableInfo, keys: ForeignKey[]): string {
  const body = tableXml(t, keys).replace(
    /^<table type="table">/,
    '<vosi:table xmlns:vosi="http://www.ivoa.net/xml/VOSITables/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1" type="table">',
  );
  return `${XML}${body.replace(/<\/table>$/, '</vosi:table>')}\n`;
}

export function availabilityXml(upSince: Date): string {
  return `${XML}<avl:availability xmlns:avl="http://www.ivoa.net/xml/VOSIAvailability/v1.0"><avl:available>true</avl:available><avl:upSince>${upSince.toISOString().replace(/\.\d+Z$/, 'Z')}</avl:upSince><avl:note>adqlkit local TAP service</avl:note></avl:availability>\n`;
}

/** DALI examples: XHTML with RDFa (vocab http://www.ivoa.net/rdf/examples#). */
export function examplesXhtml(examples: Example[]): string {
  const items = examples.map(
    (e) => `<div typeof="example" id="${esc(e.id)}" resource="#${esc(e.id)}">
<h2 property="name">${esc(e.name)}</h2>
<p>${esc(e.description)}</p>
<pre property="query">${esc(e.query)}</pre>
</div>`,
  );
  return `${XML}<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Examples for the adqlkit local TAP service</title></head>
<body vocab="http://www.ivoa.net/rdf/examples#">
<h1>Examples</h1>
${items.join('\n')}
</body></html>
`;
}
