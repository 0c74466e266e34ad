/** Small VOTable results for plot tests, written and read back through adqlkit's own VOTable code. */
import { readVOTable, writeVOTable, type VOTableColumnSpec, type VOTableTable } from '../../src/votable/index.js';

export async function tableOf(
  columns: VOTableColumnSpec[],
  rows: unknown[][],
  encoding: 'tabledata' | 'binary2' = 'binary2',
): Promise<VOTableTable> {
  const xml = writeVOTable({ columns, rows }, { encoding });
  const doc = await readVOTable(xml);
  return doc.tables[0]!;
}

/** Deterministic pseudo-random numbers (no seed dependency on Math.random). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
