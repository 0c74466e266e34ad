/**
 * One measured step of the HATS benchmark, run in its own process by bench/hats/run.ts so that the
 * process's peak RSS (GNU time) belongs to that step alone. Prints one JSON line: wall and CPU time
 * (user + system of every thread, DuckDB's included) and the bytes read (rchar: read calls, page
 * cache hits included) of the timed part, and the answer.
 *
 * Usage: npx tsx bench/hats/step.ts cone-cold|cone-warm|histogram HATS_DIR
 *        npx tsx bench/hats/step.ts join|partitions|partitions-nomargin LEFT_HATS RIGHT_HATS
 *        npx tsx bench/hats/step.ts flat-cone|flat-histogram SKY.parquet
 *        npx tsx bench/hats/step.ts flat-join SKY.parquet NEAR.parquet
 *        npx tsx bench/hats/step.ts import SKY.parquet OUT_DIR   (importHats at 100,000 rows per partition; OUT_DIR removed after)
 */
import { readFileSync, rmSync } from 'node:fs';
import { LocalEngine, crossmatchHats, importHats } from '../../src/engine/index.js';
import { CONE, HISTOGRAM, XMATCH } from './queries.js';

export interface StepResult {
  ms: number;
  cpuMs: number;
  rcharBytes: number;
  answer: string;
  /** Partition files a query's SQL names (cone). */
  files?: string[];
  /** Seconds to load the flat table into DuckDB memory (untimed part of flat steps). */
  loadS?: number;
  notes?: string[];
}

function rchar(): number {
  const m = /^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function measure(fn: () => Promise<{ answer: string; files?: string[]; notes?: string[] }>): Promise<StepResult> {
  const io0 = rchar();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, rcharBytes: rchar() - io0, ...r };
}

const first = (rows: unknown[][]) => String(rows[0]![0]);
const histogramAnswer = (rows: unknown[][]) => rows.map((r) => `${r[0]}:${r[1]}`).join(' ');
const filesOf = (sql: string) => [...sql.matchAll(/'([^']+\.parquet)'/g)].map((m) => m[1]!);

async function hatsEngine(t: string, u?: string): Promise<LocalEngine> {
  return LocalEngine.create({ hats: [{ name: 'T', location: t }, ...(u ? [{ name: 'U', location: u }] : [])] });
}

async function flatEngine(sky: string, near?: string): Promise<{ engine: LocalEngine; loadS: number }> {
  const t0 = performance.now();
  const engine = await LocalEngine.create();
  await engine.load({ name: 'T', file: sky });
  if (near) await engine.load({ name: 'U', file: near });
  return { engine, loadS: (performance.now() - t0) / 1000 };
}

async function step(name: string, a: string, b?: string): Promise<StepResult> {
  switch (name) {
    case 'cone-cold':
      // A new engine: the catalogue opened and described, then the first query (OS page cache warm).
      return measure(async () => {
        const e = await hatsEngine(a);
        const r = await e.query(CONE);
        await e.close();
        return { answer: first(r.rows), files: filesOf(r.sql) };
      });
    case 'cone-warm': {
      const e = await hatsEngine(a);
      await e.query(CONE);
      const r = await measure(async () => ({ answer: first((await e.query(CONE)).rows) }));
      await e.close();
      return r;
    }
    case 'histogram': {
      const e = await hatsEngine(a);
      const r = await measure(async () => ({ answer: histogramAnswer((await e.query(HISTOGRAM)).rows) }));
      await e.close();
      return r;
    }
    case 'join': {
      const e = await hatsEngine(a, b);
      const r = await measure(async () => ({ answer: first((await e.query(XMATCH)).rows) }));
      await e.close();
      return r;
    }
    case 'partitions':
    case 'partitions-nomargin':
      return measure(async () => {
        let pairs = 0;
        const r = await crossmatchHats({
          left: a,
          right: b!,
          radiusArcsec: 1,
          ...(name === 'partitions-nomargin' ? { rightMargin: false as const } : {}),
          onRows: (rows) => (pairs += rows.length),
        });
        return { answer: String(pairs), notes: [...r.notes, ...(r.margin ? [`margin ${r.margin}`] : [])] };
      });
    case 'flat-cone':
    case 'flat-histogram':
    case 'flat-join': {
      const { engine, loadS } = await flatEngine(a, name === 'flat-join' ? b : undefined);
      const adql = name === 'flat-cone' ? CONE : name === 'flat-histogram' ? HISTOGRAM : XMATCH;
      const r = await measure(async () => {
        const rows = (await engine.query(adql)).rows;
        return { answer: name === 'flat-histogram' ? histogramAnswer(rows) : first(rows) };
      });
      await engine.close();
      return { ...r, loadS };
    }
    case 'import':
      try {
        return await measure(async () => {
          const r = await importHats({ input: a, output: b!, ra: 'ra', dec: 'dec', maxRows: 100_000 });
          return { answer: `${r.rows} rows in ${r.partitions.length} partitions` };
        });
      } finally {
        rmSync(b!, { recursive: true, force: true });
      }
    default:
      throw new Error(`unknown step ${name}: see the usage at the top of bench/hats/step.ts`);
  }
}

const [name, a, b] = process.argv.slice(2);
if (!name || !a) throw new Error('usage: npx tsx bench/hats/step.ts STEP PATH [PATH]');
console.log(JSON.stringify(await step(name, a, b)));
