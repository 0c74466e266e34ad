/** Progress events: job phase changes, bytes received, rows parsed. */

export type TapProgressEvent =
  | { type: 'phase'; jobUrl: string; phase: string; previous: string | undefined; elapsedMs: number }
  | { type: 'bytes'; url: string; received: number; total: number | undefined }
  | { type: 'rows'; url: string; rows: number };

export type TapProgressListener = (event: TapProgressEvent) => void;

/** Passes chunks through, counting bytes and reporting them (at most every 64 kB, and at the end). */
export async function* countBytes(
  source: AsyncIterable<Uint8Array>,
  counter: { bytes: number },
  report?: (received: number) => void,
): AsyncGenerator<Uint8Array> {
  let lastReport = 0;
  for await (const chunk of source) {
    counter.bytes += chunk.byteLength;
    if (report !== undefined && counter.bytes - lastReport >= 65536) {
      lastReport = counter.bytes;
      report(counter.bytes);
    }
    yield chunk;
  }
  if (report !== undefined && counter.bytes !== lastReport) report(counter.bytes);
}
