/** Cells in a form toEqual (and JSON) compare exactly; no imports, so a browser test page can use it too. */

/** A cell in a form toEqual compares exactly: typed arrays as arrays, bigints as strings, Dates as ISO text. */
export function comparable(v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return v.toISOString();
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>, comparable);
  if (Array.isArray(v)) return v.map(comparable);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, comparable(x)]));
  return v;
}
