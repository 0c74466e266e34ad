/**
 * Type-check cost of the builder on a large schema: a generated interface for 500 tables (40
 * columns each, doc comments, UDFs) plus a file of 50 realistic builder queries, checked with
 * `tsc --noEmit --extendedDiagnostics` the way a user's project sees adqlkit: through the package's
 * declaration files (emitted first into node_modules/.cache/adqlkit-bench, not timed) with
 * skipLibCheck. Targets: under 10 s and under 1.5 GB. Prints the compiler's
 * own figures (instantiations, types, check time, memory) for the schema alone, the schema with the
 * queries, and the same queries against a 3-table schema (to show the cost does not grow with the
 * schema).
 *
 *   npx tsx bench/builder/typecheck.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSchemaTypes, type RenderTable } from '../../src/codegen/index.js';
import type { ColumnMeta, UdfSignature } from '../../src/schema/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TABLES = 500;
const QUERIES = 50;

function columnsFor(t: number): ColumnMeta[] {
  const cols: ColumnMeta[] = [
    { name: 'source_id', datatype: 'long', ucd: 'meta.id;meta.main', description: `Unique source identifier of table ${t}.` },
    { name: 'ra', datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra;meta.main', description: 'Right ascension (ICRS).' },
    { name: 'dec', datatype: 'double', unit: 'deg', ucd: 'pos.eq.dec;meta.main', description: 'Declination (ICRS).' },
    { name: 'ra_error', datatype: 'float', unit: 'mas', ucd: 'stat.error;pos.eq.ra' },
    { name: 'dec_error', datatype: 'float', unit: 'mas', ucd: 'stat.error;pos.eq.dec' },
    { name: 'pos', datatype: 'double', arraysize: '2', xtype: 'point', ucd: 'pos.eq', description: 'Position as a point.' },
    { name: 'name', datatype: 'unicodeChar', arraysize: '*', ucd: 'meta.id', description: 'Designation.' },
    { name: 'obs_time', datatype: 'char', arraysize: '*', xtype: 'timestamp', ucd: 'time.epoch' },
    { name: 'flags', datatype: 'int', ucd: 'meta.code' },
    { name: 'is_primary', datatype: 'boolean', ucd: 'meta.code' },
    { name: 'spectrum', datatype: 'float', arraysize: '*', ucd: 'spect.flux' },
    { name: 'class', delimited: true, datatype: 'char', arraysize: '*', ucd: 'src.class' },
  ];
  for (const band of ['u', 'g', 'r', 'i', 'z', 'y', 'j', 'h', 'k']) {
    cols.push({
      name: `mag_${band}`,
      datatype: 'float',
      unit: 'mag',
      ucd: `phot.mag;em.opt.${band.toUpperCase()}`,
      description: `Magnitude in ${band}.`,
    });
    cols.push({ name: `mag_${band}_err`, datatype: 'float', unit: 'mag', ucd: 'stat.error;phot.mag' });
    cols.push({ name: `flux_${band}`, datatype: 'double', unit: 'nJy', ucd: 'phot.flux' });
  }
  return cols.slice(0, 40);
}

function schemaSource(tables: number, importFrom: string): string {
  const list: RenderTable[] = [];
  for (let t = 0; t < tables; t++) {
    const columns = columnsFor(t);
    const notNull = new Set(['source_id', 'ra', 'dec', 'name']);
    list.push({
      meta: { name: `survey${String(Math.floor(t / 10)).padStart(2, '0')}.table_${t}`, description: `Synthetic table ${t}.` },
      columns,
      notNull,
    });
  }
  const udfs: UdfSignature[] = [
    {
      name: 'ivo_hasword',
      params: [
        { name: 'haystack', type: 'TEXT' },
        { name: 'needle', type: 'TEXT' },
      ],
      returns: 'INTEGER',
      form: 'ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER',
    },
    {
      name: 'gavo_ipix',
      params: [
        { name: 'long', type: 'REAL' },
        { name: 'lat', type: 'REAL' },
      ],
      returns: 'BIGINT',
      form: 'gavo_ipix(long REAL, lat REAL) -> BIGINT',
    },
  ];
  return renderSchemaTypes(list, udfs, { importFrom });
}

/** 50 realistic queries (cone searches, crossmatches, joins, aggregates, CTEs, unions, UDFs). */
function queriesSource(tables: number, builderImport: string): string {
  const t = (i: number) => `survey${String(Math.floor((i % tables) / 10)).padStart(2, '0')}.table_${i % tables}`;
  const out: string[] = [
    `import { queryBuilder, arcmin, arcsec, deg, adql, type InferRow } from '${builderImport}';`,
    `import type { Database } from './schema.js';`,
    `const db = queryBuilder<Database>();`,
    `declare function use<T>(row: T): void;`,
  ];
  for (let q = 0; q < QUERIES; q++) {
    const a = t(q * 7 + 3);
    const b = t(q * 13 + 11);
    let body: string;
    switch (q % 10) {
      case 0:
        body = `db.from('${a} as s').select('s.source_id', 's.ra', 's.dec', 's.mag_g').coneSearch({ ra: 's.ra', dec: 's.dec' }, { ra: ${q * 3}, dec: ${q - 20} }, arcmin(10)).where('s.mag_g', '<', 19).orderBy('s.mag_g').top(100)`;
        break;
      case 1:
        body = `db.from('${a} as a').join('${b} as b', 'b.source_id', 'a.source_id').select('a.source_id', 'a.mag_r as r1', 'b.mag_r as r2').where((eb) => eb('a.mag_r', '-', eb.ref('b.mag_r')) ? eb.and(eb('a.flags', '=', 0), eb('b.flags', '=', 0)) : eb('a.flags', '=', 0))`;
        break;
      case 2:
        body = `db.from('${a}').select((eb) => ['flags', eb.fn.count().as('n'), eb.fn.avg('mag_g').as('mean_g'), eb.fn.max('obs_time').as('last')]).groupBy('flags').having((eb) => eb(eb.fn.count(), '>', 10)).orderBy('n', 'desc')`;
        break;
      case 3:
        body = `db.from('${a} as a').from('${b} as b').select('a.source_id', 'b.source_id as match_id').select((eb) => [eb.distance(eb.point('a.ra', 'a.dec'), eb.point('b.ra', 'b.dec')).as('sep')]).where((eb) => eb.crossmatch({ ra: 'a.ra', dec: 'a.dec' }, { ra: 'b.ra', dec: 'b.dec' }, arcsec(1)))`;
        break;
      case 4:
        body = `db.with('bright', (qc) => qc.from('${a}').select('source_id', 'ra', 'dec', 'mag_r').where('mag_r', '<', 16)).from('bright as br').select('br.source_id', 'br.mag_r').where('br.dec', '>', 0)`;
        break;
      case 5:
        body = `db.from('${a} as s').leftJoin('${b} as x', 'x.source_id', 's.source_id').select('s.source_id', 'x.mag_k', 's."class"').where('s.is_primary', '=', true).where('s.name', 'ilike', 'ngc%')`;
        break;
      case 6:
        body = `db.from('${a}').select('source_id', 'ra').where('source_id', 'in', db.from('${b}').select('source_id').where('flags', '=', 0)).union(db.from('${b}').select('source_id', 'ra').where('mag_j', '<', 12))`;
        break;
      case 7:
        body = `db.from('${a} as s').select((eb) => ['s.source_id', eb('s.mag_g', '-', eb.ref('s.mag_r')).as('g_r'), eb.fn.coalesce('s.mag_i', 99).as('i'), eb.fn.cast('s.flags', 'BIGINT').as('f'), eb.fn.lower('s.name').as('lname')]).where((eb) => eb.between('s.mag_g', 14, 20))`;
        break;
      case 8:
        body = `db.from('${a} as s').select((eb) => ['s.source_id', eb.udf('gavo_ipix', 's.ra', 's.dec').as('ipix'), eb.coord1('s.pos').as('c1')]).where((eb) => eb.contains('s.pos', eb.circle({ ra: 10, dec: 20 }, deg(1)))).where(adql\`s.flags < \${4}\`)`;
        break;
      default:
        body = `db.from('${a} as s').select('s.source_id', 's.obs_time', 's.spectrum').where('s.obs_time', '>', new Date(0)).where((eb) => eb.exists(eb.from('${b} as o').select('o.source_id').where((e2) => e2('o.source_id', '=', e2.ref('s.source_id'))))).offset(10)`;
    }
    out.push(`const q${q} = ${body};`, `use<InferRow<typeof q${q}>>(null!);`);
  }
  return out.join('\n') + '\n';
}

interface Figures {
  wallMs: number;
  /** CPU seconds (user + system) of the tsc process: the machine may be shared, so wall time overstates. */
  cpuS: number;
  maxRssMb: number;
  stats: Record<string, string>;
}

function tsc(dir: string, files: string[]): Figures {
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        typeRoots: [path.join(repo, 'node_modules/@types')],
      },
      files,
    }),
  );
  const tscBin = path.join(repo, 'node_modules/typescript/bin/tsc');
  const start = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', 'MAXRSS_KB=%M CPU_S=%U+%S', process.execPath, tscBin, '-p', path.join(dir, 'tsconfig.json'), '--extendedDiagnostics'],
    {
      encoding: 'utf8',
    },
  );
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const text = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`tsc failed:\n${text.slice(0, 4000)}`);
  const stats: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z ]+):\s+(\S+)/.exec(line);
    if (m) stats[m[1]!.trim()] = m[2]!;
  }
  const rss = /MAXRSS_KB=(\d+)/.exec(text);
  const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(text);
  return { wallMs, cpuS: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN, maxRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN, stats };
}

function show(label: string, f: Figures) {
  const s = f.stats;
  console.log(
    `${label.padEnd(44)} wall ${(f.wallMs / 1000).toFixed(2)} s | CPU ${f.cpuS.toFixed(2)} s | max RSS ${f.maxRssMb.toFixed(0)} MB | ` +
      `instantiations ${s['Instantiations']} | types ${s['Types']} | check ${s['Check time']} | total ${s['Total time']} | memory ${s['Memory used']}`,
  );
}

/** The package's declarations, as `npm run build` would emit them (errors of unrelated files ignored). */
function emitDeclarations(): string {
  const out = path.join(repo, 'node_modules/.cache/adqlkit-bench/pkg');
  rmSync(out, { recursive: true, force: true });
  spawnSync(
    process.execPath,
    [
      path.join(repo, 'node_modules/typescript/bin/tsc'),
      '-p',
      path.join(repo, 'tsconfig.build.json'),
      '--declaration',
      '--emitDeclarationOnly',
      '--outDir',
      out,
    ],
    { encoding: 'utf8' },
  );
  const entry = path.join(out, 'src/builder/index.d.ts');
  if (!existsSync(entry)) throw new Error(`declaration emit failed: ${entry} missing`);
  return path.join(out, 'src/builder/index.js');
}

mkdirSync(path.join(repo, 'node_modules/.cache/adqlkit-bench'), { recursive: true });
const dir = mkdtempSync(path.join(repo, 'node_modules/.cache/adqlkit-bench/run-'));
try {
  const builderImport = emitDeclarations();
  writeFileSync(path.join(dir, 'schema.ts'), schemaSource(TABLES, builderImport));
  writeFileSync(path.join(dir, 'queries.ts'), queriesSource(TABLES, builderImport));
  const small = path.join(dir, 'small');
  spawnSync('mkdir', ['-p', small]);
  writeFileSync(path.join(small, 'schema.ts'), schemaSource(3, builderImport));
  writeFileSync(path.join(small, 'queries.ts'), queriesSource(3, builderImport));

  console.log(`tsc --noEmit --extendedDiagnostics, TypeScript ${require_ts_version()}, ${TABLES} tables x 40 columns, ${QUERIES} queries`);
  const schemaOnly = tsc(dir, ['schema.ts']);
  show(`${TABLES}-table interface alone`, schemaOnly);
  const full = tsc(dir, ['schema.ts', 'queries.ts']);
  show(`${TABLES}-table interface + ${QUERIES} queries`, full);
  const smallRun = tsc(small, ['schema.ts', 'queries.ts']);
  show(`3-table interface + ${QUERIES} queries`, smallRun);
  const ok = full.cpuS < 10 && full.maxRssMb < 1536;
  const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
  console.log(
    `target (< 10 s, < 1.5 GB for ${TABLES} tables + ${QUERIES} queries): ${ok ? 'met' : 'NOT met'} on CPU time ` +
      `(wall ${(full.wallMs / 1000).toFixed(2)} s with load average ${load} on ${(await import('node:os')).cpus().length} cores)`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function require_ts_version(): string {
  const r = spawnSync(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '--version'], { encoding: 'utf8' });
  return r.stdout.trim().replace(/^Version /, '');
}
