/** Helpers shared by the engine tests: CSV parsing and TAP sync calls. */

/** RFC 4180 CSV (CRLF or LF) into rows of strings; an empty unquoted field is null. */
export function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted CSV field');
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      row.push(value);
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') end++;
      const raw = text.slice(i, end);
      row.push(raw === '' ? null : raw);
      i = end;
    }
    if (text[i] === ',') {
      i++;
      if (i >= text.length) row.push(null);
    } else {
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

/** Runs a sync query in CSV; throws with the service's message on an error document. */
export async function syncCsv(base: string, query: string, maxrec = 1_000_000): Promise<{ header: string[]; rows: (string | null)[][] }> {
  const body = new URLSearchParams({ REQUEST: 'doQuery', LANG: 'ADQL', QUERY: query, RESPONSEFORMAT: 'csv', MAXREC: String(maxrec) });
  const res = await fetch(`${base}/sync`, { method: 'POST', body, signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  if (text.includes('QUERY_STATUS') && text.includes('ERROR')) {
    const message = /value="ERROR"[^>]*>([\s\S]*?)<\/INFO>/.exec(text)?.[1] ?? text.slice(0, 300);
    throw new Error(`${base}: ${message}`);
  }
  const [header, ...rows] = parseCsv(text);
  return { header: (header ?? []).map(String), rows };
}
