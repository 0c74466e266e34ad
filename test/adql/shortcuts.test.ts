/**
 * The strict parser's SHORTCUTS call an alternative directly where Chevrotain's OR would pick it from
 * the next token(s). Each entry is checked here against the lookahead paths Chevrotain computes
 * from the grammar, so a grammar edit that makes an entry wrong fails here rather than changing
 * what parses; and valid queries must give the same tree with recovery on (which takes no shortcut).
 */
import { describe, expect, it } from 'vitest';
import { getLookaheadPaths, type TokenType } from '../../src/adql/grammar/chevrotain.js';
import { AdqlParser, SHORTCUTS, tokenMatches } from '../../src/adql/grammar/parser.js';
import { ALL_TOKENS, LParen } from '../../src/adql/grammar/tokens.js';
import { parse } from '../../src/adql/parse.js';
import { stripPositions } from '../../src/adql/visitor.js';
import { loadLyonetia, loadSeedQueries } from './corpus.js';
import { inListQuery, nestedExpressionQuery, polygonQuery } from '../../bench/adql/generated-queries.js';

const parser = new AdqlParser(false);
const rules = parser.getGAstProductions();
/** Per alternative of the OR at `occurrence` in `rule`: its lookahead paths. */
const alternatives = (rule: string, occurrence: number): TokenType[][][] =>
  getLookaheadPaths({ occurrence, rule: rules[rule]!, prodType: 'Alternation', maxLookahead: 3 });
/** Would Chevrotain try this path on the input `tokens` (a path longer than the input is not decided by it)? */
const startsWith = (path: TokenType[], tokens: TokenType[]): boolean =>
  path.length <= tokens.length && path.every((expected, i) => tokenMatches(tokens[i]!, expected));
/** The alternative Chevrotain's OR takes on these next tokens: the first with a matching path. */
const chosen = (alts: TokenType[][][], tokens: TokenType[]): number => alts.findIndex((paths) => paths.some((p) => startsWith(p, tokens)));

describe('strict-parser shortcuts agree with the grammar', () => {
  it('primary value: one token', () => {
    const alts = alternatives('arithmetic', 2);
    for (const [type, alternative] of SHORTCUTS.primary) {
      expect(chosen(alts, [type]), type.name).toBe(alternative);
    }
  });

  it('primary value: a function keyword and "("', () => {
    const alts = alternatives('arithmetic', 2);
    for (const [type, alternative] of SHORTCUTS.primaryCall) {
      expect(chosen(alts, [type, LParen]), type.name).toBe(alternative);
    }
  });

  it('factor: the tokens listed start a value, not EXISTS', () => {
    const alts = alternatives('expression', 0);
    for (const type of SHORTCUTS.factor) {
      // the value alternative needs one token to be chosen: no path of it is longer than one token
      expect(chosen(alts, [type]), type.name).toBe(1);
    }
  });

  it('predicate tail: exactly the listed tokens start a predicate, any other takes the empty alternative', () => {
    const alts = alternatives('expression', 2);
    const empty = alts.length - 1;
    expect(alts[empty]!.some((p) => p.length === 0)).toBe(true);
    for (const type of ALL_TOKENS) {
      const startsPredicate = alts.slice(0, empty).some((paths) => paths.some((p) => p.length > 0 && tokenMatches(type, p[0]!)));
      expect(
        SHORTCUTS.predicateTail.some((start) => tokenMatches(type, start)),
        type.name,
      ).toBe(startsPredicate);
    }
  });
});

describe('the same trees with and without shortcuts', () => {
  const queries = [
    ...(loadLyonetia()?.map((c) => c.query) ?? []),
    ...(loadSeedQueries()?.map((s) => s.query) ?? []),
    inListQuery(2000),
    polygonQuery(2000),
    nestedExpressionQuery(2000),
    'SELECT -a, +1, - -b, ABS(-x), COS(1) AS c, COUNT(*), "d""q" FROM t WHERE NOT a = 1 AND (b BETWEEN 1 AND 2 OR c IS NOT NULL)',
    "SELECT a FROM t WHERE a NOT IN (1, 'x', (2)) AND b NOT LIKE 'x%' AND EXISTS (SELECT 1 FROM u) AND POINT(ra, dec) = c",
  ];
  it(`valid queries parse alike strictly and with recovery (${queries.length} queries)`, () => {
    if (loadLyonetia() === undefined) console.log('note: ../shared is absent: only the built-in queries are compared');
    let compared = 0;
    for (const q of queries) {
      const strict = parse(q);
      if (strict.errors.length > 0) continue;
      const recovering = parse(q, { recover: true });
      expect(recovering.errors, q).toEqual([]);
      expect(stripPositions(strict.ast!), q).toEqual(stripPositions(recovering.ast!));
      expect(strict.ast, q).toEqual(recovering.ast);
      compared++;
    }
    expect(compared).toBeGreaterThan(5);
  });
});
