/**
 * Renders a database interface (TypeScript source) from table metadata: one interface per table
 * with doc comments (description, unit, UCD, datatype) so editors show them on hover, a `Tables`
 * map keyed by the TAP_SCHEMA table names, UDF signatures, and `Database` tying them together.
 * Pure and deterministic (no timestamps), so `--check` can compare texts.
 */
import type { ColumnMeta, TableMeta, UdfSignature } from '../schema/index.js';
import { adqlType, columnType, type GeometryImport } from './types.js';

export interface RenderTable {
  meta: TableMeta;
  columns: readonly ColumnMeta[];
  /** Column names (as keyed in the interface) known to be NOT NULL; undefined: every column nullable. */
  notNull?: ReadonlySet<string>;
}

export interface RenderOptions {
  /** Module the geometry types are imported from (default 'adqlkit'). */
  importFrom?: string;
  /** Name of the database interface (default 'Database'). */
  name?: string;
  /** Where the metadata came from, for the header. */
  source?: string;
  /** How nullability was decided, for the header. */
  nullability?: string;
  /** The command that regenerates the file, for the header. */
  command?: string;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyKey(name: string): string {
  return IDENT.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Text safe inside a `/** ... *\/` comment. */
function docText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
    .replace(/\*\//g, '*\\/')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
}

function docComment(lines: string[], indent: string): string {
  const body = lines.flatMap((l) => (l === '' ? [''] : docText(l).split('\n')));
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  if (body.length === 0) return '';
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)).join('\n')}\n${indent} */\n`;
}

function pascal(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  let s = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  if (s === '' || /^[0-9]/.test(s)) s = `T${s}`;
  return s;
}

/** The key a column gets in its table interface: the name, quoted when it is delimited in ADQL. */
export function columnKey(col: ColumnMeta): string {
  return col.delimited ? `"${col.name}"` : col.name;
}

function columnDoc(col: ColumnMeta): string[] {
  const facts: string[] = [];
  if (col.unit) facts.push(`unit \`${col.unit}\``);
  if (col.ucd) facts.push(`UCD \`${col.ucd}\``);
  const type = [col.datatype, col.arraysize ? `[${col.arraysize}]` : '', col.xtype ? ` (${col.xtype})` : ''].join('');
  if (type) facts.push(`type \`${type}\``);
  if (col.indexed) facts.push('indexed');
  const lines: string[] = [];
  if (col.description) lines.push(col.description);
  if (facts.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(facts.join(' · '));
  }
  return lines;
}

function udfParamName(name: string, i: number, used: Set<string>): string {
  let n = IDENT.test(name) ? name : `arg${i + 1}`;
  if (used.has(n)) n = `${n}_${i + 1}`;
  used.add(n);
  return n;
}

export function renderSchemaTypes(tables: readonly RenderTable[], udfs: readonly UdfSignature[], options: RenderOptions = {}): string {
  const dbName = options.name ?? 'Database';
  const used = new Set([dbName, 'Tables', 'Functions']);
  const imports = new Set<GeometryImport>();
  const sorted = [...tables].sort((a, b) => (a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0));
  const out: string[] = [];
  const entries: string[] = [];

  for (const t of sorted) {
    let iname = pascal(t.meta.name);
    for (let k = 2; used.has(iname); k++) iname = `${pascal(t.meta.name)}${k}`;
    used.add(iname);
    const tableDoc = [
      ...(t.meta.description ? [t.meta.description, ''] : []),
      `Table \`${t.meta.name}\`${t.meta.type && t.meta.type !== 'table' ? ` (${t.meta.type})` : ''}.`,
    ];
    let body = docComment(tableDoc, '') + `export interface ${iname} {\n`;
    for (const col of t.columns) {
      const ts = columnType(col);
      for (const i of ts.imports) imports.add(i);
      const key = columnKey(col);
      const nullable = t.notNull === undefined || !t.notNull.has(key);
      body += docComment(columnDoc(col), '  ') + `  ${propertyKey(key)}: ${ts.text}${nullable ? ' | null' : ''};\n`;
    }
    body += '}\n';
    out.push(body);
    entries.push(`  ${propertyKey(t.meta.name)}: ${iname};`);
  }

  const fnLines: string[] = [];
  const seenForms = new Set<string>();
  for (const u of [...udfs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.form < b.form ? -1 : 1))) {
    if (!IDENT.test(u.name) || seenForms.has(u.form)) continue;
    seenForms.add(u.form);
    const names = new Set<string>();
    const params = u.params.map((p, i) => {
      const ts = adqlType(p.type);
      for (const im of ts.imports) imports.add(im);
      return `${udfParamName(p.name, i, names)}: ${ts.text}`;
    });
    const ret = adqlType(u.returns);
    for (const im of ret.imports) imports.add(im);
    fnLines.push(
      docComment([...(u.description ? [u.description, ''] : []), `\`${u.form}\``], '  ') +
        `  ${u.name}(${params.join(', ')}): ${ret.text};`,
    );
  }

  const header = [
    `// Generated by adqlkit codegen${options.source ? ` from ${options.source}` : ''}: ${sorted.length} table${sorted.length === 1 ? '' : 's'}, ${fnLines.length} UDF${fnLines.length === 1 ? '' : 's'}.`,
    ...(options.nullability ? [`// Nullability: ${options.nullability}.`] : []),
    `// Do not edit. Regenerate with ${options.command ?? '`adql codegen`'} --out FILE; add --check to see whether FILE is out of date.`,
  ];
  const importLine =
    imports.size > 0 ? `import type { ${[...imports].sort().join(', ')} } from '${options.importFrom ?? 'adqlkit'}';\n\n` : '';
  return (
    header.join('\n') +
    '\n\n' +
    importLine +
    out.join('\n') +
    (out.length > 0 ? '\n' : '') +
    `/** The tables, by name as TAP_SCHEMA gives it. */\nexport interface Tables {\n${entries.join('\n')}${entries.length ? '\n' : ''}}\n\n` +
    `/** User-defined functions the service declares (TAPRegExt). */\nexport interface Functions {\n${fnLines.join('\n')}${fnLines.length ? '\n' : ''}}\n\n` +
    `/** Use as \`queryBuilder<${dbName}>()\`. */\nexport interface ${dbName} {\n  tables: Tables;\n  functions: Functions;\n}\n`
  );
}
