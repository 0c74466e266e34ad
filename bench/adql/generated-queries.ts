/**
 * Large generated queries of the kinds tools write (long IN lists, big polygons, long computed
 * expressions), for the parser's cost per byte from 10 KB to 1 MB. Deterministic, so adqlkit and
 * vollt parse the same texts and runs compare across days.
 */
export interface GeneratedQuery {
  shape: 'IN list' | 'POLYGON' | 'nested expressions';
  /** The size asked for, in characters; the text is at most one element longer. */
  size: number;
  text: string;
}

export const GENERATED_SIZES = [10_000, 100_000, 1_000_000] as const;

/** Joins elements made by `element(i)` with `separator` until the list reaches `bytes` characters. */
function listOf(bytes: number, separator: string, element: (i: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const v = element(i);
    parts.push(v);
    size += v.length + separator.length;
  }
  return parts.join(separator);
}

export function inListQuery(bytes: number): string {
  return `SELECT * FROM t WHERE id IN (${listOf(bytes, ', ', (i) => String(100000 + i))})`;
}

export function polygonQuery(bytes: number): string {
  const vertices = listOf(bytes, ', ', (i) => `${(i % 360) + 0.123456}, ${((i * 7) % 180) - 89.5}`);
  return `SELECT * FROM t WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), POLYGON('ICRS', ${vertices}))`;
}

/** Many terms of bounded depth: ((a1 + 1) * (b1 - 2.5) / (c1 + ABS(d1 - (e1 * 3)))) + ... */
export function nestedExpressionQuery(bytes: number): string {
  const terms = listOf(bytes, ' + ', (i) => `((a${i} + ${i}) * (b${i} - 2.5) / (c${i} + ABS(d${i} - (e${i} * 3))))`);
  return `SELECT ${terms} AS x FROM t`;
}

export function generatedQueries(): GeneratedQuery[] {
  const shapes = [
    ['IN list', inListQuery],
    ['POLYGON', polygonQuery],
    ['nested expressions', nestedExpressionQuery],
  ] as const;
  return shapes.flatMap(([shape, make]) => GENERATED_SIZES.map((size) => ({ shape, size, text: make(size) })));
}
