/**
 * The sample catalogue shipped with adqlkit (data/sample/: synthetic galaxies and flux measurements
 * with units, UCDs and descriptions), so queries run on a fresh machine with nothing else installed.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from './errors.js';
import type { ForeignKey } from './tap-schema.js';
import type { TableSource } from './types.js';

/** The directory holding the sample files (found from this module, in src/ or dist/src/). */
export function sampleDirectory(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'data', 'sample');
    if (existsSync(join(candidate, 'galaxies.csv.gz'))) return candidate;
    dir = dirname(dir);
  }
  throw new EngineError('the sample catalogue (data/sample/) is missing from this installation of adqlkit');
}

/** The tables of the sample catalogue, by the name of their file in data/sample/. */
export type SampleTableName = 'galaxies' | 'observations';

/**
 * The absolute path of a sample table's gzipped CSV inside the installed package (its units, UCDs
 * and descriptions are in the `.meta.json` beside it), e.g. `{ name: 'my.stars', file: sampleFile('galaxies') }`.
 */
export function sampleFile(table: SampleTableName): string {
  if (table !== 'galaxies' && table !== 'observations') {
    throw new EngineError(`no sample table "${String(table)}": the sample catalogue has galaxies and observations`);
  }
  return join(sampleDirectory(), `${table}.csv.gz`);
}

/** Table sources of the sample catalogue: sample.galaxies and sample.observations. */
export function sampleTables(): TableSource[] {
  return [
    { name: 'sample.galaxies', file: sampleFile('galaxies') },
    { name: 'sample.observations', file: sampleFile('observations') },
  ];
}

export const SAMPLE_FOREIGN_KEYS: ForeignKey[] = [
  { from: 'sample.observations', target: 'sample.galaxies', columns: [['galaxy_id', 'id']] },
];

/** DALI examples that run on the sample catalogue. */
export const SAMPLE_EXAMPLES = [
  {
    id: 'cone',
    name: 'Cone search',
    description: 'Galaxies within half a degree of (RA, Dec) = (150, 2), nearest first.',
    query:
      "SELECT id, name, ra, dec, DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 150, 2)) AS dist FROM sample.galaxies WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 2, 0.5)) ORDER BY dist",
  },
  {
    id: 'ra-wrap',
    name: 'Cone across RA 0/360',
    description: 'A cone centred at RA 0.5 reaches galaxies on both sides of RA 0.',
    query:
      "SELECT COUNT(*) AS n, MIN(ra) AS min_ra, MAX(ra) AS max_ra FROM sample.galaxies WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 0.5, -10, 2))",
  },
  {
    id: 'join',
    name: 'Join with the flux measurements',
    description: 'Mean g-band flux of bright galaxies, joining sample.observations to sample.galaxies.',
    query:
      "SELECT g.id, g.gmag, AVG(o.flux) AS mean_flux FROM sample.galaxies AS g JOIN sample.observations AS o ON o.galaxy_id = g.id WHERE o.band = 'g' AND g.gmag < 15 GROUP BY g.id, g.gmag ORDER BY gmag",
  },
  {
    id: 'histogram',
    name: 'Redshift histogram',
    description: 'Galaxy counts in redshift bins of 0.01.',
    query:
      'SELECT z_bin, COUNT(*) AS n FROM (SELECT FLOOR(redshift * 100) / 100.0 AS z_bin FROM sample.galaxies) AS b GROUP BY z_bin ORDER BY z_bin',
  },
  {
    id: 'pole',
    name: 'Polygon around the north pole',
    description: 'Galaxies inside a polygon that encloses the north celestial pole.',
    query:
      "SELECT COUNT(*) AS n FROM sample.galaxies WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), POLYGON('ICRS', 0, 87, 90, 87, 180, 87, 270, 87))",
  },
];
