/**
 * Sync query returning all 5000 rows of zcat.main: per-query time after warm-up (request + parse),
 * adqlkit vs the raw floor (plain Node fetch of the same request, body read; curl) vs pyvo 1.2.1,
 * measured round by round (interleaved) so the shared machine's load hits all contenders alike.
 *   npx tsx bench/tap/sync-query.ts [TAP_URL]
 * Target: adqlkit within 15% of the Node fetch floor, at least 2x faster than pyvo.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TapService } from '../../src/tap/index.js';
import { readVOTable } from '../../src/votable/index.js';
import { checkService, curlTimes, fmt, haveCurl, havePyvo, median, PyWorker, ratio, TAP_URL } from './common.js';

const QUERY = 'SELECT * FROM zcat.main';
const FORMAT = 'application/x-votable+xml;serialization=BINARY2';
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;

await checkService();
const service = new TapService(TAP_URL);
const body = new URLSearchParams({ REQUEST: 'doQuery', LANG: 'ADQL', QUERY, RESPONSEFORMAT: FORMAT }).toString();

const fetchOnce = async (): Promise<ArrayBuffer> => {
  const res = await fetch(`${TAP_URL}/sync`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return res.arrayBuffer();
};
let rows = 0;
const adqlkitOnce = async () => {
  rows = (await service.query(QUERY)).rowCount;
};
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const pyvo = havePyvo()
  ? new PyWorker(
      `import pyvo
s = pyvo.dal.TAPService(sys.argv[1])
def run():
    return len(s.search(sys.argv[2]).to_table())`,
      [TAP_URL, QUERY],
    )
  : undefined;
const curlArgs = [
  '--data-urlencode',
  `QUERY=${QUERY}`,
  '-d',
  'REQUEST=doQuery',
  '-d',
  'LANG=ADQL',
  '--data-urlencode',
  `RESPONSEFORMAT=${FORMAT}`,
  `${TAP_URL}/sync`,
];
const withCurl = haveCurl();

const t = { adqlkit: [] as number[], fetch: [] as number[], curl: [] as number[], pyvo: [] as number[] };
for (let i = 0; i < WARMUP + RUNS; i++) {
  const a = await timed(adqlkitOnce);
  const f = await timed(fetchOnce);
  const c = withCurl ? (curlTimes(1, curlArgs)[0] as number) : NaN;
  const p = pyvo === undefined ? NaN : (await pyvo.run()).ms;
  if (i < WARMUP) continue;
  t.adqlkit.push(a);
  t.fetch.push(f);
  t.curl.push(c);
  t.pyvo.push(p);
}
pyvo?.stop();
if (rows !== 5000) throw new Error(`expected 5000 rows, got ${rows}`);

// Client-side cost alone, on the same bytes: parse of the recorded BINARY2 body.
const bytes = new Uint8Array(await fetchOnce());
const parse: number[] = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const ms = await timed(() => readVOTable(bytes));
  if (i >= WARMUP) parse.push(ms);
}

// The same for pyvo's parser (astropy.io.votable, as pyvo's search() uses it), same bytes.
let pyParse: number | undefined;
if (pyvo !== undefined) {
  const dir = await mkdtemp(join(tmpdir(), 'adqlkit-bench-'));
  const file = join(dir, 'result.vot');
  await writeFile(file, bytes);
  const parser = new PyWorker(
    `import io
from astropy.io.votable import parse
data = open(sys.argv[1], 'rb').read()
def run():
    return len(parse(io.BytesIO(data)).get_first_table().to_table())`,
    [file],
  );
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const r = await parser.run();
    if (i >= WARMUP) times.push(r.ms);
  }
  parser.stop();
  pyParse = median(times);
}

const a = median(t.adqlkit);
const f = median(t.fetch);
const c = withCurl ? median(t.curl) : undefined;
const p = pyvo === undefined ? undefined : median(t.pyvo);
console.log(
  `sync query, 5000 rows (${QUERY}, ${bytes.length} bytes BINARY2), median of ${RUNS} interleaved rounds after ${WARMUP} warm-up, ${TAP_URL}`,
);
console.log(`  adqlkit query() (request + parse)   ${fmt(a)}`);
console.log(`  Node fetch, body read (floor)       ${fmt(f)}`);
console.log(`  curl time_total                     ${fmt(c)}`);
console.log(`  pyvo 1.2.1 search().to_table()      ${fmt(p)}`);
console.log(`  parse alone, same bytes: adqlkit ${fmt(median(parse))}, astropy (pyvo) ${fmt(pyParse)} -> ${ratio(pyParse, median(parse))}`);
console.log(
  `ratios: adqlkit/fetch ${ratio(a, f)} (target <= 1.15), adqlkit/curl ${ratio(a, c)}, pyvo/adqlkit ${ratio(p, a)} (target >= 2)`,
);
