/** ADQL -> DuckDB SQL translation for the embedded local engine. */
export { translate, type OutputColumn, type TranslateOptions, type Translation } from './core.js';
export { USER_FUNCTIONS } from './user-functions.js';
export type { Catalog, ColumnInfo, TableInfo, GeometryXtype } from './catalog.js';
export { TranslateError } from './errors.js';
export { conversionFactor, UnitError } from './units.js';
