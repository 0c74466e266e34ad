/**
 * The Chevrotain runtime the grammar uses. `#chevrotain` is chosen by package.json's `imports`
 * conditions: on Node, a loader that avoids the package entry's hundreds of modules (see
 * platform/chevrotain-node.ts); elsewhere, the plain package entry for bundlers.
 */
export { createToken, Lexer, EOF, EmbeddedActionsParser, EarlyExitException, NoViableAltException, getLookaheadPaths } from '#chevrotain';
export type {
  IToken,
  TokenType,
  ILexingError,
  IRecognitionException,
  IParserErrorMessageProvider,
  IOrAlt,
  OrMethodOpts,
  AtLeastOneSepMethodOpts,
  DSLMethodOpts,
  ManySepMethodOpts,
} from 'chevrotain';
