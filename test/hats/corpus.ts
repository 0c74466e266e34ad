/**
 * The HATS reference implementation's own test catalogues (../shared/corpora/hats/, BSD-3), and an
 * independent brute-force reader of every row of a catalogue (DuckDB over all its Parquet files,
 * positions compared in plain JavaScript), with no HATS or pruning code involved.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const HATS_CORPUS = new URL('../../../shared/corpora/hats/data/', import.meta.url).pathname;
export const corpusProblem = existsSync(HATS_CORPUS) ? undefined : `${HATS_CORPUS} is absent (the shared HATS test catalogues)`;

/** Every Parquet data file under a catalogue's dataset/ (partition files only, any suffix). */
export function allDataFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.startsWith('_') && !name.startsWith('.') && /\.parq(uet)?$/.test(name)) out.push(full);
    }
  };
  walk(path.join(root, 'dataset'));
  return out.sort();
}

export interface Row {
  id: string;
  ra: number;
  dec: number;
}

/** id, ra, dec of every row of a catalogue, read straight from its files. */
export async function bruteForceRows(root: string, id: string, ra: string, dec: string): Promise<Row[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const files = allDataFiles(root)
    .map((f) => `'${f}'`)
    .join(', ');
  const reader = await conn.runAndReadAll(
    `SELECT CAST("${id}" AS VARCHAR), "${ra}", "${dec}" FROM read_parquet([${files}], union_by_name = true)`,
  );
  const rows = (reader.getRowsJS() as Array<[string, number, number]>).map(([i, r, d]) => ({ id: i, ra: r, dec: d }));
  conn.closeSync();
  db.closeSync();
  return rows;
}

type V = [number, number, number];
const RAD = Math.PI / 180;
export const unit = (ra: number, dec: number): V => [
  Math.cos(dec * RAD) * Math.cos(ra * RAD),
  Math.cos(dec * RAD) * Math.sin(ra * RAD),
  Math.sin(dec * RAD),
];
const cross = (a: V, b: V): V => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: V, b: V) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Great-circle distance in degrees. */
export function separation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const a = unit(ra1, dec1);
  const b = unit(ra2, dec2);
  return Math.atan2(Math.hypot(...cross(a, b)), dot(a, b)) / RAD;
}

/**
 * Signed distance-like margin of a point inside a convex spherical polygon: positive inside, negative
 * outside (the smallest sine of the angle to an edge plane, with edges oriented to hold the centroid).
 */
export function convexMargin(vertices: Array<[number, number]>, ra: number, dec: number): number {
  const vs = vertices.map(([r, d]) => unit(r, d));
  const c = vs.reduce<V>((s, v) => [s[0] + v[0], s[1] + v[1], s[2] + v[2]], [0, 0, 0]);
  const p = unit(ra, dec);
  let margin = Infinity;
  vs.forEach((v, i) => {
    const n = cross(v, vs[(i + 1) % vs.length]!);
    const len = Math.hypot(...n);
    const sign = Math.sign(dot(n, c));
    margin = Math.min(margin, (sign * dot(n, p)) / len);
  });
  return margin;
}
