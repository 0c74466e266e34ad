/**
 * One benchmark run in its own process: parse FILE with adqlkit and print one JSON line with the
 * row count, in-process parse time, decoded column bytes and peak RSS.
 *   node parse-one.js FILE materialise|stream [batchSize]
 */
import fs from 'node:fs';
import { readVOTable, streamVOTable, type VOTableTable } from '../../src/votable/index.js';

function decodedBytes(t: VOTableTable): number {
  let bytes = 0;
  for (const col of t.columnData) {
    for (const chunk of col.chunks()) {
      const v = chunk.values;
      if (chunk.utf8 && chunk.offsets) bytes += chunk.utf8.byteLength + chunk.offsets.byteLength; // byte-backed strings
      else if (ArrayBuffer.isView(v)) bytes += v.byteLength;
      // A JS array slot is 8 bytes; a one-byte V8 string is a 16-byte header plus its characters, 8-aligned.
      else for (let i = 0; i < chunk.length; i++) { const s = v[i]; bytes += 8 + (typeof s === 'string' ? 16 + Math.ceil(s.length / 8) * 8 : 0); }
      if (chunk.nulls) bytes += chunk.nulls.byteLength;
    }
  }
  return bytes;
}

const [file, mode = 'materialise', batch = '10000'] = process.argv.slice(2);
if (!file) throw new Error('usage: parse-one FILE materialise|stream [batchSize]');
const t0 = performance.now();
let rows = 0;
let decoded = 0;
let checksum = 0;
// 'file' reads through one reused buffer ({ file }); 'stream' inputs use fs.createReadStream.
const input = process.env.VOTABLE_BENCH_INPUT === 'stream' ? fs.createReadStream(file, { highWaterMark: 1 << 20 }) : { file };
if (mode === 'stream') {
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
  for (const { values, nulls, length } of t.column(0).chunks()) {
    for (let i = 0; i < length; i++) if (!nulls || nulls[i] === 0) checksum += (values as Float64Array)[i]!;
  }
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ rows, ms, decoded, checksum, maxRssKB: process.resourceUsage().maxRSS }));
