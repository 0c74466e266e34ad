/**
 * Language-server benchmark, end to end over stdio (JSON-RPC framing included), against the built
 * server (dist/src/lsp/main.js; run `npm run build` first):
 *   - didChange -> publishDiagnostics latency for a 5 KB query against a 10,000-table schema
 *     (target p99 < 10 ms), with debounce 0 so the processing is what is measured;
 *   - completion latency in a WHERE clause (columns of the joined tables, functions, keywords) and
 *     after FROM (10,000 tables filtered by prefix) (target p99 < 20 ms);
 *   - server memory (RSS) after opening 100 documents.
 *
 *   npx tsx bench/cli/lsp.bench.ts            (about 30 s)
 *   ADQLKIT_BENCH_QUICK=1 npx tsx bench/cli/lsp.bench.ts
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { printLoad, stats } from '../harness/fair.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LSP = path.join(repoRoot, 'dist/src/lsp/main.js');
const quick = process.env.ADQLKIT_BENCH_QUICK === '1';
const SAMPLES = quick ? 100 : 400;
const TABLES = 10_000;
const COLUMNS = 30;

function log(line = ''): void {
  process.stdout.write(line + '\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(label: string, ms: number[], target?: number): void {
  const s = [...ms].sort((a, b) => a - b);
  const p99 = percentile(s, 99);
  log(
    `${label.padEnd(44)} n=${String(s.length).padStart(4)}  p50 ${percentile(s, 50).toFixed(2)} ms  p90 ${percentile(s, 90).toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  max ${s[s.length - 1]!.toFixed(2)} ms` +
      (target === undefined ? '' : `  target p99 < ${target} ms: ${p99 < target ? 'met' : 'NOT met'}`),
  );
}

/** A synthetic schema file: TABLES tables in 100 schemas, COLUMNS columns each, with units/UCDs. */
function writeSchema(dir: string): string {
  const tables = [];
  for (let t = 0; t < TABLES; t++) {
    const schema = `cat${t % 100}`;
    const columns = [];
    for (let c = 0; c < COLUMNS; c++) {
      columns.push({
        name: c === 0 ? 'id' : c === 1 ? 'ra' : c === 2 ? 'dec' : `col_${c}`,
        datatype: c === 0 ? 'long' : 'double',
        unit: c === 1 || c === 2 ? 'deg' : 'mag',
        ucd: c === 1 ? 'pos.eq.ra' : c === 2 ? 'pos.eq.dec' : 'phot.mag',
        description: `Column ${c} of table ${t}`,
      });
    }
    tables.push({ name: `${schema}.table_${t}`, schema, description: `Synthetic table ${t}`, columns });
  }
  const file = path.join(dir, 'schema.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'adqlkit-schema',
      version: 1,
      schemas: Array.from({ length: 100 }, (_, i) => ({ name: `cat${i}` })),
      tables,
      foreignKeys: [],
    }),
  );
  return file;
}

/** A ~5 KB query: a 3-table join with a long WHERE clause. */
function bigQuery(variant: number): string {
  const lines = [
    'SELECT a.id, a.ra, a.dec, b.col_3, c.col_4,',
    '       DISTANCE(POINT(a.ra, a.dec), POINT(b.ra, b.dec)) AS sep',
    'FROM cat1.table_1 AS a',
    'JOIN cat2.table_2 AS b ON a.id = b.id',
    'JOIN cat3.table_3 AS c ON b.id = c.id',
    `WHERE CONTAINS(POINT(a.ra, a.dec), CIRCLE(150, 2, ${1 + (variant % 7)})) = 1`,
  ];
  let i = 0;
  while (lines.join('\n').length < 5000) {
    const col = 3 + (i % (COLUMNS - 3));
    lines.push(`  AND (a.col_${col} BETWEEN ${i} AND ${i + variant + 10} OR b.col_${col} < ${i * 2 + 0.5} OR c.col_${col} IS NULL)`);
    i++;
  }
  lines.push('ORDER BY sep');
  return lines.join('\n');
}

/** CPU time (user + system) a process has used, in ms: robust to a loaded machine, unlike wall time. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 Hz)
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function main(): Promise<void> {
  try {
    statSync(LSP);
  } catch {
    throw new Error(`${LSP} is missing: run npm run build first`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'adql-lsp-bench-'));
  const t0 = performance.now();
  const schemaFile = writeSchema(dir);
  log(
    `schema: ${TABLES} tables x ${COLUMNS} columns, ${(statSync(schemaFile).size / 1e6).toFixed(1)} MB JSON (written in ${(performance.now() - t0).toFixed(0)} ms)`,
  );
  writeFileSync(path.join(dir, '.adqlrc.json'), JSON.stringify({ schema: 'schema.json' }));

  // The server runs with a GC observer preloaded: how many collections fall in the didChange phase
  // and how long they pause is what the tail latencies are made of, beside the machine's load.
  const gcFile = path.join(dir, 'gc.json');
  const gcObserver = path.join(repoRoot, 'bench/harness/gc-observer.mjs');
  const child = spawn(process.execPath, ['--import', pathToFileURL(gcObserver).href, LSP, '--stdio'], {
    cwd: dir,
    stdio: 'pipe',
    env: { ...process.env, ADQLKIT_BENCH_GC_FILE: gcFile },
  });
  const gcPauses = async (): Promise<Array<[number, number]>> => {
    rmSync(gcFile, { force: true });
    child.kill('SIGUSR2');
    for (let i = 0; i < 200 && !existsSync(gcFile); i++) await new Promise((r) => setTimeout(r, 10));
    return JSON.parse(readFileSync(gcFile, 'utf8')) as Array<[number, number]>;
  };
  child.stderr.on('data', (d) => process.stderr.write(d));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map<string, (v: number) => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
    const key = `${p.uri}#${p.version}`;
    const resolve = waiting.get(key);
    if (resolve) {
      waiting.delete(key);
      resolve(p.diagnostics.length);
    }
  });
  conn.listen();
  const published = (uri: string, version: number) => new Promise<number>((resolve) => waiting.set(`${uri}#${version}`, resolve));

  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: {},
    initializationOptions: { debounceMs: 0 },
  });
  await conn.sendNotification('initialized', {});
  const rssStart = rssMb(child.pid!);

  const uri = pathToFileURL(path.join(dir, 'big.adql')).href;
  let text = bigQuery(0);
  log(`query: ${text.length} characters, ${text.split('\n').length} lines`);
  let version = 1;
  const tOpen = performance.now();
  let done = published(uri, version);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'adql', version, text } });
  const firstCount = await done;
  log(`first diagnostics (includes loading the schema file): ${(performance.now() - tOpen).toFixed(0)} ms, ${firstCount} diagnostics`);
  const rssSchema = rssMb(child.pid!);

  // didChange: edit a number in the middle of the query (incremental change), wait for its diagnostics.
  const line = 10;
  const lines = () => text.split('\n');
  const changeTimes: number[] = [];
  let cpuStart = 0;
  let gcBefore = 0;
  printLoad('before didChange');
  for (let i = 0; i < SAMPLES + 20; i++) {
    if (i === 20) {
      gcBefore = (await gcPauses()).length;
      cpuStart = cpuMs(child.pid!);
    }
    const current = lines()[line]!;
    const m = /BETWEEN (\d+)/.exec(current)!;
    const start = m.index + 'BETWEEN '.length;
    const replacement = String(Number(m[1]) === 5 ? 6 : 5);
    version++;
    done = published(uri, version);
    const t = performance.now();
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: start }, end: { line, character: start + m[1]!.length } }, text: replacement }],
    });
    await done;
    if (i >= 20) changeTimes.push(performance.now() - t);
    const ls = lines();
    ls[line] = current.slice(0, start) + replacement + current.slice(start + m[1]!.length);
    text = ls.join('\n');
  }
  const changeCpu = (cpuMs(child.pid!) - cpuStart) / SAMPLES;
  const gcDuring = (await gcPauses()).slice(gcBefore);
  printLoad('after didChange');
  summary('didChange -> diagnostics (5 KB, 10k tables)', changeTimes, 10);
  log(
    `  server CPU time per didChange (parse + validate + publish): ${changeCpu.toFixed(2)} ms (mean over ${SAMPLES}; 10 ms tick resolution over the phase)`,
  );
  for (const [kind, label] of [
    [1, 'scavenges'],
    [2, 'mark-compacts'],
    [4, 'incremental marking steps'],
  ] as const) {
    const ms = gcDuring.filter(([k]) => k === kind).map(([, d]) => d);
    if (ms.length > 0) {
      const s = stats(ms);
      log(`  GC during the ${SAMPLES} changes: ${ms.length} ${label}, pause median ${s.median.toFixed(2)} ms, max ${s.max.toFixed(2)} ms`);
    }
  }

  // Completion in the WHERE clause and after FROM.
  const whereLine = lines().length - 2;
  const completionTimes: number[] = [];
  let items = 0;
  let cpuCompletion = 0;
  for (let i = 0; i < SAMPLES + 20; i++) {
    if (i === 20) cpuCompletion = cpuMs(child.pid!);
    const t = performance.now();
    const r = await conn.sendRequest<{ items: unknown[] }>('textDocument/completion', {
      textDocument: { uri },
      position: { line: whereLine, character: 6 },
    });
    if (i >= 20) completionTimes.push(performance.now() - t);
    items = r.items.length;
  }
  const completionCpu = (cpuMs(child.pid!) - cpuCompletion) / SAMPLES;
  summary(`completion in WHERE (${items} items)`, completionTimes, 20);
  log(`  server CPU time per completion: ${completionCpu.toFixed(2)} ms`);
  const fromUri = pathToFileURL(path.join(dir, 'from.adql')).href;
  await conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: fromUri, languageId: 'adql', version: 1, text: 'SELECT * FROM cat4' },
  });
  const fromTimes: number[] = [];
  let cpuFrom = 0;
  for (let i = 0; i < SAMPLES + 20; i++) {
    if (i === 20) cpuFrom = cpuMs(child.pid!);
    const t = performance.now();
    const r = await conn.sendRequest<{ items: unknown[] }>('textDocument/completion', {
      textDocument: { uri: fromUri },
      position: { line: 0, character: 18 },
    });
    if (i >= 20) fromTimes.push(performance.now() - t);
    items = r.items.length;
  }
  const fromCpu = (cpuMs(child.pid!) - cpuFrom) / SAMPLES;
  summary(`completion after FROM (${items} items of 10k tables)`, fromTimes, 20);
  log(`  server CPU time per completion: ${fromCpu.toFixed(2)} ms`);
  const hoverTimes: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 10 } });
    hoverTimes.push(performance.now() - t);
  }
  summary('hover on a column', hoverTimes);

  // 100 documents open.
  const opened: Promise<number>[] = [];
  for (let d = 0; d < 100; d++) {
    const u = pathToFileURL(path.join(dir, `doc${d}.adql`)).href;
    opened.push(published(u, 1));
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'adql', version: 1, text: bigQuery(d) } });
  }
  const tAll = performance.now();
  await Promise.all(opened);
  const rss100 = rssMb(child.pid!);
  log(`100 documents of ~5 KB opened and checked (last diagnostics after ${(performance.now() - tAll).toFixed(0)} ms)`);
  log(
    `server RSS: ${rssStart.toFixed(0)} MB at start, ${rssSchema.toFixed(0)} MB with the schema loaded, ${rss100.toFixed(0)} MB after 100 documents (+${(rss100 - rssSchema).toFixed(0)} MB)`,
  );

  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  child.kill();
}

await main();
