/**
 * Reads the message out of an error body whatever its shape: a DALI error VOTable (DaCHS sends these
 * with HTTP 200, even when CSV was asked for), a UWS job or errorSummary, an HTML error page, or text.
 * Deliberately regex-based: error bodies are small and often malformed (truncated, HTML), and this
 * must never throw.
 */

export type ErrorBodyKind = 'votable' | 'uws' | 'html' | 'text' | 'empty';

export interface ErrorBody {
  kind: ErrorBodyKind;
  message: string;
}

const MAX_MESSAGE = 2000;

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos|nbsp);/gi, (all, ent: string) => {
    const e = ent.toLowerCase();
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    if (e === 'nbsp') return '\u00a0';
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

function clean(text: string): string {
  const t = decodeEntities(text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1'))
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > MAX_MESSAGE ? `${t.slice(0, MAX_MESSAGE)}…` : t;
}

function stripTags(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ');
}

/** Text of QUERY_STATUS=ERROR INFOs in a VOTable, else of any INFO, or undefined if none. */
function votableMessage(body: string): string | undefined {
  const infos = [...body.matchAll(/<INFO\b([^>]*?)(?:\/>|>([\s\S]*?)<\/INFO\s*>)/g)];
  const attr = (attrs: string, name: string): string | undefined => {
    const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
    return m === null ? undefined : decodeEntities(m[2] ?? m[3] ?? '');
  };
  const status = infos.filter((m) => attr(m[1] ?? '', 'name') === 'QUERY_STATUS');
  const error = status.find((m) => attr(m[1] ?? '', 'value')?.toUpperCase() === 'ERROR') ?? status[0];
  if (error !== undefined) {
    const text = clean(error[2] ?? '');
    return text !== '' ? text : (attr(error[1] ?? '', 'value') ?? '');
  }
  return undefined;
}

function uwsMessage(body: string): string | undefined {
  const summary = /<(?:\w+:)?errorSummary\b[^>]*>([\s\S]*?)<\/(?:\w+:)?errorSummary\s*>/.exec(body);
  if (summary === null) return undefined;
  const msg = /<(?:\w+:)?message\b[^>]*>([\s\S]*?)<\/(?:\w+:)?message\s*>/.exec(summary[1] ?? '');
  return clean(msg?.[1] ?? summary[1] ?? '');
}

function htmlMessage(body: string): string {
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(body)?.[1];
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1\s*>/i.exec(body)?.[1];
  const bodyText = clean(stripTags(/<body\b[^>]*>([\s\S]*)/i.exec(body)?.[1] ?? body));
  const parts: string[] = [];
  if (title !== undefined && clean(title) !== '') parts.push(clean(title));
  if (h1 !== undefined && clean(stripTags(h1)) !== '' && clean(stripTags(h1)) !== parts[0]) parts.push(clean(stripTags(h1)));
  if (parts.length === 0) parts.push(bodyText.slice(0, 300));
  return parts.join(': ');
}

export function looksLikeHtml(body: string, contentType = ''): boolean {
  return /html/i.test(contentType) || /^\s*(<!DOCTYPE\s+html|<html\b)/i.test(body);
}

/** Best-effort message of an error body; never throws. */
export function parseErrorBody(body: string, contentType = ''): ErrorBody {
  if (body.trim() === '') return { kind: 'empty', message: '' };
  if (/<VOTABLE\b/.test(body)) {
    const msg = votableMessage(body);
    if (msg !== undefined) return { kind: 'votable', message: msg };
  }
  const uws = uwsMessage(body);
  if (uws !== undefined) return { kind: 'uws', message: uws };
  if (looksLikeHtml(body, contentType)) return { kind: 'html', message: htmlMessage(body) };
  if (/^\s*</.test(body)) return { kind: 'text', message: clean(stripTags(body)) };
  return { kind: 'text', message: clean(body) };
}

export interface ErrorPosition {
  line?: number;
  column?: number;
  /** 0-based character offset, when the server gave one. */
  offset?: number;
}

/**
 * Position of a query error in the server message, in the forms services use:
 * DaCHS "(at char 0), (line:1, col:1)", "line 3, column 5", "at line 2 col 4", "[line 1, column 8]".
 */
export function parseErrorPosition(message: string): ErrorPosition {
  const pos: ErrorPosition = {};
  const lc =
    /line\s*[:=]?\s*(\d+)\s*,?\s*(?:col(?:umn)?)\s*[:=]?\s*(\d+)/i.exec(message) ?? /\[l\.?\s*(\d+)\s*,?\s*c\.?\s*(\d+)\]/i.exec(message);
  if (lc !== null) {
    pos.line = Number(lc[1]);
    pos.column = Number(lc[2]);
  } else {
    const lineOnly = /\bline\s*[:=]?\s*(\d+)/i.exec(message);
    if (lineOnly !== null) pos.line = Number(lineOnly[1]);
  }
  const ch = /at char(?:acter)?\s*(\d+)/i.exec(message);
  if (ch !== null) pos.offset = Number(ch[1]);
  return pos;
}
