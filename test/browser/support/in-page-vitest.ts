/**
 * The part of vitest's API that the shared live suite uses (test/tap/live.test.ts and
 * test/support/dachs.ts), for running that suite unchanged inside a page: suite-page.ts bundles this
 * module in place of 'vitest'. `describe`/`it` only register tests, which the driving Node test then
 * runs one at a time (`runInPage`); `expect` is vitest's own matcher set (chai with @vitest/expect's
 * plugins), so an assertion means in the page what it means in Node; `inject` reads what the Node side
 * provided through the page's init script.
 */
import { ASYMMETRIC_MATCHERS_OBJECT, chai, JestAsymmetricMatchers, JestChaiExpect, JestExtend } from '@vitest/expect';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

export const expect = Object.assign(
  (value: unknown, message?: string) => chai.expect(value, message),
  chai.expect,
  (globalThis as Record<symbol, object>)[ASYMMETRIC_MATCHERS_OBJECT],
);

/** What the page's init script sets: the values a vitest globalSetup would `provide`. */
export const PROVIDED_GLOBAL = '__adqlkitProvided';

export function inject(key: string): unknown {
  return (globalThis as unknown as Record<string, Record<string, unknown> | undefined>)[PROVIDED_GLOBAL]?.[key];
}

type TestBody = () => unknown;
interface Options {
  timeout?: number;
}

/** A registered test, by its full name ("describe name > test name"). */
export interface InPageTest {
  name: string;
  skipped: boolean;
  timeoutMs: number;
}

const DEFAULT_TIMEOUT = 30_000; // vitest.config.ts's testTimeout
const registered = new Map<string, InPageTest & { body: TestBody }>();
const scope: { name: string; skipped: boolean; timeoutMs: number }[] = [];

function register(name: string, body: TestBody, options: Options = {}): void {
  const outer = scope.at(-1);
  const full = [...scope.map((s) => s.name), name].join(' > ');
  if (registered.has(full)) throw new Error(`two tests are named "${full}"`);
  const timeoutMs = options.timeout ?? outer?.timeoutMs ?? DEFAULT_TIMEOUT;
  registered.set(full, { name: full, skipped: outer?.skipped ?? false, timeoutMs, body });
}

function describeIn(skipped: boolean) {
  return (name: string, optionsOrBody: Options | TestBody, maybeBody?: TestBody): void => {
    const [options, body] = typeof optionsOrBody === 'function' ? [{}, optionsOrBody] : [optionsOrBody, maybeBody!];
    const outer = scope.at(-1);
    scope.push({
      name,
      skipped: skipped || (outer?.skipped ?? false),
      timeoutMs: options.timeout ?? outer?.timeoutMs ?? DEFAULT_TIMEOUT,
    });
    try {
      body();
    } finally {
      scope.pop();
    }
  };
}

export const describe = Object.assign(describeIn(false), { skip: describeIn(true) });

// `it.concurrent` runs in sequence here: the Node side runs one in-page test per vitest test.
export const it = Object.assign(register, { concurrent: register });

/** The registered tests, for the Node side to name one vitest test after each. */
export function listInPage(): InPageTest[] {
  return [...registered.values()].map(({ name, skipped, timeoutMs }) => ({ name, skipped, timeoutMs }));
}

/** Runs one registered test; resolves to undefined when it passes, else to its error's message and stack. */
export async function runInPage(name: string): Promise<{ message: string; stack?: string } | undefined> {
  const test = registered.get(name);
  if (test === undefined) return { message: `no test named "${name}" was registered in the page` };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${test.timeoutMs} ms in the page`)), test.timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(test.body), timeout]);
    return undefined;
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { message: e.message, stack: e.stack };
  } finally {
    clearTimeout(timer);
  }
}
