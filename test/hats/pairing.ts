/**
 * The brute-force cross-match the HATS cross-match tests compare with: every pair of rows within r
 * degrees by `separation` (corpus.ts, plain JavaScript). Pairs within 1e-9 degrees of r are listed as
 * ambiguous instead (rounding may put them on either side), for the tests to leave out on both sides.
 */
import { type Row, separation } from './corpus.js';

export function pairing(a: Row[], b: Row[], r: number, keep: (x: Row, y: Row) => boolean = () => true) {
  const pairs: Array<[Row, Row]> = [];
  const ambiguous = new Set<string>();
  for (const x of a)
    for (const y of b) {
      const d = separation(x.ra, x.dec, y.ra, y.dec);
      if (Math.abs(d - r) < 1e-9) ambiguous.add(`${x.id}-${y.id}`);
      else if (d < r && keep(x, y)) pairs.push([x, y]);
    }
  return { pairs, ambiguous, keys: pairs.map(([x, y]) => `${x.id}-${y.id}`).sort() };
}
