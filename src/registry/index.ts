/** Finding data: RegTAP registry search, registry records as service clients, table discovery. */
export { RegistryService } from './registry.js';
export type { RegistrySearchOptions } from './registry.js';
export { registryQuery, registryAdql, standardIdsFor } from './query.js';
export type { RegistrySearch } from './query.js';
export { RegistryRecord, recordsFromResult } from './record.js';
export type { RegistryInterface } from './record.js';
export { SERVICE_TYPES, standardIdOf, auxiliaryIdOf } from './standards.js';
export type { ServiceType } from './standards.js';
export { listTables, searchTables, describeTable, formatTableDescription } from './tables.js';
export type { TableSummary, TableDescription, TableMatch } from './tables.js';
export { RegistryConstraintError, RegistryCapabilityError } from './errors.js';
