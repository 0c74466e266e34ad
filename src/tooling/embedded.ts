/**
 * ADQL embedded in another document: `adql\`...\`` tagged templates and string arguments of the TAP
 * client's query methods in TypeScript/JavaScript. Each region keeps a map between offsets in the
 * ADQL text and offsets in the host document, so diagnostics, hovers and fixes land at the right
 * place even inside multi-line templates and strings with escapes.
 *
 * `${expr}` holes become placeholders: a numeric literal where a value is expected, an identifier
 * after FROM/JOIN/`.`; diagnostics that touch a placeholder are dropped (the value is unknown), and a
 * query with an identifier hole is only syntax-checked (its tables are unknown).
 */

interface Segment {
  adqlStart: number;
  adqlLength: number;
  docStart: number;
  docLength: number;
}

export interface Placeholder {
  adqlStart: number;
  adqlEnd: number;
  docStart: number;
  docEnd: number;
}

export interface EmbeddedQuery {
  /** ADQL text with placeholders for `${}` holes. */
  text: string;
  /** Host-document range of the query content (inside the quotes/backticks). */
  docStart: number;
  docEnd: number;
  segments: Segment[];
  placeholders: Placeholder[];
  /** A hole stands for a table or column name: semantic checks would be guesses. */
  identifierHoles: boolean;
}

export const VALUE_PLACEHOLDER = '0';
export const IDENTIFIER_PLACEHOLDER = 'adql_param';

export class EmbeddedQueryBuilder {
  private text = '';
  private readonly segments: Segment[] = [];
  private readonly placeholders: Placeholder[] = [];
  private identifierHoles = false;
  private docEnd = 0;

  constructor(private readonly docStart: number) {
    this.docEnd = docStart;
  }

  /** Verbatim text at `docStart` (same length in both). */
  addVerbatim(text: string, docStart: number): this {
    this.push(text, docStart, text.length);
    return this;
  }

  /** Decoded text whose source spelling has another length (an escape sequence). */
  addDecoded(text: string, docStart: number, docLength: number): this {
    this.push(text, docStart, docLength);
    return this;
  }

  /** A `${...}` hole spanning [docStart, docEnd) in the host document. */
  addHole(docStart: number, docEnd: number): this {
    const identifier = /(\bFROM|\bJOIN|\.)\s*$/i.test(this.text);
    if (identifier) this.identifierHoles = true;
    const filler = identifier ? IDENTIFIER_PLACEHOLDER : VALUE_PLACEHOLDER;
    const adqlStart = this.text.length;
    this.push(filler, docStart, docEnd - docStart);
    this.placeholders.push({ adqlStart, adqlEnd: this.text.length, docStart, docEnd });
    return this;
  }

  private push(text: string, docStart: number, docLength: number): void {
    const last = this.segments[this.segments.length - 1];
    // Merge contiguous verbatim pieces to keep the map short.
    if (
      last &&
      text.length === docLength &&
      last.adqlLength === last.docLength &&
      last.docStart + last.docLength === docStart &&
      last.adqlStart + last.adqlLength === this.text.length
    ) {
      last.adqlLength += text.length;
      last.docLength += docLength;
    } else {
      this.segments.push({ adqlStart: this.text.length, adqlLength: text.length, docStart, docLength });
    }
    this.text += text;
    this.docEnd = docStart + docLength;
  }

  build(): EmbeddedQuery {
    return {
      text: this.text,
      docStart: this.docStart,
      docEnd: this.docEnd,
      segments: this.segments,
      placeholders: this.placeholders,
      identifierHoles: this.identifierHoles,
    };
  }
}

/** Host-document offset of an ADQL offset (end offsets map to the end of the piece). */
export function toDocOffset(q: EmbeddedQuery, adqlOffset: number): number {
  for (const s of q.segments) {
    if (adqlOffset < s.adqlStart + s.adqlLength || (adqlOffset === s.adqlStart + s.adqlLength && s === q.segments[q.segments.length - 1])) {
      if (adqlOffset < s.adqlStart) return s.docStart;
      const within = adqlOffset - s.adqlStart;
      if (s.adqlLength === s.docLength) return s.docStart + within;
      return within === 0 ? s.docStart : s.docStart + s.docLength;
    }
  }
  return q.docEnd;
}

/** ADQL offset of a host-document offset, or undefined when it lies outside the query. */
export function toAdqlOffset(q: EmbeddedQuery, docOffset: number): number | undefined {
  if (docOffset < q.docStart || docOffset > q.docEnd) return undefined;
  for (const s of q.segments) {
    if (docOffset <= s.docStart + s.docLength) {
      if (docOffset <= s.docStart) return s.adqlStart;
      const within = docOffset - s.docStart;
      return s.adqlLength === s.docLength ? s.adqlStart + within : s.adqlStart + s.adqlLength;
    }
  }
  return q.text.length;
}

/** Does an ADQL range touch a placeholder (so a diagnostic there is about an unknown value)? */
export function touchesPlaceholder(q: EmbeddedQuery, start: number, end: number): boolean {
  return (
    q.placeholders.some((p) => start < p.adqlEnd && end > p.adqlStart) ||
    q.placeholders.some((p) => start === end && start >= p.adqlStart && start <= p.adqlEnd)
  );
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/**
 * Adds the raw source of a JS string literal or template chunk, decoding escapes. `raw` starts at
 * `docStart` in the host document.
 */
export function addJsText(builder: EmbeddedQueryBuilder, raw: string, docStart: number): void {
  let plainStart = 0;
  let i = 0;
  const flush = (end: number) => {
    if (end > plainStart) builder.addVerbatim(raw.slice(plainStart, end), docStart + plainStart);
  };
  while (i < raw.length) {
    if (raw[i] !== '\\') {
      i++;
      continue;
    }
    flush(i);
    const c = raw[i + 1] ?? '';
    let decoded: string;
    let length = 2;
    if (c in SIMPLE_ESCAPES) decoded = SIMPLE_ESCAPES[c]!;
    else if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 2, i + 4))) {
      decoded = String.fromCharCode(parseInt(raw.slice(i + 2, i + 4), 16));
      length = 4;
    } else if (c === 'u' && raw[i + 2] === '{') {
      const close = raw.indexOf('}', i + 3);
      decoded = String.fromCodePoint(parseInt(raw.slice(i + 3, close), 16));
      length = close + 1 - i;
    } else if (c === 'u') {
      decoded = String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
      length = 6;
    } else if (c === '\r' && raw[i + 2] === '\n') {
      decoded = '';
      length = 3;
    } else if (c === '\n' || c === '\r') decoded = '';
    else decoded = c;
    builder.addDecoded(decoded, docStart + i, length);
    i += length;
    plainStart = i;
  }
  flush(raw.length);
}

// ---------------------------------------------------------------------------------------------
// Finding embedded queries in TypeScript/JavaScript text (the language server has no TS parser).

/** Method names of the TAP client whose first argument is ADQL. */
export const QUERY_METHODS = ['query', 'submit', 'runAsync'];
/** Tag names of ADQL template literals. */
export const ADQL_TAGS = ['adql'];

function identifierBefore(text: string, end: number): { name: string; start: number } | undefined {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  const stop = i;
  while (i > 0 && /[A-Za-z0-9_$]/.test(text[i - 1]!)) i--;
  return stop > i ? { name: text.slice(i, stop), start: i } : undefined;
}

/** Is the literal starting at `pos` ADQL by its context: `adql\`` or `.query(` / `.submit(`...? */
function isAdqlContext(text: string, pos: number, template: boolean): boolean {
  if (template) {
    const tag = identifierBefore(text, pos);
    if (tag && ADQL_TAGS.includes(tag.name)) return true;
  }
  let i = pos;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  if (text[i - 1] !== '(') return false;
  const method = identifierBefore(text, i - 1);
  if (!method || !QUERY_METHODS.includes(method.name)) return false;
  let j = method.start;
  while (j > 0 && /\s/.test(text[j - 1]!)) j--;
  return text[j - 1] === '.';
}

/** Every ADQL query embedded in a TypeScript/JavaScript source text. */
export function findEmbeddedQueries(text: string): EmbeddedQuery[] {
  const found: EmbeddedQuery[] = [];
  scanCode(text, 0, false, found);
  return found;
}

/** Scans code from `i`; with `untilBrace`, stops after the `}` closing a `${` hole. Returns the end. */
function scanCode(text: string, i: number, untilBrace: boolean, found: EmbeddedQuery[]): number {
  let depth = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === "'" || c === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      const end = Math.min(i, text.length);
      i = end + 1;
      if (isAdqlContext(text, start, false)) {
        const b = new EmbeddedQueryBuilder(start + 1);
        addJsText(b, text.slice(start + 1, end), start + 1);
        found.push(b.build());
      }
    } else if (c === '`') {
      i = scanTemplate(text, i, isAdqlContext(text, i, true), found);
    } else if (untilBrace && c === '{') {
      depth++;
      i++;
    } else if (untilBrace && c === '}') {
      if (depth === 0) return i + 1;
      depth--;
      i++;
    } else i++;
  }
  return i;
}

function scanTemplate(text: string, start: number, isAdql: boolean, found: EmbeddedQuery[]): number {
  const builder = isAdql ? new EmbeddedQueryBuilder(start + 1) : undefined;
  let i = start + 1;
  let chunkStart = i;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === '`') {
      if (builder) {
        addJsText(builder, text.slice(chunkStart, i), chunkStart);
        found.push(builder.build());
      }
      return i + 1;
    } else if (c === '$' && text[i + 1] === '{') {
      if (builder) addJsText(builder, text.slice(chunkStart, i), chunkStart);
      const holeStart = i;
      i = scanCode(text, i + 2, true, found);
      if (builder) builder.addHole(holeStart, i);
      chunkStart = i;
    } else i++;
  }
  // Unterminated template: use what there is.
  if (builder) {
    addJsText(builder, text.slice(chunkStart, text.length), chunkStart);
    found.push(builder.build());
  }
  return text.length;
}
