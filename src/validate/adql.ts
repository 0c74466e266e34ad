/**
 * The one place the validator imports the parser from, so a change of entry point touches a
 * single file.
 */
export type * from '../adql/index.js';
export { parse, findAll } from '../adql/index.js';
export type { AdqlError } from '../adql/index.js';
