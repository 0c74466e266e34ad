import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, findConfigFile, loadConfig, resolveCacheDir, resolveSchemaFile, resolveService } from '../../src/config/index.js';
import { configuredAdqlVersion } from '../../src/tooling/index.js';

function project(config: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'adqlrc-'));
  writeFileSync(path.join(dir, '.adqlrc.json'), typeof config === 'string' ? config : JSON.stringify(config));
  mkdirSync(path.join(dir, 'queries', 'deep'), { recursive: true });
  return dir;
}

describe('.adqlrc.json', () => {
  it('is found from a nested directory and resolves aliases, tokens and relative paths', () => {
    const dir = project({
      service: 'dachs',
      services: {
        dachs: { url: 'http://127.0.0.1:8080/tap/', tokenEnv: 'MY_TOKEN', schema: 'schemas/dachs.json' },
        gaia: 'https://gea.esac.esa.int/tap-server/tap',
      },
      cacheDir: '.cache/adql',
    });
    const nested = path.join(dir, 'queries', 'deep');
    expect(findConfigFile(nested)).toBe(path.join(dir, '.adqlrc.json'));
    const loaded = loadConfig(nested, undefined, {});
    const dachs = resolveService(loaded, undefined, { MY_TOKEN: 's3cret' });
    expect(dachs).toEqual({
      url: 'http://127.0.0.1:8080/tap',
      alias: 'dachs',
      token: 's3cret',
      schemaFile: path.join(dir, 'schemas/dachs.json'),
    });
    expect(resolveService(loaded, 'gaia', {})).toEqual({ url: 'https://gea.esac.esa.int/tap-server/tap', alias: 'gaia' });
    // A URL equal to a configured entry gets that entry's settings.
    expect(resolveService(loaded, 'http://127.0.0.1:8080/tap', { MY_TOKEN: 't' })?.alias).toBe('dachs');
    expect(resolveService(loaded, 'http://other/tap', {})).toEqual({ url: 'http://other/tap' });
    expect(resolveCacheDir(loaded, {})).toBe(path.join(dir, '.cache/adql'));
    expect(resolveSchemaFile(loaded, dachs)).toBe(path.join(dir, 'schemas/dachs.json'));
  });

  it('a missing token variable is noted, not an error; an unknown alias and bad files are explained', () => {
    const dir = project({ service: 'dachs', services: { dachs: { url: 'http://x/tap', tokenEnv: 'NOPE_TOKEN' } } });
    const loaded = loadConfig(dir, undefined, {});
    expect(resolveService(loaded, undefined, {})).toEqual({ url: 'http://x/tap', alias: 'dachs', missingTokenEnv: 'NOPE_TOKEN' });
    expect(() => resolveService(loaded, 'gaia', {})).toThrow(/unknown service "gaia" \(configured: dachs\)/);
    expect(() => loadConfig(project('{ not json'), undefined, {})).toThrow(ConfigError);
    expect(() => loadConfig(project({ services: { a: { url: 'u', token: 'x' } } }), undefined, {})).toThrow(/do not store tokens/);
    expect(() => loadConfig(project({ servce: 'x' }), undefined, {})).toThrow(/unknown key "servce"/);
    expect(() => loadConfig(dir, 'missing.json', {})).toThrow(/does not exist/);
  });

  it('carries the ADQL version lint, the language server and ESLint check against', () => {
    expect(configuredAdqlVersion(loadConfig(project({ version: '2.0' }), undefined, {}))).toBe('2.0');
    expect(configuredAdqlVersion(loadConfig(project({ schema: 's.json' }), undefined, {}))).toBeUndefined();
    expect(() => loadConfig(project({ version: 2.1 }), undefined, {})).toThrow(/"version" must be a string/);
    // Reading the config loads no ADQL implementation: the version is checked where it is used.
    const future = loadConfig(project({ version: '3.0' }), undefined, {});
    expect(() => configuredAdqlVersion(future)).toThrow(ConfigError);
    expect(() => configuredAdqlVersion(future)).toThrow(/\.adqlrc\.json: "version" must be one of "2\.0", "2\.1", got "3\.0"/);
  });

  it('without a file: no service, cache in $ADQLKIT_CACHE_DIR or XDG', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'noconf-'));
    const loaded = loadConfig(dir, undefined, {});
    expect(loaded.file === undefined || !loaded.file.startsWith(dir)).toBe(true);
    expect(resolveCacheDir({ dir, config: {} }, { ADQLKIT_CACHE_DIR: '/tmp/c' })).toBe('/tmp/c');
    expect(resolveCacheDir({ dir, config: {} }, { XDG_CACHE_HOME: '/tmp/x' })).toBe('/tmp/x/adqlkit');
    expect(resolveService({ dir, config: {} }, undefined, {})).toBeUndefined();
    expect(resolveService({ dir, config: {} }, undefined, { ADQLKIT_SERVICE: 'http://s/tap' })).toEqual({ url: 'http://s/tap' });
  });
});
