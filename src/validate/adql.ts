/**
 * The one place the validator imports the parser from, so a change of entry point touches a
 * single file.
 */
export type * from '../adql/ast.js';
export { parse } from '../adql/parse.js';
export type { AdqlError } from '../adql/errors.js';
