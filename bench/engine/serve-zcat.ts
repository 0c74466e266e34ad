/**
 * Serves a local TAP service holding a copy of the DaCHS test tables (zcat.*), e.g. to run the TAP
 * client's live suite against the local engine:
 *   npx tsx bench/engine/serve-zcat.ts 18780 &
 *   ADQLKIT_TAP_URL=http://127.0.0.1:18780/tap npx vitest run test/tap/live.test.ts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalService } from '../../src/engine/index.js';
import { ZCAT_KEYS, mirrorZcat } from '../../test/engine/zcat-mirror.js';

const source = process.env.DACHS_TAP_URL ?? 'http://127.0.0.1:8080/tap';
const port = Number(process.argv[2] ?? 0);
const tables = await mirrorZcat(source, mkdtempSync(join(tmpdir(), 'adqlkit-zcat-')));
const service = await createLocalService({ tables, foreignKeys: ZCAT_KEYS, port });
console.log(`local TAP service with ${tables.map((t) => t.name).join(', ')} at ${service.url}`);
const stop = () => void service.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
