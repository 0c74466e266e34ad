/** Every accepted input shape → an async sequence of byte chunks. */
import { Buffer } from '#bytes';
import { gunzip, open } from '#host';
import { VOTableError } from './errors.js';

/** A local file, read through one reused buffer (no garbage per chunk). */
export interface VOTableFileInput {
  file: string;
}

/** A fetch Response (its body is streamed), declared by what is read of it. */
export interface VOTableResponseInput {
  readonly body: ReadableStream<Uint8Array> | null;
  readonly status: number;
  readonly url: string;
}

/** A Blob or File, declared by what is read of it. */
export interface VOTableBlobInput {
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

/**
 * A string (the document itself), bytes, a Node Readable (or any async iterable of bytes), a web
 * ReadableStream, a fetch Response, a Blob or File, or `{ file: path }` (Node only).
 */
export type VOTableInput =
  | VOTableFileInput
  | string
  | Uint8Array
  | ArrayBuffer
  | AsyncIterable<Uint8Array | string>
  | ReadableStream<Uint8Array>
  | VOTableResponseInput
  | VOTableBlobInput;

/** In-memory inputs are fed in windows of this size, so transient buffers stay small. */
const WINDOW = 1 << 20;

function* windows(b: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < b.length; i += WINDOW) yield b.subarray(i, Math.min(b.length, i + WINDOW));
}

/** The input's bytes, gunzipped on the fly when they start with the gzip magic number. */
export async function* inputChunks(input: VOTableInput): AsyncGenerator<Uint8Array> {
  const raw = rawChunks(input);
  // However the reader stops (end, a decoding error, the caller leaving a stream early), the
  // source is closed here: a file handle is never left to the garbage collector.
  try {
    const first = await raw.next();
    if (first.done) return;
    const head = first.value;
    if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) {
      yield head;
      yield* raw;
      return;
    }
    yield* gunzipped(head, raw);
  } finally {
    await raw.return(undefined);
  }
}

async function* gunzipped(head: Uint8Array, raw: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    // Copy: decompression works asynchronously and file chunks reuse one buffer.
    yield* gunzip(
      (async function* () {
        yield Buffer.from(head);
        for await (const c of raw) yield Buffer.from(c);
      })(),
    );
  } catch (e) {
    if (e instanceof VOTableError) throw e;
    throw new VOTableError('input', `cannot decompress the gzip-compressed input: ${(e as Error).message}`, {}, { cause: e });
  }
}

async function* rawChunks(input: VOTableInput): AsyncGenerator<Uint8Array> {
  if (isResponse(input)) {
    if (input.body === null)
      throw new VOTableError('input', `the response from ${input.url || 'fetch'} (HTTP ${input.status}) has no body`);
    input = input.body;
  } else if (isBlob(input)) {
    input = input.stream();
  }
  if (isFileInput(input)) {
    yield* fileChunks(input.file);
    return;
  }
  if (typeof input === 'string') {
    yield* windows(Buffer.from(input, 'utf8'));
    return;
  }
  if (input instanceof Uint8Array) {
    yield* windows(input);
    return;
  }
  if (input instanceof ArrayBuffer) {
    yield* windows(new Uint8Array(input));
    return;
  }
  if (input !== null && typeof input === 'object' && typeof (input as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (input as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (value) yield toBytes(value);
      }
    } finally {
      reader.releaseLock();
    }
  }
  if (input !== null && typeof input === 'object' && Symbol.asyncIterator in input) {
    for await (const chunk of input as AsyncIterable<Uint8Array | string>) yield toBytes(chunk);
    return;
  }
  throw new VOTableError(
    'input',
    `unsupported input ${Object.prototype.toString.call(input)}; pass a string, Uint8Array, ArrayBuffer, Blob, fetch Response, Node Readable or web ReadableStream`,
  );
}

function toBytes(chunk: unknown): Uint8Array {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new VOTableError('input', `stream produced a ${Object.prototype.toString.call(chunk)} chunk; expected bytes or strings`);
}

function isResponse(input: unknown): input is VOTableResponseInput {
  return (
    input !== null &&
    typeof input === 'object' &&
    'body' in input &&
    typeof (input as VOTableResponseInput).status === 'number' &&
    'headers' in input
  );
}

function isBlob(input: unknown): input is VOTableBlobInput {
  return (
    input !== null &&
    typeof input === 'object' &&
    typeof (input as VOTableBlobInput).stream === 'function' &&
    typeof (input as VOTableBlobInput).size === 'number'
  );
}

function isFileInput(input: unknown): input is VOTableFileInput {
  return (
    input !== null && typeof input === 'object' && typeof (input as VOTableFileInput).file === 'string' && !(Symbol.asyncIterator in input)
  );
}

/**
 * Read a file through one reused buffer. Each chunk is only valid until the next one is requested:
 * the scanner copies whatever it keeps before asking for more.
 */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new VOTableError('input', `cannot open ${path}: ${(e as Error).message}`, {}, { cause: e });
  }
  try {
    const buf = Buffer.allocUnsafe(WINDOW);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, WINDOW, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
