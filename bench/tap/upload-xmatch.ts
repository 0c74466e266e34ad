/**
 * Upload cross-match: 1000 positions uploaded inline, joined with zcat.main by CONTAINS, sync.
 * adqlkit (JS rows -> VOTable writer -> multipart -> parsed result) vs curl (a prepared VOTable
 * file, -F multipart, body discarded) vs pyvo 1.2.1 (search with uploads), interleaved rounds.
 *   npx tsx bench/tap/upload-xmatch.ts [TAP_URL]
 * Target: adqlkit within 15% of curl.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TapService, type UploadColumn } from '../../src/tap/index.js';
import { writeVOTable } from '../../src/votable/index.js';
import { checkService, curlTimes, fmt, haveCurl, havePyvo, median, PyWorker, ratio, TAP_URL } from './common.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARMUP = 2;
const QUERY = `SELECT u.sid, m.id, m.ra, m.dec, m.bmag FROM zcat.main AS m, tap_upload.src AS u
  WHERE 1=CONTAINS(POINT('ICRS', m.ra, m.dec), CIRCLE('ICRS', u.ra, u.dec, 0.01))`;

await checkService();
const service = new TapService(TAP_URL, { format: 'binary2' });

// 1000 upload positions: 700 on catalogue galaxies (slightly offset), 300 random in the field.
const sample = await service.query('SELECT TOP 700 ra, dec FROM zcat.main ORDER BY id');
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const rows: Array<[number, number, number]> = sample.rows().map((r, i) => [i + 1, (r.ra as number) + 0.001, (r.dec as number) - 0.001]);
for (let i = rows.length; i < 1000; i++) rows.push([i + 1, 140 + 20 * rand(), -8 + 20 * rand()]);
const columns: UploadColumn[] = [
  { name: 'sid', datatype: 'int' },
  { name: 'ra', datatype: 'double', unit: 'deg' },
  { name: 'dec', datatype: 'double', unit: 'deg' },
];

const dir = await mkdtemp(join(tmpdir(), 'adqlkit-bench-'));
const file = join(dir, 'src.vot');
await writeFile(file, writeVOTable({ name: 'src', columns, rows }, { encoding: 'tabledata' }));

let matches = 0;
const adqlkitOnce = async () => {
  const r = await service.query(QUERY, { uploads: { src: { columns, rows } } });
  matches = r.rowCount;
};
const curlArgs = [
  '-F',
  'REQUEST=doQuery',
  '-F',
  'LANG=ADQL',
  '-F',
  `QUERY=${QUERY}`,
  '-F',
  'UPLOAD=src,param:src',
  '-F',
  'RESPONSEFORMAT=application/x-votable+xml;serialization=BINARY2',
  '-F',
  `src=@${file};type=application/x-votable+xml`,
  `${TAP_URL}/sync`,
];
const withCurl = haveCurl();
const pyvo = havePyvo()
  ? new PyWorker(
      `import pyvo
s = pyvo.dal.TAPService(sys.argv[1])
def run():
    return len(s.search(sys.argv[2], uploads={'src': sys.argv[3]}).to_table())`,
      [TAP_URL, QUERY, file],
    )
  : undefined;

const t = { adqlkit: [] as number[], curl: [] as number[], pyvo: [] as number[] };
for (let i = 0; i < WARMUP + RUNS; i++) {
  const t0 = performance.now();
  await adqlkitOnce();
  const a = performance.now() - t0;
  const c = withCurl ? (curlTimes(1, curlArgs)[0] as number) : NaN;
  const p = pyvo === undefined ? NaN : (await pyvo.run()).ms;
  if (i < WARMUP) continue;
  t.adqlkit.push(a);
  t.curl.push(c);
  t.pyvo.push(p);
}
pyvo?.stop();
if (matches < 700) throw new Error(`expected at least 700 matches, got ${matches}`);

const a = median(t.adqlkit);
const c = withCurl ? median(t.curl) : undefined;
const p = pyvo === undefined ? undefined : median(t.pyvo);
console.log(`upload cross-match, 1000 uploaded rows, ${matches} matches, median of ${RUNS} interleaved rounds, ${TAP_URL}`);
console.log(`  adqlkit query() with uploads        ${fmt(a)}`);
console.log(`  curl -F (prepared file)             ${fmt(c)}`);
console.log(`  pyvo 1.2.1 search(uploads=...)      ${fmt(p)}`);
console.log(`ratios: adqlkit/curl ${ratio(a, c)} (target <= 1.15), pyvo/adqlkit ${ratio(p, a)}`);
