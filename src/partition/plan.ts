/**
 * Planning a partitioned run the way the MAST tutorial does by hand: read the service's limits
 * (probing the execution duration when the capabilities do not say), find the extent of the
 * partition column, time a sample chunk, and choose chunks that stay well inside both limits.
 * Rows are estimated per unit of sky (a declination band's share is its solid angle, not its
 * width in degrees) from two samples in different places, whose disagreement is the stated range.
 */
import { loadSchema, type ServiceSchema } from '../schema/index.js';
import { judgeOverflow, type TapService } from '../tap/index.js';
import {
  axisWidth,
  boundWidth,
  checkAxis,
  combine,
  describeBounds,
  divideAxis,
  partsForSize,
  type Axis,
  type Bound,
  type PartitionBy,
} from './bounds.js';
import { columnKind } from './column-type.js';
import { PartitionPlanError } from './errors.js';
import { chunkQuery, extentQuery, prepareQuery, type OrderKey, type PartitionableQuery } from './rewrite.js';

export interface PlanOptions {
  by: PartitionBy;
  /** Number of chunks (default: from the sample and the limits). */
  chunks?: number;
  /** Chunk width in column units (ids, degrees); sky tiles: the tile side in degrees. */
  size?: number;
  /** MAXREC of every chunk job (default: the service's async output limit). */
  maxrec?: number;
  /** Jobs run at once (default 5, as MAST asks); used for the time estimate. */
  concurrency?: number;
  /** Time a sample chunk for the estimates (default true). */
  sample?: boolean;
  /** Aim each chunk at this fraction of the row and time limits (default 0.5). */
  headroom?: number;
  /** Schema for the "column not numeric" check (default: loaded from the service; false: skip). */
  schema?: ServiceSchema | false;
  signal?: AbortSignal;
}

export interface PlannedChunk {
  id: string;
  bounds: Bound[];
  query: string;
}

export interface PartitionPlan {
  serviceUrl: string;
  query: string;
  by: PartitionBy;
  axes: Axis[];
  chunks: PlannedChunk[];
  maxrec: number;
  /** Longest execution duration the service grants (seconds; 0 = unlimited), and where it was read. */
  executionDuration: { seconds: number | undefined; source: 'capabilities' | 'probe' };
  /** EXECUTIONDURATION to request per job, when the expected time exceeds the service default. */
  jobExecutionDuration: number | undefined;
  order: OrderKey[];
  top: number | undefined;
  concurrency: number;
  /**
   * The sample chunk (from the middle of the range), the fixed cost of a job fitted from it and a
   * smaller second sample elsewhere, and that second sample (`fraction`: share of the sky or range).
   */
  sample:
    | { bounds: Bound[]; rows: number; ms: number; fraction: number; jobOverheadMs: number; second?: RowSample; truncated?: boolean }
    | undefined;
  expected:
    | {
        rowsPerChunk: number;
        secondsPerChunk: number;
        totalRows: number;
        wallSeconds: number;
        /** The total rows each sample alone implies (Poisson error included): how far off the estimate may be. */
        totalRowsRange?: [number, number];
      }
    | undefined;
}

/** Rows found in a part of the range; `fraction` is its share (of the sky, for declinations). */
export interface RowSample {
  bounds: Bound[];
  rows: number;
  fraction: number;
}

export const DEFAULT_CONCURRENCY = 5;

export function axisColumns(by: PartitionBy): string[] {
  return by.kind === 'tiles' ? [by.ra, by.dec] : [by.column];
}

/** The query prepared for the columns of `by` (parsed and checked). */
export function preparePartition(adql: string, by: PartitionBy): PartitionableQuery {
  return prepareQuery(adql, axisColumns(by));
}

async function checkNumeric(
  schema: ServiceSchema | undefined,
  query: PartitionableQuery,
  column: string,
): Promise<'integer' | 'float' | undefined> {
  if (schema === undefined) return undefined;
  const kind = await columnKind(schema, query.ast, column);
  if (typeof kind === 'object')
    throw new PartitionPlanError(`column ${column} is not numeric: ${kind.notNumeric}; partition by a numeric column (an id, ra, dec)`);
  return kind;
}

async function resolveAxes(
  service: TapService,
  query: PartitionableQuery,
  by: PartitionBy,
  schema: ServiceSchema | undefined,
  signal?: AbortSignal,
): Promise<Axis[]> {
  const sky = (column: string, range: [number, number]): Axis => ({ column, type: 'float', lo: String(range[0]), hi: String(range[1]) });
  for (const column of axisColumns(by)) await checkNumeric(schema, query, column);
  if (by.kind === 'dec') return [sky(by.column, by.range ?? [-90, 90])];
  if (by.kind === 'ra') return [sky(by.column, by.range ?? [0, 360])];
  if (by.kind === 'tiles') return [sky(by.ra, [0, 360]), sky(by.dec, [-90, 90])];
  let type = by.type ?? (await checkNumeric(schema, query, by.column));
  if (by.range !== undefined) {
    return [
      {
        column: by.column,
        type: type ?? (by.range.every((v) => Number.isInteger(Number(v))) ? 'integer' : 'float'),
        lo: String(by.range[0]),
        hi: String(by.range[1]),
      },
    ];
  }
  const extent = await service.query(extentQuery(query, by.column), { signal });
  const row = extent.rowArrays()[0];
  const field = extent.columns[0];
  if (field !== undefined && !['short', 'int', 'long', 'unsignedByte', 'float', 'double'].includes(field.datatype)) {
    throw new PartitionPlanError(
      `column ${by.column} is not numeric (the service types it ${field.datatype}); partition by a numeric column (an id, ra, dec)`,
    );
  }
  if (row === undefined || row[0] === null || row[1] === null) {
    throw new PartitionPlanError(
      `empty range: the query selects no rows with a ${by.column} value (MIN and MAX are NULL), so there is nothing to partition`,
    );
  }
  type ??= field?.datatype === 'float' || field?.datatype === 'double' ? 'float' : 'integer';
  return [{ column: by.column, type, lo: String(row[0]), hi: String(row[1]) }];
}

/** The execution-duration limit: from the capabilities, else probed as the tutorial does. */
async function durationLimit(
  service: TapService,
  probeQuery: string,
  signal?: AbortSignal,
): Promise<PartitionPlan['executionDuration'] & { default: number | undefined }> {
  const limits = await service.limits({ signal });
  const declared = limits.async.executionDuration;
  if (declared.hard !== undefined) return { seconds: declared.hard.value, source: 'capabilities', default: declared.default?.value };
  // Create a job that never runs, ask for a very long duration, read what is granted, delete it.
  const job = await service.submit(probeQuery, { signal });
  try {
    return { seconds: await job.setExecutionDuration(1e7, { signal }), source: 'probe', default: declared.default?.value };
  } finally {
    await job.delete({ signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
  }
}

/**
 * True when a chunk result may be missing rows, by dal's overflow rule. A result not flagged as
 * overflowing is judged from its row count as if it had no QUERY_STATUS: a chunk that fills MAXREC
 * is split even when the service said OK (unless TOP bounds it).
 */
export function overflows(rows: number, flagged: boolean | undefined, maxrec: number, top: number | undefined): boolean {
  return judgeOverflow({ status: flagged === true ? 'OVERFLOW' : undefined, rows, maxrec, top }).overflow;
}

/** Chunk bounds for a number of chunks (sky tiles: about twice as many RA ranges as declination bands) or a width per axis. */
function chunksFor(axes: Axis[], parts: number, size?: number): Bound[][] {
  if (size !== undefined) return combine(axes.map((a) => divideAxis(a, partsForSize(a, size))));
  if (axes.length === 1) return divideAxis(axes[0]!, parts).map((b) => [b]);
  const decParts = Math.max(1, Math.round(Math.sqrt(parts / 2)));
  return combine([divideAxis(axes[0]!, Math.ceil(parts / decParts)), divideAxis(axes[1]!, decParts)]);
}

/** Which axis of `by` is a declination (its share of the sky is not proportional to its width). */
function declinationAxis(by: PartitionBy): number | undefined {
  return by.kind === 'dec' ? 0 : by.kind === 'tiles' ? 1 : undefined;
}

const sinDeg = (d: number) => Math.sin((Math.max(-90, Math.min(90, d)) * Math.PI) / 180);

/**
 * The share of the partitioned range that chunk `bounds` covers: by width for ids and RA, by solid
 * angle for declinations (a band's area is proportional to sin(hi) - sin(lo): the band at the
 * equator holds about 115 times the sky of the one at the pole in a 1-degree split).
 */
export function fractionOf(bounds: Bound[], axes: Axis[], by: PartitionBy): number {
  const dec = declinationAxis(by);
  return bounds.reduce((f, b, i) => {
    const axis = axes[i]!;
    if (i === dec) {
      const whole = sinDeg(Number(axis.hi)) - sinDeg(Number(axis.lo));
      return f * ((sinDeg(Number(b.hi)) - sinDeg(Number(b.lo))) / Math.max(whole, Number.MIN_VALUE));
    }
    return f * (boundWidth(b) / Math.max(axisWidth(axis), Number.MIN_VALUE));
  }, 1);
}

/**
 * Total rows from samples: their rows over their share of the range (pooled), and the range of
 * totals the samples imply one by one, widened by each count's Poisson error (sqrt(n), at least 1):
 * clustered data makes samples disagree, and the plan says so instead of giving one confident number.
 */
export function estimateRows(samples: RowSample[]): { total: number; range: [number, number] } {
  const used = samples.filter((s) => s.fraction > 0);
  if (used.length === 0) return { total: 0, range: [0, 0] };
  const total = used.reduce((n, s) => n + s.rows, 0) / used.reduce((f, s) => f + s.fraction, 0);
  const lows = used.map((s) => Math.max(0, s.rows - Math.sqrt(s.rows)) / s.fraction);
  const highs = used.map((s) => (s.rows + Math.max(1, Math.sqrt(s.rows))) / s.fraction);
  return { total, range: [Math.min(total, ...lows), Math.max(total, ...highs)] };
}

/** The estimate from a plan's samples; a truncated sample only bounds the total from below. */
function sampleEstimate(sample: NonNullable<PartitionPlan['sample']>): { total: number; range: [number, number] } {
  const counted = [...(sample.truncated === true ? [] : [sample]), ...(sample.second !== undefined ? [sample.second] : [])];
  const e = estimateRows(counted.length > 0 ? counted : [sample]);
  if (sample.truncated !== true) return e;
  const atLeast = sample.rows / sample.fraction;
  return { total: Math.max(e.total, atLeast), range: [Math.max(e.range[0], atLeast), Math.max(e.range[1], atLeast)] };
}

/** The middle element: a sample from the middle of the range rather than its edge (a pole, RA 0). */
function middle<T>(list: T[]): T {
  return list[Math.floor(list.length / 2)]!;
}

/** A chunk a quarter of the way along, away from the middle one. */
function quarterWay<T>(list: T[]): T {
  return list[Math.floor(list.length / 4)]!;
}

export function chunkId(index: number): string {
  return `c${String(index + 1).padStart(4, '0')}`;
}

/** Plans a partitioned run: chunks, limits and (from a sample chunk) expected rows and time. */
export async function planPartition(service: TapService, adql: string, options: PlanOptions): Promise<PartitionPlan> {
  const { by, signal } = options;
  const query = preparePartition(adql, by);
  if (options.chunks !== undefined && options.size !== undefined) throw new PartitionPlanError('give either chunks or size, not both');
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new PartitionPlanError(`concurrency must be a positive integer, got ${concurrency}`);
  const headroom = options.headroom ?? 0.5;
  const schema = options.schema === false ? undefined : (options.schema ?? (await loadSchema(service).catch(() => undefined)));
  const axes = await resolveAxes(service, query, by, schema, signal);
  axes.forEach(checkAxis);

  const limits = await service.limits({ signal });
  const maxrec = options.maxrec ?? limits.defaultMaxrec.async ?? limits.hardMaxrec.async;
  if (maxrec === undefined) throw new PartitionPlanError(`${service.url} declares no output limit; pass maxrec (rows per chunk job)`);
  const firstBounds = chunksFor(axes, 1)[0]!;
  const duration = await durationLimit(service, chunkQuery(query, firstBounds), signal);

  const size = options.size;
  let parts = options.chunks ?? (size !== undefined ? chunksFor(axes, 1, size).length : undefined);
  let sample: PartitionPlan['sample'];
  if (options.sample !== false) {
    // As the tutorial does: a test chunk, made smaller while it hits the row limit. A quarter of it
    // runs alongside, so that a job's fixed cost can be told from the cost per range.
    let sampleParts = parts ?? 64;
    const timed = async (bounds: Bound[]) => {
      const started = performance.now();
      const result = await service.runAsync(chunkQuery(query, bounds), { maxrec, signal });
      return {
        bounds,
        rows: result.rowCount,
        overflow: result.overflow,
        ms: performance.now() - started,
        fraction: fractionOf(bounds, axes, by),
      };
    };
    for (let attempt = 0; ; attempt++) {
      // Two places: the middle chunk, and a smaller one a quarter of the way along.
      const [main, quarter] = await Promise.all([
        timed(middle(chunksFor(axes, sampleParts, size))),
        timed(quarterWay(chunksFor(axes, sampleParts * 4))),
      ]);
      if (!overflows(main.rows, main.overflow, maxrec, query.top) || parts !== undefined) {
        const span = main.fraction - quarter.fraction;
        const perFraction = span > 0 ? Math.max(0, (main.ms - quarter.ms) / span) : main.ms / main.fraction;
        sample = {
          bounds: main.bounds,
          rows: main.rows,
          ms: main.ms,
          fraction: main.fraction,
          jobOverheadMs: Math.max(0, main.ms - perFraction * main.fraction),
          ...(overflows(quarter.rows, quarter.overflow, maxrec, query.top)
            ? {}
            : { second: { bounds: quarter.bounds, rows: quarter.rows, fraction: quarter.fraction } }),
          // With the number of chunks given, a sample that filled MAXREC is kept: its count is then a lower bound.
          ...(overflows(main.rows, main.overflow, maxrec, query.top) ? { truncated: true } : {}),
        };
        break;
      }
      if (attempt === 5)
        throw new PartitionPlanError(
          `the sample chunk ${describeBounds(main.bounds)} still fills MAXREC=${maxrec}; give the number of chunks or a chunk size`,
        );
      sampleParts *= 4;
    }
  }

  let expected: PartitionPlan['expected'];
  if (sample !== undefined) {
    const estimate = sampleEstimate(sample);
    const totalRows = estimate.total;
    // Time per job = fixed cost + cost proportional to the range (fitted on the two samples).
    const overhead = sample.jobOverheadMs / 1000;
    const rangeSeconds = (sample.ms - sample.jobOverheadMs) / 1000 / sample.fraction;
    if (parts === undefined) {
      const byRows = Math.ceil(totalRows / (maxrec * headroom));
      const limit = duration.seconds ?? 0;
      const room = limit * headroom - overhead;
      if (limit > 0 && room <= 0) {
        throw new PartitionPlanError(
          `a job costs ~${overhead.toFixed(0)} s on ${service.url} however small its chunk, over ${headroom * 100}% of the ${limit} s execution limit: smaller chunks cannot help`,
        );
      }
      const byTime = limit > 0 ? Math.ceil(rangeSeconds / room) : 1;
      parts = Math.max(1, byRows, byTime);
    }
    const chunks = chunksFor(axes, parts, size).length;
    const rowsPerChunk = Math.min(totalRows / chunks, query.top ?? Infinity);
    const secondsPerChunk = overhead + rangeSeconds / chunks;
    const cap = query.top ?? Infinity;
    expected = {
      rowsPerChunk,
      secondsPerChunk,
      totalRows: Math.min(totalRows, cap),
      wallSeconds: Math.ceil(chunks / concurrency) * secondsPerChunk,
      totalRowsRange: [Math.min(estimate.range[0], cap), Math.min(estimate.range[1], cap)],
    };
  }
  if (parts === undefined) throw new PartitionPlanError('without a sample chunk, give the number of chunks or a chunk size');

  const chunks = chunksFor(axes, parts, size).map((bounds, i) => ({ id: chunkId(i), bounds, query: chunkQuery(query, bounds) }));
  const defaultDuration = duration.default;
  const needLonger =
    expected !== undefined && defaultDuration !== undefined && defaultDuration > 0 && expected.secondsPerChunk > defaultDuration * headroom;
  return {
    serviceUrl: service.url,
    query: adql,
    by,
    axes,
    chunks,
    maxrec,
    executionDuration: { seconds: duration.seconds, source: duration.source },
    jobExecutionDuration: needLonger ? duration.seconds : undefined,
    order: query.order,
    top: query.top,
    concurrency,
    sample,
    expected,
  };
}

function round(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n.toPrecision(2);
}

/** The plan as lines of text, printed before running. */
export function describePlan(plan: PartitionPlan): string {
  const axes = plan.axes.map((a) => `${a.column} (${a.type} ${a.lo}..${a.hi})`).join(' x ');
  const duration = plan.executionDuration.seconds;
  const lines = [
    `partition plan for ${plan.serviceUrl}`,
    `  by ${axes}: ${plan.chunks.length} chunk${plan.chunks.length === 1 ? '' : 's'}, ${plan.concurrency} at a time`,
    `  limits: ${plan.maxrec} rows per job (MAXREC), execution duration ${duration === undefined ? 'unknown' : duration === 0 ? 'unlimited' : `${duration} s`} (${plan.executionDuration.source})`,
  ];
  const s = plan.sample;
  if (s !== undefined) {
    lines.push(
      `  sample: ${describeBounds(s.bounds)}: ${s.truncated === true ? 'at least ' : ''}${s.rows} rows in ${(s.ms / 1000).toFixed(1)} s (${(s.jobOverheadMs / 1000).toFixed(1)} s of it per-job overhead)`,
    );
    if (s.second !== undefined) lines.push(`  second sample: ${describeBounds(s.second.bounds)}: ${s.second.rows} rows`);
  }
  if (plan.expected !== undefined) {
    const e = plan.expected;
    const range =
      e.totalRowsRange === undefined ? '' : ` (the samples alone imply ${round(e.totalRowsRange[0])} to ${round(e.totalRowsRange[1])})`;
    lines.push(
      `  expected: ~${round(e.rowsPerChunk)} rows and ~${e.secondsPerChunk.toFixed(1)} s per chunk; ~${round(e.totalRows)} rows${range} in ~${e.wallSeconds.toFixed(1)} s`,
    );
  }
  if (plan.order.length > 0) lines.push(`  ORDER BY${plan.top === undefined ? '' : ` and TOP ${plan.top}`} re-applied when merging`);
  if (plan.jobExecutionDuration !== undefined) lines.push(`  each job asks for EXECUTIONDURATION=${plan.jobExecutionDuration} s`);
  return lines.join('\n');
}
