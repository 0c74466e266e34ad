/// <reference lib="dom" />
/** ADQL highlighting for CodeMirror: a small stream tokenizer (keywords, functions, strings, numbers, comments). */
import { StreamLanguage, type StreamParser } from '@codemirror/language';

const KEYWORDS = new Set(
  (
    'select top distinct all from where group by having order asc desc offset as join inner left right full outer natural on using ' +
    'and or not between like ilike in is null exists union intersect except with case when then else end cast true false'
  ).split(' '),
);

const FUNCTIONS = new Set(
  (
    'count sum avg min max abs ceiling floor round sqrt power exp log log10 sin cos tan asin acos atan atan2 degrees radians pi mod rand truncate ' +
    'contains intersects point circle box polygon region distance area centroid coordsys coord1 coord2 lower upper trim substring position char_length octet_length ' +
    'coalesce in_unit gavo_xmatch ivo_hasword ivo_hashlist_has ivo_nocasematch'
  ).split(' '),
);

const parser: StreamParser<null> = {
  name: 'adql',
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match('--')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^'(?:[^']|'')*'?/)) return 'string';
    if (stream.match(/^"(?:[^"]|"")*"?/)) return 'variableName.special';
    if (stream.match(/^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/i)) return 'number';
    if (stream.match(/^[A-Za-z_][\w$]*/)) {
      const word = stream.current().toLowerCase();
      if (KEYWORDS.has(word)) return 'keyword';
      if (FUNCTIONS.has(word) && stream.match(/^\s*\(/, false)) return 'function(variableName)';
      return 'variableName';
    }
    stream.next();
    return /[-+*/<>=|!]/.test(stream.current()) ? 'operator' : null;
  },
  languageData: { commentTokens: { line: '--' } },
};

export const adqlLanguage = StreamLanguage.define(parser);
