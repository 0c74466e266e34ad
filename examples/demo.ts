/**
 * adqlkit end to end on one TAP service: what the service offers, a mistake caught before the query
 * is sent (with the fix applied), a validated query built in TypeScript, a sync and an async run,
 * and a truncated result that is reported instead of silently kept.
 *
 *   npx tsx examples/demo.ts [TAP_URL]
 *
 * Without a URL it starts adqlkit's embedded TAP service on the bundled sample catalogue. The demo
 * picks its table from the service's own metadata (the first table with main RA/Dec UCDs and a
 * magnitude column), so it works unchanged against DaCHS, the local engine or any TAP service.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  TapService,
  applyFix,
  arcmin,
  createLocalService,
  formatResult,
  loadSchema,
  queryBuilder,
  validate,
  type ColumnMeta,
  type LocalService,
  type ServiceSchema,
  type TableMeta,
} from '../src/index.js';
import { runCli } from '../src/cli/index.js';

const step = (title: string) => console.log(`\n== ${title}`);

let local: LocalService | undefined;
let url = process.argv[2];
if (url === undefined) {
  local = await createLocalService();
  url = local.url;
  console.log(`no service URL given: started adqlkit's embedded TAP service on the sample catalogue at ${url}`);
}

try {
  const service = new TapService(url);

  step(`the service (${url})`);
  const caps = await service.capabilities();
  const limits = await service.limits();
  console.log(`ADQL versions: ${caps.adqlVersions.join(', ')}; ${caps.udfs.length} user-defined functions`);
  console.log(
    `output formats: ${caps.outputFormats
      .map((f) => f.mime)
      .slice(0, 4)
      .join(', ')}${caps.outputFormats.length > 4 ? ', ...' : ''}`,
  );
  console.log(
    `row limits: sync ${limits.defaultMaxrec.sync ?? '?'} by default (at most ${limits.hardMaxrec.sync ?? '?'}), async ${limits.defaultMaxrec.async ?? '?'} (at most ${limits.hardMaxrec.async ?? '?'})`,
  );

  const schema = await loadSchema(url, { refresh: true });
  const { table, ra, dec, mag } = pickCatalogue(schema);
  console.log(`${schema.tables.length} tables; using ${table.name} (${ra.name}, ${dec.name}, ${mag.name} [${mag.unit ?? ''}])`);
  const [ra0, dec0] = await brightestPosition(service, table.name, ra.name, dec.name, mag.name);

  step('a typo, caught before anything is sent');
  const typo = `SELECT TOP 5 ${ra.name}, ${dec.name}, ${mag.name}x FROM ${table.name}\nWHERE 1 = CONTAINS(POINT('ICRS', ${ra.name}, ${dec.name}), CIRCLE('ICRS', ${ra0}, ${dec0}, 1))`;
  console.log(typo);
  const diagnostics = validate(typo, schema);
  for (const d of diagnostics) {
    console.log(`  ${d.range ? `${d.range.start.line}:${d.range.start.column}` : '-'} ${d.severity} ${d.code}: ${d.message}`);
  }
  const fix = diagnostics[0]?.fixes?.[0];
  if (fix === undefined) throw new Error('expected the validator to suggest a fix for the misspelt column');
  const fixed = applyFix(typo, fix);
  console.log(`fix "${fix.title}" applied; diagnostics now: ${validate(fixed, schema).length}`);

  step('the fixed query, run synchronously');
  const sync = await service.query(fixed);
  process.stdout.write(formatResult(sync, 'table'));

  step('the same kind of query composed in TypeScript (validated, then run asynchronously)');
  const db = queryBuilder();
  const query = db
    .from(`${table.name} as c`)
    .select(`c.${ra.name}`, `c.${dec.name}`, `c.${mag.name}`)
    .coneSearch({ ra: `c.${ra.name}`, dec: `c.${dec.name}` }, { ra: ra0, dec: dec0 }, arcmin(90))
    .orderBy(`c.${mag.name}`)
    .top(5);
  console.log(query.toADQL({ pretty: true }));
  const problems = query.validate(schema);
  console.log(`validation: ${problems.length === 0 ? 'no problems' : problems.map((p) => p.message).join('; ')}`);
  const job = await service.submit(query.toADQL());
  await job.run();
  console.log(`job ${job.url}: ${(await job.wait({ timeoutMs: 120_000 })).phase}`);
  const result = await job.fetchResult();
  await job.delete();
  process.stdout.write(formatResult(result, 'table'));

  step('a result the service truncated is reported, never silently kept');
  const truncated = await service.query(`SELECT ${ra.name}, ${dec.name} FROM ${table.name}`, { maxrec: 10 });
  console.log(
    `asked for every row with MAXREC=10: ${truncated.rowCount} rows, overflow=${truncated.overflow} (${truncated.overflowInfo.reason ?? ''})`,
  );
  if (!truncated.overflow) throw new Error('expected the service to report OVERFLOW');

  step('the same from the command line (`adql`)');
  const file = join(mkdtempSync(join(tmpdir(), 'adqlkit-demo-')), 'typo.adql');
  writeFileSync(file, `${typo}\n`);
  const lintExit = await adqlCli(['lint', '--service', url, file], {
    code: 1,
    meaning: 'lint exits 1 when it finds a problem, and this query has the typo',
  });
  const queryExit = await adqlCli(['query', '--service', url, '--format', 'table', fixed], { code: 0, meaning: 'the fixed query ran' });
  if (lintExit !== 1 || queryExit !== 0) throw new Error(`unexpected exit codes: lint ${lintExit} (want 1), query ${queryExit} (want 0)`);
} finally {
  await local?.close();
}

/**
 * Runs `adql ARGS` in this process (the same code as the installed binary), echoing the command
 * line, and says whether the exit code is the one this step expects (a 1 from lint is the point).
 */
async function adqlCli(args: string[], expected: { code: number; meaning: string }): Promise<number> {
  console.log(`$ adql ${args.map((a) => (/^[\w./:=-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)).join(' ')}`);
  const out = (stream: NodeJS.WriteStream) => ({ write: (text: string) => void stream.write(text), isTTY: false });
  const code = await runCli(args, {
    stdout: out(process.stdout),
    stderr: out(process.stdout),
    env: { ...process.env, NO_COLOR: '1' },
    cwd: process.cwd(),
    readStdin: async () => '',
    signal: new AbortController().signal,
  });
  console.log(
    code === expected.code
      ? `(exit code ${code}, as expected: ${expected.meaning})`
      : `(exit code ${code}, expected ${expected.code}: ${expected.meaning})`,
  );
  return code;
}

interface Catalogue {
  table: TableMeta;
  ra: ColumnMeta;
  dec: ColumnMeta;
  mag: ColumnMeta;
}

/** The first table with main-position UCDs and a magnitude, found from the service's metadata. */
function pickCatalogue(schema: ServiceSchema): Catalogue {
  for (const table of schema.tables) {
    const columns = schema.columns(table) ?? [];
    const ucd = (prefix: string) => columns.find((c) => c.ucd?.toLowerCase().startsWith(prefix));
    const ra = ucd('pos.eq.ra;meta.main');
    const dec = ucd('pos.eq.dec;meta.main');
    const mag = ucd('phot.mag');
    if (ra && dec && mag) return { table, ra, dec, mag };
  }
  throw new Error('no table with pos.eq.ra;meta.main, pos.eq.dec;meta.main and phot.mag columns on this service');
}

/** A position where the catalogue has objects: the brightest object's. */
async function brightestPosition(service: TapService, table: string, ra: string, dec: string, mag: string): Promise<[number, number]> {
  const row = (await service.query(`SELECT TOP 1 ${ra}, ${dec} FROM ${table} WHERE ${mag} IS NOT NULL ORDER BY ${mag}`)).rows()[0];
  return [Number(row?.[ra]), Number(row?.[dec])];
}
