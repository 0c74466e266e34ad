/**
 * globalSetup of the `tap-client-on-local-engine` project (vitest.config.ts): the TAP client's live
 * suite runs a second time against adqlkit's own embedded TAP service, holding a copy of the DaCHS
 * test tables (rows and metadata fetched from DaCHS, so the suite's expectations hold on both).
 * Without DaCHS there is nothing to copy: the suite then skips and says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLocalService } from '../../src/engine/index.js';
import { ZCAT_KEYS, mirrorZcat } from '../engine/zcat-mirror.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The TAP URL integration suites use instead of $ADQLKIT_TAP_URL. */
    tapUrl?: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const dachs = process.env.ADQLKIT_TAP_URL ?? 'http://127.0.0.1:8080/tap';
  try {
    const res = await fetch(`${dachs}/availability`, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    if (!res.ok) return undefined;
  } catch {
    return undefined; // describeLive prints why the suite skips
  }
  const dir = mkdtempSync(join(tmpdir(), 'adqlkit-local-tap-'));
  const tables = await mirrorZcat(dachs, dir);
  const service = await createLocalService({ tables, foreignKeys: ZCAT_KEYS });
  project.provide('tapUrl', service.url);
  return async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
