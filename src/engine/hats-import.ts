/**
 * `adql hats import`: any table the engine reads (CSV, TSV, Parquet or a directory of Parquet files
 * such as a partitioned run, JSON, VOTable or a saved TAP result) written as a HATS catalogue.
 *
 * Inside DuckDB: the order-29 pixel of every row (`_healpix_29`), a pixel histogram at
 * HISTOGRAM_ORDER, adaptive partitions (a pixel is split while it holds more than `maxRows` rows),
 * one ZSTD Parquet file per partition sorted by `_healpix_29`, `_common_metadata`, `_metadata` (every
 * partition file's row groups), `partition_info.csv`, `skymap.fits` (the row counts at one order) and
 * `hats.properties`.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { countsAt, datasetMetadata, partitionStem, skymapFits, withHealpix29 } from '../hats/index.js';
import { EngineError } from './errors.js';
import { writeMargins } from './hats-margin.js';
import { createFromRows, formatOf, readerSql, stageVOTable } from './loaders.js';
import type { TableFormat } from './types.js';

/** Finest order partitions may reach (order-10 pixels are 3.4 arcmin wide, 12.6 million of them). */
const HISTOGRAM_ORDER = 10;
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface HatsImportOptions {
  /** A table file, or a directory of Parquet files. */
  input: string;
  /** The catalogue directory to create (must not exist or be empty). */
  output: string;
  ra: string;
  dec: string;
  /** Most rows in a partition (HATS `hats_max_rows`); default 1,000,000. */
  maxRows?: number;
  /** `obs_collection`; default the output directory's name. */
  name?: string;
  format?: TableFormat;
  /**
   * Also write a margin catalogue this wide (arcseconds): the output is then a collection
   * (`collection.properties`) holding the catalogue `NAME/` and its margin `NAME_<N>arcs/`.
   */
  marginArcsec?: number;
  /**
   * Rows per Parquet row group (DuckDB's default, 122,880, when absent; DuckDB rounds it up to a
   * multiple of 2048): smaller groups let remote readers fetch less of a partition for a small cone.
   */
  rowGroupRows?: number;
  /**
   * HEALPix order of `skymap.fits` (at most 10); default: 4 orders below the deepest partition, at
   * least 4 (so each partition is resolved into at least 256 cells; 12·4^order 8-byte counts).
   */
  skymapOrder?: number;
  /** Progress lines (partitions written). */
  progress?: (line: string) => void;
}

export interface HatsImportResult {
  rows: number;
  partitions: Array<{ order: number; pixel: number; rows: number }>;
  output: string;
  /** The margin catalogue's partitions with rows, when one was asked for. */
  margin?: { location: string; rows: number; partitions: Array<{ order: number; pixel: number; rows: number }> };
}

export async function importHats(options: HatsImportOptions): Promise<HatsImportResult> {
  const maxRows = options.maxRows ?? 1_000_000;
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new EngineError(`max rows ${maxRows}: give a positive integer`);
  const margin = options.marginArcsec;
  const rowGroup = options.rowGroupRows;
  if (rowGroup !== undefined && !(Number.isInteger(rowGroup) && rowGroup >= 1))
    throw new EngineError(`row group size ${rowGroup}: give a positive number of rows`);
  const skymapOrder = options.skymapOrder;
  if (skymapOrder !== undefined && !(Number.isInteger(skymapOrder) && skymapOrder >= 0 && skymapOrder <= HISTOGRAM_ORDER))
    throw new EngineError(`skymap order ${skymapOrder}: give a HEALPix order from 0 to ${HISTOGRAM_ORDER}`);
  if (margin !== undefined && !(margin > 0 && margin <= 36000))
    throw new EngineError(`margin ${margin}: give a width in arcseconds, above 0 and at most 36000 (10 degrees)`);
  const name = options.name ?? basename(options.output);
  // With a margin the output is a collection: the catalogue and its margin side by side.
  const primary = margin !== undefined ? join(options.output, name) : options.output;
  if (existsSync(options.output) && readdirSync(options.output).length > 0) {
    throw new EngineError(`${options.output} exists and is not empty: give a new directory for the catalogue`);
  }
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    await conn.run(`CREATE TABLE src AS ${await inputSql(conn, options)}`);
    const columns = (await conn.runAndReadAll('DESCRIBE src')).getRowObjectsJS().map((r) => String(r.column_name));
    for (const c of [options.ra, options.dec]) {
      if (!columns.includes(c))
        throw new EngineError(
          `${options.input} has no column ${c} (columns: ${columns.join(', ')}); name the position columns with --ra and --dec`,
        );
    }
    const ra = quote(options.ra);
    const dec = quote(options.dec);
    const bad = Number(
      (
        await conn.runAndReadAll(
          `SELECT COUNT(*) FROM src WHERE ${ra} IS NULL OR ${dec} IS NULL OR NOT isfinite(${ra}) OR ${dec} < -90 OR ${dec} > 90`,
        )
      ).getRowsJS()[0]![0],
    );
    if (bad > 0)
      throw new EngineError(
        `${bad} rows of ${options.input} have no valid position (${options.ra}, ${options.dec}): HATS partitions by position, so remove or fix them first`,
      );
    const keep = columns
      .filter((c) => c !== '_healpix_29')
      .map(quote)
      .join(', ');
    await conn.run(
      `CREATE TABLE hp AS SELECT "_healpix_29", ${keep} FROM (${withHealpix29(`(SELECT ${keep} FROM src)`, ra, dec, '_healpix_29')}) ORDER BY "_healpix_29"`,
    );
    await conn.run('DROP TABLE src');
    const shift = 2 * (29 - HISTOGRAM_ORDER);
    const histogram = new Map<number, number>();
    for (const [p, n] of (
      await conn.runAndReadAll(`SELECT ("_healpix_29" >> ${shift})::BIGINT, COUNT(*) FROM hp GROUP BY 1`)
    ).getRowsJS() as Array<[bigint, bigint]>) {
      histogram.set(Number(p), Number(n));
    }
    const partitions = plan(histogram, maxRows);
    const total = partitions.reduce((s, p) => s + p.rows, 0);
    mkdirSync(join(primary, 'dataset'), { recursive: true });
    for (const [i, p] of partitions.entries()) {
      const stem = partitionStem(p.order, p.pixel);
      mkdirSync(join(primary, stem, '..'), { recursive: true });
      const s = BigInt(2 * (29 - p.order));
      const [lo, hi] = [BigInt(p.pixel) << s, ((BigInt(p.pixel) + 1n) << s) - 1n];
      // hp is stored sorted by _healpix_29 and DuckDB keeps insertion order: the file comes out sorted.
      await conn.run(
        `COPY (SELECT * FROM hp WHERE "_healpix_29" BETWEEN ${lo} AND ${hi}) TO ${literal(join(primary, `${stem}.parquet`))} (FORMAT parquet, COMPRESSION zstd${rowGroup ? `, ROW_GROUP_SIZE ${rowGroup}` : ''})`,
      );
      options.progress?.(`partition ${i + 1}/${partitions.length}: Norder=${p.order} Npix=${p.pixel}, ${p.rows} rows`);
    }
    const maxOrder = Math.max(0, ...partitions.map((p) => p.order));
    const mapOrder = skymapOrder ?? Math.min(HISTOGRAM_ORDER, Math.max(4, maxOrder + 4));
    writeFileSync(join(primary, 'skymap.fits'), skymapFits(countsAt(histogram, HISTOGRAM_ORDER, mapOrder), mapOrder));
    await writeMetadata(
      conn,
      primary,
      partitions,
      properties(options, name, 'object', partitions, total, maxRows, { hats_skymap_order: String(mapOrder) }),
    );
    const result: HatsImportResult = { rows: total, partitions, output: options.output };
    if (margin !== undefined) {
      const marginName = `${name}_${margin}arcs`;
      const marginDir = join(options.output, marginName);
      const parts = await writeMargins(conn, marginDir, partitions, ra, dec, margin, options.progress);
      const rows = parts.reduce((s, p) => s + p.rows, 0);
      const props = properties(options, marginName, 'margin', parts, rows, maxRows, {
        hats_margin_threshold: String(margin),
        hats_primary_table_url: name,
      });
      await writeMetadata(conn, marginDir, parts, props);
      writeFileSync(
        join(options.output, 'collection.properties'),
        propertiesText('#HATS Collection', {
          obs_collection: name,
          hats_primary_table_url: name,
          all_margins: marginName,
          default_margin: marginName,
          hats_builder: 'adqlkit hats import',
          hats_creation_date: `${new Date().toISOString().slice(0, 16)}UTC`,
          hats_version: 'v1.0',
        }),
      );
      result.margin = { location: marginDir, rows, partitions: parts };
    }
    return result;
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

/**
 * `_common_metadata`, `_metadata`, `partition_info.csv` and `hats.properties` (with `hats_estsize`,
 * the data files' size in KB) of a catalogue whose partition files are written.
 */
async function writeMetadata(
  conn: import('@duckdb/node-api').DuckDBConnection,
  dir: string,
  partitions: ReadonlyArray<{ order: number; pixel: number }>,
  props: Record<string, string>,
): Promise<void> {
  const dataset = join(dir, 'dataset');
  mkdirSync(dataset, { recursive: true });
  await conn.run(`COPY (SELECT * FROM hp LIMIT 0) TO ${literal(join(dataset, '_common_metadata'))} (FORMAT parquet)`);
  // Paths relative to dataset/, as the row groups of _metadata name them.
  const files = partitions.map((p) => `${partitionStem(p.order, p.pixel).slice('dataset/'.length)}.parquet`);
  writeFileSync(join(dataset, '_metadata'), datasetMetadata(dataset, files, '_common_metadata'));
  writeFileSync(join(dir, 'partition_info.csv'), `Norder,Npix\n${partitions.map((p) => `${p.order},${p.pixel}`).join('\n')}\n`);
  const bytes = files.reduce((s, f) => s + statSync(join(dataset, ...f.split('/'))).size, 0);
  writeFileSync(join(dir, 'hats.properties'), propertiesText('#HATS catalog', { ...props, hats_estsize: String(Math.ceil(bytes / 1024)) }));
}

/** The SELECT reading the input (VOTables are staged into a table first). */
async function inputSql(conn: import('@duckdb/node-api').DuckDBConnection, options: HatsImportOptions): Promise<string> {
  const { input } = options;
  if (!existsSync(input)) throw new EngineError(`${input} does not exist`);
  if (statSync(input).isDirectory()) {
    return `SELECT * FROM read_parquet(${literal(join(input, '**', '*.parquet'))}, union_by_name = true, hive_partitioning = false)`;
  }
  const format = formatOf({ name: 'input', file: input, ...(options.format ? { format: options.format } : {}) });
  if (format !== 'votable') return readerSql({ name: 'input', file: input }, format);
  await createFromRows(conn, 'staged_votable', await stageVOTable(readFileSync(input), input));
  return 'SELECT * FROM staged_votable';
}

/**
 * Adaptive partitions from an order-HISTOGRAM_ORDER histogram: from the 12 base pixels down, a pixel
 * with rows becomes a partition when it holds at most maxRows of them (or is at HISTOGRAM_ORDER).
 */
export function plan(histogram: Map<number, number>, maxRows: number): Array<{ order: number; pixel: number; rows: number }> {
  const counts: Array<Map<number, number>> = [];
  counts[HISTOGRAM_ORDER] = histogram;
  for (let o = HISTOGRAM_ORDER - 1; o >= 0; o--) {
    const up = new Map<number, number>();
    for (const [p, n] of counts[o + 1]!) up.set(Math.floor(p / 4), (up.get(Math.floor(p / 4)) ?? 0) + n);
    counts[o] = up;
  }
  const out: Array<{ order: number; pixel: number; rows: number }> = [];
  const visit = (order: number, pixel: number) => {
    const rows = counts[order]!.get(pixel) ?? 0;
    if (rows === 0) return;
    if (rows <= maxRows || order === HISTOGRAM_ORDER) out.push({ order, pixel, rows });
    else for (let c = 0; c < 4; c++) visit(order + 1, 4 * pixel + c);
  };
  for (let p = 0; p < 12; p++) visit(0, p);
  return out.sort((a, b) => a.order - b.order || a.pixel - b.pixel);
}

function properties(
  options: HatsImportOptions,
  name: string,
  type: 'object' | 'margin',
  partitions: ReadonlyArray<{ order: number; pixel: number }>,
  rows: number,
  maxRows: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  const maxOrder = Math.max(0, ...partitions.map((p) => p.order));
  const skyFraction = partitions.reduce((s, p) => s + 1 / (12 * 4 ** p.order), 0);
  return {
    obs_collection: name,
    dataproduct_type: type,
    hats_nrows: String(rows),
    hats_col_ra: options.ra,
    hats_col_dec: options.dec,
    hats_col_healpix: '_healpix_29',
    hats_col_healpix_order: '29',
    hats_npix_suffix: '.parquet',
    ...extra,
    hats_max_rows: String(maxRows),
    hats_order: String(maxOrder),
    moc_sky_fraction: skyFraction.toFixed(5),
    hats_builder: 'adqlkit hats import',
    hats_creation_date: `${new Date().toISOString().slice(0, 16)}UTC`,
    hats_version: 'v1.0',
  };
}

function propertiesText(title: string, entries: Record<string, string>): string {
  return `${title}\n${Object.entries(entries)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')}\n`;
}
