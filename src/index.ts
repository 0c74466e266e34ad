// adqlkit's public API: each capability re-exports its small public surface here.
export * from './votable/index.js';
export * from './adql/index.js';
export * from './tap/index.js';
export * from './schema/index.js';
export * from './validate/index.js';
export * from './cli/index.js';
