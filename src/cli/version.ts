import { readFileSync } from 'node:fs';

/** The package version: package.json sits two levels above src/cli/ and three above dist/src/cli/. */
export function packageVersion(): string {
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'adqlkit' && pkg.version) return pkg.version;
    } catch {
      // not at this level: try the next one
    }
  }
  return 'unknown';
}
