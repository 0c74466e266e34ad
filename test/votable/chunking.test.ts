/**
 * Chunk boundaries anywhere: every own fixture read from random-size chunks (deterministic seed)
 * gives the same document as the whole buffer, in materialised and streamed form.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVOTable, streamVOTable, VOTableError } from '../../src/votable/index.js';
import { ownFixtures, plain, walk } from './helpers.js';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function* randomChunks(bytes: Uint8Array, seed: number): AsyncGenerator<Uint8Array> {
  const r = prng(seed);
  for (let i = 0; i < bytes.length;) {
    const n = 1 + Math.floor(r() ** 3 * 600);
    yield bytes.slice(i, i + n);
    i += n;
  }
}

async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    return await p;
  } catch (e) {
    return e instanceof VOTableError ? { error: e.code, row: e.row, column: e.column } : e;
  }
}

const files = walk(ownFixtures).filter((f) => f.endsWith('.vot'));

describe('random chunk boundaries', () => {
  for (const file of files) {
    it(path.relative(ownFixtures, file), async () => {
      const bytes = fs.readFileSync(file);
      const summary = (d: unknown) => {
        const doc = d as Awaited<ReturnType<typeof readVOTable>>;
        return doc.tables ? { status: doc.status, overflow: doc.overflow, tables: doc.tables.map((t) => plain(t.rowArrays())) } : d;
      };
      const whole = summary(await outcome(readVOTable(bytes, { xtypes: 'raw' })));
      for (const seed of [1, 2, 3]) {
        expect(summary(await outcome(readVOTable(randomChunks(bytes, seed), { xtypes: 'raw' }))), `seed ${seed}`).toEqual(whole);
      }
      if (!(whole as { tables?: unknown }).tables) return;
      const streamed: unknown[][] = [];
      for await (const ev of streamVOTable(randomChunks(bytes, 9), { batchSize: 2, xtypes: 'raw' })) {
        if (ev.type === 'rows') (streamed[ev.tableIndex] ??= []).push(...(plain(ev.rows.rowArrays()) as unknown[]));
      }
      const expectedTables = (whole as { tables: unknown[][] }).tables;
      expectedTables.forEach((rows, i) => {
        if (rows.length) expect(streamed[i]).toEqual(rows);
      });
    });
  }
});
