/**
 * The `.adqlrc.json` configuration that `adql`, the language server and the ESLint rule share:
 * services and their credentials, schema files, the cache directory, the ADQL version. Kept apart
 * from tooling/ so that reading it (every `adql` command does) loads no parser or validator.
 */
export { SetupError, ConfigError } from './errors.js';
export {
  CONFIG_FILE_NAME,
  findConfigFile,
  loadConfig,
  resolveService,
  resolveCacheDir,
  resolveSchemaFile,
  type AdqlConfig,
  type ServiceConfig,
  type LoadedConfig,
  type ResolvedService,
} from './config.js';
