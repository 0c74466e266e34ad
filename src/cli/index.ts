/** adqlkit's command line and shared editor configuration, as a library. */
export { runCli, type RunIO } from './run.js';
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
} from '../tooling/config.js';
export { formatDiagnostics, type FileDiagnostic, type DiagnosticFormat } from './format/diagnostics.js';
export { renderResult as formatResult, type ResultFormat } from './format/results.js';
