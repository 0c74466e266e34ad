/**
 * Where a catalogue's files are: a local directory or an http(s) URL. Paths are relative to the
 * catalogue root with `/` separators.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { HatsError } from './errors.js';

export interface Store {
  /** The root as given (directory or URL), for messages. */
  readonly root: string;
  readonly remote: boolean;
  /** The text of a file, or undefined when it does not exist. */
  readText(rel: string): Promise<string | undefined>;
  /** The bytes of a file, or undefined when it does not exist. */
  readBytes(rel: string): Promise<Uint8Array | undefined>;
  /** Local: the absolute path; remote: the absolute URL. */
  locate(rel: string): string;
  /** The files inside a directory (local only; undefined for remote stores or a missing directory). */
  list(rel: string): Promise<string[] | undefined>;
  /** Whether a file exists (remote: a HEAD request). */
  isFile(rel: string): Promise<boolean>;
  /** The same store rooted at a sub-path or a sibling (`../x`). */
  at(rel: string): Store;
}

export function openStore(location: string): Store {
  return /^https?:\/\//i.test(location) ? new HttpStore(location) : new LocalStore(path.resolve(location));
}

class LocalStore implements Store {
  readonly remote = false;
  constructor(readonly root: string) {}

  locate(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  async readText(rel: string): Promise<string | undefined> {
    const file = this.locate(rel);
    return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
  }

  async readBytes(rel: string): Promise<Uint8Array | undefined> {
    const file = this.locate(rel);
    return existsSync(file) && statSync(file).isFile() ? new Uint8Array(readFileSync(file)) : undefined;
  }

  async list(rel: string): Promise<string[] | undefined> {
    const dir = this.locate(rel);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
    return readdirSync(dir)
      .filter((f) => statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => `${rel}/${f}`);
  }

  async isFile(rel: string): Promise<boolean> {
    const file = this.locate(rel);
    return existsSync(file) && statSync(file).isFile();
  }

  at(rel: string): Store {
    return new LocalStore(path.resolve(this.root, ...rel.split('/')));
  }
}

class HttpStore implements Store {
  readonly remote = true;
  readonly root: string;
  constructor(root: string) {
    this.root = root.endsWith('/') ? root : `${root}/`;
  }

  locate(rel: string): string {
    return new URL(
      rel
        .split('/')
        .map((part) => encodeURIComponent(part).replace(/%3D/g, '='))
        .join('/'),
      this.root,
    ).href;
  }

  async readText(rel: string): Promise<string | undefined> {
    const bytes = await this.readBytes(rel);
    return bytes && new TextDecoder().decode(bytes);
  }

  async readBytes(rel: string): Promise<Uint8Array | undefined> {
    const res = await fetchOrExplain(this.locate(rel), {});
    if (res.status === 404) return undefined;
    if (!res.ok) throw new HatsError(`${this.locate(rel)}: HTTP ${res.status} ${res.statusText}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  async list(): Promise<string[] | undefined> {
    return undefined;
  }

  async isFile(rel: string): Promise<boolean> {
    const res = await fetchOrExplain(this.locate(rel), { method: 'HEAD' });
    return res.ok;
  }

  at(rel: string): Store {
    return new HttpStore(new URL(`${rel.replace(/\/$/, '')}/`, this.root).href);
  }
}

async function fetchOrExplain(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    throw new HatsError(`cannot reach ${url}: ${(err as Error).message}`);
  }
}
