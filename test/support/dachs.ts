/**
 * Where integration tests find the live TAP service. `npm test` (scripts/test.sh) starts the project's
 * DaCHS and sets ADQLKIT_TAP_URL; when it is not set or the service does not answer, integration suites
 * skip and print why (see `describeLive`).
 */
import { describe, inject } from 'vitest';

/** The service under test: the embedded engine's when the project provides one (see local-engine-setup.ts). */
export const TAP_URL = inject('tapUrl') ?? process.env.ADQLKIT_TAP_URL ?? 'http://127.0.0.1:8080/tap';

/** The DaCHS site root ([web]serverURL): TAP_URL without its trailing `/tap`. */
export const DACHS_ROOT_URL = TAP_URL.replace(/\/tap\/?$/, '');

/** The project's Simple Cone Search 1.03 service on zcat.main (scripts/dachs/zcat/q.rd, service `cone`). */
export const SCS_URL = `${DACHS_ROOT_URL}/zcat/q/cone/scs.xml`;

let availability: Promise<string | undefined> | undefined;

/** Resolves to undefined when the service answers, else to the reason it cannot be used. */
export function liveServiceProblem(): Promise<string | undefined> {
  availability ??= (async () => {
    try {
      const res = await fetch(`${TAP_URL}/availability`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      return res.ok ? undefined : `${TAP_URL}/availability answered HTTP ${res.status}`;
    } catch (err) {
      return `no TAP service at ${TAP_URL} (${(err as Error).message}); run \`npm test\` as root to start the local DaCHS, or set ADQLKIT_TAP_URL`;
    }
  })();
  return availability;
}

const problem = await liveServiceProblem();
if (problem !== undefined) console.warn(`[integration tests skipped] ${problem}`);

/** A describe block that runs only against a live service, and says why when it cannot. */
export const describeLive: typeof describe = (problem === undefined ? describe : describe.skip) as typeof describe;
