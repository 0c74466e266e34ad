/**
 * Arguments such as "-2.4" or "-02:12:00" are values (a negative declination), never options: no
 * option of `adql` is a digit. node:util's parseArgs would read them as options ("Unknown option
 * '-2'"), so they are swapped for placeholders before parsing and put back afterwards.
 */
const NEGATIVE_NUMBER = /^-(?:\d|\.\d)/;
const PLACEHOLDER = '\u0000adqlkit-negative:';

export interface ShieldedArgs {
  args: string[];
  /** The original text of an argument (a placeholder back to its negative number). */
  restore(arg: string): string;
}

export function shieldNegativeNumbers(args: string[]): ShieldedArgs {
  const originals: string[] = [];
  const shielded = args.map((arg) => {
    if (!NEGATIVE_NUMBER.test(arg)) return arg;
    originals.push(arg);
    return `${PLACEHOLDER}${originals.length - 1}`;
  });
  return {
    args: shielded,
    restore: (arg) => (arg.startsWith(PLACEHOLDER) ? originals[Number(arg.slice(PLACEHOLDER.length))]! : arg),
  };
}

/** Puts the negative numbers back into parsed option values. */
export function restoreValues<V extends Record<string, unknown>>(values: V, restore: (arg: string) => string): V {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    out[k] = typeof v === 'string' ? restore(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? restore(x) : x)) : v;
  }
  return out as V;
}
