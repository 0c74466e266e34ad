/**
 * ADQL 2.1 parser (Chevrotain, embedded actions: the rules build the typed AST directly, no CST).
 *
 * Grammar source: ADQL 2.1 REC BNF (adql-2.1.bnf). Deviations and settled defects are documented
 * next to the rule concerned, marked "BNF deviation".
 *
 * Overall design decision (BNF deviation): value expressions and search conditions share ONE
 * expression grammar (`expression` -> `arithmetic` -> primary). The BNF separates <search_condition>, <numeric_value_expression>,
 * <string_value_expression> and <geometry_value_expression>, which is not LL(k) (a "(" may open a
 * condition or a value) and would need backtracking. Instead the actions check what each context
 * requires (a condition in WHERE/HAVING/ON, a value elsewhere) and report a clear error.
 * Boolean and arithmetic operators are parsed as flat operand/operator lists and folded by
 * precedence, which keeps the recursion per parenthesis level small (deep nesting without stack
 * overflow).
 */
import {
  EarlyExitException,
  EmbeddedActionsParser,
  EOF,
  getLookaheadPaths,
  NoViableAltException,
  type IRecognitionException,
  type IOrAlt,
  type IToken,
  type OrMethodOpts,
  type AtLeastOneSepMethodOpts,
  type DSLMethodOpts,
  type ManySepMethodOpts,
  type TokenType,
} from './chevrotain.js';
import * as T from './tokens.js';
import { hasPosition, nextSignificant, positionAt, sourceLength, startOf, endOf, tokenRange } from './ranges.js';
import type * as A from '../ast.js';
import { errorMessageProvider } from './messages.js';
import { ReusableStack } from './reusable-stack.js';
import { arityRange, functionsWithSyntax } from '../language/functions.js';

/**
 * Maximum nesting: each parenthesis, subquery, derived table, WITH query, function argument list,
 * NOT and unary sign counts one level. Chosen so that the deepest allowed query parses within
 * Node's default stack (the parser is recursive); the issue requires at least 200.
 */
export const MAX_NESTING_DEPTH = 256;

/** Thrown (and caught by parse()) when the nesting limit is exceeded; never escapes the package. */
export class NestingLimitExceeded extends Error {
  constructor(readonly token: IToken) {
    super(`the query nests deeper than ${MAX_NESTING_DEPTH} levels (parentheses, subqueries, NOT or signs)`);
  }
}

/** Chevrotain internals used by the cached error reporting (present at runtime, not in its types). */
interface ChevrotainInternals {
  getCurrRuleFullName(): string;
  maxLookahead: number;
  SAVE_ERROR(error: IRecognitionException): IRecognitionException;
}

/** Chevrotain's PROD_TYPE enum values, by index, as getLookaheadPaths names them. */
const PROD_TYPE_NAMES = [
  'Option',
  'Repetition',
  'RepetitionMandatory',
  'RepetitionMandatoryWithSeparator',
  'RepetitionWithSeparator',
  'Alternation',
] as const;

export interface SemanticIssue {
  message: string;
  range: A.SourceRange;
  expected?: string[];
}

type Expr = A.ValueExpression | A.Condition;

const CONDITION_KINDS = new Set<string>([
  'Comparison',
  'Between',
  'Like',
  'InList',
  'InSubquery',
  'Exists',
  'IsNull',
  'Not',
  'Logical',
  'ParenCondition',
]);

export function isCondition(e: Expr): e is A.Condition {
  return CONDITION_KINDS.has(e.kind);
}

// Options of the CONSUMEs on the hot paths, made once (an object literal in the call is a new object per token).
const CLOSE_PARENTHESIS = { ERR_MSG: 'expected ) to close the parenthesis' };
const CLOSE_ARGUMENTS = { ERR_MSG: 'expected ) to close the function arguments' };

const BINARY_PRECEDENCE: Record<string, number> = { '||': 1, '+': 2, '-': 2, '*': 3, '/': 3 };

/** Arity of the plain-call built-ins (math, trig, LOWER/UPPER, COALESCE, IN_UNIT): [min, max]. */
const BUILTIN_ARITY: ReadonlyMap<string, [number, number]> = new Map(functionsWithSyntax('call').map((f) => [f.name, arityRange(f)]));

/**
 * Choices the strict parser (no error recovery) makes from the next token alone, without Chevrotain's
 * OR, which tries each alternative's lookahead paths in turn and is a large part of parsing a value:
 * the alternative the OR would take is called directly. With recovery every choice goes through
 * Chevrotain. test/adql/shortcuts.test.ts checks each entry against the grammar's lookahead paths,
 * so a grammar edit that makes one wrong fails there.
 */
export const SHORTCUTS = {
  /** `arithmetic`'s OR2 (the primary value): these tokens take the alternative at this index. */
  primary: [
    [T.Identifier, 0],
    [T.DelimitedIdentifier, 0],
    [T.NumberLiteral, 1],
    [T.StringLiteral, 2],
    [T.LParen, 10],
  ] as ReadonlyArray<readonly [TokenType, number]>,
  /** The same OR2: these tokens followed by "(" take the alternative at this index (a function call). */
  primaryCall: [
    [T.BuiltinFunction, 5],
    [T.GeometryFunction, 6],
    [T.AggregateFunction, 7],
  ] as ReadonlyArray<readonly [TokenType, number]>,
  /** `expression`'s OR (the factor): these tokens start a value, never EXISTS (alternative 1). */
  factor: [
    T.Identifier,
    T.DelimitedIdentifier,
    T.NumberLiteral,
    T.StringLiteral,
    T.LParen,
    T.Minus,
    T.Plus,
    T.BuiltinFunction,
    T.GeometryFunction,
    T.AggregateFunction,
  ] as readonly TokenType[],
  /** `expression`'s OR2 (the predicate tail): any other token takes its last, empty alternative. */
  predicateTail: [T.ComparisonOperator, T.Is, T.Not, T.Between, T.LikeOperator, T.In] as readonly TokenType[],
};

/** Does a token of `type` match `expected` (itself or one of its categories), as Chevrotain's matcher decides? */
export function tokenMatches(type: TokenType, expected: TokenType): boolean {
  return type === expected || expected.categoryMatchesMap?.[type.tokenTypeIdx!] === true;
}

export class AdqlParser extends EmbeddedActionsParser {
  /** Errors found by the actions (not by Chevrotain): reserved words, arity, 2.1 restrictions... */
  issues: SemanticIssue[] = [];
  private depth = 0;

  /**
   * `checkGrammar` runs Chevrotain's grammar validations (ambiguities, left recursion...): they cost
   * about half of the parser's construction, paid by every process on its first parse, and can only
   * fail when the grammar is edited, so test/adql/grammar-checks.test.ts runs them instead.
   */
  constructor(recover: boolean, checkGrammar = false) {
    super(T.ALL_TOKENS, { recoveryEnabled: recover, maxLookahead: 3, errorMessageProvider, skipValidations: !checkGrammar });
    this.recovering = recover;
    this.performSelfAnalysis();
    if (!recover) this.shortcuts = this.buildShortcuts();
  }

  /** Tables of the strict parser's SHORTCUTS by token type index (empty while recording and with recovery). */
  private shortcuts: {
    primary: Array<(() => A.ValueExpression) | undefined>;
    primaryCall: Array<(() => A.ValueExpression) | undefined>;
    factor: boolean[];
    noPredicateTail: boolean[];
  } = { primary: [], primaryCall: [], factor: [], noPredicateTail: [] };

  private buildShortcuts(): typeof this.shortcuts {
    const primaryAlternatives = this.primaryAlternatives!.DEF;
    const tables: typeof this.shortcuts = { primary: [], primaryCall: [], factor: [], noPredicateTail: [] };
    for (const [type, alternative] of SHORTCUTS.primary) tables.primary[type.tokenTypeIdx!] = primaryAlternatives[alternative]!.ALT;
    for (const [type, alternative] of SHORTCUTS.primaryCall) tables.primaryCall[type.tokenTypeIdx!] = primaryAlternatives[alternative]!.ALT;
    for (const type of SHORTCUTS.factor) tables.factor[type.tokenTypeIdx!] = true;
    for (const type of [...T.ALL_TOKENS, EOF]) {
      tables.noPredicateTail[type.tokenTypeIdx!] = !SHORTCUTS.predicateTail.some((start) => tokenMatches(type, start));
    }
    return tables;
  }

  private readonly recovering: boolean;

  /**
   * Whether a MANY whose repetition starts with `type` must be entered: Chevrotain's MANY allocates
   * on every call, even when it does not repeat, and a value rarely has a NOT or a sign before it.
   * Without error recovery a MANY that does not repeat does nothing else, so it is skipped when the
   * next token cannot start it; with recovery it may resynchronise, so it always runs (and it
   * always runs while Chevrotain records the grammar).
   */
  private mayRepeat(type: TokenType, other?: TokenType): boolean {
    if (this.recovering || this.RECORDING_PHASE) return true;
    const next = this.LA(1).tokenType;
    return next === type || next === other;
  }

  /** The next unconsumed token (EOF when the whole input was parsed). */
  nextToken(): IToken {
    return this.LA(1);
  }

  /** The last consumed token. */
  previousToken(): IToken {
    return this.LA(0);
  }

  prepare(tokens: IToken[]): void {
    this.input = tokens;
    this.issues = [];
    this.depth = 0;
    // Normally empty between parses; a stack overflow may have unwound past the rules that empty them.
    this.clearStacks();
  }

  /** Drops the last input and its issues: the parser is long-lived, so what it holds on to
   *  between parses is copied by every young-generation collection until the next parse. */
  release(): void {
    this.input = [];
    this.issues = [];
    this.clearStacks();
  }

  private clearStacks(): void {
    this.operands.clear();
    this.operators.clear();
    this.signs.clear();
    this.foldValues.clear();
    this.foldOperators.clear();
    this.listBase = 0;
  }

  // ------------------------------------------------------------------------ error reporting

  /**
   * Chevrotain recomputes the grammar's lookahead paths for every "no viable alternative" and
   * "early exit" error, which made a syntax error cost about a millisecond. The paths depend only
   * on the grammar position, so they are cached; the rest mirrors Chevrotain's own methods.
   */
  private static readonly lookaheadPathCache = new Map<string, TokenType[][][]>();

  private cachedLookaheadPaths(occurrence: number, prodType: number): { paths: TokenType[][][]; ruleName: string } {
    const internals = this as unknown as ChevrotainInternals;
    const ruleName = internals.getCurrRuleFullName();
    const key = `${ruleName}|${prodType}|${occurrence}`;
    let paths = AdqlParser.lookaheadPathCache.get(key);
    if (paths === undefined) {
      paths = getLookaheadPaths({
        occurrence,
        rule: this.getGAstProductions()[ruleName]!,
        prodType: PROD_TYPE_NAMES[prodType]!,
        maxLookahead: internals.maxLookahead,
      });
      AdqlParser.lookaheadPathCache.set(key, paths);
    }
    return { paths, ruleName };
  }

  private lookaheadTokens(): IToken[] {
    return [this.LA(1), this.LA(2), this.LA(3)];
  }

  /** Overrides Chevrotain's (internal) method with cached lookahead paths. */
  raiseNoAltException(occurrence: number, errMsgTypes: string | undefined): never {
    const { paths, ruleName } = this.cachedLookaheadPaths(occurrence, 5);
    const message = errorMessageProvider.buildNoViableAltMessage({
      expectedPathsPerAlt: paths,
      actual: this.lookaheadTokens(),
      previous: this.LA(0),
      ...(errMsgTypes !== undefined ? { customUserDescription: errMsgTypes } : {}),
      ruleName,
    });
    throw (this as unknown as ChevrotainInternals).SAVE_ERROR(new NoViableAltException(message, this.LA(1), this.LA(0)));
  }

  /** Overrides Chevrotain's (internal) method with cached lookahead paths. */
  raiseEarlyExitException(occurrence: number, prodType: number, userDefinedErrMsg: string | undefined): never {
    const { paths, ruleName } = this.cachedLookaheadPaths(occurrence, prodType);
    const message = errorMessageProvider.buildEarlyExitMessage({
      expectedIterationPaths: paths[0] ?? [],
      actual: this.lookaheadTokens(),
      previous: this.LA(0),
      ...(userDefinedErrMsg !== undefined ? { customUserDescription: userDefinedErrMsg } : {}),
      ruleName,
    });
    throw (this as unknown as ChevrotainInternals).SAVE_ERROR(new EarlyExitException(message, this.LA(1), this.LA(0)));
  }

  // ---------------------------------------------------------------------------------- helpers

  private issue(message: string, range: A.SourceRange | undefined, expected?: string[]): void {
    if (this.RECORDING_PHASE) return;
    const r = range ?? this.hereRange();
    this.issues.push(expected ? { message, range: r, expected } : { message, range: r });
  }

  /** The range of the current token (or the previous one at the end of input). */
  private hereRange(): A.SourceRange {
    const next = this.LA(1);
    if (hasPosition(next)) return tokenRange(next);
    const prev = this.LA(0);
    if (hasPosition(prev)) return { start: endOf(prev), end: endOf(prev) };
    return { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
  }

  /** Sets node.range from the rule's first token to the last consumed token. */
  private done<N extends A.AdqlNode>(node: N, first: IToken): N {
    if (this.RECORDING_PHASE) return node;
    const last = this.LA(0);
    if (hasPosition(first) && hasPosition(last) && last.startOffset >= first.startOffset) {
      node.range = { start: startOf(first), end: endOf(last) };
    } else if (hasPosition(first)) {
      node.range = tokenRange(first);
    }
    return node;
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING_DEPTH && !this.RECORDING_PHASE) throw new NestingLimitExceeded(this.LA(1));
  }

  /** Runs a nested part (parenthesis, subquery, function arguments) counting one nesting level. */
  private nested<R>(parse: () => R): R {
    this.enter();
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private identifierNode(tok: IToken): A.Identifier {
    if (tok.tokenType === T.DelimitedIdentifier) {
      const name = tok.image.slice(1, -1).replace(/""/g, '"');
      return { kind: 'Identifier', name, delimited: true, range: tokenRange(tok) };
    }
    const node: A.Identifier = { kind: 'Identifier', name: tok.image, delimited: false };
    if (hasPosition(tok)) node.range = tokenRange(tok);
    return node;
  }

  private reservedAsName(tok: IToken): void {
    this.issue(
      `${tok.image} is a reserved word in ADQL: write it as a delimited identifier ("${tok.image}") to use it as a name`,
      tokenRange(tok),
    );
  }

  /**
   * A reserved word may qualify a name as its schema or catalog (`public.zcat`, see identifier),
   * but a table cannot be named by one, so as the table part of a column reference or of `t.*`
   * (`user.id`) it is the same error as anywhere else a reserved word is used as a name.
   */
  private checkTableQualifier(table: A.Identifier | undefined): void {
    if (table === undefined || table.delimited || T.KEYWORDS.get(table.name.toUpperCase()) !== T.ReservedWord) return;
    this.issue(
      `${table.name} is a reserved word in ADQL: write it as a delimited identifier ("${table.name}") to use it as a name`,
      table.range,
    );
  }

  /** The range of the first token after a node (an empty range at the end of the input). */
  private rangeAfter(node: A.AdqlNode | undefined): A.SourceRange | undefined {
    const end = node?.range?.end.offset;
    if (end === undefined) return undefined;
    const tokens = this.input;
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.startOffset < end) lo = mid + 1;
      else hi = mid;
    }
    const next = tokens[lo];
    if (next !== undefined && hasPosition(next)) return tokenRange(next);
    const at = positionAt(sourceLength());
    return { start: at, end: at };
  }

  /** Requires a value (not a condition) in a value context. */
  private value(e: Expr | undefined, where: string): A.ValueExpression {
    if (e !== undefined && !this.RECORDING_PHASE && e.kind !== undefined && isCondition(e)) {
      this.issue(`expected a value ${where}, found a condition`, e.range);
    }
    return e as A.ValueExpression;
  }

  /** Requires a condition (not a bare value) in WHERE, HAVING, ON and after NOT/AND/OR. */
  private condition(e: Expr | undefined, where: string): A.Condition {
    if (e !== undefined && !this.RECORDING_PHASE && e.kind !== undefined && !isCondition(e)) {
      const hint =
        e.kind === 'GeometryCall' && (e.name === 'CONTAINS' || e.name === 'INTERSECTS')
          ? `: ${e.name} returns 0 or 1, compare it (1 = ${e.name}(...))`
          : ' (a comparison, BETWEEN, LIKE, IN, EXISTS or IS NULL)';
      // Noticed at the token after the value, where a comparison (or another predicate) must come.
      this.issue(`expected a condition ${where}, found a value${hint}`, this.rangeAfter(e) ?? e.range);
    }
    return e as A.Condition;
  }

  private unsignedInteger(tok: IToken, what: string): number {
    if (!/^\d+$/.test(tok.image) && !this.RECORDING_PHASE) {
      this.issue(`${what} needs a non-negative integer, found ${tok.image}`, tokenRange(tok));
    }
    return Number.parseInt(tok.image, 10);
  }

  // ------------------------------------------------------------------------------------ query

  /** Entry point: one query expression, then end of input. */
  public statement = this.RULE('statement', (): A.QueryExpression => {
    const query = this.SUBRULE(this.queryExpression, { ARGS: [true] });
    return query;
  });

  /**
   * [WITH ...] set-expression [ORDER BY ...] [OFFSET n]  (BNF <query_specification> +
   * <select_expression>). BNF deviation: subqueries accept WITH syntactically (then report that
   * ADQL 2.1 allows WITH only at the top) so the error is clear rather than "expected SELECT".
   */
  private queryExpression = this.RULE('queryExpression', (top: boolean): A.QueryExpression => {
    const first = this.LA(1);
    {
      let ctes: A.CommonTableExpression[] | undefined;
      this.OPTION(() => {
        const withTok = this.CONSUME(T.With);
        ctes = [];
        this.AT_LEAST_ONE_SEP({
          SEP: T.Comma,
          DEF: () => ctes!.push(this.SUBRULE(this.commonTableExpression)),
        });
        if (!top) this.issue('ADQL 2.1 allows WITH only at the start of the whole query, not in a subquery', tokenRange(withTok));
      });
      const body = this.SUBRULE(this.setExpression);
      let orderBy: A.OrderItem[] | undefined;
      let offset: number | undefined;
      this.OPTION2(() => {
        this.CONSUME(T.Order);
        this.CONSUME(T.By, { ERR_MSG: 'expected BY after ORDER' });
        orderBy = [];
        this.AT_LEAST_ONE_SEP2({
          SEP: T.Comma,
          ERR_MSG: 'a column, position or expression to order by',
          DEF: () => orderBy!.push(this.SUBRULE(this.orderItem)),
        });
      });
      this.OPTION3(() => {
        this.CONSUME(T.Offset);
        const n = this.CONSUME(T.NumberLiteral, { ERR_MSG: 'OFFSET needs a non-negative integer' });
        offset = this.unsignedInteger(n, 'OFFSET');
      });
      return this.ACTION(() => {
        if (body === undefined) return body as unknown as A.QueryExpression;
        if (ctes !== undefined) {
          if (body.with) this.issue('this query already has a WITH clause', body.range);
          body.with = ctes;
        }
        if (orderBy !== undefined) {
          if (body.orderBy) this.issue('this query already has an ORDER BY clause', body.range);
          body.orderBy = orderBy;
        }
        if (offset !== undefined) {
          if (body.offset !== undefined) this.issue('this query already has an OFFSET clause', body.range);
          body.offset = offset;
        }
        if (ctes !== undefined || orderBy !== undefined || offset !== undefined) this.done(body, first);
        return body;
      });
    }
  });

  private commonTableExpression = this.RULE('commonTableExpression', (): A.CommonTableExpression => {
    const first = this.LA(1);
    const name = this.SUBRULE(this.identifier);
    this.CONSUME(T.As, { ERR_MSG: 'expected AS after the name of a WITH query' });
    this.CONSUME(T.LParen, { ERR_MSG: 'expected ( after AS in a WITH query' });
    const query = this.nested(() => this.SUBRULE(this.queryExpression, { ARGS: [false] }));
    this.CONSUME(T.RParen, { ERR_MSG: 'expected ) to close the WITH query' });
    return this.done({ kind: 'CommonTableExpression', name, query }, first);
  });

  /**
   * Set operations: operand ((UNION | EXCEPT | INTERSECT) [ALL] operand)*, folded with INTERSECT
   * binding tighter than UNION/EXCEPT, all left-associative. An operand is a SELECT or a
   * parenthesised query expression (which may carry its own ORDER BY/OFFSET).
   * BNF deviation: the BNF's <query_set_term> puts a whole <query_set_expression> right of
   * INTERSECT, which would make "a INTERSECT b UNION c" group as "a INTERSECT (b UNION c)". We use
   * SQL's precedence, which is what the spec text and the lyonetia suite expect. Written as one
   * flat rule (not one rule per level) to save stack in nested subqueries.
   */
  private setExpression = this.RULE('setExpression', (): A.QueryExpression => {
    const operands: A.QueryExpression[] = [];
    const ops: Array<{ op: 'UNION' | 'EXCEPT' | 'INTERSECT'; all: boolean }> = [];
    operands.push(this.setOperand(1));
    this.MANY(() => {
      const op = this.CONSUME(T.SetOperator);
      const entry = { op: upper(op) as 'UNION' | 'EXCEPT' | 'INTERSECT', all: false };
      this.OPTION(() => {
        this.CONSUME(T.All);
        entry.all = true;
      });
      ops.push(entry);
      operands.push(this.setOperand(2));
    });
    if (ops.length === 0 || this.RECORDING_PHASE) return operands[0]!;
    return this.ACTION(() => foldSetOperations(operands, ops));
  });

  /** A set operation operand; `n` keeps the two call sites' Chevrotain occurrence indices apart. */
  private setOperand(n: 1 | 2): A.QueryExpression {
    const alternatives = [
      { ALT: () => (n === 1 ? this.SUBRULE(this.selectQuery) : this.SUBRULE2(this.selectQuery)) },
      {
        ALT: () => {
          if (n === 1) this.CONSUME(T.LParen);
          else this.CONSUME2(T.LParen);
          const q = this.nested(() =>
            n === 1 ? this.SUBRULE(this.queryExpression, { ARGS: [false] }) : this.SUBRULE2(this.queryExpression, { ARGS: [false] }),
          );
          const close = { ERR_MSG: 'expected ) to close the parenthesised query' };
          if (n === 1) this.CONSUME(T.RParen, close);
          else this.CONSUME2(T.RParen, close);
          return q;
        },
      },
    ];
    return n === 1 ? this.OR(alternatives) : this.OR2(alternatives);
  }

  /**
   * SELECT [ALL|DISTINCT] [TOP n] select-list FROM ... [WHERE] [GROUP BY] [HAVING].
   * FROM is mandatory in ADQL (no "SELECT 1").
   */
  private selectQuery = this.RULE('selectQuery', (): A.SelectQuery => {
    const first = this.CONSUME(T.Select);
    const node: A.SelectQuery = { kind: 'Select', columns: [], from: [] };
    this.OPTION(() => {
      const q = this.OR([{ ALT: () => this.CONSUME(T.Distinct) }, { ALT: () => this.CONSUME(T.All) }]);
      node.quantifier = upper(q) as 'DISTINCT' | 'ALL';
    });
    this.OPTION2(() => {
      this.CONSUME(T.Top);
      const n = this.CONSUME(T.NumberLiteral, { ERR_MSG: 'TOP needs a non-negative integer' });
      node.top = this.unsignedInteger(n, 'TOP');
    });
    node.columns = this.SUBRULE(this.selectList);
    this.CONSUME(T.From, { ERR_MSG: 'expected FROM after the select list' });
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      ERR_MSG: 'a table name, a subquery or a parenthesised join',
      DEF: () => node.from.push(this.SUBRULE(this.tableReference)),
    });
    this.OPTION3(() => {
      this.CONSUME(T.Where);
      node.where = this.condition(this.SUBRULE(this.expression), 'in WHERE');
    });
    this.OPTION4(() => {
      this.CONSUME(T.Group);
      this.CONSUME(T.By, { ERR_MSG: 'expected BY after GROUP' });
      const groupBy: A.ValueExpression[] = [];
      this.AT_LEAST_ONE_SEP2({
        SEP: T.Comma,
        ERR_MSG: 'a column or an expression to group by',
        DEF: () => groupBy.push(this.value(this.SUBRULE2(this.expression), 'in GROUP BY')),
      });
      node.groupBy = groupBy;
    });
    this.OPTION5(() => {
      this.CONSUME(T.Having);
      node.having = this.condition(this.SUBRULE3(this.expression), 'in HAVING');
    });
    return this.done(node, first);
  });

  /**
   * Comma list of `*`, `qualifier.*` and `expr [AS alias]`. BNF deviation: the BNF allows `*` only
   * alone; like vollt (and the lyonetia suite: "SELECT ra, dec, * FROM ...") we accept it anywhere
   * in the list.
   */
  private selectList = this.RULE('selectList', (): A.SelectItem[] => {
    const items: A.SelectItem[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      ERR_MSG: 'a select list (* or columns and expressions)',
      DEF: () => items.push(this.SUBRULE(this.selectItem)),
    });
    return items;
  });

  /**
   * `expr [[AS] alias]` or `qualifier.*`. The qualified star is recognised after parsing the
   * qualifier as a column reference (a.b.* has the same prefix as the column a.b.c).
   */
  private selectItem = this.RULE('selectItem', (): A.SelectItem =>
    this.OR([
      {
        ALT: () => {
          const star = this.CONSUME(T.Asterisk);
          return this.done<A.AllColumns>({ kind: 'AllColumns' }, star);
        },
      },
      { ALT: () => this.SUBRULE(this.derivedColumn) },
    ]),
  );

  private derivedColumn = this.RULE('derivedColumn', (): A.SelectItem => {
    const first = this.LA(1);
    const expr = this.SUBRULE(this.expression);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Period);
          this.CONSUME(T.Asterisk);
          return this.ACTION(() => {
            let qualifier: A.TableName | undefined;
            if (expr?.kind === 'ColumnRef') {
              qualifier = columnToTableName(expr);
              this.checkTableQualifier(qualifier.table);
            } else {
              this.issue('only a table name may precede .*', expr?.range);
            }
            const node: A.AllColumns = { kind: 'AllColumns' };
            if (qualifier) node.qualifier = qualifier;
            return this.done(node, first);
          });
        },
      },
      {
        ALT: () => {
          const node: A.SelectColumn = { kind: 'SelectColumn', expr: this.value(expr, 'in the select list') };
          this.OPTION(() => {
            this.OPTION2(() => this.CONSUME(T.As));
            node.alias = this.SUBRULE(this.identifier);
          });
          return this.done(node, first);
        },
      },
    ]);
  });

  private orderItem = this.RULE('orderItem', (): A.OrderItem => {
    const first = this.LA(1);
    const node: A.OrderItem = { kind: 'OrderItem', expr: this.value(this.SUBRULE(this.expression), 'in ORDER BY') };
    this.OPTION(() => {
      const d = this.OR([{ ALT: () => this.CONSUME(T.Asc) }, { ALT: () => this.CONSUME(T.Desc) }]);
      node.direction = upper(d) as 'ASC' | 'DESC';
    });
    return this.done(node, first);
  });

  // ------------------------------------------------------------------------------------- FROM

  /**
   * A table primary followed by any number of joins (left-associative).
   * BNF defects settled here: <qualified_join> is left-recursive through <table_reference> (we
   * loop instead), and its <join_specification> is optional in the BNF although SQL requires
   * one for non-NATURAL joins: we parse it as optional and report a missing one with the hint to
   * use a comma for a cross join (as the IVOA validation suite expects). NATURAL with ON/USING is
   * likewise reported.
   */
  private tableReference = this.RULE('tableReference', (): A.TableReference => {
    const first = this.LA(1);
    let left = this.SUBRULE(this.tablePrimary);
    this.MANY(() => {
      const join: A.Join = { kind: 'Join', natural: false, left, right: left };
      this.OPTION(() => {
        this.CONSUME(T.Natural);
        join.natural = true;
      });
      this.OPTION2(() => {
        this.OR([
          {
            ALT: () => {
              this.CONSUME(T.Inner);
              join.joinType = 'INNER';
            },
          },
          {
            ALT: () => {
              const t = this.OR2([
                { ALT: () => this.CONSUME(T.Left) },
                { ALT: () => this.CONSUME(T.Right) },
                { ALT: () => this.CONSUME(T.Full) },
              ]);
              join.joinType = upper(t) as A.JoinType;
              this.OPTION3(() => {
                this.CONSUME(T.Outer);
                join.outer = true;
              });
            },
          },
        ]);
      });
      const joinTok = this.CONSUME(T.Join, { ERR_MSG: 'expected JOIN' });
      join.right = this.SUBRULE2(this.tablePrimary);
      this.OPTION4(() => {
        join.condition = this.OR3([
          {
            ALT: () => {
              const on = this.CONSUME(T.On);
              const c = this.condition(this.SUBRULE(this.expression), 'after ON');
              return this.done<A.JoinOn>({ kind: 'JoinOn', condition: c }, on);
            },
          },
          {
            ALT: () => {
              const using = this.CONSUME(T.Using);
              this.CONSUME2(T.LParen, { ERR_MSG: 'expected ( after USING' });
              const columns: A.Identifier[] = [];
              this.AT_LEAST_ONE_SEP({ SEP: T.Comma, ERR_MSG: 'a column name', DEF: () => columns.push(this.SUBRULE(this.identifier)) });
              this.CONSUME2(T.RParen, { ERR_MSG: 'expected ) to close the USING column list' });
              return this.done<A.JoinUsing>({ kind: 'JoinUsing', columns }, using);
            },
          },
        ]);
      });
      this.ACTION(() => {
        if (!join.natural && join.condition === undefined) {
          // Noticed at the token after the joined table, where ON or USING must come.
          this.issue(
            'JOIN needs ON or USING (or NATURAL): use a comma for a cross join',
            this.rangeAfter(join.right) ?? tokenRange(joinTok),
            ['ON', 'USING'],
          );
        } else if (join.natural && join.condition !== undefined) {
          this.issue('a NATURAL JOIN cannot have ON or USING', join.condition.range);
        }
      });
      left = this.done(join, first);
    });
    return left;
  });

  /**
   * A table name with optional alias, a derived table `(query) [AS] alias`, or a parenthesised
   * join. A "(" is a derived table when a query starts inside it (see looksLikeQueryInParens).
   */
  private tablePrimary = this.RULE('tablePrimary', (): A.TableReference =>
    this.OR([
      {
        ALT: () => {
          const first = this.LA(1);
          const name = this.SUBRULE(this.tableName);
          const node: A.TableRef = { kind: 'TableRef', name };
          this.OPTION(() => {
            this.OPTION2(() => this.CONSUME(T.As));
            node.alias = this.SUBRULE(this.identifier);
          });
          return this.done(node, first);
        },
      },
      {
        GATE: () => this.looksLikeQueryInParens(),
        ALT: () => {
          const first = this.CONSUME(T.LParen);
          const query = this.nested(() => this.SUBRULE(this.queryExpression, { ARGS: [false] }));
          this.CONSUME(T.RParen, { ERR_MSG: 'expected ) to close the subquery' });
          const node = { kind: 'DerivedTable', query } as A.DerivedTable;
          this.OR2([
            {
              ALT: () => {
                this.OPTION3(() => this.CONSUME2(T.As));
                node.alias = this.SUBRULE2(this.identifier);
              },
            },
            {
              ALT: () => {
                this.ACTION(() => this.issue('a subquery in FROM needs an alias: (SELECT ...) AS name', this.hereRange()));
              },
            },
          ]);
          return this.done(node, first);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.LParen);
          this.enter();
          try {
            const inner = this.SUBRULE(this.tableReference);
            this.CONSUME2(T.RParen, { ERR_MSG: 'expected ) to close the parenthesised join' });
            return inner;
          } finally {
            this.depth--;
          }
        },
      },
    ]),
  );

  /**
   * Decides whether the "(" at LA(1) opens a query (derived table / subquery) rather than a
   * parenthesised join or expression: scanning at the first nesting level inside, SELECT, WITH
   * or a set operator means a query; JOIN (or anything else first) means not a query. "((" runs
   * are followed down, so ((SELECT ...) UNION (...)) is a query.
   */
  private looksLikeQueryInParens(): boolean {
    if (this.LA(1).tokenType !== T.LParen) return false;
    let depth = 0;
    for (let i = 1; ; i++) {
      const t = this.LA(i).tokenType;
      if (t === T.LParen) {
        depth++;
        continue;
      }
      if (t === T.RParen) {
        depth--;
        if (depth === 0) return false;
        continue;
      }
      if (t === T.Select || t === T.With) return true;
      if (depth === 1) {
        if (t === T.Union || t === T.Intersect || t === T.Except) return true;
        if (t === T.Join) return false;
      }
      if (t === EOF) return false;
    }
  }

  /** [[catalog.]schema.]table */
  private tableName = this.RULE('tableName', (): A.TableName => {
    const first = this.LA(1);
    const parts: A.Identifier[] = [this.SUBRULE(this.identifier)];
    this.MANY(() => {
      this.CONSUME(T.Period);
      parts.push(this.SUBRULE2(this.identifier));
    });
    return this.ACTION(() => {
      if (parts.length > 3) {
        this.issue('a table name has at most three parts: catalog.schema.table', parts[3]?.range);
      }
      return this.done(partsToTableName(parts), first);
    });
  });

  /** A regular or delimited identifier. A reserved word is accepted with an error that says to quote it. */
  private identifier = this.RULE('identifier', (): A.Identifier =>
    // the most called rule: its alternatives capture no local state, so they are built once
    this.OR(
      (this.identifierAlternatives ??= [
        { ALT: () => this.identifierNode(this.CONSUME(T.Identifier)) },
        { ALT: () => this.identifierNode(this.CONSUME(T.DelimitedIdentifier)) },
        {
          ALT: () => {
            // BNF deviation: a reserved word directly followed by "." (a qualifier such as the
            // PostgreSQL schema "public" in public.zcat) is accepted, as services accept it; as a
            // table qualifier (user.id) it is an error all the same (checkTableQualifier).
            const tok = this.CONSUME(T.ReservedWord);
            if (this.LA(1).tokenType !== T.Period) this.reservedAsName(tok);
            return this.identifierNode(tok);
          },
        },
      ]),
    ),
  );
  private identifierAlternatives?: Array<IOrAlt<A.Identifier>>;

  // ------------------------------------------------------------------------------- conditions

  /**
   * Search condition or value. Written as flat loops rather than one rule per precedence level
   * (BNF <search_condition>, <boolean_term>, <boolean_factor>, <predicate>): a parenthesis level
   * then costs two rule calls (expression -> arithmetic -> expression), which is what lets deep
   * nesting parse without exhausting the JavaScript stack.
   *
   * expression := factor ((AND | OR) factor)*      AND binds tighter than OR
   * factor     := NOT* (EXISTS subquery | arithmetic [predicate tail])
   */
  private expression = this.RULE('expression', (): Expr => {
    const base = this.operands.top;
    const opBase = this.operators.top;
    const prefixBase = this.signs.top;
    const outerBase = this.listBase;
    this.listBase = base;
    try {
      this.AT_LEAST_ONE_SEP((this.booleanList ??= { SEP: T.BooleanOperator, DEF: this.booleanOperand }));
      if (this.operands.top - base === 1 || this.RECORDING_PHASE) return this.operands.at(base);
      const operands = this.operands.from(base);
      const ops = this.operators.from(opBase);
      return this.ACTION(() => {
        const conds = operands.map((o) => this.condition(o, 'around AND/OR'));
        // Fold ANDs first, then ORs; each Logical node spans its operands.
        const orTerms: A.Condition[] = [];
        let acc = conds[0]!;
        for (let i = 0; i < ops.length; i++) {
          const rhs = conds[i + 1]!;
          if (ops[i] === 'AND') acc = this.spanning<A.Logical>({ kind: 'Logical', op: 'AND', left: acc, right: rhs }, acc, rhs);
          else {
            orTerms.push(acc);
            acc = rhs;
          }
        }
        orTerms.push(acc);
        let result = orTerms[0]!;
        for (let i = 1; i < orTerms.length; i++) {
          const rhs = orTerms[i]!;
          result = this.spanning<A.Logical>({ kind: 'Logical', op: 'OR', left: result, right: rhs }, result, rhs);
        }
        return result;
      });
    } finally {
      this.closeList(base, opBase, prefixBase, outerBase);
    }
  });
  private booleanList?: AtLeastOneSepMethodOpts<void>;

  /** One operand of `expression`'s list: NOT* (EXISTS subquery | arithmetic [predicate tail]). */
  private booleanOperand(): void {
    if (this.operands.top > this.listBase) this.operators.push(upper(this.LA(0)));
    const notBase = this.signs.top;
    if (this.mayRepeat(T.Not)) this.MANY((this.notRepetition ??= () => this.signs.push(this.CONSUME(T.Not))));
    let factor: Expr = this.shortcuts.factor[this.LA(1).tokenTypeIdx]
      ? this.predicateOrValue()
      : this.OR(
          (this.factorAlternatives ??= [
            {
              ALT: () => {
                const first = this.CONSUME(T.Exists);
                const query = this.SUBRULE(this.subquery);
                return this.done<A.Exists>({ kind: 'Exists', query }, first);
              },
            },
            { ALT: this.predicateOrValue },
          ]),
        );
    const nots = this.signs.top - notBase;
    if (nots > 0 && !this.RECORDING_PHASE) {
      if (this.depth + nots > MAX_NESTING_DEPTH) throw new NestingLimitExceeded(this.signs.at(notBase));
      for (let i = this.signs.top - 1; i >= notBase; i--) {
        const operand = this.condition(factor, 'after NOT');
        const not: A.Not = { kind: 'Not', operand };
        const notTok = this.signs.at(i);
        if (hasPosition(notTok) && operand?.range) not.range = { start: startOf(notTok), end: operand.range.end };
        factor = not;
      }
      this.signs.top = notBase;
    }
    this.operands.push(factor);
  }
  private notRepetition?: () => void;

  /**
   * The operands, operators and prefix tokens (NOT, signs) of the operator lists being parsed, the
   * innermost list's on top: stacks shared by all lists rather than arrays per list, so that a value
   * without operators (most list elements, function arguments and operands) allocates only its node.
   */
  private readonly operands = new ReusableStack<Expr>();
  private readonly operators = new ReusableStack<string>();
  private readonly signs = new ReusableStack<IToken>();
  /** Where the innermost list's operands start on `operands`. */
  private listBase = 0;

  /** Ends the innermost operator list (in a finally: error recovery unwinds through it): its stack entries go. */
  private closeList(base: number, opBase: number, prefixBase: number, outerBase: number): void {
    this.operands.top = base;
    this.operators.top = opBase;
    this.signs.top = prefixBase;
    this.listBase = outerBase;
  }

  /** Sets a binary node's range from its left operand's start to its right operand's end. */
  private spanning<N extends A.AdqlNode>(node: N, left: A.AdqlNode | undefined, right: A.AdqlNode | undefined): N {
    if (left?.range && right?.range) node.range = { start: left.range.start, end: right.range.end };
    return node;
  }

  /**
   * A value, optionally followed by a predicate tail: comparison, [NOT] BETWEEN/IN/LIKE/ILIKE,
   * IS [NOT] NULL. Called inline from `expression` (no rule of its own, to save stack).
   * BNF: <null_predicate> takes only a <column_reference>; other operands are parsed and then
   * reported as not ADQL 2.1.
   */
  private predicateOrValue(): Expr {
    const first = this.LA(1);
    const left = this.SUBRULE(this.arithmetic);
    // The alternatives are built once; they read the operand from these fields first thing
    // (before any nested parse can overwrite them).
    if (this.shortcuts.noPredicateTail[this.LA(1).tokenTypeIdx]) return left;
    this.predicateFirst = first;
    this.predicateLeft = left;
    return this.OR2((this.predicateAlternatives ??= this.buildPredicateAlternatives()));
  }

  private predicateFirst: IToken | undefined;
  private predicateLeft: A.ValueExpression | undefined;
  private predicateAlternatives?: Array<IOrAlt<Expr>>;
  private factorAlternatives?: Array<IOrAlt<Expr>>;

  /** One flat choice (with an empty alternative) rather than nested OPTION/OR: less stack per level. */
  private buildPredicateAlternatives(): Array<IOrAlt<Expr>> {
    const operand = () => ({ first: this.predicateFirst!, left: this.predicateLeft! });
    return [
      {
        ALT: () => {
          const { first, left } = operand();
          const opTok = this.CONSUME(T.ComparisonOperator);
          const right = this.SUBRULE2(this.arithmetic);
          return this.done<A.Comparison>(
            {
              kind: 'Comparison',
              op: opTok.image as A.ComparisonOperator,
              left: this.value(left, `left of ${opTok.image}`),
              right: this.value(right, `right of ${opTok.image}`),
            },
            first,
          );
        },
      },
      {
        ALT: () => {
          const { first, left } = operand();
          let not = false;
          const isTok = this.CONSUME(T.Is);
          this.OPTION2(() => {
            this.CONSUME2(T.Not);
            not = true;
          });
          this.CONSUME(T.Null, { ERR_MSG: 'expected NULL after IS' });
          this.ACTION(() => {
            // Noticed at IS: only after a column reference may IS follow (BNF <null_predicate>).
            if (left && left.kind !== 'ColumnRef') {
              this.issue('ADQL 2.1 allows IS [NOT] NULL only on a column reference, not on an expression', tokenRange(isTok));
            }
          });
          return this.done<A.IsNull>({ kind: 'IsNull', not, expr: this.value(left, 'before IS NULL') }, first);
        },
      },
      {
        ALT: () => {
          const { first, left } = operand();
          let not = false;
          this.OPTION3(() => {
            this.CONSUME3(T.Not);
            not = true;
          });
          this.CONSUME(T.Between);
          const low = this.SUBRULE3(this.arithmetic);
          this.CONSUME(T.And, { ERR_MSG: 'expected AND between the bounds of BETWEEN' });
          const high = this.SUBRULE4(this.arithmetic);
          return this.done<A.Between>(
            {
              kind: 'Between',
              not,
              expr: this.value(left, 'before BETWEEN'),
              low: this.value(low, 'in BETWEEN'),
              high: this.value(high, 'in BETWEEN'),
            },
            first,
          );
        },
      },
      {
        ALT: () => {
          const { first, left } = operand();
          let not = false;
          this.OPTION4(() => {
            this.CONSUME4(T.Not);
            not = true;
          });
          const likeTok = this.CONSUME(T.LikeOperator);
          const pattern = this.SUBRULE5(this.arithmetic);
          return this.done<A.Like>(
            {
              kind: 'Like',
              not,
              caseInsensitive: likeTok.tokenType === T.ILike,
              expr: this.value(left, 'before LIKE'),
              pattern: this.value(pattern, 'after LIKE'),
            },
            first,
          );
        },
      },
      {
        ALT: () => {
          const { first, left } = operand();
          let not = false;
          this.OPTION5(() => {
            this.CONSUME5(T.Not);
            not = true;
          });
          this.CONSUME(T.In);
          return this.OR6([
            {
              GATE: () => this.looksLikeQueryInParens(),
              ALT: () => {
                const query = this.SUBRULE2(this.subquery);
                return this.done<A.InSubquery>({ kind: 'InSubquery', not, expr: this.value(left, 'before IN'), query }, first);
              },
            },
            {
              // An empty list: noticed at ")", where a value must come.
              ALT: () => {
                this.CONSUME3(T.LParen);
                const close = this.CONSUME3(T.RParen);
                this.ACTION(() => this.issue('an IN list needs at least one value: IN (1, 2) or IN (SELECT ...)', tokenRange(close)));
                return this.done<A.InList>({ kind: 'InList', not, expr: this.value(left, 'before IN'), values: [] }, first);
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.LParen, { ERR_MSG: 'expected ( after IN' });
                const values: A.ValueExpression[] = [];
                this.AT_LEAST_ONE_SEP2({
                  SEP: T.Comma,
                  DEF: () => values.push(this.value(this.SUBRULE(this.expression), 'in an IN list')),
                });
                this.CONSUME(T.RParen, { ERR_MSG: 'expected ) to close the IN list' });
                return this.done<A.InList>({ kind: 'InList', not, expr: this.value(left, 'before IN'), values }, first);
              },
            },
          ]);
        },
      },
      { ALT: () => this.predicateLeft as Expr },
    ];
  }

  /** ( query ) for IN and EXISTS. */
  private subquery = this.RULE('subquery', (): A.QueryExpression => {
    this.CONSUME(T.LParen, { ERR_MSG: 'expected ( before the subquery' });
    // Not this.nested(): two stack frames fewer per level of IN (SELECT ...) nesting.
    this.enter();
    let q: A.QueryExpression;
    try {
      q = this.SUBRULE(this.queryExpression, { ARGS: [false] });
    } finally {
      this.depth--;
    }
    this.CONSUME(T.RParen, { ERR_MSG: 'expected ) to close the subquery' });
    return q;
  });

  // ----------------------------------------------------------------------------------- values

  /**
   * Arithmetic and concatenation as a flat operand/operator list, folded by precedence:
   * * / over + - over ||, all left-associative; each operand is `sign* primary`.
   * BNF deviation: the BNF only allows a <character_factor> (a primary) around ||; we accept any
   * arithmetic operand, with || binding loosest as in PostgreSQL, so 'a' || x + 1 means
   * 'a' || (x + 1).
   */
  private arithmetic = this.RULE('arithmetic', (): A.ValueExpression => {
    const base = this.operands.top;
    const opBase = this.operators.top;
    const prefixBase = this.signs.top;
    const outerBase = this.listBase;
    this.listBase = base;
    try {
      this.AT_LEAST_ONE_SEP((this.arithmeticList ??= { SEP: T.ArithmeticOperator, DEF: this.arithmeticOperand }));
      if (this.operands.top - base === 1 || this.RECORDING_PHASE) return this.operands.at(base) as A.ValueExpression;
      return this.foldArithmetic(base, opBase);
    } finally {
      this.closeList(base, opBase, prefixBase, outerBase);
    }
  });
  private arithmeticList?: AtLeastOneSepMethodOpts<void>;

  /** One operand of `arithmetic`'s list: sign* primary. */
  private arithmeticOperand(): void {
    if (this.operands.top > this.listBase) this.operators.push(this.LA(0).image);
    const signBase = this.signs.top;
    if (this.mayRepeat(T.Plus, T.Minus))
      this.MANY(
        (this.signRepetition ??= () =>
          this.signs.push(
            this.OR((this.signAlternatives ??= [{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }])),
          )),
      );
    // The primary value, inline (a function of its own is one more stack frame per nesting level);
    // its alternatives capture no local state, so they are built once (Chevrotain's "OR caching").
    const next = this.LA(1).tokenTypeIdx;
    const shortcut = this.shortcuts.primary[next] ?? (this.LA(2).tokenType === T.LParen ? this.shortcuts.primaryCall[next] : undefined);
    let operand = shortcut !== undefined ? shortcut.call(this) : this.OR2((this.primaryAlternatives ??= this.buildPrimaryAlternatives()));
    const signs = this.signs.top - signBase;
    if (signs > 0 && !this.RECORDING_PHASE) {
      if (this.depth + signs > MAX_NESTING_DEPTH) throw new NestingLimitExceeded(this.signs.at(signBase));
      for (let i = this.signs.top - 1; i >= signBase; i--) {
        const sign = this.signs.at(i);
        const unary: A.Unary = { kind: 'Unary', op: sign.image as '+' | '-', operand };
        if (hasPosition(sign) && operand?.range) unary.range = { start: startOf(sign), end: operand.range.end };
        operand = unary;
      }
      this.signs.top = signBase;
    }
    this.operands.push(operand);
  }
  private signRepetition?: () => void;

  /**
   * Folds the innermost arithmetic list (operands from `base`, operators from `opBase` on the shared
   * stacks) by precedence: shunting-yard, left-associative, on two scratch stacks (folding never
   * nests, so one pair serves every list; clearStacks() lets go of what they held after the parse).
   */
  private foldArithmetic(base: number, opBase: number): A.ValueExpression {
    const values = this.foldValues;
    const pending = this.foldOperators;
    values.top = 0;
    pending.top = 0;
    values.push(this.operands.at(base) as A.ValueExpression);
    const count = this.operators.top - opBase;
    for (let i = 0; i < count; i++) {
      const op = this.operators.at(opBase + i);
      while (pending.top > 0 && BINARY_PRECEDENCE[pending.at(pending.top - 1)]! >= BINARY_PRECEDENCE[op]!) this.reduceBinary();
      pending.push(op);
      values.push(this.operands.at(base + i + 1) as A.ValueExpression);
    }
    while (pending.top > 0) this.reduceBinary();
    return values.at(0);
  }

  private reduceBinary(): void {
    const op = this.foldOperators.pop() as A.Binary['op'];
    const right = this.foldValues.pop();
    const left = this.foldValues.pop();
    this.foldValues.push(this.spanning<A.Binary>({ kind: 'Binary', op, left, right }, left, right));
  }

  private readonly foldValues = new ReusableStack<A.ValueExpression>();
  private readonly foldOperators = new ReusableStack<string>();

  private primaryAlternatives?: OrMethodOpts<A.ValueExpression>;
  private signAlternatives?: Array<IOrAlt<IToken>>;

  private buildPrimaryAlternatives(): OrMethodOpts<A.ValueExpression> {
    return {
      // The calls and the keyword-as-name alternative share their first token: the first match wins.
      IGNORE_AMBIGUITIES: true,
      DEF: [
        // Most values are column references: tried first (no other alternative starts like one).
        { ALT: () => this.SUBRULE(this.columnOrUserFunction) },
        {
          ALT: () => {
            const tok = this.CONSUME(T.NumberLiteral);
            return this.done<A.NumericLiteral>({ kind: 'NumericLiteral', text: tok.image, value: Number(tok.image) }, tok);
          },
        },
        {
          ALT: () => {
            const tok = this.CONSUME(T.StringLiteral);
            return this.done<A.StringLiteral>({ kind: 'StringLiteral', value: tok.image.slice(1, -1).replace(/''/g, "'") }, tok);
          },
        },
        {
          ALT: () => {
            const tok = this.CONSUME(T.Null);
            return this.done<A.NullLiteral>({ kind: 'Null' }, tok);
          },
        },
        {
          ALT: () => {
            const tok = this.CONSUME(T.HexLiteral);
            this.issue(
              'hexadecimal literals are not part of ADQL 2.1 (they were removed before the Recommendation); write the number in decimal',
              tokenRange(tok),
            );
            return this.done<A.NumericLiteral>({ kind: 'NumericLiteral', text: tok.image, value: Number(tok.image) }, tok);
          },
        },
        { ALT: () => this.SUBRULE(this.builtinCall) },
        { ALT: () => this.SUBRULE(this.geometryCall) },
        { ALT: () => this.SUBRULE(this.aggregateCall) },
        { ALT: () => this.SUBRULE(this.cast) },
        {
          // A function keyword not followed by "(" used as a column name: report "quote it". It comes
          // after the calls, which look two tokens ahead ("COS" "("), so it needs no gate: a gate
          // anywhere in this OR would make Chevrotain check every alternative in turn for every value.
          ALT: () => this.SUBRULE(this.keywordAsColumn),
        },
        // "(" starts a scalar subquery or a parenthesised expression: told apart in a small OR of its own
        { ALT: () => this.OR3((this.parenAlternatives ??= this.buildParenAlternatives())) },
      ],
    };
  }

  private parenAlternatives?: Array<IOrAlt<A.ValueExpression>>;

  private buildParenAlternatives(): Array<IOrAlt<A.ValueExpression>> {
    return [
      {
        GATE: () => this.looksLikeQueryInParens(),
        ALT: () => {
          const first = this.LA(1);
          const q = this.SUBRULE(this.subquery);
          this.ACTION(() =>
            this.issue(
              'scalar subqueries are not part of ADQL 2.1: use IN (SELECT ...) or EXISTS (SELECT ...), or join the subquery in FROM',
              hasPosition(first) ? { start: startOf(first), end: endOf(this.LA(0)) } : q?.range,
            ),
          );
          return this.done<A.NullLiteral>({ kind: 'Null' }, first);
        },
      },
      {
        ALT: () => {
          const first = this.CONSUME(T.LParen);
          this.enter();
          let inner: Expr;
          try {
            inner = this.SUBRULE(this.expression);
          } finally {
            this.depth--;
          }
          this.CONSUME(T.RParen, CLOSE_PARENTHESIS);
          if (this.RECORDING_PHASE) return undefined as never;
          if (inner !== undefined && isCondition(inner)) {
            return this.done<A.ParenCondition>({ kind: 'ParenCondition', condition: inner }, first) as unknown as A.ValueExpression;
          }
          return this.done<A.ParenExpression>({ kind: 'Paren', expr: inner as A.ValueExpression }, first);
        },
      },
    ];
  }

  /** Column reference `[[[catalog.]schema.]table.]column`, or a user-defined function call `name(args)`. */
  private columnOrUserFunction = this.RULE('columnOrUserFunction', (): A.ValueExpression => {
    // The most called rule after `identifier`: its repetition and alternatives are built once and
    // keep the name being read in fields (read first thing, before any nested parse can reuse them).
    this.nameFirst = this.LA(1);
    this.nameHead = this.SUBRULE(this.identifier);
    this.nameParts = undefined;
    this.MANY(
      (this.qualifiedNameRepetition ??= {
        // "t.*" ends here: the select item turns the column reference into a qualified star.
        GATE: () => this.LA(2).tokenType !== T.Asterisk,
        DEF: () => {
          this.CONSUME(T.Period);
          (this.nameParts ??= [this.nameHead!]).push(this.SUBRULE2(this.identifier));
        },
      }),
    );
    return this.OR((this.columnAlternatives ??= this.buildColumnAlternatives()));
  });

  /** The column or function name `columnOrUserFunction` is reading: its first token, first part, and all parts when qualified. */
  private nameFirst?: IToken;
  private nameHead?: A.Identifier;
  private nameParts?: A.Identifier[];
  private qualifiedNameRepetition?: DSLMethodOpts<void>;
  private columnAlternatives?: Array<IOrAlt<A.ValueExpression>>;

  private buildColumnAlternatives(): Array<IOrAlt<A.ValueExpression>> {
    const name = () => ({ first: this.nameFirst!, parts: this.nameParts ?? [this.nameHead!] });
    return [
      {
        ALT: () => {
          const { first, parts } = name();
          this.CONSUME(T.LParen);
          const args = this.SUBRULE(this.argumentList);
          this.CONSUME(T.RParen, CLOSE_ARGUMENTS);
          if (this.RECORDING_PHASE) return undefined as never;
          const fn = parts[parts.length - 1]!;
          // BNF: <user_defined_function_name> ::= [ <default_function_prefix> ] <regular_identifier>
          if (parts.length > 1 || fn.delimited) {
            this.issue('a function name must be a single regular identifier', fn.range);
          }
          return this.done<A.UserFunctionCall>({ kind: 'UserFunctionCall', name: fn, args }, first);
        },
      },
      {
        ALT: () => {
          if (this.RECORDING_PHASE) return undefined as never;
          const first = this.nameFirst!;
          const parts = this.nameParts;
          if (parts === undefined) return this.done<A.ColumnRef>({ kind: 'ColumnRef', column: this.nameHead! }, first);
          if (parts.length > 4) {
            this.issue('a column name has at most four parts: catalog.schema.table.column', parts[4]?.range);
          }
          const node: A.ColumnRef = { kind: 'ColumnRef', column: parts[parts.length - 1]! };
          node.table = partsToTableName(parts.slice(0, -1));
          this.checkTableQualifier(node.table.table);
          return this.done(node, first);
        },
      },
    ];
  }

  /**
   * A function or type keyword used as a name (one error that says to quote it); its qualified
   * parts (`point.x`, `real.id`) are read on, so the rest of the name makes no second error.
   */
  private keywordAsColumn = this.RULE('keywordAsColumn', (): A.ColumnRef => {
    const tok = this.OR([
      { ALT: () => this.CONSUME(T.FunctionKeyword) },
      { ALT: () => this.CONSUME(T.SimpleType) },
      { ALT: () => this.CONSUME(T.CharType) },
    ]);
    const parts: A.Identifier[] = [];
    this.MANY({
      GATE: () => this.LA(2).tokenType !== T.Asterisk,
      DEF: () => {
        this.CONSUME(T.Period);
        parts.push(this.SUBRULE(this.identifier));
      },
    });
    return this.ACTION(() => {
      this.reservedAsName(tok);
      const names = [this.identifierNode(tok), ...parts];
      const node: A.ColumnRef = { kind: 'ColumnRef', column: names[names.length - 1]! };
      if (names.length > 1) node.table = partsToTableName(names.slice(0, -1));
      return this.done(node, tok);
    });
  });

  /** Comma-separated value arguments, possibly none. */
  private argumentList = this.RULE('argumentList', (): A.ValueExpression[] => {
    const args: A.ValueExpression[] = [];
    const outer = this.currentArguments;
    this.currentArguments = args;
    this.enter();
    try {
      this.MANY_SEP(
        (this.argumentRepetition ??= {
          SEP: T.Comma,
          DEF: () => {
            const list = this.currentArguments!; // before the argument's own calls replace it
            list.push(this.value(this.SUBRULE(this.expression), 'as a function argument'));
          },
        }),
      );
    } finally {
      this.depth--;
      this.currentArguments = outer;
    }
    return args;
  });
  /** The argument list being read by the innermost `argumentList`. */
  private currentArguments?: A.ValueExpression[];
  private argumentRepetition?: ManySepMethodOpts<void>;

  /** Math, trig, LOWER/UPPER, COALESCE, IN_UNIT, with their BNF arities. */
  private builtinCall = this.RULE('builtinCall', (): A.FunctionCall => {
    const nameTok = this.CONSUME(T.BuiltinFunction);
    this.CONSUME(T.LParen);
    const args = this.SUBRULE(this.argumentList);
    this.CONSUME(T.RParen, CLOSE_ARGUMENTS);
    return this.ACTION(() => {
      const name = upper(nameTok) as A.BuiltinFunctionName;
      const arity = BUILTIN_ARITY.get(name);
      const node = this.done<A.FunctionCall>({ kind: 'FunctionCall', name, args }, nameTok);
      if (arity && (args.length < arity[0] || args.length > arity[1])) {
        this.issue(`${name} takes ${describeArity(arity)}, found ${args.length}`, node.range);
      } else if (name === 'IN_UNIT' && args[1] && args[1].kind !== 'StringLiteral') {
        this.issue('the second argument of IN_UNIT must be a string literal (a VOUnit)', args[1].range);
      } else if ((name === 'ROUND' || name === 'TRUNCATE') && args[1] && !isSignedInteger(args[1])) {
        this.issue(`the second argument of ${name} must be an integer literal`, args[1].range);
      } else if (name === 'RAND' && args[0] && !(args[0].kind === 'NumericLiteral' && /^\d+$/.test(args[0].text))) {
        this.issue('the seed of RAND must be an unsigned integer literal', args[0].range);
      }
      return node;
    });
  });

  private aggregateCall = this.RULE('aggregateCall', (): A.Aggregate => {
    const nameTok = this.CONSUME(T.AggregateFunction);
    const name = upper(nameTok) as A.AggregateName;
    const node = { kind: 'Aggregate', name } as A.Aggregate;
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      const q = this.OR([{ ALT: () => this.CONSUME(T.Distinct) }, { ALT: () => this.CONSUME(T.All) }]);
      node.quantifier = upper(q) as 'DISTINCT' | 'ALL';
    });
    node.arg = this.OR2([
      {
        ALT: () => {
          const star = this.CONSUME(T.Asterisk);
          this.ACTION(() => {
            if (name !== 'COUNT') this.issue(`${name}(*) is not allowed: only COUNT takes *`, tokenRange(star));
            else if (node.quantifier)
              this.issue(
                `COUNT(${node.quantifier} *) is not allowed: write COUNT(*) or COUNT(${node.quantifier} column)`,
                tokenRange(star),
              );
          });
          return this.done<A.Star>({ kind: 'Star' }, star);
        },
      },
      {
        ALT: () =>
          this.value(
            this.nested(() => this.SUBRULE(this.expression)),
            `in ${name}`,
          ),
      },
    ]);
    this.CONSUME(T.RParen, { ERR_MSG: `expected ) to close the aggregate` });
    return this.done(node, nameTok);
  });

  /** CAST(value AS type). BNF: <cast_specification>. */
  private cast = this.RULE('cast', (): A.Cast => {
    const first = this.CONSUME(T.Cast);
    this.CONSUME(T.LParen);
    const expr = this.value(
      this.nested(() => this.SUBRULE(this.expression)),
      'in CAST',
    );
    this.CONSUME(T.As, { ERR_MSG: 'expected AS and a type in CAST' });
    const type = this.SUBRULE(this.castType);
    this.CONSUME(T.RParen, { ERR_MSG: 'expected ) to close CAST' });
    return this.done<A.Cast>({ kind: 'Cast', expr, type }, first);
  });

  private castType = this.RULE('castType', (): A.CastType =>
    this.OR([
      {
        ALT: () => {
          const tok = this.CONSUME(T.CharType);
          const node: A.CastType = { kind: 'CastType', name: upper(tok) as 'CHAR' | 'VARCHAR' };
          this.OPTION(() => {
            this.CONSUME(T.LParen);
            const n = this.CONSUME(T.NumberLiteral, { ERR_MSG: 'expected a length' });
            node.length = this.unsignedInteger(n, 'a CHAR/VARCHAR length');
            this.CONSUME(T.RParen);
          });
          return this.done(node, tok);
        },
      },
      {
        ALT: () => {
          const tok = this.CONSUME(T.SimpleType);
          return this.done<A.CastType>({ kind: 'CastType', name: upper(tok) as A.CastTypeName }, tok);
        },
      },
      {
        ALT: () => {
          const tok = this.CONSUME(T.Double);
          this.CONSUME(T.Precision, { ERR_MSG: 'expected PRECISION after DOUBLE' });
          return this.done<A.CastType>({ kind: 'CastType', name: 'DOUBLE PRECISION' }, tok);
        },
      },
      {
        ALT: () => {
          const tok = this.CONSUME(T.GeometryFunction);
          const name = upper(tok);
          this.ACTION(() => {
            if (name !== 'POINT' && name !== 'CIRCLE' && name !== 'POLYGON') {
              this.issue(`${name} is not a CAST target type (POINT, CIRCLE or POLYGON are)`, tokenRange(tok));
            }
          });
          return this.done<A.CastType>({ kind: 'CastType', name: name as A.CastTypeName }, tok);
        },
      },
      {
        // Not an ADQL type (FLOAT, TEXT, ...): one clear error, and parsing goes on.
        ALT: () => {
          const tok = this.OR2([{ ALT: () => this.CONSUME(T.ReservedWord) }, { ALT: () => this.CONSUME(T.Identifier) }]);
          this.issue(
            `${tok.image} is not an ADQL CAST type: use CHAR(n), VARCHAR(n), SMALLINT, INTEGER, BIGINT, REAL, DOUBLE PRECISION, TIMESTAMP, POINT, CIRCLE or POLYGON`,
            tokenRange(tok),
          );
          return this.done<A.CastType>({ kind: 'CastType', name: upper(tok) as A.CastTypeName }, tok);
        },
      },
    ]),
  );

  /**
   * Geometry functions. Arguments are parsed as a plain list and classified by count and kind,
   * which settles the BNF's alternatives (coordinates vs coord_value, optional coord_sys) without
   * lookahead. A leading string literal or NULL is the (deprecated, optional in 2.1) coordinate
   * system for POINT/CIRCLE/BOX/POLYGON; the lyonetia suite accepts NULL there.
   */
  private geometryCall = this.RULE('geometryCall', (): A.GeometryCall => {
    const nameTok = this.CONSUME(T.GeometryFunction);
    this.CONSUME(T.LParen);
    const args = this.SUBRULE(this.argumentList);
    this.CONSUME(T.RParen, CLOSE_ARGUMENTS);
    return this.ACTION(() => {
      const name = upper(nameTok) as A.GeometryFunctionName;
      const node = this.done<A.GeometryCall>({ kind: 'GeometryCall', name, args }, nameTok);
      const problem = classifyGeometry(node);
      if (typeof problem === 'string') this.issue(problem, node.range);
      else if (problem) this.issue(problem.message, problem.at ?? node.range);
      return node;
    });
  });
}

/** Upper-cased token image; tolerant of Chevrotain's recording-phase placeholders. */
function upper(tok: IToken | undefined): string {
  return typeof tok?.image === 'string' ? tok.image.toUpperCase() : '';
}

function foldSetOperations(
  operands: A.QueryExpression[],
  ops: Array<{ op: 'UNION' | 'EXCEPT' | 'INTERSECT'; all: boolean }>,
): A.QueryExpression {
  const make = (left: A.QueryExpression, right: A.QueryExpression, o: (typeof ops)[number]): A.SetOperation => {
    const node: A.SetOperation = { kind: 'SetOperation', op: o.op, all: o.all, left, right };
    if (left?.range && right?.range) node.range = { start: left.range.start, end: right.range.end };
    return node;
  };
  // INTERSECT runs first, then UNION/EXCEPT left to right.
  const terms: A.QueryExpression[] = [operands[0]!];
  const outer: Array<(typeof ops)[number]> = [];
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    const rhs = operands[i + 1]!;
    if (o.op === 'INTERSECT') terms.push(make(terms.pop()!, rhs, o));
    else {
      outer.push(o);
      terms.push(rhs);
    }
  }
  let result = terms[0]!;
  for (let i = 0; i < outer.length; i++) result = make(result, terms[i + 1]!, outer[i]!);
  return result;
}

function describeArity([min, max]: [number, number]): string {
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
  if (max === Infinity) return `at least ${min} argument${min === 1 ? '' : 's'}`;
  return `${min} to ${max} arguments`;
}

function isSignedInteger(e: A.ValueExpression): boolean {
  if (e.kind === 'NumericLiteral') return /^\d+$/.test(e.text);
  return e.kind === 'Unary' && e.operand.kind === 'NumericLiteral' && /^\d+$/.test(e.operand.text);
}

function partsToTableName(parts: A.Identifier[]): A.TableName {
  const table = parts[parts.length - 1]!;
  const node: A.TableName = { kind: 'TableName', table };
  if (parts.length >= 2) node.schema = parts[parts.length - 2]!;
  if (parts.length >= 3) node.catalog = parts[parts.length - 3]!;
  const first = parts[0]?.range;
  if (first && table.range) node.range = { start: first.start, end: table.range.end };
  return node;
}

function columnToTableName(col: A.ColumnRef): A.TableName {
  const parts: A.Identifier[] = [];
  if (col.table?.catalog) parts.push(col.table.catalog);
  if (col.table?.schema) parts.push(col.table.schema);
  if (col.table) parts.push(col.table.table);
  parts.push(col.column);
  return partsToTableName(parts.slice(-3));
}

/** Could this argument be a point (BNF <coord_value>: point, centroid, UDF or column)? */
function mayBePoint(e: A.ValueExpression): boolean {
  switch (e.kind) {
    case 'ColumnRef':
    case 'UserFunctionCall':
      return true;
    case 'GeometryCall':
      return e.name === 'POINT' || e.name === 'CENTROID';
    case 'Paren':
      return mayBePoint(e.expr);
    case 'Cast':
      return e.type.name === 'POINT';
    default:
      return false;
  }
}

function isCoordSys(e: A.ValueExpression | undefined): boolean {
  return e !== undefined && (e.kind === 'StringLiteral' || e.kind === 'Null');
}

/**
 * A coordinate system is a string literal written first (BNF <coord_sys>); an extra argument that
 * is not one (`POINT(ra, dec, 'ICRS')`, `BOX(1, 2, 3, 4, 5)`) is a syntax error, noticed at the
 * comma after the last argument the call can take without a coordinate system.
 */
function misplacedCoordSys(node: A.GeometryCall, takes: string, example: string): { message: string; at: A.SourceRange | undefined } {
  return {
    message: `${node.name} takes ${takes}; the coordinate system comes first, as a string literal, and may be left out: ${example}`,
    at: commaAfter(node.args[node.args.length - 2]!),
  };
}

/** The range of the comma that follows an argument (only spaces and comments may come between). */
function commaAfter(arg: A.ValueExpression): A.SourceRange | undefined {
  const end = arg.range?.end.offset;
  if (end === undefined) return undefined;
  const offset = nextSignificant(end);
  if (offset === undefined) return undefined;
  return { start: positionAt(offset), end: positionAt(offset + 1) };
}

/**
 * Splits off the coordinate system and checks the argument count of a geometry call.
 * Returns a problem (with where a correct parser notices it, when that is not the whole call),
 * or undefined when the call is well-formed.
 */
function classifyGeometry(node: A.GeometryCall): string | { message: string; at: A.SourceRange | undefined } | undefined {
  const args = node.args;
  const takeCoordSys = () => {
    node.coordSys = args[0]!;
    node.args = args.slice(1);
  };
  switch (node.name) {
    case 'POINT':
      if (args.length === 3 && !isCoordSys(args[0]))
        return misplacedCoordSys(node, 'two coordinates', "POINT('ICRS', ra, dec) or POINT(ra, dec)");
      if (args.length === 3) takeCoordSys();
      return node.args.length === 2 ? undefined : 'POINT takes two coordinates, optionally after a coordinate system';
    case 'CIRCLE':
    case 'BOX': {
      const extra = node.name === 'CIRCLE' ? 1 : 2; // radius, or width and height
      const what = node.name === 'CIRCLE' ? 'a radius' : 'a width and a height';
      if (args.length === extra + 3 && !isCoordSys(args[0])) {
        return node.name === 'CIRCLE'
          ? misplacedCoordSys(node, 'a centre and a radius', "CIRCLE('ICRS', ra, dec, radius) or CIRCLE(ra, dec, radius)")
          : misplacedCoordSys(node, 'a centre, a width and a height', "BOX('ICRS', ra, dec, width, height) or BOX(ra, dec, width, height)");
      }
      if (args.length === extra + 3 || (args.length === extra + 2 && isCoordSys(args[0]))) takeCoordSys();
      const rest = node.args;
      if (rest.length === extra + 2) return undefined;
      if (rest.length === extra + 1 && mayBePoint(rest[0]!)) return undefined;
      return `${node.name} takes a centre (two coordinates or a point) and ${what}, optionally after a coordinate system`;
    }
    case 'POLYGON': {
      if (isCoordSys(args[0])) takeCoordSys();
      const rest = node.args;
      if (rest.length >= 6 && rest.length % 2 === 0) return undefined;
      if (rest.length >= 3 && rest.every(mayBePoint)) return undefined;
      return 'POLYGON takes at least three vertices: three or more points, or an even number (six or more) of coordinates';
    }
    case 'REGION':
      if (args.length !== 1) return 'REGION takes one string argument';
      return args[0]!.kind === 'StringLiteral' ? undefined : 'the argument of REGION must be a string literal';
    case 'DISTANCE':
      if (args.length === 2 || args.length === 4) return undefined;
      return 'DISTANCE takes two points or four coordinates';
    case 'CONTAINS':
    case 'INTERSECTS':
      return args.length === 2 ? undefined : `${node.name} takes two geometries`;
    case 'COORD1':
    case 'COORD2':
      if (args.length !== 1) return `${node.name} takes one point`;
      return mayBePoint(args[0]!) ? undefined : `the argument of ${node.name} must be a point or a column`;
    default:
      return args.length === 1 ? undefined : `${node.name} takes one geometry`;
  }
}
