/**
 * Recorded responses for unit tests: the project's own (fixtures/tap/, recorded from DaCHS by
 * test/tap/record-fixtures.ts) and the shared ones (../shared/fixtures, read in place, never copied;
 * suites using them skip with a printed reason when ../shared is absent).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { HttpResponse } from '../../../src/dal/http.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
export const sharedFixtures = resolve(repoRoot, '../shared/fixtures');
export const haveShared = existsSync(sharedFixtures);
if (!haveShared) console.warn(`[shared fixture tests skipped] ${sharedFixtures} is absent`);

export function own(name: string): string {
  return readFileSync(resolve(repoRoot, 'fixtures/tap', name), 'utf8');
}

export function shared(path: string): string {
  return readFileSync(resolve(sharedFixtures, path), 'utf8');
}

/** A response as the HTTP layer hands it to readers, over a recorded body. */
export function fakeResponse(
  body: string | Buffer,
  contentType: string,
  url = 'http://127.0.0.1:8080/tap/sync',
  status = 200,
): HttpResponse {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return {
    status,
    url,
    headers: { 'content-type': contentType },
    contentType,
    body: Readable.from([buf]) as unknown as HttpResponse['body'],
  };
}
