/** Did-you-mean: the names closest to a misspelt one, by case-insensitive edit distance. */

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), compared
 * case-insensitively; stops early and returns `limit + 1` once the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  return foldedDistance(a.toLowerCase(), b.toLowerCase(), limit);
}

// Three DP rows reused across calls: did-you-mean runs over every table of a 10,000-table schema on
// each keystroke of a half-typed name, where allocating rows per candidate dominated.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** editDistance of names already folded to lower case; only the band |i - j| <= limit is computed. */
function foldedDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > limit) return limit + 1;
  const band = Math.min(limit, Math.max(m, n));
  const far = band + 1; // stands for every distance beyond the band
  if (rows[0]!.length < n + 2) rows = [new Int32Array(n + 2), new Int32Array(n + 2), new Int32Array(n + 2)];
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= Math.min(n, band); j++) prev[j] = j;
  if (band < n) prev[band + 1] = far;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(n, i + band);
    cur[lo - 1] = lo === 1 ? i : far;
    let rowMin = cur[lo - 1]!;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) cur[hi + 1] = far;
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n]!, limit + 1);
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
    if (lower.length < 3 && Math.abs(l.length - lower.length) > limit) continue;
    const ll = l.toLowerCase();
    let d = foldedDistance(lower, ll, limit);
    if (d > limit && lower.length >= 3 && (ll.includes(lower) || (ll.length >= 3 && lower.includes(ll)))) d = limit + 0.5;
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
