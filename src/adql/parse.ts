/** parse(): ADQL text to a typed AST plus every problem found, never throwing on any input. */
import { EOF, type IToken, type IRecognitionException, type TokenType } from './grammar/chevrotain.js';
import type { Comment, Position, QueryExpression, SourceRange } from './ast.js';
import { AdqlError, AdqlGrammarError, AdqlLexicalError, AdqlNestingError, AdqlSyntaxError } from './errors.js';
import { AdqlParser, NestingLimitExceeded, MAX_NESTING_DEPTH } from './grammar/parser.js';
import * as T from './grammar/tokens.js';
import { describeToken, EXPECTED_SEPARATOR } from './grammar/messages.js';
import { endOf, hasPosition, nextSignificant, positionAt, setSource, startOf, tokenRange } from './grammar/ranges.js';
import type { AdqlVersion } from './language/version.js';
import { checkVersion20 } from './version.js';
import { checkClauses20 } from './version-clauses.js';
import { checkUdfs, type UdfDeclaration } from './udfs.js';
import { keywordTypo, misplacedTop, takeLimit } from './hints.js';

export type { AdqlVersion };

export interface ParseOptions {
  /** Language version to accept. '2.0' reports 2.1-only constructs ("X needs ADQL 2.1"). Default '2.1'. */
  version?: AdqlVersion;
  /**
   * Error recovery. When true, parsing continues after syntax errors: every error is reported and
   * `ast` is a best-effort partial tree (some fields may be missing). When false (default), `ast`
   * is null as soon as there is any error.
   */
  recover?: boolean;
  /**
   * The user-defined functions the service declares (names, or TAPRegExt signatures such as
   * `ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER`). When given, calling any other function
   * that is not an ADQL function is an error (AdqlUnknownFunctionError), as is a call whose
   * argument count no declared signature has. Default: any `name(args)` is accepted as a UDF.
   */
  udfs?: readonly UdfDeclaration[];
}

export interface ParseResult {
  /** The query; null when there are errors and recovery is off. */
  ast: QueryExpression | null;
  /** Every problem found, sorted by position. Empty means the query is valid ADQL. */
  errors: AdqlError[];
}

let strictParser: AdqlParser | undefined;
let recoveringParser: AdqlParser | undefined;

function parserFor(recover: boolean): AdqlParser {
  if (recover) return (recoveringParser ??= new AdqlParser(true));
  return (strictParser ??= new AdqlParser(false));
}

export function parse(text: string, options: ParseOptions = {}): ParseResult {
  const recover = options.recover ?? false;
  // Errors here are returned, never thrown to the caller: capturing JavaScript stack traces for
  // them (Chevrotain's exceptions, AdqlError) would only make every syntax error slower.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseUnchecked(String(text), recover, options.version ?? '2.1', options.udfs);
  } catch (e) {
    // Last resort: a bug must still not escape as an exception (nor a stack overflow).
    const at = { offset: 0, line: 1, column: 1 };
    const why =
      e instanceof RangeError
        ? `the query is too deeply nested for the parser (at most ${MAX_NESTING_DEPTH} levels of parentheses, subqueries or function calls are supported); simplify it`
        : `internal parser error (${(e as Error)?.message ?? e})`;
    return { ast: null, errors: [new AdqlSyntaxError(why, { start: at, end: at })] };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function parseUnchecked(text: string, recover: boolean, version: AdqlVersion, udfs: readonly UdfDeclaration[] | undefined): ParseResult {
  const errors: AdqlError[] = [];
  setSource(text);
  const lexed = T.tokenize(text);
  for (const e of lexed.errors) {
    const start = positionAt(e.offset);
    const end = positionAt(e.offset + e.length);
    const ch = text.slice(e.offset, e.offset + e.length);
    errors.push(new AdqlLexicalError(`unexpected character ${JSON.stringify(ch)}${charHint(ch)}`, { start, end }));
  }

  const tokens: IToken[] = [];
  for (const tok of lexed.tokens) {
    const lexical = lexicalProblem(tok);
    if (lexical === undefined) {
      tokens.push(tok);
      continue;
    }
    errors.push(new AdqlLexicalError(lexical, tokenRange(tok)));
    // An unterminated string or name is closed at the end of the input, so parsing goes on with
    // one error instead of a cascade; a bitwise operator is dropped.
    if (tok.tokenType === T.UnterminatedString) tokens.push(retype(tok, T.StringLiteral, "'"));
    else if (tok.tokenType === T.UnterminatedDelimited && tok.image.length > 1) tokens.push(retype(tok, T.DelimitedIdentifier, '"'));
  }

  foldCaseExpressions(tokens, errors);
  const limit = takeLimit(tokens);
  if (limit !== undefined) errors.push(new AdqlSyntaxError(limit.message, limit.range, [], limit.fix));

  const parser = parserFor(recover);
  let ast: QueryExpression | null = null;
  try {
    ast = runParser(parser, tokens);
  } catch (e) {
    if (!(e instanceof NestingLimitExceeded)) throw e;
    const range = hasPosition(e.token) ? tokenRange(e.token) : endRange(text);
    errors.push(
      new AdqlNestingError(
        `the query nests deeper than the limit of ${MAX_NESTING_DEPTH} levels (parentheses, subqueries, NOT or signs); simplify it`,
        range,
      ),
    );
    ast = null;
  }

  // The end-of-input check below words "not all input parsed" better (and knows about ";").
  const syntaxErrors = parser.errors.filter((e) => e.name !== 'NotAllInputParsedException');
  for (const e of syntaxErrors) errors.push(syntaxError(e, text, tokens));
  if (!errors.some((e) => e instanceof AdqlNestingError)) {
    for (const issue of parser.issues) errors.push(new AdqlGrammarError(issue.message, issue.range, issue.expected ?? []));
    const rest = parser.nextToken();
    if (rest.tokenType !== EOF && (syntaxErrors.length === 0 || recover)) {
      const range = { start: startOf(rest), end: endOf(tokens[tokens.length - 1]!) };
      if (rest.tokenType === T.Semicolon) {
        const fix = { title: 'Remove ";"', edits: [{ range: tokenRange(rest), newText: '' }] };
        errors.push(new AdqlSyntaxError('ADQL queries do not end with ";": remove it', range, [], fix));
      } else {
        const hint = misplacedTop(rest, tokens) ?? keywordTypo([parser.previousToken(), rest]);
        const found = `expected the end of the query, found ${describeToken(rest)}${keywordAsQualifierHint(rest, parser.previousToken(), text)}`;
        errors.push(
          new AdqlSyntaxError(
            hint === undefined ? found : rest.tokenType === T.Top ? hint.message : `${found}; ${hint.message}`,
            range,
            [],
            hint?.fix,
          ),
        );
      }
    }
  }

  parser.release();

  if (ast && typeof ast === 'object' && ast.kind !== undefined) {
    if (lexed.comments.length > 0) ast.comments = lexed.comments.map(toComment);
    const later = [
      ...(version === '2.0' ? [...checkVersion20(ast), ...checkClauses20(ast)] : []),
      ...(udfs !== undefined ? checkUdfs(ast, udfs) : []),
    ];
    for (const e of later) errors.push(e); // not push(...later): a spread of many errors overflows
  } else {
    ast = null;
  }

  const cleaned = finishErrors(errors, text);
  return { ast: cleaned.length > 0 && !recover ? null : ast, errors: cleaned };
}

/**
 * Runs the parser. Deep nesting runs out of JavaScript stack sooner while the parser's code is still
 * interpreted (unoptimised frames are larger) than once V8 has compiled it; the failed attempt
 * warms it up, so a stack overflow is retried a few times before it is reported.
 */
function runParser(parser: AdqlParser, tokens: IToken[]): QueryExpression | null {
  for (let attempt = 1; ; attempt++) {
    parser.prepare(tokens);
    try {
      return parser.statement() ?? null;
    } catch (e) {
      if (!(e instanceof RangeError) || attempt >= 4) throw e;
    }
  }
}

/**
 * CASE ... END is not ADQL 2.1 (some services accept it as an extension): one error for the whole
 * expression, which the parser then reads as a NULL value, so the rest of the query gets no
 * follow-on errors (CASE, WHEN, THEN, ELSE and END are reserved words it would each report).
 */
function foldCaseExpressions(tokens: IToken[], errors: AdqlError[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i]!, 'CASE')) continue;
    let depth = 0;
    let end = -1;
    for (let j = i; j < tokens.length && end < 0; j++) {
      if (isWord(tokens[j]!, 'CASE')) depth++;
      else if (isWord(tokens[j]!, 'END') && --depth === 0) end = j;
    }
    if (end < 0) return;
    const first = tokens[i]!;
    const last = tokens[end]!;
    errors.push(
      new AdqlGrammarError(
        'CASE expressions are not part of ADQL 2.1 (a few services accept them as an extension); compute the value in your own code, or use COALESCE for a default value',
        { start: startOf(first), end: endOf(last) },
      ),
    );
    // A fresh token (not a copy: tokens cache their positions) spanning CASE ... END.
    const asNull: IToken = {
      image: 'NULL',
      startOffset: first.startOffset,
      endOffset: last.endOffset,
      tokenType: T.Null,
      tokenTypeIdx: T.Null.tokenTypeIdx!,
    };
    tokens.splice(i, end - i + 1, asNull);
  }
}

function isWord(tok: IToken, word: string): boolean {
  return tok.tokenType === T.ReservedWord && tok.image.toUpperCase() === word;
}

function retype(tok: IToken, type: TokenType, closing: string): IToken {
  // The image gets the missing closing quote; the end offset stays that of the source text.
  return {
    ...tok,
    image: tok.image + closing,
    endOffset: tok.startOffset + tok.image.length - 1,
    tokenType: type,
    tokenTypeIdx: type.tokenTypeIdx!,
  };
}

function toComment(tok: IToken): Comment {
  return { kind: 'Comment', text: tok.image, range: tokenRange(tok) };
}

function lexicalProblem(tok: IToken): string | undefined {
  switch (tok.tokenType) {
    case T.UnterminatedString:
      return "unterminated string: add the closing ' (write '' for a quote inside a string)";
    case T.UnterminatedDelimited:
      return tok.image === '"'
        ? 'empty or unterminated delimited identifier: a name in double quotes needs at least one character and a closing "'
        : 'unterminated delimited identifier: add the closing " (write "" for a quote inside the name)';
    case T.BitwiseOperator:
      return `the bitwise operator ${tok.image} is not part of ADQL 2.1 (bitwise operators were removed before the Recommendation)`;
    default:
      return undefined;
  }
}

function charHint(ch: string): string {
  if (ch === '_') return ': a name must start with a letter; quote it ("_name") to use other characters';
  if (ch === '[' || ch === ']') return ': square brackets are not ADQL; quote names with double quotes';
  if (ch === '`') return ': quote names with double quotes, not backticks';
  if (ch === '%') return ': ADQL has no % operator; write MOD(a, b) for the remainder';
  return '';
}

function syntaxError(e: IRecognitionException, text: string, tokens: IToken[]): AdqlSyntaxError {
  const [head, ...expected] = e.message.split(EXPECTED_SEPARATOR);
  let message = head ?? e.message;
  const tok = e.token;
  if (!message.includes(', found ')) message = `${message}, found ${describeToken(tok)}`;
  if (expected.length === 0) {
    const m = /^expected ([A-Z][A-Z ]*|[(),.]) /.exec(message);
    if (m?.[1]) expected.push(m[1].trim());
  }
  const range = hasPosition(tok) ? tokenRange(tok) : endRange(text);
  const previous = (e as { previousToken?: IToken }).previousToken;
  message += keywordAsQualifierHint(tok, previous, text);
  const top = misplacedTop(tok, tokens);
  if (top !== undefined) return new AdqlSyntaxError(top.message, range, expected, top.fix);
  const typo = keywordTypo([previous, tok]);
  if (typo !== undefined) return new AdqlSyntaxError(`${message}; ${typo.message}`, range, expected, typo.fix);
  return new AdqlSyntaxError(message, range, expected);
}

/**
 * A keyword written as a name's qualifier (`from.x`), found where the error is or just before its
 * "." (`null.x`): the hint to quote it, or ''.
 */
function keywordAsQualifierHint(tok: IToken, previous: IToken | undefined, text: string): string {
  const keyword =
    hasPosition(tok) && qualifiesAName(tok, text)
      ? tok
      : tok.image === '.' && hasPosition(previous) && qualifiesAName(previous, text)
        ? previous
        : undefined;
  return keyword === undefined
    ? ''
    : `; ${keyword.image} is a reserved word in ADQL: write it as a delimited identifier ("${keyword.image}") to use it as a name`;
}

/** Is this keyword written as the qualifier of a name (`from.x`)? */
function qualifiesAName(tok: IToken, text: string): boolean {
  if (!T.KEYWORDS.has(tok.image.toUpperCase())) return false;
  const after = nextSignificant(tok.startOffset + tok.image.length);
  return after !== undefined && text[after] === '.';
}

function endRange(text: string): SourceRange {
  const end = positionAt(text.length);
  return { start: end, end };
}

/** Sort by position, drop duplicates, and keep every range inside the text. */
function finishErrors(errors: AdqlError[], text: string): AdqlError[] {
  const seen = new Set<string>();
  const out: AdqlError[] = [];
  for (const e of errors) {
    const key = `${e.range.start.offset}:${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const len = text.length;
    const bad = (p: Position) => !Number.isFinite(p.offset) || p.offset < 0 || p.offset > len || !(p.line >= 1) || !(p.column >= 1);
    if (bad(e.range.start) || bad(e.range.end) || e.range.end.offset < e.range.start.offset) {
      const s = Number.isFinite(e.range.start.offset) ? Math.min(Math.max(e.range.start.offset, 0), len) : len;
      const start = positionAt(s);
      (e as { range: SourceRange }).range = { start, end: start };
    }
    out.push(e);
  }
  return out.sort((a, b) => a.range.start.offset - b.range.start.offset);
}
