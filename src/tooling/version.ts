/** The ADQL version a project's `.adqlrc.json` asks lint, the language server and ESLint to check against. */
import { ADQL_VERSIONS, type AdqlVersion } from '../adql/index.js';
import { ConfigError, type LoadedConfig } from '../config/index.js';

/** The config's `"version"`, checked against the versions adqlkit knows; undefined when it sets none (2.1 applies). */
export function configuredAdqlVersion(loaded: LoadedConfig): AdqlVersion | undefined {
  const wanted = loaded.config.version;
  if (wanted === undefined) return undefined;
  const version = ADQL_VERSIONS.find((v) => v === wanted);
  if (version === undefined) {
    throw new ConfigError(
      `invalid config ${loaded.file ?? '.adqlrc.json'}: "version" must be one of ${ADQL_VERSIONS.map((v) => `"${v}"`).join(', ')}, got "${wanted}"`,
    );
  }
  return version;
}
