/**
 * Identifier spelling for the builder: a name given as a plain value is written bare only when
 * names.ts says it is a regular identifier that is not reserved where it stands; everything else is
 * delimited (quotes doubled), so no name can change a query's structure.
 */
import { isRegularIdentifier, type ColumnRef, type Identifier, type TableName } from '../adql/index.js';
import { AdqlBuilderError } from './errors.js';

/** A qualifier before "." may be a plain SQL reserved word (the PostgreSQL schema in `public.zcat`). */
function qualifierIdentifier(name: string): Identifier {
  return isRegularIdentifier(name, { qualifier: true }) ? { kind: 'Identifier', name, delimited: false } : identifierFor(name);
}

/** True when `name` may be written without quotes (regular and not reserved). */
export function isBareIdentifier(name: string): boolean {
  return isRegularIdentifier(name);
}

/** An Identifier node for a name given as a plain value: delimited when it has to be. */
export function identifierFor(name: string): Identifier {
  if (name.length === 0) throw new AdqlBuilderError('an identifier cannot be empty');
  return { kind: 'Identifier', name, delimited: !isBareIdentifier(name) };
}

/**
 * Splits a reference written in ADQL spelling (`zcat.main`, `m.ra`, `p."MagAB"`, `"odd ""name"""`)
 * into identifiers. A bare part that is reserved or not regular is delimited (never pasted).
 */
export function parseDottedName(text: string): Identifier[] {
  const parts: Identifier[] = [];
  let i = 0;
  const n = text.length;
  while (i <= n) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let name = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new AdqlBuilderError(`unterminated delimited identifier in ${JSON.stringify(text)}`);
        name += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          name += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      if (name.length === 0) throw new AdqlBuilderError(`empty delimited identifier in ${JSON.stringify(text)}`);
      parts.push({ kind: 'Identifier', name, delimited: true });
      i = j;
      if (i === n) break;
      if (text.charCodeAt(i) !== 46 /* . */)
        throw new AdqlBuilderError(`expected "." after a delimited identifier in ${JSON.stringify(text)}`);
      i++;
    } else {
      const dot = text.indexOf('.', i);
      const end = dot < 0 ? n : dot;
      const raw = text.slice(i, end).trim();
      if (raw.length === 0) throw new AdqlBuilderError(`empty name part in ${JSON.stringify(text)}`);
      parts.push(dot < 0 ? identifierFor(raw) : qualifierIdentifier(raw));
      if (dot < 0) break;
      i = dot + 1;
    }
  }
  return parts;
}

/** A TableName node from `[catalog.][schema.]table` parts. */
export function tableNameFrom(parts: Identifier[], source: string): TableName {
  if (parts.length < 1 || parts.length > 3) throw new AdqlBuilderError(`a table name has 1 to 3 parts, got ${JSON.stringify(source)}`);
  const table = parts[parts.length - 1]!;
  const node: TableName = { kind: 'TableName', table };
  if (parts.length >= 2) node.schema = parts[parts.length - 2]!;
  if (parts.length === 3) node.catalog = parts[0]!;
  return node;
}

/** `[[catalog.]schema.]table.]column` as a ColumnRef node. */
export function columnRefFrom(text: string): ColumnRef {
  const parts = parseDottedName(text);
  if (parts.length > 4) throw new AdqlBuilderError(`a column reference has at most 4 parts, got ${JSON.stringify(text)}`);
  const column = parts.pop()!;
  const node: ColumnRef = { kind: 'ColumnRef', column };
  if (parts.length > 0) node.table = tableNameFrom(parts, text);
  return node;
}

/** Parses a table name like `zcat.main`. */
export function tableNameOf(text: string): TableName {
  return tableNameFrom(parseDottedName(text), text);
}
