/** Did-you-mean: the names closest to a misspelt one, by case-insensitive edit distance. */

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), compared
 * case-insensitively; stops early and returns `limit + 1` once the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** Largest distance still worth suggesting for a name of this length. */
export function suggestionLimit(name: string): number {
  return name.length <= 3 ? 1 : name.length <= 6 ? 2 : 3;
}

/**
 * The candidates closest to `name` (best first, at most `max`), within the distance limit.
 * Candidates that contain the name or are contained in it (`mag` vs `bmag`) also qualify.
 */
export function closestNames<T>(name: string, candidates: Iterable<T>, label: (c: T) => string, max = 3): T[] {
  const limit = suggestionLimit(name);
  const lower = name.toLowerCase();
  const scored: { c: T; d: number; l: string }[] = [];
  for (const c of candidates) {
    const l = label(c);
    let d = editDistance(name, l, limit);
    if (d > limit && lower.length >= 3) {
      const ll = l.toLowerCase();
      if (ll.includes(lower) || (ll.length >= 3 && lower.includes(ll))) d = limit + 0.5;
    }
    if (d <= limit + 0.5) scored.push({ c, d, l });
  }
  scored.sort((x, y) => x.d - y.d || x.l.length - y.l.length || (x.l < y.l ? -1 : x.l > y.l ? 1 : 0));
  const out: T[] = [];
  const seen = new Set<string>();
  for (const s of scored) {
    if (seen.has(s.l)) continue;
    seen.add(s.l);
    out.push(s.c);
    if (out.length >= max) break;
  }
  return out;
}
