/**
 * Runs a recognised cross-match of two HATS tables (hats-join.ts) partition by partition: the join
 * units of hats-pairing.ts go one at a time, each through the query's own proximity test (translated
 * as everywhere else, behind a declination band), into a temporary table of pairs (the columns of
 * each side the query names, a pair number). The query then reads each side of the join from that table, tied by the pair number, so
 * everything else in it (other conditions, SELECT, GROUP BY, ORDER BY, TOP) runs unchanged on exactly
 * the rows the plain join would give. Only one unit's partitions are read at a time. The pairs table
 * and its sequence are temporary objects of the query's connection: closing it removes them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type * as A from '../adql/index.js';
import { walk } from '../adql/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Constraint, fetchPartitionFile, healpixRanges, type Partition, selectPartitions } from '../hats/index.js';
import type { HatsCrossmatchForm, HatsJoinSide } from './hats-join.js';
import { type JoinUnit, chooseMargin, pairPartitions, unitRelations } from './hats-pairing.js';
import type { HatsTable } from './hats-tables.js';
import type { ColumnInfo, TableInfo } from './translate/catalog.js';

/** Progress of a partition-aligned cross-match, after each join unit. */
export interface HatsCrossmatchProgress {
  kind: 'hats-crossmatch';
  /** The tables (engine names) on the left (driving) and right (margin) side. */
  left: string;
  right: string;
  done: number;
  total: number;
  /** Pairs found so far. */
  pairs: number;
  /** Partitions the unit read together: one left partition, right partitions and right margin partitions. */
  read: { left: number; right: number; margin: number };
}

/** A side of the cross-match as the engine knows it. */
export interface HatsJoinSource {
  side: HatsJoinSide;
  table: HatsTable;
  info: TableInfo;
  /** The sky constraint the query puts on the table (for pruning). */
  constraint: Constraint;
}

export interface AlignedCrossmatch {
  /** What each side's reference reads instead of its table: its rows of the pairs. */
  overrides: Map<A.TableRef, TableInfo>;
  notes: string[];
}

/** Translates an ADQL query with the given references reading the given tables. */
export type UnitTranslator = (ast: A.QueryExpression, overrides: Map<A.TableRef, TableInfo>) => string;

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const ident = (name: string): A.Identifier => ({ kind: 'Identifier', name, delimited: true });
const PAIR = ['__hats_pair_left', '__hats_pair_right'] as const;

/**
 * Fills the pairs table and rewrites `form`'s join condition (or WHERE) in place to tie the two
 * sides' rows by pair number; the caller translates the query with the returned overrides.
 */
export async function runAlignedCrossmatch(
  conn: DuckDBConnection,
  ast: A.QueryExpression,
  form: HatsCrossmatchForm,
  sources: [HatsJoinSource, HatsJoinSource],
  translateUnit: UnitTranslator,
  id: number,
  onProgress: ((event: HatsCrossmatchProgress) => void) | undefined,
  scratch: () => string,
): Promise<AlignedCrossmatch> {
  const radiusArcsec = form.radius * 3600;
  const { left, right, margin, notes } = await orient(sources, radiusArcsec);
  const lt = left.table;
  const leftPixels = lt.hasHealpixColumn && lt.catalog.properties.healpixOrder === 29;
  const units = pairPartitions(
    selectPartitions(lt.catalog.partitions, left.constraint),
    selectPartitions(right.table.catalog.partitions, right.constraint),
    margin?.partitions,
    form.radius,
    leftPixels,
  );
  const how = margin ? `the right side's margin catalogue ${margin.location}` : 'neighbouring right partitions across borders';
  notes.unshift(
    `cross-match of ${left.side.key} with ${right.side.key} at ${+radiusArcsec.toPrecision(12)} arcsec ran partition by partition: ${units.length} join units, with ${how}`,
  );

  const pairs = `hats_pairs_${id}`;
  const sequence = `hats_pair_number_${id}`;
  // The query as it will run: the proximity test gives way to the pair numbers, so the columns only it names need no storing.
  tieByPair(form, left.side.ref, right.side.ref);
  const kept = keptColumns(ast, [left, right]);
  await conn.run(`CREATE TEMP SEQUENCE ${sequence}`);
  await conn.run(`CREATE TEMP TABLE ${pairs} (${[...kept.flat().map((c) => `${c.as} ${c.sqlType}`), 'pair BIGINT'].join(', ')})`);
  const stored = kept.flat().map((c) => c.as);
  const insert = `INSERT INTO ${pairs} (${[...stored, 'pair'].join(', ')}) SELECT ${[...stored, `nextval('${sequence}')`].join(', ')}`;
  const filters = { left: rowFilter(left), right: rowFilter(right) };
  let found = 0;
  for (const [i, planned] of units.entries()) {
    const fetched = needsFetching(planned) ? mkdtempSync(join(scratch(), 'unit-')) : undefined;
    try {
      const unit = fetched ? await localUnit(planned, fetched) : planned;
      if (unit) {
        const from = unitRelations(unit, lt.catalog, right.table.catalog, filters);
        const sql = translateUnit(...unitQuery(form, [left, right], kept, [from.left, from.right]));
        const inserted = await conn.runAndReadAll(`${insert} FROM (${sql})`);
        found += Number(inserted.rowsChanged);
      }
    } finally {
      if (fetched) rmSync(fetched, { recursive: true, force: true });
    }
    onProgress?.({
      kind: 'hats-crossmatch',
      left: left.side.key,
      right: right.side.key,
      done: i + 1,
      total: units.length,
      pairs: found,
      read: reads(planned),
    });
  }

  const overrides = new Map<A.TableRef, TableInfo>();
  for (const [k, s] of [left, right].entries()) {
    const storedAs = new Map(kept[k]!.map((c) => [c.name, c.as]));
    // A column the query never names is not stored: any value of its type reads the same.
    const select = s.table.columns.map((c) => `${storedAs.get(c.name) ?? `CAST(NULL AS ${c.sqlType})`} AS ${quote(c.name)}`);
    const pairColumn: ColumnInfo = { name: PAIR[k]!, datatype: 'long' };
    overrides.set(s.side.ref, {
      ...s.info,
      sql: `(SELECT ${select.join(', ')}, pair AS ${quote(PAIR[k]!)} FROM ${pairs})`,
      columns: [...s.info.columns, pairColumn],
      hidden: [PAIR[k]!],
    });
  }
  return { overrides, notes };
}

const isRemote = (file: string): boolean => /^https?:\/\//i.test(file);
const needsFetching = (unit: JoinUnit): boolean => [unit.left, ...unit.right, ...unit.margin].some((p) => p.files.some(isRemote));

/**
 * The unit with its remote partition files copied into `dir` (whole row groups: a unit reads all its
 * partitions' rows); undefined when one side has no rows to pair. Only one unit's copies exist at a time.
 */
async function localUnit(unit: JoinUnit, dir: string): Promise<JoinUnit | undefined> {
  let copies = 0;
  const local = async (p: Partition): Promise<Partition> => {
    const files: string[] = [];
    for (const file of p.files) {
      if (!isRemote(file)) files.push(file);
      else {
        const dest = join(dir, `${copies++}.parquet`);
        // No pixel ranges: every row group is fetched, so the column name is not consulted.
        if ((await fetchPartitionFile(file, dest, '', undefined)).fetched) files.push(dest);
      }
    }
    return { ...p, files };
  };
  const left = await local(unit.left);
  const withRows = async (ps: Partition[]) => (await Promise.all(ps.map(local))).filter((p) => p.files.length > 0);
  const right = await withRows(unit.right);
  const margin = await withRows(unit.margin);
  if (left.files.length === 0 || right.length + margin.length === 0) return undefined;
  // The right side reads its partitions and the margin as one relation: either list may hold them.
  return right.length > 0 ? { ...unit, left, right, margin } : { ...unit, left, right: margin, margin: [] };
}

interface StoredColumn {
  name: string;
  sqlType: string;
  /** Its column in the pairs table. */
  as: string;
}

/**
 * The columns of each side the pairs table stores: those whose name the query writes anywhere (a
 * conservative test: any table's column of that name), every one when it has a `*` or a join whose
 * columns are implicit (NATURAL, USING).
 */
function keptColumns(ast: A.QueryExpression, sides: [HatsJoinSource, HatsJoinSource]): [StoredColumn[], StoredColumn[]] {
  const named = new Set<string>();
  let all = false;
  walk(ast, (node) => {
    if (node.kind === 'ColumnRef') named.add(node.column.name.toLowerCase());
    else if (node.kind === 'AllColumns' || (node.kind === 'Join' && (node.natural || node.condition?.kind === 'JoinUsing'))) all = true;
  });
  const keep = (s: HatsJoinSource, prefix: string) =>
    s.table.columns.flatMap((c, i) => (all || named.has(c.name.toLowerCase()) ? [{ ...c, as: `${prefix}${i}` }] : []));
  return [keep(sides[0], 'l'), keep(sides[1], 'r')];
}

/**
 * Which side drives (left) and which is read with its margin (right): the query's circle side takes
 * the margin when it has one wide enough, else the point side when it has; otherwise neither does.
 */
async function orient(sources: [HatsJoinSource, HatsJoinSource], radiusArcsec: number) {
  const [point, circle] = sources;
  const notes: string[] = [];
  const margin = await chooseMargin(circle.table.catalog, radiusArcsec, notes);
  if (margin) return { left: point, right: circle, margin, notes };
  const swapped = point.table.catalog === circle.table.catalog ? undefined : await chooseMargin(point.table.catalog, radiusArcsec, []);
  if (swapped) return { left: circle, right: point, margin: swapped, notes: [] };
  return { left: point, right: circle, margin: undefined, notes };
}

/** The `_healpix_29` ranges a side's sky constraint allows, as a row filter. */
function rowFilter(source: HatsJoinSource): string | undefined {
  const { catalog, hasHealpixColumn } = source.table;
  if (!hasHealpixColumn || !source.constraint) return undefined;
  const ranges = healpixRanges(source.constraint, catalog.properties.healpixOrder);
  const column = quote(catalog.properties.healpixColumn);
  return ranges?.map(([a, b]) => `${column} BETWEEN ${a} AND ${b - 1n}`).join(' OR ');
}

/**
 * One unit's query: the two sides' columns (l0.., r0..) of the pairs the proximity test keeps. Within
 * a unit both sides cover a few partitions, so a declination band (implied by the test: two points
 * within r differ by at most r in declination) is a cheaper join than the whole-sky cells the
 * translator uses for a JOIN ... ON.
 */
function unitQuery(
  form: HatsCrossmatchForm,
  sides: [HatsJoinSource, HatsJoinSource],
  kept: [StoredColumn[], StoredColumn[]],
  relations: [string, string],
): [A.QueryExpression, Map<A.TableRef, TableInfo>] {
  const overrides = new Map<A.TableRef, TableInfo>();
  const refs = sides.map((s, k) => {
    const ref: A.TableRef = { kind: 'TableRef', name: s.side.ref.name, ...(s.side.ref.alias ? { alias: s.side.ref.alias } : {}) };
    overrides.set(ref, { ...s.info, sql: `(${relations[k]})` });
    return ref;
  });
  const columns: A.SelectColumn[] = sides.flatMap((s, k) =>
    kept[k]!.map((c) => ({ kind: 'SelectColumn' as const, expr: column(s.side.ref, c.name), alias: ident(c.as) })),
  );
  // Without stored columns (a COUNT(*)), one constant keeps the SELECT list valid.
  if (columns.length === 0)
    columns.push({ kind: 'SelectColumn', expr: { kind: 'NumericLiteral', text: '1', value: 1 }, alias: ident('one') });
  // Rounding slack far above the error of the distance computation, far below any radius given.
  const width = form.radius * (1 + 1e-9) + 1e-12;
  const [leftDec, rightDec] = sides.map((s) => column(s.side.ref, s.table.catalog.properties.decColumn));
  const literal: A.NumericLiteral = { kind: 'NumericLiteral', text: String(width), value: width };
  const band: A.Between = {
    kind: 'Between',
    not: false,
    expr: rightDec!,
    low: { kind: 'Binary', op: '-', left: leftDec!, right: literal },
    high: { kind: 'Binary', op: '+', left: leftDec!, right: literal },
  };
  const where: A.Condition = { kind: 'Logical', op: 'AND', left: band, right: form.conjunct };
  return [{ kind: 'Select', columns, from: refs, where }, overrides];
}

const column = (ref: A.TableRef, name: string): A.ColumnRef => ({ kind: 'ColumnRef', table: qualifier(ref), column: ident(name) });

/** The qualifier a reference answers to: its alias, else its (schema-qualified) name. */
function qualifier(ref: A.TableRef): A.TableName {
  if (ref.alias) return { kind: 'TableName', table: ref.alias };
  return { kind: 'TableName', table: ref.name.table, ...(ref.name.schema ? { schema: ref.name.schema } : {}) };
}

/**
 * Replaces the proximity test in the join's ON (or the WHERE) by `left.pair = right.pair`: the pairs
 * table holds just the pairs that passed it, computed by the same translated test on the same values.
 */
function tieByPair(form: HatsCrossmatchForm, left: A.TableRef, right: A.TableRef): void {
  const tie: A.Comparison = {
    kind: 'Comparison',
    op: '=',
    left: { kind: 'ColumnRef', table: qualifier(left), column: ident(PAIR[0]) },
    right: { kind: 'ColumnRef', table: qualifier(right), column: ident(PAIR[1]) },
  };
  const swap = (c: A.Condition): A.Condition => {
    if (c === form.conjunct) return tie;
    if (c.kind === 'ParenCondition') return { ...c, condition: swap(c.condition) };
    if (c.kind === 'Logical' && c.op === 'AND') return { ...c, left: swap(c.left), right: swap(c.right) };
    return c;
  };
  if (form.place.kind === 'on') form.place.join.condition.condition = swap(form.place.join.condition.condition);
  else form.place.select.where = swap(form.place.select.where);
}

function reads(unit: JoinUnit): HatsCrossmatchProgress['read'] {
  return { left: 1, right: unit.right.length, margin: unit.margin.length };
}
