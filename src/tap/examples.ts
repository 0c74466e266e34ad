/**
 * DALI examples: an (X)HTML page with RDFa annotations (vocab ivo://ivoa.net/std/DALI-examples#).
 * Each `typeof="example"` element carries `property="name"` and `property="query"`, optionally
 * `property="table"` and generic parameters; `property="continuation"` links point to further pages.
 * The scanner is tolerant: real pages are HTML, not always well-formed XML (raw `>` in queries...).
 */
import { decodeEntities } from '../dal/index.js';

export interface TapExample {
  /** The element id / resource fragment, when given. */
  id?: string;
  name: string;
  /** The ADQL text, whitespace-trimmed (inner line breaks kept). */
  query: string;
  /** Tables the example names with property="table". */
  tables: string[];
  /** Other RDFa properties (generic-parameter key/value pairs, capability...). */
  parameters: Record<string, string>;
  /** The page the example was found on. */
  sourceUrl: string;
}

export interface ExamplesPage {
  examples: TapExample[];
  /** Absolute URLs of continuation pages. */
  continuations: string[];
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

interface OpenElement {
  tag: string;
  attrs: Record<string, string>;
  /** Text collector for a property element. */
  capture?: { property: string; text: string; content?: string };
  example?: TapExample;
  keyval?: { key: string; value: string };
}

function parseAttrs(src: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of src.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = (m[1] ?? '').toLowerCase();
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

function tokens(prop: string | undefined): string[] {
  return (prop ?? '')
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => t.replace(/^.*[#:]/, ''));
}

function trimQuery(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && (lines[0] ?? '').trim() === '') lines.shift();
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  return lines
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .trim();
}

/** Extracts the examples and continuation links of one page. */
export function parseExamplesPage(html: string, pageUrl: string): ExamplesPage {
  const examples: TapExample[] = [];
  const continuations: string[] = [];
  const stack: OpenElement[] = [];
  const currentExample = (): TapExample | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const ex = stack[i]?.example;
      if (ex !== undefined) return ex;
    }
    return undefined;
  };
  const addText = (text: string): void => {
    for (const el of stack) if (el.capture !== undefined) el.capture.text += text;
  };
  const close = (el: OpenElement): void => {
    if (el.capture !== undefined) {
      const value = el.capture.content ?? decodeEntities(el.capture.text);
      const owner = stack.find((s) => s.keyval !== undefined && s !== el);
      const ex = currentExample();
      for (const prop of el.capture.property.split(/\s+/).map((p) => p.replace(/^.*[#:]/, ''))) {
        if (prop === 'key' && owner?.keyval !== undefined) owner.keyval.key = value.trim();
        else if (prop === 'value' && owner?.keyval !== undefined) owner.keyval.value = value.trim();
        else if (ex === undefined) continue;
        else if (prop === 'name') ex.name = value.replace(/\s+/g, ' ').trim();
        else if (prop === 'query') ex.query = trimQuery(value);
        else if (prop === 'table') ex.tables.push(value.trim());
        else if (prop !== 'continuation' && prop !== 'key' && prop !== 'value') ex.parameters[prop] = value.trim();
      }
    }
    if (el.keyval !== undefined && el.keyval.key !== '') {
      const ex = currentExample();
      if (ex !== undefined) ex.parameters[el.keyval.key] = el.keyval.value;
    }
    if (el.example !== undefined && el.example.query !== '') examples.push(el.example);
  };

  const re = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<[^>]*>/g;
  let last = 0;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    if (m.index > last) addText(html.slice(last, m.index));
    last = re.lastIndex;
    const whole = m[0];
    if (m[1] !== undefined) {
      addText(m[1]);
      continue;
    }
    if (whole.startsWith('<!') || whole.startsWith('<?')) continue;
    const closeTag = /^<\/([A-Za-z][\w:-]*)/.exec(whole);
    if (closeTag !== null) {
      const tag = (closeTag[1] ?? '').toLowerCase();
      const idx = stack.map((e) => e.tag).lastIndexOf(tag);
      if (idx < 0) continue;
      while (stack.length > idx) close(stack.pop() as OpenElement);
      continue;
    }
    const open = /^<([A-Za-z][\w:-]*)([\s\S]*?)(\/?)>$/.exec(whole);
    if (open === null) {
      addText(whole);
      continue;
    }
    const tag = (open[1] ?? '').toLowerCase();
    const attrs = parseAttrs(open[2] ?? '');
    const props = tokens(attrs.property);
    if (props.includes('continuation') && attrs.href !== undefined) {
      try {
        const abs = new URL(attrs.href, pageUrl).toString();
        if (!continuations.includes(abs)) continuations.push(abs);
      } catch {
        // An unusable href: ignore that link.
      }
    }
    const el: OpenElement = { tag, attrs };
    const types = tokens(attrs.typeof);
    if (types.includes('example')) {
      const ex: TapExample = { name: '', query: '', tables: [], parameters: {}, sourceUrl: pageUrl };
      const id = attrs.id ?? attrs.resource?.replace(/^#/, '');
      if (id !== undefined) ex.id = id;
      el.example = ex;
    }
    if (types.includes('keyval')) el.keyval = { key: '', value: '' };
    // generic-parameter is a container: its key/value children carry the data.
    const captured = props.filter((p) => p !== 'continuation' && p !== 'generic-parameter');
    if (captured.length > 0) {
      el.capture = { property: captured.join(' '), text: '' };
      if (attrs.content !== undefined && tag !== 'a') el.capture.content = attrs.content;
    }
    if (open[3] === '/' || VOID.has(tag)) close(el);
    else stack.push(el);
  }
  if (last < html.length) addText(html.slice(last));
  while (stack.length > 0) close(stack.pop() as OpenElement);
  return { examples, continuations };
}
