/**
 * A tiny namespace-free element tree over fast-xml-parser, for the small XML documents of VOSI
 * and UWS (capabilities, tables, job documents). Local names only: services mix prefixes and
 * namespace versions (DaCHS: UWS 1.0 namespace with version="1.1").
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { TapProtocolError } from './errors.js';

export interface XmlElement {
  /** Local name (prefix removed). */
  name: string;
  /** Attributes by local name (xsi:type becomes "type", xlink:href "href"). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated direct text content (untrimmed). */
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  removeNSPrefix: true,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignorePiTags: true,
  ignoreDeclaration: true,
  htmlEntities: true,
});

type Ordered = Record<string, unknown>;

function convert(node: Ordered): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (name === undefined || name === '#text' || name.startsWith('?') || name === '#comment') return undefined;
  const el: XmlElement = { name, attrs: {}, children: [], text: '' };
  const attrs = node[':@'] as Record<string, unknown> | undefined;
  if (attrs !== undefined) for (const [k, v] of Object.entries(attrs)) el.attrs[k] = String(v);
  const kids = node[name];
  if (Array.isArray(kids)) {
    for (const kid of kids as Ordered[]) {
      if ('#text' in kid) el.text += String(kid['#text']);
      else {
        const child = convert(kid);
        if (child !== undefined) el.children.push(child);
      }
    }
  }
  return el;
}

/**
 * Parses an XML document into its root element. Throws TapProtocolError naming `url` and
 * `what` when the text is not well-formed XML (HTML error pages, truncated bodies).
 */
export function parseXml(text: string, what: string, url: string): XmlElement {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    const looksHtml = /^\s*(<!DOCTYPE\s+html|<html\b)/i.test(text);
    const detail = looksHtml
      ? 'an HTML page came back instead of XML'
      : text.trim() === ''
        ? 'the body is empty'
        : `not well-formed XML (${valid.err.msg} at line ${valid.err.line}, column ${valid.err.col}; truncated?)`;
    throw new TapProtocolError(`${what}: ${detail} (${url})`, { url });
  }
  let nodes: Ordered[];
  try {
    nodes = parser.parse(text) as Ordered[];
  } catch (err) {
    // What the validator lets through and the parser refuses (nesting too deep, a bad DOCTYPE...).
    throw new TapProtocolError(`${what}: unreadable XML (${(err as Error).message}) (${url})`, { url, cause: err });
  }
  for (const node of nodes) {
    const el = convert(node);
    if (el !== undefined) return el;
  }
  throw new TapProtocolError(`${what}: no root element in the document (${url})`, { url });
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el === undefined ? [] : el.children.filter((c) => c.name === name);
}

/** All text below an element (descendants included), whitespace kept. */
export function deepText(el: XmlElement): string {
  return el.text + el.children.map(deepText).join('');
}

/** Trimmed text of the named child, undefined when absent, empty or xsi:nil. */
export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const c = child(el, name);
  if (c === undefined || c.attrs.nil === 'true') return undefined;
  const t = deepText(c).trim();
  return t === '' ? undefined : t;
}
