/** Chevrotain in a browser (or any non-Node runtime): the package entry, which bundlers tree-shake. */
export { createToken, Lexer, EOF, EmbeddedActionsParser, EarlyExitException, NoViableAltException, getLookaheadPaths } from 'chevrotain';
