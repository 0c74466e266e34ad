/**
 * Reading HATS partitions over HTTP by range requests: the footer first (one request for the file's
 * last 64 KiB, which holds the whole of a small file), then only the column chunks a query needs (the
 * row groups whose pixel statistics overlap its pixel ranges; the columns it uses, when they are
 * given). They are written to a local Parquet file of just those parts, which DuckDB reads like a
 * local catalogue's file (any codec, ZSTD included; 64-bit pixels exact).
 */
import { writeFileSync } from 'node:fs';
import { HatsError } from './errors.js';
import { footerLength, parseFooter, rowGroupsOf } from './parquet-footer.js';
import { buildSubset, planSubset } from './parquet-subset.js';

/** Bytes asked for first: most footers (and whole small files) fit. */
const TAIL = 64 * 1024;
/** Chunks closer than this are fetched by one request (a few KiB more instead of another round trip). */
const GAP = 16 * 1024;
/** Range requests in flight at once for one file. */
const PARALLEL = 6;

export interface RemoteFetch {
  /** Whether the file was needed (and its needed parts written to the destination). */
  fetched: boolean;
  /** Bytes the HTTP responses carried (footer, and the chunks when needed). */
  bytes: number;
  /** Size of the remote file. */
  size: number;
  requests: number;
  /** Row groups read, of the file's. */
  rowGroups: { read: number; total: number };
}

/**
 * Copies to `dest` the parts of a remote Parquet file a query needs: the row groups that may hold a
 * pixel in `ranges` (all when undefined) and the top-level `columns` (all when undefined). When no
 * row group may hold one, only the footer is read and nothing is written.
 */
export async function fetchPartitionFile(
  url: string,
  dest: string,
  pixelColumn: string,
  ranges: Array<[bigint, bigint]> | undefined,
  columns?: Iterable<string>,
): Promise<RemoteFetch> {
  const http = new RangeReader(url);
  const { tail, size } = await http.tail();
  const meta = parseFooter(tail, url);
  const total = rowGroupsOf(meta).length;
  const plan = planSubset(meta, url, pixelColumn, ranges, columns ? new Set(columns) : undefined);
  const result = (fetched: boolean, read: number): RemoteFetch => ({
    fetched,
    bytes: http.bytes,
    size,
    requests: http.requests,
    rowGroups: { read, total },
  });
  if (!plan) return result(false, 0);
  const tailStart = size - tail.length;
  const wanted = plan.chunks.filter((c) => c.start < tailStart);
  const fetched = await http.ranges(coalesce(wanted));
  const bytes = plan.chunks.map(({ start, length }) => {
    if (start >= tailStart) return tail.subarray(start - tailStart, start - tailStart + length);
    const block = fetched.find((b) => b.start <= start && start + length <= b.start + b.bytes.length)!;
    return block.bytes.subarray(start - block.start, start - block.start + length);
  });
  writeFileSync(dest, buildSubset(meta, plan, bytes));
  return result(true, plan.groups.length);
}

/** Sorted, merged byte ranges covering the chunks. */
function coalesce(chunks: Array<{ start: number; length: number }>): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const c of [...chunks].sort((a, b) => a.start - b.start)) {
    const last = out.at(-1);
    if (last && c.start <= last.end + GAP) last.end = Math.max(last.end, c.start + c.length);
    else out.push({ start: c.start, end: c.start + c.length });
  }
  return out;
}

/** Range requests on one URL, counting requests and bytes received. */
class RangeReader {
  bytes = 0;
  requests = 0;
  constructor(private readonly url: string) {}

  /** The file's last bytes, holding at least the whole footer, and the file size. */
  async tail(): Promise<{ tail: Uint8Array; size: number }> {
    const first = await this.get(`bytes=-${TAIL}`);
    const size = first.size ?? first.body.length;
    let tail = first.body;
    const need = footerLength(tail, this.url) + 8;
    if (need > tail.length) {
      if (need > size) throw new HatsError(`${this.url}: its footer length (${need - 8} bytes) exceeds the file (${size} bytes)`);
      const rest = await this.get(`bytes=${size - need}-${size - tail.length - 1}`);
      const joined = new Uint8Array(need);
      joined.set(rest.body, 0);
      joined.set(tail, need - tail.length);
      tail = joined;
    }
    return { tail, size };
  }

  /** The byte ranges, a few requests at a time (a server that answered the footer by range honours them). */
  async ranges(ranges: Array<{ start: number; end: number }>): Promise<Array<{ start: number; bytes: Uint8Array }>> {
    const out: Array<{ start: number; bytes: Uint8Array }> = [];
    for (let i = 0; i < ranges.length; i += PARALLEL) {
      const batch = ranges.slice(i, i + PARALLEL).map(async ({ start, end }) => {
        const got = await this.get(`bytes=${start}-${end - 1}`);
        // A server that ignores Range sends the whole file: the part is in it.
        if (got.size === undefined) return { start: 0, bytes: got.body };
        if (got.body.length !== end - start)
          throw new HatsError(`${this.url}: asked for ${end - start} bytes at ${start}, got ${got.body.length}`);
        return { start, bytes: got.body };
      });
      out.push(...(await Promise.all(batch)));
    }
    return out;
  }

  /** A GET with a Range header; `size` is the full size from Content-Range (undefined on a 200 whole-file answer). */
  private async get(range: string): Promise<{ body: Uint8Array; size: number | undefined }> {
    let res: Response;
    try {
      res = await fetch(this.url, { headers: { range } });
    } catch (err) {
      throw new HatsError(`cannot reach ${this.url}: ${(err as Error).message}`);
    }
    if (!res.ok) throw new HatsError(`${this.url}: HTTP ${res.status} ${res.statusText}`);
    const body = new Uint8Array(await res.arrayBuffer());
    this.requests++;
    this.bytes += body.length;
    if (res.status !== 206) return { body, size: undefined };
    const size = Number(/\/(\d+)\s*$/.exec(res.headers.get('content-range') ?? '')?.[1]);
    if (!Number.isFinite(size)) throw new HatsError(`${this.url}: a 206 answer without a Content-Range size`);
    return { body, size };
  }
}

/** The whole of a small remote file (a dataset's `_common_metadata`). */
export async function fetchBytes(url: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new HatsError(`cannot reach ${url}: ${(err as Error).message}`);
  }
  if (!res.ok) throw new HatsError(`${url}: HTTP ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}
