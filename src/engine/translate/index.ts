/** ADQL -> DuckDB SQL translation for the embedded local engine. */
export { USER_FUNCTIONS, translate, type OutputColumn, type TranslateOptions, type Translation } from './translator.js';
export type { Catalog, ColumnInfo, TableInfo, GeometryXtype } from './catalog.js';
export { TranslateError } from './errors.js';
export { conversionFactor, UnitError } from './units.js';
