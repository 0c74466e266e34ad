/**
 * The Rubin DP0.2 "Intermediate TAP queries" tutorial (../shared/seeds/rubin-dp02-intermediate-tap.txt)
 * with adqlkit against a TAP service holding the zcat tables:
 *   npx tsx examples/rubin-dp02-intermediate-tap.ts [TAP_URL]
 * 1. schema discovery through TAP_SCHEMA; 2. TOP vs MAXREC, cone search, join with the truth table,
 * GROUP BY histogram; 3. the joined rows analysed (offsets, magnitudes, measured vs true redshift per
 * class); 4. async job: submit, run, wait, fetch, retrieve by URL, delete.
 */
import { TapService } from '../src/index.js';

const url = process.argv[2] ?? 'http://127.0.0.1:8080/tap';
const service = new TapService(url);
const n = (v: unknown): number => Number(v);

function assert(cond: boolean, what: string): void {
  if (!cond) throw new Error(`assertion failed: ${what}`);
}

// 1.2 Schema discovery
const schemas = await service.query('SELECT * FROM tap_schema.schemas');
console.log(`schemas: ${schemas.column('schema_name').join(', ')}`);
const schemaName = (schemas.column('schema_name') as string[]).find((s) => /zcat/.test(s));
assert(schemaName !== undefined, 'a zcat schema is published');
console.log(`catalogue schema is ${schemaName}`);

// 1.3 Tables of that schema, in table_index order
const tables = await service.query(
  `SELECT * FROM tap_schema.tables WHERE tap_schema.tables.schema_name = '${schemaName}' ORDER BY table_index ASC`,
);
for (const t of tables.rows()) console.log(`  ${String(t.table_name).padEnd(22)} ${String(t.description ?? '').split('\n')[0]}`);

// 2.1 TOP and MAXREC return the same rows
const maxRec = 5;
const select =
  'SELECT id, ra, dec, bmag, radial_velocity, morph_type FROM zcat.main WHERE bmag < 15 AND morph_type IS NOT NULL ORDER BY bmag ASC, id ASC';
const withTop = await service.query(select.replace('SELECT', `SELECT TOP ${maxRec}`));
const withMaxrec = await service.query(select, { maxrec: maxRec });
assert(withTop.rowCount === maxRec && withMaxrec.rowCount === maxRec, 'both return maxRec rows');
assert(JSON.stringify(withTop.rows()) === JSON.stringify(withMaxrec.rows()), 'TOP and MAXREC results are identical');
console.log(
  `TOP ${maxRec} and MAXREC=${maxRec} agree; overflow: TOP ${withTop.overflow}, MAXREC ${withMaxrec.overflow} (${withMaxrec.overflowInfo.reason})`,
);

// 2.2 Cone search around (150, 2), radius 1 degree
const [ra, dec, radius] = [150.0, 2.0, 1.0];
const cone = `CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', ${ra}, ${dec}, ${radius})) = 1`;
const coneCount = n((await service.query(`SELECT COUNT(*) AS n FROM zcat.main WHERE ${cone}`)).rows()[0]?.n);
const coneRows = await service.query(`SELECT id, ra, dec, bmag, radial_velocity FROM zcat.main WHERE ${cone}`);
assert(coneRows.rowCount === coneCount, 'cone search returns COUNT(*) rows');
console.log(`cone search: ${coneRows.rowCount} galaxies within ${radius} deg of (${ra}, ${dec})`);

// 2.3 Cone search joined with the truth information, good matches only
const joinQuery = `SELECT obj.id, obj.ra, obj.dec, obj.bmag, obj.radial_velocity,
    truth.true_z, truth.true_class, truth.match_sep, truth.match_flag
  FROM zcat.main AS obj
  JOIN zcat.truth_match AS truth ON truth.zcat_id = obj.id
  WHERE CONTAINS(POINT('ICRS', obj.ra, obj.dec), CIRCLE('ICRS', ${ra}, ${dec}, ${radius})) = 1
  AND truth.match_flag = 1`;
const joined = await service.query(joinQuery);
const perClass = new Map<string, number>();
for (const c of joined.column('true_class')) perClass.set(String(c), (perClass.get(String(c)) ?? 0) + 1);
console.log(`join with truth: ${joined.rowCount} good matches; ${[...perClass].map(([k, v]) => `${v} ${k}`).join(', ')}`);

// 2.4 Categorical histogram with GROUP BY
const histogram = await service.query(
  'SELECT true_class, COUNT(true_class) AS n FROM zcat.truth_match GROUP BY true_class ORDER BY true_class',
);
for (const row of histogram.rows()) console.log(`  ${String(row.true_class).padEnd(10)} ${n(row.n)}`);

// 3. Visualize and analyse (the tutorial plots with bokeh; the same quantities are printed here)
// 3.1 Data preparation: offsets from the cone centre and the measured redshift cz/c per object
const SPEED_OF_LIGHT = 299792.458; // km/s
const prepared = joined.rows().map((r) => ({
  dRa: n(r.ra) - ra,
  dDec: n(r.dec) - dec,
  bmag: n(r.bmag),
  zMeasured: n(r.radial_velocity) / SPEED_OF_LIGHT,
  zTrue: n(r.true_z),
  trueClass: String(r.true_class),
}));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const maxOffset = Math.max(...prepared.map((p) => Math.hypot(p.dRa * Math.cos((dec * Math.PI) / 180), p.dDec)));
console.log(`prepared ${prepared.length} rows; largest offset from the centre ${maxOffset.toFixed(3)} deg (<= ${radius})`);
// 3.2-3.4 Magnitudes per true class, and measured versus true redshift
for (const cls of [...new Set(prepared.map((p) => p.trueClass))].sort()) {
  const rows = prepared.filter((p) => p.trueClass === cls);
  const ratios = rows.filter((p) => p.zTrue > 0).map((p) => p.zMeasured / p.zTrue);
  console.log(
    `  ${cls.padEnd(8)} ${String(rows.length).padStart(4)} objects, B ${Math.min(...rows.map((p) => p.bmag)).toFixed(2)}..${Math.max(...rows.map((p) => p.bmag)).toFixed(2)}, median measured/true z ${ratios.length ? median(ratios).toFixed(3) : 'n/a'}`,
  );
}

// 4.1 Asynchronous query: submit, run, wait, fetch
const job = await service.submit(joinQuery);
console.log(`job URL is ${job.url}; phase is ${await job.phase()}`);
await job.run();
const info = await job.wait({
  timeoutMs: 120_000,
  onProgress: (e) => e.type === 'phase' && console.log(`  phase ${e.phase} after ${e.elapsedMs} ms`),
});
await job.throwIfError();
const asyncResult = await job.fetchResult();
assert(info.phase === 'COMPLETED', 'job completed');
assert(asyncResult.rowCount === joined.rowCount, 'async and sync results have the same length');
const byId = (rows: Array<Record<string, unknown>>) => JSON.stringify([...rows].sort((a, b) => n(a.id) - n(b.id)));
assert(byId(asyncResult.rows()) === byId(joined.rows()), 'async and sync results are identical');
console.log(`job phase is ${info.phase}; async result: ${asyncResult.rowCount} rows, identical to the sync one`);

// 4.2 Retrieve the results of a previous job by its URL (lsst.rsp retrieve_query)
const retrieved = TapService.job(job.url);
const retrievedResult = await retrieved.fetchResult();
assert(byId(retrievedResult.rows()) === byId(asyncResult.rows()), 'retrieved result is identical');
console.log(`retrieved ${retrievedResult.rowCount} rows again from ${retrieved.url}`);

// 4.3 Delete the job
await job.delete();
console.log('job deleted');
