/**
 * Fuzzing parse(): 100 000 random and mutated inputs (seeded, so failures reproduce). None may
 * throw or hang; every error range lies inside the input; every input without errors prints and
 * parses back to the same tree.
 */
import { describe, expect, it } from 'vitest';
import { parse, print, stripPositions } from '../../src/adql/index.js';
import { loadLyonetia, loadSeedQueries } from './corpus.js';
import { seeded } from '../support/seeded.js';

const TOTAL = 100_000;

const VOCABULARY = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'BY',
  'HAVING',
  'ORDER',
  'ASC',
  'DESC',
  'TOP',
  'OFFSET',
  'DISTINCT',
  'ALL',
  'AS',
  'JOIN',
  'NATURAL',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'OUTER',
  'ON',
  'USING',
  'AND',
  'OR',
  'NOT',
  'BETWEEN',
  'LIKE',
  'ILIKE',
  'IN',
  'EXISTS',
  'IS',
  'NULL',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'WITH',
  'CAST',
  'DOUBLE',
  'PRECISION',
  'CHAR',
  'VARCHAR',
  'INTEGER',
  'COUNT',
  'AVG',
  'ABS',
  'ROUND',
  'POINT',
  'CIRCLE',
  'BOX',
  'POLYGON',
  'REGION',
  'CONTAINS',
  'DISTANCE',
  'COORD1',
  'COALESCE',
  'IN_UNIT',
  'LOWER',
  'value',
  'size',
  'a',
  'b',
  't',
  'ra',
  'dec',
  'ivo_f',
  '"Quoted ""x"""',
  "'str'",
  "'it''s'",
  '1',
  '2.5',
  '.5',
  '1e-3',
  '0x1F',
  '(',
  ')',
  '(',
  ')',
  ',',
  ',',
  '.',
  '*',
  '+',
  '-',
  '/',
  '||',
  '=',
  '<>',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  ';',
  '&',
  '|',
  '~',
  '^',
  '--c\n',
  '\n',
  "'",
  '"',
  '_x',
  '#',
];

function corpus(): string[] {
  const lyonetia = loadLyonetia()?.map((c) => c.query) ?? [];
  const seeds = loadSeedQueries()?.map((s) => s.query) ?? [];
  const own = [
    'SELECT TOP 10 a, b AS c FROM s.t AS x JOIN u USING (id) WHERE a BETWEEN 1 AND 2 OR b IN (1, 2) ORDER BY a DESC OFFSET 3',
    "WITH w AS (SELECT ra FROM t) SELECT COUNT(*) FROM w WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE(1, 2, 3))",
    "SELECT CAST(a AS VARCHAR(3)), COALESCE(a, 'x') || 'y' FROM t UNION ALL SELECT b, c FROM u",
  ];
  return [...lyonetia, ...seeds, ...own];
}

function mutate(text: string, r: () => number): string {
  let s = text;
  const steps = 1 + Math.floor(r() * 3);
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(r() * (s.length + 1));
    const len = Math.floor(r() * 12);
    switch (Math.floor(r() * 6)) {
      case 0: // delete
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 1: // insert a token
        s = `${s.slice(0, at)} ${VOCABULARY[Math.floor(r() * VOCABULARY.length)]} ${s.slice(at)}`;
        break;
      case 2: // duplicate a slice
        s = s.slice(0, at) + s.slice(at, at + len * 3) + s.slice(at);
        break;
      case 3: // truncate
        s = s.slice(0, at);
        break;
      case 4: // replace a character
        s = s.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x250)) + s.slice(at + 1);
        break;
      default: // move a slice
        s = s.slice(0, at) + s.slice(at + len) + s.slice(at, at + len);
    }
  }
  return s;
}

function tokenSoup(r: () => number): string {
  const n = 1 + Math.floor(r() * 40);
  const parts: string[] = r() < 0.7 ? ['SELECT'] : [];
  for (let i = 0; i < n; i++) parts.push(VOCABULARY[Math.floor(r() * VOCABULARY.length)]!);
  return parts.join(r() < 0.8 ? ' ' : '');
}

function charSoup(r: () => number): string {
  const n = Math.floor(r() * 60);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(r() < 0.9 ? 32 + Math.floor(r() * 95) : Math.floor(r() * 0xffff));
  return s;
}

describe('fuzz', () => {
  it(`never throws, hangs or reports ranges outside the input (${TOTAL} inputs)`, { timeout: 600_000 }, () => {
    const r = seeded(20240521);
    const base = corpus();
    let valid = 0;
    let slowest = 0;
    let slowestText = '';
    const started = performance.now();
    for (let i = 0; i < TOTAL; i++) {
      const kind = r();
      const text = kind < 0.6 ? mutate(base[Math.floor(r() * base.length)]!, r) : kind < 0.85 ? tokenSoup(r) : charSoup(r);
      const recover = i % 5 === 0;
      const t0 = performance.now();
      let result: ReturnType<typeof parse>;
      try {
        result = parse(text, { recover });
      } catch (e) {
        throw new Error(`parse threw on input #${i} ${JSON.stringify(text)}: ${(e as Error).stack}`);
      }
      const took = performance.now() - t0;
      if (took > slowest) {
        slowest = took;
        slowestText = text;
      }
      for (const e of result.errors) {
        const { start, end } = e.range;
        const inside = start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length && start.line >= 1 && start.column >= 1;
        if (!inside) throw new Error(`range outside input #${i} ${JSON.stringify(text)}: ${JSON.stringify(e.range)} ${e.message}`);
        if (typeof e.message !== 'string' || e.message.length === 0) throw new Error(`empty message on input #${i}`);
      }
      if (result.errors.length === 0) {
        valid++;
        if (result.ast === null) throw new Error(`no errors but no tree for input #${i} ${JSON.stringify(text)}`);
        const printed = print(result.ast);
        const again = parse(printed);
        if (again.errors.length > 0 || JSON.stringify(stripPositions(again.ast!)) !== JSON.stringify(stripPositions(result.ast))) {
          throw new Error(
            `round trip failed for input #${i} ${JSON.stringify(text)} printed as ${JSON.stringify(printed)}: ${again.errors.map(String).join('; ')}`,
          );
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${TOTAL} inputs in ${seconds.toFixed(1)} s, ${valid} valid (round-tripped), slowest parse ${slowest.toFixed(1)} ms (${JSON.stringify(slowestText.slice(0, 200))})`,
    );
    expect(slowest).toBeLessThan(2000);
    expect(valid).toBeGreaterThan(100);
  });
});
