/** Simple Cone Search 1.03, and the same cone asked of a TAP table: the public surface. */
export { ConeSearchService } from './cone.js';
export type { ConeSearchOptions } from './cone.js';
export { coneQuery, tapConeSearch, SEARCH_OFFSET_COLUMN } from './tap-cone.js';
export type { TapConeColumns } from './tap-cone.js';
export { parseAngle, parseRa, parseDec, parsePosition, CoordinateError } from './position.js';
export { resolveName, NameResolverError, SESAME_URL } from './sesame.js';
export type { ResolveNameOptions, ResolvedName } from './sesame.js';
export type { SkyPosition } from './position.js';
export { ConeSearchError, ConeSearchTableError } from './errors.js';
