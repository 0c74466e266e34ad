/**
 * ADQL 2.1 tokens and lexer.
 *
 * Keywords are not separate lexer patterns: every word is lexed as a regular identifier and then
 * re-typed through a keyword table (one Map lookup per word). This keeps the lexer small and fast
 * with the ~250 reserved words of ADQL/SQL92. Reserved words that the grammar never uses are all
 * typed `ReservedWord`, so the parser can accept them where a name is expected and report
 * "quote it" instead of a puzzling syntax error.
 */
import { createToken, Lexer, type IToken, type TokenType, type ILexingError } from './chevrotain.js';
import { functionsWithSyntax } from '../language/functions.js';
import { newToken } from './ranges.js';

const NA = Lexer.NA;

// --- Trivia -----------------------------------------------------------------------------------
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED, line_breaks: true });
/** `--` comment up to the end of the line (BNF <comment>; a comment may also end the input). */
export const Comment = createToken({ name: 'Comment', pattern: /--[^\n\r]*/, group: 'comments' });

// --- Literals ---------------------------------------------------------------------------------
/** Hex literals were in ADQL 2.1 drafts and removed before the REC: lexed only to reject them clearly. */
export const HexLiteral = createToken({ name: 'HexLiteral', pattern: /0[xX][0-9a-fA-F]+/, label: 'hex literal' });
/** Every BNF numeric form: 12, 12., 12.5, .5, with an optional exponent (1e-5, 2.5E+3). */
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/,
  label: 'number',
  start_chars_hint: ['.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
});
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /'(?:[^']|'')*'/,
  line_breaks: true,
  label: 'string',
  start_chars_hint: ["'"],
});
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /'(?:[^']|'')*/,
  line_breaks: true,
  label: 'unterminated string',
  start_chars_hint: ["'"],
});

// --- Names ------------------------------------------------------------------------------------
export const DelimitedIdentifier = createToken({
  name: 'DelimitedIdentifier',
  pattern: /"(?:[^"]|"")+"/,
  line_breaks: true,
  label: 'delimited identifier',
  start_chars_hint: ['"'],
});
export const UnterminatedDelimited = createToken({
  name: 'UnterminatedDelimited',
  pattern: /"(?:[^"]|"")*/,
  line_breaks: true,
  label: 'unterminated delimited identifier',
  start_chars_hint: ['"'],
});
/** BNF <regular_identifier>: a Latin letter then letters, digits, underscores. */
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z][A-Za-z0-9_]*/, label: 'name' });

// --- Operators and punctuation ----------------------------------------------------------------
/** Categories: the parser loops over "operand (operator operand)*" with one separator token type. */
export const ComparisonOperator = createToken({ name: 'ComparisonOperator', pattern: NA, label: 'comparison operator' });
export const ArithmeticOperator = createToken({ name: 'ArithmeticOperator', pattern: NA, label: 'operator' });
export const BooleanOperator = createToken({ name: 'BooleanOperator', pattern: NA, label: 'AND or OR' });
export const SetOperator = createToken({ name: 'SetOperator', pattern: NA, label: 'UNION, INTERSECT or EXCEPT' });
export const LikeOperator = createToken({ name: 'LikeOperator', pattern: NA, label: 'LIKE or ILIKE' });

const cmp = { categories: [ComparisonOperator] };
export const NotEquals = createToken({ name: 'NotEquals', pattern: /<>|!=/, label: '<>', ...cmp });
export const LessEquals = createToken({ name: 'LessEquals', pattern: '<=', label: '<=', ...cmp });
export const GreaterEquals = createToken({ name: 'GreaterEquals', pattern: '>=', label: '>=', ...cmp });
export const Less = createToken({ name: 'Less', pattern: '<', label: '<', ...cmp });
export const Greater = createToken({ name: 'Greater', pattern: '>', label: '>', ...cmp });
export const Equals = createToken({ name: 'Equals', pattern: '=', label: '=', ...cmp });
export const Concat = createToken({ name: 'Concat', pattern: '||', label: '||', categories: [ArithmeticOperator] });
/** Bitwise operators were in ADQL 2.1 drafts and removed before the REC: lexed only to reject them. */
export const BitwiseOperator = createToken({ name: 'BitwiseOperator', pattern: /[&|^~]/, label: 'bitwise operator' });
export const Plus = createToken({ name: 'Plus', pattern: '+', label: '+', categories: [ArithmeticOperator] });
export const Minus = createToken({ name: 'Minus', pattern: '-', label: '-', categories: [ArithmeticOperator] });
export const Asterisk = createToken({ name: 'Asterisk', pattern: '*', label: '*', categories: [ArithmeticOperator] });
export const Slash = createToken({ name: 'Slash', pattern: '/', label: '/', categories: [ArithmeticOperator] });
export const LParen = createToken({ name: 'LParen', pattern: '(', label: '(' });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: ')' });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: ',' });
export const Period = createToken({ name: 'Period', pattern: '.', label: '.' });
export const Semicolon = createToken({ name: 'Semicolon', pattern: ';', label: ';' });

// --- Keywords (typed after lexing, never matched by the lexer itself) -------------------------
function keyword(name: string, categories?: TokenType[]): TokenType {
  return createToken({ name, pattern: NA, label: name.toUpperCase(), ...(categories ? { categories } : {}) });
}

export const Select = keyword('SELECT');
export const From = keyword('FROM');
export const Where = keyword('WHERE');
export const Group = keyword('GROUP');
export const By = keyword('BY');
export const Having = keyword('HAVING');
export const Order = keyword('ORDER');
export const Asc = keyword('ASC');
export const Desc = keyword('DESC');
export const Top = keyword('TOP');
export const Offset = keyword('OFFSET');
export const Distinct = keyword('DISTINCT');
export const All = keyword('ALL');
export const As = keyword('AS');
export const Join = keyword('JOIN');
export const Natural = keyword('NATURAL');
export const Inner = keyword('INNER');
export const Left = keyword('LEFT');
export const Right = keyword('RIGHT');
export const Full = keyword('FULL');
export const Outer = keyword('OUTER');
export const On = keyword('ON');
export const Using = keyword('USING');
export const And = keyword('AND', [BooleanOperator]);
export const Or = keyword('OR', [BooleanOperator]);
export const Not = keyword('NOT');
export const Between = keyword('BETWEEN');
export const Like = keyword('LIKE', [LikeOperator]);
export const ILike = keyword('ILIKE', [LikeOperator]);
export const In = keyword('IN');
export const Exists = keyword('EXISTS');
export const Is = keyword('IS');
export const Null = keyword('NULL');
export const Union = keyword('UNION', [SetOperator]);
export const Intersect = keyword('INTERSECT', [SetOperator]);
export const Except = keyword('EXCEPT', [SetOperator]);
export const With = keyword('WITH');
export const Cast = keyword('CAST');
export const Double = keyword('DOUBLE');
export const Precision = keyword('PRECISION');
/** CHAR, VARCHAR: cast targets taking an optional length. */
export const CharType = createToken({ name: 'CharType', pattern: NA, label: 'CHAR or VARCHAR' });
/** SMALLINT, INTEGER, BIGINT, REAL, TIMESTAMP: cast targets without arguments. */
export const SimpleType = createToken({ name: 'SimpleType', pattern: NA, label: 'type name' });

/** Category of the keyword tokens that start a built-in function call. */
export const FunctionKeyword = createToken({ name: 'FunctionKeyword', pattern: NA, label: 'function name' });
/** Math, trig, LOWER/UPPER, COALESCE, IN_UNIT. */
export const BuiltinFunction = createToken({ name: 'BuiltinFunction', pattern: NA, categories: [FunctionKeyword], label: 'function name' });
export const GeometryFunction = createToken({
  name: 'GeometryFunction',
  pattern: NA,
  categories: [FunctionKeyword],
  label: 'geometry function',
});
export const AggregateFunction = createToken({
  name: 'AggregateFunction',
  pattern: NA,
  categories: [FunctionKeyword],
  label: 'aggregate function',
});
/** Any reserved word (SQL92 or ADQL) that the grammar does not use. */
export const ReservedWord = createToken({ name: 'ReservedWord', pattern: NA, label: 'reserved word' });

const GRAMMAR_KEYWORDS: TokenType[] = [
  Select,
  From,
  Where,
  Group,
  By,
  Having,
  Order,
  Asc,
  Desc,
  Top,
  Offset,
  Distinct,
  All,
  As,
  Join,
  Natural,
  Inner,
  Left,
  Right,
  Full,
  Outer,
  On,
  Using,
  And,
  Or,
  Not,
  Between,
  Like,
  ILike,
  In,
  Exists,
  Is,
  Null,
  Union,
  Intersect,
  Except,
  With,
  Cast,
  Double,
  Precision,
];

const BUILTIN_NAMES = functionsWithSyntax('call').map((f) => f.name);
const GEOMETRY_NAMES = functionsWithSyntax('geometry').map((f) => f.name);
const AGGREGATE_NAMES = functionsWithSyntax('aggregate').map((f) => f.name);

/** Every SQL92 reserved word listed by the ADQL 2.1 BNF (<SQL_reserved_word>). */
const SQL_RESERVED = `ABSOLUTE ACTION ADD ALL ALLOCATE ALTER AND ANY ARE AS ASC ASSERTION AT AUTHORIZATION AVG BEGIN
BETWEEN BIT BIT_LENGTH BOTH BY CASCADE CASCADED CASE CAST CATALOG CHAR CHARACTER CHAR_LENGTH CHARACTER_LENGTH
CHECK CLOSE COALESCE COLLATE COLLATION COLUMN COMMIT CONNECT CONNECTION CONSTRAINT CONSTRAINTS CONTINUE CONVERT
CORRESPONDING COUNT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR DATE DAY
DEALLOCATE DECIMAL DECLARE DEFAULT DEFERRABLE DEFERRED DELETE DESC DESCRIBE DESCRIPTOR DIAGNOSTICS DISCONNECT
DISTINCT DOMAIN DOUBLE DROP ELSE END ESCAPE EXCEPT EXCEPTION EXEC EXECUTE EXISTS EXTERNAL EXTRACT FALSE FETCH
FIRST FLOAT FOR FOREIGN FOUND FROM FULL GET GLOBAL GO GOTO GRANT GROUP HAVING HOUR IDENTITY IMMEDIATE IN
INDICATOR INITIALLY INNER INPUT INSENSITIVE INSERT INT INTEGER INTERSECT INTERVAL INTO IS ISOLATION JOIN KEY
LANGUAGE LAST LEADING LEFT LEVEL LIKE LOCAL LOWER MATCH MAX MIN MINUTE MODULE MONTH NAMES NATIONAL NATURAL NCHAR
NEXT NO NOT NULL NULLIF NUMERIC OCTET_LENGTH OF ON ONLY OPEN OPTION OR ORDER OUTER OUTPUT OVERLAPS PAD PARTIAL
POSITION PRECISION PREPARE PRESERVE PRIMARY PRIOR PRIVILEGES PROCEDURE PUBLIC READ REAL REFERENCES RELATIVE
RESTRICT REVOKE RIGHT ROLLBACK ROWS SCHEMA SCROLL SECOND SECTION SELECT SESSION SESSION_USER SET SIZE SMALLINT
SOME SPACE SQL SQLCODE SQLERROR SQLSTATE SUBSTRING SUM SYSTEM_USER TABLE TEMPORARY THEN TIME TIMESTAMP
TIMEZONE_HOUR TIMEZONE_MINUTE TO TRAILING TRANSACTION TRANSLATE TRANSLATION TRIM TRUE UNION UNIQUE UNKNOWN UPDATE
UPPER USAGE USER USING VALUE VALUES VARCHAR VARYING VIEW WHEN WHENEVER WHERE WITH WORK WRITE YEAR ZONE`;
/** ADQL's own reserved words (<ADQL_reserved_word>), plus BIGINT. */
const ADQL_RESERVED = `ABS ACOS AREA ASIN ATAN ATAN2 BIGINT BOX CEILING CENTROID CIRCLE CONTAINS COORD1 COORD2 COORDSYS
COS COT DEGREES DISTANCE EXP FLOOR ILIKE INTERSECTS IN_UNIT LOG LOG10 MOD OFFSET PI POINT POLYGON POWER RADIANS
REGION RAND ROUND SIN SQRT TOP TAN TRUNCATE`;

/** Upper-case word -> keyword token type. Words not in the table are identifiers. */
export const KEYWORDS = new Map<string, TokenType>();
for (const w of `${SQL_RESERVED} ${ADQL_RESERVED}`.split(/\s+/)) KEYWORDS.set(w, ReservedWord);
for (const t of GRAMMAR_KEYWORDS) KEYWORDS.set(t.name, t);
for (const w of BUILTIN_NAMES) KEYWORDS.set(w, BuiltinFunction);
for (const w of GEOMETRY_NAMES) KEYWORDS.set(w, GeometryFunction);
for (const w of AGGREGATE_NAMES) KEYWORDS.set(w, AggregateFunction);
for (const w of ['CHAR', 'VARCHAR']) KEYWORDS.set(w, CharType);
for (const w of ['SMALLINT', 'INTEGER', 'BIGINT', 'REAL', 'TIMESTAMP']) KEYWORDS.set(w, SimpleType);

/** The keywords again, spelled in lower case. */
const LOWER_KEYWORDS = new Map([...KEYWORDS].map(([word, type]) => [word.toLowerCase(), type]));

/** The keyword token type of a word, if it is one. Words in one case are looked up as they are:
 *  upper-casing every identifier of a query allocated a string per name. */
function keywordOf(word: string): TokenType | undefined {
  const kw = KEYWORDS.get(word) ?? LOWER_KEYWORDS.get(word);
  if (kw !== undefined || !hasMixedCase(word)) return kw;
  return KEYWORDS.get(word.toUpperCase());
}

function hasMixedCase(word: string): boolean {
  let upper = false;
  let lower = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
  }
  return upper && lower;
}

/** Tokens the lexer matches, in priority order. */
const LEXER_TOKENS: TokenType[] = [
  WhiteSpace,
  Comment,
  HexLiteral,
  NumberLiteral,
  StringLiteral,
  UnterminatedString,
  DelimitedIdentifier,
  UnterminatedDelimited,
  Identifier,
  NotEquals,
  LessEquals,
  GreaterEquals,
  Less,
  Greater,
  Equals,
  Concat,
  BitwiseOperator,
  Plus,
  Minus,
  Asterisk,
  Slash,
  LParen,
  RParen,
  Comma,
  Period,
  Semicolon,
];

/** Every token type the parser knows. */
export const ALL_TOKENS: TokenType[] = [
  ...LEXER_TOKENS,
  ...GRAMMAR_KEYWORDS,
  ComparisonOperator,
  ArithmeticOperator,
  BooleanOperator,
  SetOperator,
  LikeOperator,
  CharType,
  SimpleType,
  FunctionKeyword,
  BuiltinFunction,
  GeometryFunction,
  AggregateFunction,
  ReservedWord,
];

// Offsets only: lines and columns are computed from a line-start table (see ranges.ts).
const lexer = new Lexer(LEXER_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: true });
// Chevrotain's (internal) token factory for 'onlyOffset', replaced by one whose tokens have room for
// the positions ranges.ts caches on them.
(lexer as unknown as { createTokenInstance: typeof newToken }).createTokenInstance = newToken;

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: ILexingError[];
}

export function tokenize(text: string): LexResult {
  const result = lexer.tokenize(text);
  const tokens = result.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.tokenType === Identifier) {
      const kw = keywordOf(tok.image);
      if (kw !== undefined) {
        tok.tokenType = kw;
        tok.tokenTypeIdx = kw.tokenTypeIdx!;
      }
    }
  }
  return { tokens, comments: (result.groups['comments'] as IToken[] | undefined) ?? [], errors: result.errors };
}
