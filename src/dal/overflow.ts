/**
 * Overflow judgement: was the result truncated by MAXREC (or the service's default limit)?
 * Combines the QUERY_STATUS the service reports (the last one wins: DaCHS puts OK before the
 * TABLE and OVERFLOW after it) with the MAXREC and TOP the caller asked for. The query text is
 * only read, never rewritten.
 */

export interface OverflowInput {
  /** Final QUERY_STATUS value from the result ('OK', 'OVERFLOW', undefined when absent). */
  status: string | undefined;
  /** Rows the service sent. */
  rows: number;
  /** MAXREC sent with the request, if any. */
  maxrec?: number | undefined;
  /** The TOP of the outermost SELECT, if any. */
  top?: number | undefined;
  /** The service's default output limit, used when no MAXREC was sent and no status is given. */
  defaultLimit?: number | undefined;
  /**
   * Whether a QUERY_STATUS follows the results table (undefined: not known). A status OK that only
   * precedes the table (written before the rows were counted) does not prove the result complete.
   */
  statusAfterTable?: boolean | undefined;
}

export interface OverflowVerdict {
  /** True when rows the query selects are (or may be) missing from the result. */
  overflow: boolean;
  /** False when the truncation cannot be proven (e.g. exactly MAXREC rows and OVERFLOW). */
  certain: boolean;
  /** Rows to hand to the caller: never more than MAXREC (DaCHS sends MAXREC+1 when TOP > MAXREC). */
  keepRows: number;
  /** A sentence saying why, for messages and logs. */
  reason: string;
}

/** The TOP of the outermost SELECT (ignoring strings, comments and subqueries), if there is one. */
export function findTop(adql: string): number | undefined {
  const src = adql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  let depth = 0;
  const tops: Array<number | undefined> = [];
  const re = /[()]|\bSELECT\b(\s+(?:ALL|DISTINCT)\b)?\s*(?:\bTOP\s+(\d+))?/gi;
  for (let m = re.exec(src); m !== null; m = re.exec(src)) {
    if (m[0] === '(') depth++;
    else if (m[0] === ')') depth--;
    else if (depth === 0) tops.push(m[2] === undefined ? undefined : Number(m[2]));
  }
  // A set operation (UNION...) of several SELECTs: no single TOP limits the whole result.
  return tops.length === 1 ? tops[0] : undefined;
}

export function judgeOverflow(input: OverflowInput): OverflowVerdict {
  const { rows, maxrec, top } = input;
  const status = input.status?.toUpperCase();
  const keep = maxrec !== undefined && rows > maxrec ? maxrec : rows;
  if (status === 'OVERFLOW') {
    if (maxrec !== undefined && rows > maxrec) {
      return {
        overflow: true,
        certain: true,
        keepRows: keep,
        reason: `the service reported OVERFLOW and sent ${rows} rows for MAXREC=${maxrec}; the result was cut to ${maxrec} rows`,
      };
    }
    if (top !== undefined && rows <= top && (maxrec === undefined || top <= maxrec)) {
      return {
        overflow: false,
        certain: true,
        keepRows: keep,
        reason: `the service reported OVERFLOW, but the query's TOP ${top} (not MAXREC) limits the result`,
      };
    }
    const limit = maxrec === undefined ? 'its default limit' : `MAXREC=${maxrec}`;
    if (top !== undefined && maxrec !== undefined && top > maxrec) {
      return {
        overflow: true,
        certain: true,
        keepRows: keep,
        reason: `TOP ${top} exceeds ${limit}; the service truncated the result at ${rows} rows`,
      };
    }
    const exact = maxrec !== undefined && rows === maxrec;
    return {
      overflow: true,
      certain: !exact,
      keepRows: keep,
      reason: exact
        ? `the service reported OVERFLOW at exactly MAXREC=${maxrec} rows: more rows may exist (raise MAXREC or add TOP to be sure)`
        : `the service reported OVERFLOW: the result was truncated at ${rows} rows by ${limit}`,
    };
  }
  const limit = maxrec ?? input.defaultLimit;
  const reachedLimit = limit !== undefined && rows >= limit && !(top !== undefined && top <= limit);
  if (status === 'OK' && input.statusAfterTable === false && reachedLimit) {
    return {
      overflow: true,
      certain: false,
      keepRows: keep,
      reason: `the only QUERY_STATUS (OK) comes before the table and ${rows} rows reached the limit of ${limit}, with no status after the table: the result is possibly truncated`,
    };
  }
  if (status === 'OK' || status === 'ERROR') {
    return { overflow: false, certain: true, keepRows: keep, reason: 'the service reported the result complete' };
  }
  // No QUERY_STATUS: judge from the row count alone.
  if (reachedLimit) {
    return {
      overflow: true,
      certain: rows > limit,
      keepRows: keep,
      reason: `no QUERY_STATUS in the result and ${rows} rows reached the limit of ${limit}: the result is probably truncated`,
    };
  }
  return { overflow: false, certain: false, keepRows: keep, reason: 'no QUERY_STATUS in the result; row count below the limit' };
}
