/**
 * The browser benchmark's cases, run as they are in Chromium (page.ts, with the package's browser
 * build) and in Node (run.ts, with dist/), so each browser figure stands beside the Node one of the
 * same run: parse + validate of the ~2 KB cone-search query of bench/validate on a 10,000 x 100-column
 * schema (each iteration on another table), and reading a BINARY2 VOTable of 1M rows x 10 columns
 * (bench/votable's file) from bytes already in memory.
 */
import type * as Adqlkit from '../../src/browser.js';

export type Api = Pick<typeof Adqlkit, 'parse' | 'validate' | 'loadSchema' | 'readVOTable'>;
type SchemaDocument = Adqlkit.SchemaDocument;

export interface ValidateFigures {
  tables: number;
  columns: number;
  queryBytes: number;
  iterations: number;
  p50: number;
  p99: number;
}

export interface VotableFigures {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  checksum: number;
}

function columnName(i: number): string {
  if (i === 0) return 'id';
  if (i === 1) return 'ra';
  if (i === 2) return 'dec';
  if (i === 3) return 'mag';
  if (i === 4) return 'class';
  return `col_${i}_${['flux', 'err', 'flag', 'pm', 'plx', 'snr'][i % 6]}`;
}

const NUMERIC_TYPES = ['double', 'float', 'int', 'long', 'short'];

/** bench/validate's synthetic service: every table has id/ra/dec/mag/class and 95 other columns. */
export function syntheticDocument(tables: number, columns: number): SchemaDocument {
  return {
    service: 'http://synthetic.invalid/tap',
    fetchedAt: new Date(0).toISOString(),
    source: 'tap_schema',
    schemas: Array.from({ length: 100 }, (_, i) => ({ name: `survey${i}` })),
    tables: Array.from({ length: tables }, (_, t) => ({
      name: `survey${t % 100}.table_${t}`,
      schema: `survey${t % 100}`,
      type: 'table',
      description: `Synthetic catalogue number ${t}`,
      columns: Array.from({ length: columns }, (_, c) => {
        const datatype =
          c === 0
            ? 'long'
            : c < 3
              ? 'double'
              : c === 3
                ? 'float'
                : c === 4 || c >= 90
                  ? 'char'
                  : NUMERIC_TYPES[(t + c) % NUMERIC_TYPES.length]!;
        return {
          name: columnName(c),
          datatype,
          ...(datatype === 'char' ? { arraysize: '*' } : {}),
          ...(c === 1 || c === 2 ? { unit: 'deg' } : {}),
          ucd: c === 1 ? 'pos.eq.ra;meta.main' : c === 2 ? 'pos.eq.dec;meta.main' : 'phot.flux',
          description: `Column ${c} of survey table ${t}: a measured quantity with its usual caveats`,
        };
      }),
    })),
    foreignKeys: [],
  } as SchemaDocument;
}

/** bench/validate's ~2 KB cone search on table `t`. */
export function coneSearch(t: number): string {
  const cols = Array.from({ length: 80 }, (_, i) => `s.${columnName(5 + i)} AS c${i}`).join(', ');
  return `SELECT TOP 1000 s.id, s.ra, s.dec, s.mag, ${cols}, DISTANCE(POINT('ICRS', s.ra, s.dec), POINT('ICRS', 150.1, 2.2)) AS dist
FROM survey${t % 100}.table_${t} AS s
WHERE CONTAINS(POINT('ICRS', s.ra, s.dec), CIRCLE('ICRS', 150.1, 2.2, 0.5)) = 1 AND s.mag BETWEEN 10 AND 20 AND s.${columnName(7)} > 0
ORDER BY dist`;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchValidate(api: Api, tables: number, columns: number, iterations: number): Promise<ValidateFigures> {
  const schema = await api.loadSchema(syntheticDocument(tables, columns));
  const first = api.validate(coneSearch(1), schema);
  if (!first.ok) throw new Error(`the benchmark query does not validate: ${first.map((d) => d.message).join('; ')}`);
  for (let i = 0; i < 200; i++) api.validate(coneSearch((i * 101 + 5) % tables), schema); // warm-up on other tables
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const text = coneSearch((i * 37) % tables);
    const t0 = performance.now();
    api.validate(text, schema); // parses, then validates
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { tables, columns, queryBytes: coneSearch(1).length, iterations, p50: pct(times, 50), p99: pct(times, 99) };
}

/** Reads the VOTable bytes `runs` times (after one warm-up read) and keeps the fastest. */
export async function benchVotable(api: Api, bytes: Uint8Array, runs: number): Promise<VotableFigures> {
  let best = Infinity;
  let rows = 0;
  let checksum = 0;
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    const doc = await api.readVOTable(bytes);
    const table = doc.tables[0]!;
    const values = table.column(0).values as ArrayLike<number>;
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
    const seconds = (performance.now() - t0) / 1000;
    rows = table.rowCount;
    checksum = sum;
    if (r > 0) best = Math.min(best, seconds);
  }
  return { rows, bytes: bytes.length, seconds: best, rowsPerSecond: rows / best, checksum };
}
