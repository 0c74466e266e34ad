/**
 * Language-server benchmark, end to end over stdio (JSON-RPC framing included), against the built
 * server (dist/src/lsp/main.js; run `npm run build` first):
 *   - didChange -> publishDiagnostics latency for a 5 KB query against a 10,000-table schema
 *     (target p99 < 10 ms), and for an edit in one of 10 such queries embedded in a TypeScript file;
 *     wall time at the client and the server's CPU time (all threads) per change, p50 and p99,
 *     first on the machine as it is, then with a busy-loop process per core;
 *   - completion latency in a WHERE clause (columns of the joined tables, functions, keywords) and
 *     after FROM (10,000 tables filtered by prefix) (target p99 < 20 ms);
 *   - server memory (RSS) after opening 100 documents.
 *
 *   npx tsx bench/cli/lsp.bench.ts            (about 30 s)
 *   ADQLKIT_BENCH_QUICK=1 npx tsx bench/cli/lsp.bench.ts
 *   ADQLKIT_BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npx tsx bench/cli/lsp.bench.ts   (profile the server) */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { stats } from '../harness/fair.js';

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
    `${label.padEnd(48)} n=${String(s.length).padStart(4)}  p50 ${percentile(s, 50).toFixed(2)} ms  p90 ${percentile(s, 90).toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  max ${s[s.length - 1]!.toFixed(2)} ms` +
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

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

interface EditedDocument {
  uri: string;
  /** The line each edit rewrites: its BETWEEN number, or its first column name. */
  line: number;
  text: string;
  version: number;
}

interface Series {
  label: string;
  doc: EditedDocument;
  /**
   * number: a new value for the BETWEEN number (re-validated without a parse); name: another
   * column for `a.col_N` (parsed and validated again, as typing a name is).
   */
  edit: 'number' | 'name';
}

interface ChangeResult {
  wall: number[];
  cpu: number[];
  gc: Array<[number, number]>;
}

/** CPU time of every thread of a process (main, GC helpers, libuv), ns resolution from /proc/PID/task/T/schedstat. */
function cpuNs(pid: number): number {
  let total = 0;
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return total;
}

/** The first line with a BETWEEN number after the first line starting with `marker`. */
function betweenLineAfter(lines: string[], marker: string): number {
  const from = lines.findIndex((l) => l.startsWith(marker));
  return lines.findIndex((l, i) => i > from && /BETWEEN \d+/.test(l));
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/**
 * One CPU-bound process per core, so the server competes for a core as on a busy machine. Each one
 * ends by itself when the benchmark is gone (its parent changes), should the benchmark die first.
 */
function startBusyLoops(): ChildProcess[] {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  // The parent pid read from /proc each time: process.ppid is read once and cached.
  const loop = [
    "const ppid = () => require('fs').readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')[1];",
    'const parent = ppid();',
    'for (;;) { for (let i = 0; i < 1e7; i++); if (ppid() !== parent) process.exit(); }',
  ].join(' ');
  const children = Array.from({ length: cores }, () => spawn(process.execPath, ['-e', loop], { stdio: 'ignore' }));
  process.once('exit', () => children.forEach((c) => c.kill()));
  return children;
}

function report(label: string, r: ChangeResult): void {
  summary(label, r.wall, 10);
  const c = [...r.cpu].sort((a, b) => a - b);
  log(
    `  server CPU per change: p50 ${percentile(c, 50).toFixed(2)} ms  p99 ${percentile(c, 99).toFixed(2)} ms  mean ${(c.reduce((a, b) => a + b, 0) / c.length).toFixed(2)} ms`,
  );
  for (const [kind, name] of [
    [1, 'scavenges'],
    [2, 'mark-compacts'],
    [4, 'incremental marking steps'],
  ] as const) {
    const ms = r.gc.filter(([k]) => k === kind).map(([, d]) => d);
    if (ms.length > 0) {
      const st = stats(ms);
      log(
        `  GC during the ${r.wall.length} changes: ${ms.length} ${name}, pause median ${st.median.toFixed(2)} ms, max ${st.max.toFixed(2)} ms`,
      );
    }
  }
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
  // ADQLKIT_BENCH_SERVER_ARGS: extra node options for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
  const serverArgs = (process.env.ADQLKIT_BENCH_SERVER_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...serverArgs, '--import', pathToFileURL(gcObserver).href, LSP, '--stdio'], {
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

  let edits = 0;
  /** SAMPLES edits (after 20 unmeasured ones), each waiting for its diagnostics. */
  const measureChanges = async (series: Series): Promise<ChangeResult> => {
    const wall: number[] = [];
    const cpu: number[] = [];
    let gcBefore = 0;
    const doc = series.doc;
    for (let i = 0; i < SAMPLES + 20; i++) {
      if (i === 20) gcBefore = (await gcPauses()).length;
      const lines = doc.text.split('\n');
      const current = lines[doc.line]!;
      const m = (series.edit === 'number' ? /BETWEEN (\d+)/ : /a\.col_(\d+)/).exec(current)!;
      const start = m.index + m[0].length - m[1]!.length;
      // Numbers never repeat; names cycle through the columns, never the one written now.
      const replacement = series.edit === 'number' ? String(1000 + edits++) : String(3 + ((Number(m[1]) - 2) % (COLUMNS - 3)));
      doc.version++;
      const done = published(doc.uri, doc.version);
      const c0 = cpuNs(child.pid!);
      const t = performance.now();
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: doc.uri, version: doc.version },
        contentChanges: [
          {
            range: { start: { line: doc.line, character: start }, end: { line: doc.line, character: start + m[1]!.length } },
            text: replacement,
          },
        ],
      });
      await done;
      const elapsed = performance.now() - t;
      if (i >= 20) {
        wall.push(elapsed);
        cpu.push((cpuNs(child.pid!) - c0) / 1e6);
      }
      lines[doc.line] = current.slice(0, start) + replacement + current.slice(start + m[1]!.length);
      doc.text = lines.join('\n');
    }
    return { wall, cpu, gc: (await gcPauses()).slice(gcBefore) };
  };

  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: {},
    initializationOptions: {},
  });
  await conn.sendNotification('initialized', {});
  const rssStart = rssMb(child.pid!);

  const uri = pathToFileURL(path.join(dir, 'big.adql')).href;
  let text = bigQuery(0);
  log(`query: ${text.length} characters, ${text.split('\n').length} lines`);
  const version = 1;
  const tOpen = performance.now();
  let done = published(uri, version);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'adql', version, text } });
  const firstCount = await done;
  log(`first diagnostics (includes loading the schema file): ${(performance.now() - tOpen).toFixed(0)} ms, ${firstCount} diagnostics`);
  const rssSchema = rssMb(child.pid!);

  // didChange: edit a number or a column name in the middle of the query (an incremental change),
  // wait for its diagnostics. No version's text is the one before it (nothing is answered from the
  // previous result). Measured quiet, then with a busy loop per core running.
  const single: EditedDocument = { uri, line: betweenLineAfter(text.split('\n'), 'FROM'), text, version };
  // A TypeScript file with 10 such queries as adql`...` templates: an edit in one of them.
  const hostText = Array.from({ length: 10 }, (_, q) => `export const q${q} = adql\`\n${bigQuery(q)}\n\`;\n`).join('\n');
  const hostUri = pathToFileURL(path.join(dir, 'queries.ts')).href;
  done = published(hostUri, 1);
  await conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: hostUri, languageId: 'typescript', version: 1, text: hostText },
  });
  log(`host document: ${hostText.length} characters, 10 embedded queries, ${await done} diagnostics`);
  const host: EditedDocument = {
    uri: hostUri,
    line: betweenLineAfter(hostText.split('\n'), 'export const q6 '),
    text: hostText,
    version: 1,
  };
  const allSeries: Series[] = [
    { label: 'didChange -> diagnostics (5 KB, number)', doc: single, edit: 'number' },
    { label: 'didChange -> diagnostics (5 KB, name)', doc: single, edit: 'name' },
    { label: 'didChange -> diagnostics (TS 10 x 5 KB, number)', doc: host, edit: 'number' },
    { label: 'didChange -> diagnostics (TS 10 x 5 KB, name)', doc: host, edit: 'name' },
  ];
  const measured: Array<{ when: string; series: Series; result: ChangeResult }> = [];
  for (const when of ['quiet', 'under load'] as const) {
    const busy = when === 'quiet' ? [] : startBusyLoops();
    if (busy.length > 0) {
      log(`\n${busy.length} busy-loop processes started (one per core); waiting 2 s`);
      await new Promise((r) => setTimeout(r, 2000));
    } else log('');
    try {
      for (const series of allSeries) {
        const loadBefore = loadAverage();
        const result = await measureChanges(series);
        const loadAfter = loadAverage();
        log(`${when}: load average ${loadBefore} before, ${loadAfter} after`);
        report(series.label, result);
        measured.push({ when, series, result });
      }
    } finally {
      for (const b of busy) b.kill();
    }
  }
  text = single.text;
  log('\nsummary (wall = client sends didChange .. client has the diagnostics; CPU = server process, all threads):');
  for (const { when, series, result } of measured) {
    const w = [...result.wall].sort((a, b) => a - b);
    const c = [...result.cpu].sort((a, b) => a - b);
    log(
      `  ${when.padEnd(10)} ${series.label.replace('didChange -> diagnostics ', '').padEnd(30)} wall p50 ${percentile(w, 50).toFixed(2)} p99 ${percentile(w, 99).toFixed(2)} ms   CPU p50 ${percentile(c, 50).toFixed(2)} p99 ${percentile(c, 99).toFixed(2)} ms`,
    );
  }
  log('');

  // Completion in the WHERE clause and after FROM.
  const whereLine = text.split('\n').length - 2;
  const completionTimes: number[] = [];
  let items = 0;
  let cpuCompletion = 0;
  for (let i = 0; i < SAMPLES + 20; i++) {
    if (i === 20) cpuCompletion = cpuNs(child.pid!) / 1e6;
    const t = performance.now();
    const r = await conn.sendRequest<{ items: unknown[] }>('textDocument/completion', {
      textDocument: { uri },
      position: { line: whereLine, character: 6 },
    });
    if (i >= 20) completionTimes.push(performance.now() - t);
    items = r.items.length;
  }
  const completionCpu = (cpuNs(child.pid!) / 1e6 - cpuCompletion) / SAMPLES;
  summary(`completion in WHERE (${items} items)`, completionTimes, 20);
  log(`  server CPU time per completion: ${completionCpu.toFixed(2)} ms`);
  const fromUri = pathToFileURL(path.join(dir, 'from.adql')).href;
  await conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: fromUri, languageId: 'adql', version: 1, text: 'SELECT * FROM cat4' },
  });
  const fromTimes: number[] = [];
  let cpuFrom = 0;
  for (let i = 0; i < SAMPLES + 20; i++) {
    if (i === 20) cpuFrom = cpuNs(child.pid!) / 1e6;
    const t = performance.now();
    const r = await conn.sendRequest<{ items: unknown[] }>('textDocument/completion', {
      textDocument: { uri: fromUri },
      position: { line: 0, character: 18 },
    });
    if (i >= 20) fromTimes.push(performance.now() - t);
    items = r.items.length;
  }
  const fromCpu = (cpuNs(child.pid!) / 1e6 - cpuFrom) / SAMPLES;
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

  // Let the server exit by itself (a --cpu-prof profile is written on exit), then make sure it is gone.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  conn.dispose();
  child.kill();
}

await main();
