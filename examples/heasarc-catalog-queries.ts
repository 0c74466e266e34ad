/**
 * The HEASARC "Catalog Queries" tutorial (../shared/seeds/catalog-queries-heasarc.txt), every step,
 * with adqlkit against a site that serves the zcat tables, a cone search on them and a RegTAP
 * registry of its own resources (the project's DaCHS):
 *   npx tsx examples/heasarc-catalog-queries.ts [TAP_URL] [REGISTRY_URL]
 * 1 registry search for a cone search service, then a cone search; 2.1 registry search for tables
 * through auxiliary TAP capabilities, then the TAP service's tables searched by keyword and
 * described; 2.3 ADQL use case (cone + magnitude cut, run async); 2.4 the service's examples,
 * listed and executed; 3.1 upload cross-match; 3.2 cross-match with a per-row radius column
 * computed from each source's redshift; 4 an async job submitted, waited for, fetched, deleted.
 */
import {
  RegistryService,
  TapService,
  arcmin,
  describeTable,
  formatTableDescription,
  searchTables,
  type RegistryRecord,
} from '../src/index.js';

const url = process.argv[2] ?? 'http://127.0.0.1:8080/tap';
// The registry is any RegTAP service (e.g. https://reg.g-vo.org/tap); the local DaCHS is its own.
const registry = new RegistryService(process.argv[3] ?? url);

function listRecords(records: RegistryRecord[]): void {
  console.table(records.map((r) => ({ ivoid: r.ivoid, short_name: r.shortName ?? '', res_title: r.title })));
}

// 1. Simple cone search: find the zcat cone search service in the registry, then search a cone.
const coord = { ra: 150.1, dec: 2.2 };
const services = await registry.search({ serviceType: 'scs', keywords: ['zcat'] });
listRecords(services);
const zcatCone = services.find((s) => s.shortName?.includes('zcat'));
if (zcatCone === undefined) throw new Error('no zcat cone search service in the registry');
const coneResult = await zcatCone.coneSearchService().search(coord, arcmin(20));
console.log(`${coneResult.rowCount} sources within 20 arcmin of (${coord.ra}, ${coord.dec}) from ${zcatCone.ivoid}`);
console.table(coneResult.rows().slice(0, 5));

// 2.1 Tables about redshifts are published with an auxiliary TAP capability: includeAux finds them.
const tapServices = await registry.search({ serviceType: 'tap', keywords: ['redshift'], includeAux: true });
listRecords(tapServices);
for (const t of tapServices) {
  if (t.title.toLowerCase().includes('redshift') && (t.description ?? '').toLowerCase().includes('magnitude')) {
    console.log(`${t.ivoid}:  ${(t.description ?? '').replace(/\s+/g, ' ')}\n`);
  }
}

// ... or start from the site's TAP service itself and look through its tables.
const [site] = await registry.search({ serviceType: 'tap', keywords: ['adqlkit'] });
if (site === undefined) throw new Error('no TAP service of the site in the registry');
const service: TapService = site.tapService();
console.log(`TAP service ${site.ivoid} at ${service.url}`);
for (const keyword of ['redshift', 'radial velocit']) {
  for (const match of await searchTables(service, keyword, { inColumns: true })) {
    const table = await describeTable(service, match.name);
    console.log(formatTableDescription(table).trimEnd());
    console.log(`Columns=${JSON.stringify(table.columns.map((c) => c.name).sort())}`);
    console.log('----');
  }
}

// 2.3 Bright (bmag < 15) galaxies within 2 degrees of a position, sorted by velocity error (async)
const [ra0, dec0] = [150.1, 2.2];
const coneRadius = 2.0;
const near = await service.runAsync(
  `SELECT ra, dec, radial_velocity, radial_velocity_error, bmag, morph_type FROM zcat.main AS cat WHERE
    1=CONTAINS(POINT('ICRS', cat.ra, cat.dec), CIRCLE('ICRS', ${ra0}, ${dec0}, ${coneRadius})) AND cat.bmag < 15
    ORDER BY cat.radial_velocity_error`,
  { timeoutMs: 120_000 },
);
console.log(`\n${near.rowCount} bright (B < 15) galaxies within ${coneRadius} deg of (${ra0}, ${dec0}); overflow: ${near.overflow}`);
console.table(near.rows().slice(0, 5));

// ... then bright, nearby spirals anywhere
const spirals = await service.runAsync(
  `SELECT ra, dec, radial_velocity, radial_velocity_error, bmag, morph_type FROM zcat.main AS cat
    WHERE cat.bmag < 14 AND cat.morph_type IN ('Sa', 'Sb', 'Sc', 'Sd', 'SBa', 'SBb', 'SBc') AND cat.radial_velocity < 3000
    ORDER BY cat.radial_velocity`,
  { timeoutMs: 120_000 },
);
console.log(`${spirals.rowCount} bright nearby spirals`);

// 2.4 The service's own examples: list them, run the first
const examples = await service.examples();
for (const ex of examples) console.log(`example: ${ex.name}`);
const first = examples[0];
if (first !== undefined) {
  console.log(`running "${first.name}":\n${first.query}`);
  const result = await service.query(first.query);
  console.log(`-> ${result.rowCount} rows, columns ${result.columnNames.join(', ')}`);
}

// 3.1 Cross-correlate an uploaded source list with the catalogue
const caps = await service.capabilities();
console.log(`\nupload methods: ${caps.uploadMethodsFor().join(', ')}`);
const sourceList = await service.query(
  "SELECT TOP 12 ra, dec FROM zcat.main WHERE 1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 2, 3)) AND bmag < 16 ORDER BY id",
);
const mytable = await service.runAsync(
  `SELECT cat.ra, cat.dec, cat.radial_velocity, cat.bmag, cat.morph_type
    FROM zcat.main AS cat, tap_upload.mysources AS mt
    WHERE 1=CONTAINS(POINT('ICRS', cat.ra, cat.dec), CIRCLE('ICRS', mt.ra, mt.dec, 0.01))
    AND cat.radial_velocity > 0
    ORDER BY cat.ra`,
  { uploads: { mysources: { table: sourceList.table } }, timeoutMs: 120_000 },
);
console.log(`${mytable.rowCount} catalogue matches for ${sourceList.rowCount} uploaded sources`);

// 3.2 Companions within 50 kpc: a per-row search radius from each source's redshift
const c = 299792.458; // km/s
const H0 = 67.74; // km/s/Mpc (Planck15)
const angularDiameterDistanceMpc = (z: number) => (c * z) / H0 / (1 + z) ** 2; // low-z approximation
const rows = mytable.rows().map((r) => {
  const z = Number(r.radial_velocity) / c;
  const angDdeg = (Math.atan(0.05 / angularDiameterDistanceMpc(z)) * 180) / Math.PI;
  return [r.ra, r.dec, Number(r.radial_velocity), z, angDdeg];
});
const companions = await service.query(
  `SELECT mt.ra, mt.dec, cat.ra AS ra2, cat.dec AS dec2, cat.radial_velocity, cat.morph_type, cat.bmag
    FROM zcat.main AS cat, tap_upload.mytable AS mt
    WHERE 1=CONTAINS(POINT('ICRS', cat.ra, cat.dec), CIRCLE('ICRS', mt.ra, mt.dec, mt.angddeg))
    AND cat.radial_velocity > 0 AND cat.radial_velocity != mt.radial_velocity
    ORDER BY cat.ra`,
  {
    uploads: {
      mytable: {
        columns: [
          { name: 'ra', datatype: 'double', unit: 'deg' },
          { name: 'dec', datatype: 'double', unit: 'deg' },
          { name: 'radial_velocity', datatype: 'double', unit: 'km/s' },
          { name: 'redshift', datatype: 'double' },
          { name: 'angddeg', datatype: 'double', unit: 'deg' },
        ],
        rows,
      },
    },
  },
);
console.log(`${companions.rowCount} possible companions within 50 kpc of ${rows.length} sources`);
console.table(companions.rows().slice(0, 10));

// 4. Synchronous versus asynchronous: the job behind runAsync, step by step.
const job = await service.submit('SELECT morph_type, COUNT(*) AS n FROM zcat.main GROUP BY morph_type ORDER BY morph_type');
await job.run();
const finished = await job.wait({ timeoutMs: 120_000 });
const counts = await job.fetchResult();
console.log(`job ${job.url} ${finished.phase}: ${counts.rowCount} morphological types`);
await job.delete();
console.log('job deleted');
