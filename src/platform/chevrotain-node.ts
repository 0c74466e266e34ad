/**
 * Chevrotain on Node, loaded from the single-file ES module its package ships (lib/chevrotain.mjs)
 * rather than its package entry. The entry pulls in lodash-es one file at a time: several hundred
 * modules and about 300 ms of start-up on every `adql` run, against about 20 ms for the bundle, which
 * is the same release built into one file. The bundle is not in the package's `exports`, so it is
 * found beside the resolved entry; should a later release drop it, the package entry is used.
 * Both are loaded with require() (Node >= 20.19 loads ES modules synchronously), not a top-level
 * await: a top-level await anywhere in the graph would make `require('adqlkit')` fail for CommonJS users.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Chevrotain = typeof import('chevrotain');

const require = createRequire(import.meta.url);
const bundle = join(dirname(require.resolve('chevrotain')), '..', 'chevrotain.mjs');
const chevrotain = (existsSync(bundle) ? require(bundle) : require('chevrotain')) as Chevrotain;

export const { createToken, Lexer, EOF, EmbeddedActionsParser, EarlyExitException, NoViableAltException, getLookaheadPaths } = chevrotain;
