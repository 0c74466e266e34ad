/**
 * One benchmark run in its own process: read FILE and print one JSON line with the row count,
 * in-process time, decoded column bytes and peak RSS.
 *   node parse-one.js FILE lazy|cells|stream|floor|xmlscan|saxen [batchSize]
 * lazy:   readVOTable({ file }); every column decoded into typed arrays / string bytes, one column summed
 *         (strings stay bytes until asked for: the library's headline figure);
 * cells:  the same, then every value of every column created (column.toArray(): strings and bigints
 *         included, as a user's rows() or a CSV export does);
 * stream: streamVOTable in batches, one column summed (bounded memory);
 * floor:  no VOTable parsing: read the file and base64-decode the STREAM element's text (BINARY and
 *         BINARY2; for TABLEDATA only the read), the least any reader must do;
 * xmlscan: no VOTable parsing: the file streamed through htmlparser2 in XML mode (a fast streaming
 *         XML tokenizer), counting TR and TD and the length of their text;
 * saxen:  the same with saxen, the fastest XML scanner on npm measured on this file (2026-12-06: saxen
 *         1.2 s CPU, ltx 1.8 s, saxes 2.1 s, htmlparser2 2.2 s, txml and sax-wasm slower still for 1M
 *         rows), on the whole text at once (it does not stream): the floor of a TABLEDATA reader,
 *         which still has to parse numbers from that text.
 */
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import { readVOTable, streamVOTable, type VOTableTable } from '../../src/votable/index.js';

/**
 * Bytes of the decoded storage, read through storage() so that no string is created: chunks() builds
 * the strings of a string column for its caller, which would turn the lazy figure into another one.
 */
function decodedBytes(t: VOTableTable): number {
  let bytes = 0;
  for (const col of t.columnData) {
    for (const { store } of col.storage().chunks) {
      if (store.text)
        bytes += store.text.length + store.text.offsets.byteLength; // byte-backed strings
      else if (ArrayBuffer.isView(store.values)) bytes += store.values.byteLength;
      else bytes += 8 * store.values.length; // an array of cells: at least a pointer each
      if (store.nulls) bytes += store.nulls.byteLength;
    }
  }
  return bytes;
}

/** Reads the file and decodes the base64 of its STREAM element in one call (Node's native decoder). */
function floor(file: string): { rows: number; decoded: number; checksum: number } {
  const bytes = fs.readFileSync(file);
  const open = bytes.indexOf('<STREAM');
  if (open < 0) return { rows: 0, decoded: bytes.byteLength, checksum: bytes[bytes.byteLength - 1]! };
  const start = bytes.indexOf('>', open) + 1;
  const end = bytes.indexOf('</STREAM>', start);
  const decoded = Buffer.from(bytes.toString('latin1', start, end), 'base64');
  return { rows: 0, decoded: decoded.byteLength, checksum: decoded[decoded.byteLength - 1]! };
}

/** Streams the file through htmlparser2 (XML mode), counting rows, cells and cell text. */
async function xmlScan(file: string): Promise<{ rows: number; decoded: number; checksum: number }> {
  const { Parser } = await import('htmlparser2');
  let rows = 0;
  let cells = 0;
  let chars = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (name === 'TD') cells++;
        else if (name === 'TR') rows++;
      },
      ontext(text) {
        chars += text.length;
      },
    },
    { xmlMode: true },
  );
  for await (const chunk of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) parser.write(chunk as string);
  parser.end();
  return { rows, decoded: chars, checksum: cells };
}

/** What the benchmark calls of saxen (it ships no type declarations). */
interface SaxenModule {
  Parser: new () => {
    on(event: 'openTag', f: (name: string) => void): void;
    on(event: 'text', f: (text: string) => void): void;
    on(event: 'error', f: (message: string) => void): void;
    parse(xml: string): void;
  };
}

/** The file through saxen (the whole text at once), counting rows, cells and cell text. */
async function saxenScan(file: string): Promise<{ rows: number; decoded: number; checksum: number }> {
  const { Parser } = (await import('saxen' as string)) as SaxenModule;
  let rows = 0;
  let cells = 0;
  let chars = 0;
  const parser = new Parser();
  parser.on('openTag', (name) => {
    if (name === 'TD') cells++;
    else if (name === 'TR') rows++;
  });
  parser.on('text', (text) => {
    chars += text.length;
  });
  parser.on('error', (message) => {
    throw new Error(`saxen: ${message}`);
  });
  parser.parse(fs.readFileSync(file, 'utf8'));
  return { rows, decoded: chars, checksum: cells };
}

const [file, mode = 'lazy', batch = '10000'] = process.argv.slice(2);
if (!file || !['lazy', 'cells', 'stream', 'floor', 'xmlscan', 'saxen'].includes(mode))
  throw new Error('usage: parse-one FILE lazy|cells|stream|floor|xmlscan|saxen [batchSize]');
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let rows = 0;
let decoded = 0;
let checksum = 0;
// 'file' reads through one reused buffer ({ file }); 'stream' inputs use fs.createReadStream.
const input = process.env.VOTABLE_BENCH_INPUT === 'stream' ? fs.createReadStream(file, { highWaterMark: 1 << 20 }) : { file };
if (mode === 'floor') {
  ({ rows, decoded, checksum } = floor(file));
} else if (mode === 'xmlscan') {
  ({ rows, decoded, checksum } = await xmlScan(file));
} else if (mode === 'saxen') {
  ({ rows, decoded, checksum } = await saxenScan(file));
} else if (mode === 'stream') {
  for await (const ev of streamVOTable(input, { batchSize: Number(batch) })) {
    if (ev.type === 'rows') {
      rows += ev.rows.rowCount;
      const ra = ev.rows.column(0);
      for (let i = 0; i < ra.length; i++) if (!ra.isNull(i)) checksum += (ra.values as Float64Array)[i]!;
    }
  }
} else {
  const doc = await readVOTable(input);
  const t = doc.tables[0]!;
  rows = t.rowCount;
  decoded = decodedBytes(t);
  if (mode === 'cells') {
    for (const col of t.columnData) {
      const values = col.toArray();
      checksum += values.length + (values[values.length - 1] === null ? 0 : 1);
    }
  } else {
    for (const { values, nulls, length } of t.column(0).chunks()) {
      for (let i = 0; i < length; i++) if (!nulls || nulls[i] === 0) checksum += (values as Float64Array)[i]!;
    }
  }
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({ rows, ms, cpuMs: (cpu.user + cpu.system) / 1000, decoded, checksum, maxRssKB: process.resourceUsage().maxRSS }),
);
