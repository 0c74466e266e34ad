/** Merging run directories and planning refusals, on local files: no service needed. */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVOTable, writeVOTable, type VOTableColumnSpec } from '../../src/votable/index.js';
import { TapService } from '../../src/tap/index.js';
import {
  describePlan,
  mergePartition,
  mergePartitionToFile,
  planPartition,
  PartitionMergeError,
  PartitionPlanError,
  PartitionRunDirError,
  type PartitionPlan,
} from '../../src/partition/index.js';
import { chunkFile, writeManifest, type ChunkRecord, type RunManifest } from '../../src/partition/run-dir.js';
import type { OrderKey } from '../../src/partition/rewrite.js';

const COLUMNS: VOTableColumnSpec[] = [
  { name: 'id', datatype: 'long', ucd: 'meta.id' },
  { name: 'mag', datatype: 'float', unit: 'mag' },
  { name: 'name', datatype: 'unicodeChar', arraysize: '*' },
];

function plan(order: OrderKey[] = [], top?: number): PartitionPlan {
  return {
    serviceUrl: 'http://example.org/tap',
    query: 'SELECT id, mag, name FROM t',
    by: { kind: 'range', column: 'id' },
    axes: [{ column: 'id', type: 'integer', lo: '1', hi: '6' }],
    chunks: [],
    maxrec: 1000,
    executionDuration: { seconds: 1200, source: 'probe' },
    jobExecutionDuration: undefined,
    order,
    top,
    concurrency: 5,
    sample: {
      bounds: [{ column: 'id', type: 'integer', lo: '1', hi: '4', hiInclusive: false }],
      rows: 3,
      ms: 1500,
      fraction: 0.5,
      jobOverheadMs: 1000,
    },
    expected: { rowsPerChunk: 3, secondsPerChunk: 1.5, totalRows: 6, wallSeconds: 1.5 },
  };
}

/** A finished run directory with two chunks (ids 1-3 and 4-6), optionally with a chunk not done. */
async function runDir(
  options: { order?: OrderKey[]; top?: number; columnsOfSecond?: typeof COLUMNS; unfinished?: boolean } = {},
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'adqlkit-merge-'));
  await mkdir(path.join(dir, 'chunks'));
  const chunks: ChunkRecord[] = [];
  const data: Array<[number, number | null, string][]> = [
    [
      [1, 15.5, 'a'],
      [2, null, 'b, "quoted"'],
      [3, 12.25, 'é'],
    ],
    [
      [4, 14, 'd'],
      [5, 16.75, 'e'],
      [6, 12.25, 'f'],
    ],
  ];
  for (const [i, rows] of data.entries()) {
    const id = `c000${i + 1}`;
    const columns = i === 1 && options.columnsOfSecond ? options.columnsOfSecond : COLUMNS;
    await writeFile(
      path.join(dir, chunkFile(id)),
      writeVOTable({ name: 't', columns, rows: rows.map(([a, b, c]) => [BigInt(a), b, c]) }, { encoding: 'binary2' }),
    );
    const done = !(options.unfinished && i === 1);
    chunks.push({
      id,
      bounds: [],
      query: '',
      status: done ? 'done' : 'running',
      attempts: 1,
      rows: 3,
      ...(done ? { file: chunkFile(id) } : {}),
    });
  }
  const { chunks: _, ...rest } = plan(options.order, options.top);
  const manifest: RunManifest = {
    format: 'adqlkit-partition-run',
    version: 1,
    plan: rest,
    minWidths: [1],
    createdAt: '',
    updatedAt: '',
    chunks,
  };
  await writeManifest(dir, manifest);
  return dir;
}

describe('merging a run directory', () => {
  it('concatenates chunks in range order, keeping columns, types and metadata', async () => {
    const merged = await mergePartition(await runDir());
    expect(merged.rowCount).toBe(6);
    expect(merged.columns.map((c) => [c.name, c.datatype, c.unit, c.ucd])).toEqual([
      ['id', 'long', undefined, 'meta.id'],
      ['mag', 'float', 'mag', undefined],
      ['name', 'unicodeChar', undefined, undefined],
    ]);
    expect([...merged.rowArrays()].map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(merged.row(1)).toEqual({ id: 2n, mag: null, name: 'b, "quoted"' });
  });

  it('re-applies ORDER BY (NULLs last ascending, ties in chunk order) and TOP', async () => {
    const merged = await mergePartition(
      await runDir({
        order: [
          { name: 'mag', descending: false },
          { position: 1, descending: true },
        ],
        top: 4,
      }),
    );
    expect([...merged.rowArrays()].map((r) => Number(r[0]))).toEqual([6, 3, 4, 1]);
    const desc = await mergePartition(await runDir({ order: [{ name: 'MAG', descending: true }] }));
    expect([...desc.rowArrays()].map((r) => Number(r[0]))).toEqual([2, 5, 1, 4, 3, 6]);
  });

  it('streams to CSV and VOTable files that read back the same', async () => {
    const dir = await runDir();
    const csv = await mergePartitionToFile(dir, path.join(dir, 'm.csv'), 'csv');
    expect(csv.rows).toBe(6);
    expect(await readFile(csv.path, 'utf8')).toBe(
      'id,mag,name\r\n1,15.5,a\r\n2,,"b, ""quoted"""\r\n3,12.25,é\r\n4,14,d\r\n5,16.75,e\r\n6,12.25,f\r\n',
    );
    const vot = await mergePartitionToFile(dir, path.join(dir, 'm.vot'), 'votable');
    const doc = await readVOTable(await readFile(vot.path));
    expect(doc.status).toBe('OK');
    expect(doc.infos.find((i) => i.name === 'query')?.value).toBe('SELECT id, mag, name FROM t');
    expect(doc.tables[0]!.nrows).toBe(6);
    expect(doc.tables[0]!.columns.map((c) => [c.name, c.datatype, c.ucd, c.unit])).toEqual(
      COLUMNS.map((c) => [c.name, c.datatype, c.ucd, c.unit]),
    );
    expect(doc.tables[0]!.rowArrays()).toEqual([...(await mergePartition(dir)).rowArrays()]);
  });

  it('refuses chunks with different columns, and runs with chunks not done', async () => {
    const other: VOTableColumnSpec[] = [COLUMNS[0]!, { name: 'mag', datatype: 'double' }, COLUMNS[2]!];
    await expect(mergePartition(await runDir({ columnsOfSecond: other }))).rejects.toThrow(PartitionMergeError);
    await expect(mergePartition(await runDir({ columnsOfSecond: other }))).rejects.toThrow(
      /chunk c0002 has columns \(id long, mag double, name unicodeChar\[\*\]\)/,
    );
    await expect(mergePartition(await runDir({ unfinished: true }))).rejects.toThrow(PartitionRunDirError);
    await expect(mergePartition(await runDir({ unfinished: true }))).rejects.toThrow(
      /1 chunk\(s\) not done \(c0002 running\); resume the run before merging/,
    );
    await expect(mergePartition(await runDir({ order: [{ name: 'ra', descending: false }] }))).rejects.toThrow(
      /ORDER BY ra is not a column of the chunk results/,
    );
  });
});

describe('planning', () => {
  // Nothing listens here: every refusal below must come before any request.
  const offline = new TapService('http://127.0.0.1:9/tap');
  it('refuses invalid partitions before asking the service', async () => {
    const by = { kind: 'range' as const, column: 'id' };
    await expect(planPartition(offline, 'SELECT TOP 3 id FROM t', { by })).rejects.toThrow(/TOP 3 without ORDER BY/);
    await expect(planPartition(offline, 'SELECT SUM(x) FROM t', { by })).rejects.toThrow(PartitionPlanError);
    await expect(planPartition(offline, 'SELECT id FROM t', { by, chunks: 2, size: 10 })).rejects.toThrow(/either chunks or size/);
    await expect(planPartition(offline, 'SELECT id FROM t', { by, concurrency: 0 })).rejects.toThrow(
      /concurrency must be a positive integer/,
    );
  });

  it('describes a plan: chunks, limits, sample, expected rows and time', () => {
    const p = {
      ...plan([{ name: 'mag', descending: true }], 10),
      chunks: [
        { id: 'c0001', bounds: [], query: '' },
        { id: 'c0002', bounds: [], query: '' },
      ],
    };
    expect(describePlan(p)).toBe(
      [
        'partition plan for http://example.org/tap',
        '  by id (integer 1..6): 2 chunks, 5 at a time',
        '  limits: 1000 rows per job (MAXREC), execution duration 1200 s (probe)',
        '  sample: 1 <= id < 4: 3 rows in 1.5 s (1.0 s of it per-job overhead)',
        '  expected: ~3.0 rows and ~1.5 s per chunk; ~6.0 rows in ~1.5 s',
        '  ORDER BY and TOP 10 re-applied when merging',
      ].join('\n'),
    );
  });
});
