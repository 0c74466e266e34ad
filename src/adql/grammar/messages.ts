/**
 * Plain-language syntax error messages ("expected FROM after the select list, found WHERE").
 * The expected token labels travel with the message after a NUL separator; parse() splits them
 * off into the error's `expected` list.
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from './chevrotain.js';

export const EXPECTED_SEPARATOR = '\u0000';

/** What the parser was looking for, by rule, when no alternative matched. */
const RULE_EXPECTATIONS: Record<string, string> = {
  statement: 'a query (SELECT, WITH or a parenthesised query)',
  queryExpression: 'a query (SELECT, WITH or a parenthesised query)',
  setExpression: 'SELECT or a parenthesised query',
  selectList: 'a select list (* or columns and expressions)',
  selectItem: 'a column or an expression',
  derivedColumn: 'a column or an expression',
  tablePrimary: 'a table name, a subquery or a parenthesised join',
  tableReference: 'a table name, a subquery or a parenthesised join',
  tableName: 'a table name',
  identifier: 'a name',
  expression: 'a value or a condition',
  arithmetic: 'a value (a column, number, string, function call or parenthesis)',
  castType: 'a CAST type (CHAR, VARCHAR, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE PRECISION, TIMESTAMP, POINT, CIRCLE or POLYGON)',
  orderItem: 'an ORDER BY expression',
  commonTableExpression: 'the name of a WITH query',
};

export function labelOf(t: TokenType): string {
  if (t === EOF) return 'end of query';
  return t.LABEL ?? t.name;
}

/** How a found token is named in a message. */
export function describeToken(tok: IToken | undefined): string {
  if (tok === undefined || tok.tokenType === EOF) return 'the end of the query';
  const name = tok.tokenType.name;
  const image = tok.image.length > 30 ? `${tok.image.slice(0, 30)}...` : tok.image;
  if (name === 'Identifier' || name === 'DelimitedIdentifier') return `the name ${image}`;
  if (name === 'StringLiteral' || name === 'UnterminatedString') return `the string ${image}`;
  if (name === 'NumberLiteral') return `the number ${image}`;
  if (/^[A-Za-z_]/.test(image)) return image.toUpperCase();
  return `"${image}"`;
}

/** Internal token kinds that are never what a user should type. */
const HIDDEN_LABELS = new Set(['hex literal', 'reserved word']);

function unique(labels: string[]): string[] {
  return [...new Set(labels)].filter((l) => !HIDDEN_LABELS.has(l));
}

function encode(message: string, expected: string[]): string {
  return `${message}${EXPECTED_SEPARATOR}${expected.join(EXPECTED_SEPARATOR)}`;
}

function after(previous: IToken | undefined): string {
  if (previous === undefined || Number.isNaN(previous.startOffset)) return '';
  return ` after ${/^[A-Za-z]/.test(previous.image) && previous.tokenType.name !== 'Identifier' ? previous.image.toUpperCase() : `"${previous.image}"`}`;
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous }) {
    const label = labelOf(expected);
    return encode(`expected ${label}${after(previous)}, found ${describeToken(actual)}`, [label]);
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return encode(`unexpected ${describeToken(firstRedundant)} after the end of the query`, []);
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName, customUserDescription }) {
    const labels = unique(expectedPathsPerAlt.flatMap((paths) => paths.map((p) => (p[0] ? labelOf(p[0]) : ''))).filter(Boolean));
    const what = customUserDescription ?? RULE_EXPECTATIONS[ruleName] ?? `one of ${labels.join(', ')}`;
    return encode(`expected ${what}${after(previous)}, found ${describeToken(actual[0])}`, labels);
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, previous, ruleName, customUserDescription }) {
    const labels = unique(expectedIterationPaths.map((p) => (p[0] ? labelOf(p[0]) : '')).filter(Boolean));
    const what = customUserDescription ?? RULE_EXPECTATIONS[ruleName] ?? `one of ${labels.join(', ')}`;
    return encode(`expected ${what}${after(previous)}, found ${describeToken(actual[0])}`, labels);
  },
};
