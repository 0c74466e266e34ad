// adqlkit's public API: each capability re-exports its small public surface here.
export * from './core.js';
export * from './codegen/index.js';
// The shared `.adqlrc.json` configuration (what `adql`, the language server and ESLint read).
export {
  loadConfig as loadAdqlConfig,
  findConfigFile as findAdqlConfigFile,
  resolveService as resolveAdqlService,
  resolveCacheDir as resolveAdqlCacheDir,
  CONFIG_FILE_NAME as ADQL_CONFIG_FILE_NAME,
  ConfigError as AdqlConfigError,
  type AdqlConfig,
  type ServiceConfig as AdqlServiceConfig,
  type LoadedConfig as LoadedAdqlConfig,
  type ResolvedService as ResolvedAdqlService,
} from './config/index.js';
// The CLI's output formats as library functions; the command runner itself (runCli) is not public API.
export { formatDiagnostics, formatResult, type FileDiagnostic, type DiagnosticFormat, type ResultFormat } from './cli/index.js';
export * from './engine/index.js';
// HATS catalogues (HEALPix-partitioned Parquet): the reader, pruning helpers and HEALPix NESTED arithmetic.
export {
  HatsError,
  HatsListingError,
  HealpixError,
  openHats,
  parseProperties,
  parsePartitionInfo,
  ang2pix,
  ang2pix29,
  pix2ang,
  coverCap,
  coverPolygon,
  maxPixelRadius,
  pixelRange29,
  type HatsCatalog,
  type Partition as HatsPartition,
  type MarginRef as HatsMarginRef,
  type CatalogProperties as HatsProperties,
  type Cap as HealpixCap,
} from './hats/index.js';
export * from './partition/index.js';
