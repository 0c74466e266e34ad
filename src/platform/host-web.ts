/**
 * `#host` outside Node: a browser has no file system, so each file call fails with an
 * UnavailableInBrowserError naming what to do instead; gzip is the platform's DecompressionStream.
 * Paths are still joined (cache keys and messages use them).
 */
export class UnavailableInBrowserError extends Error {
  constructor(what: string) {
    super(
      `${what} needs Node.js and is not available in a browser: pass the data itself (a string, a Uint8Array, a Blob/File or a fetch Response) instead of a file path`,
    );
    this.name = 'UnavailableInBrowserError';
  }
}

function unavailable(what: string): (...args: unknown[]) => never {
  return () => {
    throw new UnavailableInBrowserError(what);
  };
}

function unavailableAsync(what: string): (...args: unknown[]) => Promise<never> {
  return async () => {
    throw new UnavailableInBrowserError(what);
  };
}

export const once = unavailableAsync('waiting for a Node stream event');
export const createWriteStream = unavailable('writing a file');
export const closeSync = unavailable('closing a file');
export const fstatSync = unavailable('reading a file');
export const openSync = unavailable('reading a file');
export const readSync = unavailable('reading a file');
export const open = unavailableAsync('reading a file');
export const readFile = unavailableAsync('reading a file');
export const writeFile = unavailableAsync('writing a file');
export const mkdir = unavailableAsync('creating a directory');
export const rename = unavailableAsync('renaming a file');
export const stat = unavailableAsync('reading a file');
export const unlink = unavailableAsync('deleting a file');
export const rm = unavailableAsync('deleting a file');
export const homedir = unavailable('the home directory');
export const createHash = unavailable('hashing with node:crypto');

/** Gunzips a byte sequence as it arrives (DecompressionStream). */
export async function* gunzip(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const feeding = (async () => {
    try {
      for await (const chunk of source) await writer.write(chunk as Uint8Array<ArrayBuffer>);
      await writer.close();
    } catch (err) {
      await writer.abort(err).catch(() => undefined);
    }
  })();
  const reader = stream.readable.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
    await feeding;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export function join(...parts: string[]): string {
  return parts
    .filter((p) => p !== '')
    .join('/')
    .replace(/\/{2,}/g, '/');
}

export function dirname(path: string): string {
  const i = path.replace(/\/+$/, '').lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}
