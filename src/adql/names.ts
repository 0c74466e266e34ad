/**
 * ADQL identifier rules: the one place that says when a name is regular or must be delimited, how
 * names are folded and compared, and how they are quoted. The schema catalogue, the validator, the
 * query builder, the printer and the language server all use it.
 *
 * ADQL 2.1 §2.1.3: regular identifiers are case-insensitive (`alpha == ALPHA`); delimited ones
 * ("...") are case-sensitive. Metadata names come from TAP_SCHEMA, where TAP 1.1 §4 says a name
 * that must be delimited in queries is stored *with* its quotes (HEASARC: `"__row"`); any other
 * stored name is a regular identifier, whatever its case (Rubin: `dp02_dc2_catalogs.Object`).
 */

import { KEYWORDS, ReservedWord } from './grammar/tokens.js';

/** One dotted part of a name, as written in a query or stored in metadata. */
export interface NamePart {
  name: string;
  delimited: boolean;
}

const REGULAR_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/** ADQL 2.1 reserved words (ADQL_reserved_word and SQL_reserved_word of the BNF), as the lexer knows them. */
export function isReservedWord(name: string): boolean {
  return KEYWORDS.has(name.toUpperCase());
}

/** True when `name` has the form of a regular identifier (letter, then letters, digits, underscores), reserved or not. */
export function hasRegularForm(name: string): boolean {
  return REGULAR_IDENTIFIER.test(name);
}

export interface IdentifierPosition {
  /**
   * The name stands before a "." (a schema or table qualifier). A plain SQL reserved word is
   * accepted bare there (the PostgreSQL schema in `public.zcat`), grammar keywords, function and
   * type names are not.
   */
  qualifier?: boolean;
}

/** True when `name` can be written as a regular (unquoted) identifier where it stands. */
export function isRegularIdentifier(name: string, position: IdentifierPosition = {}): boolean {
  if (!REGULAR_IDENTIFIER.test(name)) return false;
  const keyword = KEYWORDS.get(name.toUpperCase());
  return keyword === undefined || (position.qualifier === true && keyword === ReservedWord);
}

/** `name` as a delimited identifier: in double quotes, embedded quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Splits a stored metadata name such as `zcat.main`, `"my schema"."T"` or `ivoa.ObsCore` into
 * parts. Quoted parts are delimited (quotes removed, `""` unescaped).
 */
export function parseQualifiedName(text: string): NamePart[] {
  const parts: NamePart[] = [];
  let i = 0;
  const n = text.length;
  while (i <= n) {
    if (text[i] === '"') {
      let name = '';
      i++;
      while (i < n) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            name += '"';
            i += 2;
            continue;
          }
          break;
        }
        name += text[i];
        i++;
      }
      i++; // closing quote
      parts.push({ name, delimited: true });
      if (text[i] === '.') i++;
      else break;
    } else {
      const dot = text.indexOf('.', i);
      const end = dot < 0 ? n : dot;
      parts.push({ name: text.slice(i, end).trim(), delimited: false });
      if (dot < 0) break;
      i = dot + 1;
    }
  }
  return parts;
}

/** Parses one stored name part: a quoted name is delimited, anything else regular. */
export function parseNamePart(text: string): NamePart {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return { name: text.slice(1, -1).replace(/""/g, '"'), delimited: true };
  }
  return { name: text, delimited: false };
}

/** A column's name as metadata gives it: delimited when flagged so, or when stored with its quotes (TAP_SCHEMA). */
export function columnNamePart(column: { name: string; delimited?: boolean | undefined }): NamePart {
  return column.delimited ? { name: column.name, delimited: true } : parseNamePart(column.name);
}

/**
 * Does an identifier written in a query denote a name stored in metadata?
 * - regular vs regular: case-insensitive (ADQL).
 * - regular vs delimited: the regular name folded to lower case (PostgreSQL, DaCHS) or upper case
 *   (SQL92) must equal the stored spelling.
 * - delimited vs regular: the delimited spelling must equal the stored spelling (DaCHS: "dec"
 *   finds dec, "Dec" does not).
 * - delimited vs delimited: exact.
 */
export function identifierMatches(query: NamePart, meta: NamePart): boolean {
  if (!query.delimited) {
    if (!meta.delimited) return equalsIgnoringCase(query.name, meta.name);
    return meta.name === query.name.toLowerCase() || meta.name === query.name.toUpperCase();
  }
  return query.name === meta.name;
}

/**
 * Do two identifiers written in queries (an alias and its use, a CTE name and a table reference)
 * denote the same name? The rule of `identifierMatches`, from either side: regular names compare
 * case-insensitively, a regular name equals a delimited one when its lower- or upper-case fold is
 * the delimited spelling, delimited names compare exactly.
 */
export function sameIdentifier(a: NamePart, b: NamePart): boolean {
  if (a.delimited && !b.delimited) return identifierMatches(b, a);
  return identifierMatches(a, b);
}

/** Case-insensitive equality without allocating when the names are ASCII (the validator's hot path). */
function equalsIgnoringCase(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 128 || y >= 128) return a.toLowerCase() === b.toLowerCase();
    if ((x | 32) !== (y | 32) || (x | 32) < 97 || (x | 32) > 122) return false;
  }
  return true;
}

/** A name as it must be written in ADQL: quoted when it is delimited or not a valid regular identifier. */
export function formatIdentifier(part: NamePart): string {
  return !part.delimited && isRegularIdentifier(part.name) ? part.name : quoteIdentifier(part.name);
}

/** Stored form of a name part (quoted when delimited), as TAP_SCHEMA writes it. */
export function storedNamePart(part: NamePart): string {
  return part.delimited ? quoteIdentifier(part.name) : part.name;
}

/** The key under which names are indexed: case-folded spelling. */
export function foldName(name: string): string {
  // toLowerCase allocates a copy even when nothing changes; most names are lower case already
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return name.toLowerCase();
  }
  return name;
}
