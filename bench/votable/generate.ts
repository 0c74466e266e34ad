/**
 * Deterministic benchmark VOTables: N rows x 10 columns (2 double, 2 float, 2 int, long, short,
 * char[*] of 10-14 characters, boolean), about 2% nulls, in TABLEDATA, BINARY and BINARY2.
 *
 *   npx tsx bench/votable/generate.ts [rows=1000000] [outDir=bench/out]
 *
 * Doubles are written like DaCHS/astropy do (shortest round-trip text, up to 17 digits) for one
 * column and with 6 decimals for the other; floats as the shortest text of the float32 value.
 * BINARY uses VALUES null sentinels and NaN; BINARY2 uses null flags. Base64 lines are 76 chars.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import { formatFloat32 } from '../../src/votable/format.js';

export type Serialization = 'tabledata' | 'binary' | 'binary2';
export const SERIALIZATIONS: Serialization[] = ['tabledata', 'binary', 'binary2'];

export function benchFile(outDir: string, rows: number, ser: Serialization): string {
  return path.join(outDir, `bench-${rows}-${ser}.vot`);
}

/** mulberry32: small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  d1: number | null;
  d2: number | null;
  f1: number | null;
  f2: number | null;
  i1: number | null;
  i2: number | null;
  l: bigint | null;
  s: number | null;
  c: string | null;
  b: boolean | null;
}

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _-+';

function* rowsOf(n: number): Generator<Row> {
  const r = prng(20260101);
  const nul = (): boolean => r() < 0.02;
  for (let i = 0; i < n; i++) {
    const len = 10 + Math.floor(r() * 5);
    let c = '';
    for (let k = 0; k < len; k++) c += ALPHA[Math.floor(r() * ALPHA.length)];
    yield {
      d1: nul() ? null : r() * 360,
      d2: nul() ? null : Math.round((r() * 180 - 90) * 1e6) / 1e6,
      f1: nul() ? null : Math.fround(r() * 30),
      f2: nul() ? null : Math.fround((r() - 0.5) * 2e4),
      i1: nul() ? null : Math.floor(r() * 2e9) - 1e9,
      i2: nul() ? null : Math.floor(r() * 1e5),
      l: nul() ? null : BigInt(Math.floor(r() * 2 ** 52)) * 1000n + BigInt(i % 1000),
      s: nul() ? null : Math.floor(r() * 65535) - 32767,
      c: nul() ? null : c.trim() === '' ? 'x' : c,
      b: nul() ? null : r() < 0.5,
    };
  }
}

function header(ser: Serialization, n: number): string {
  const nullInt = ser === 'binary' ? '<VALUES null="-2147483648"/>' : '';
  const nullLong = ser === 'binary' ? '<VALUES null="-9223372036854775808"/>' : '';
  const nullShort = ser === 'binary' ? '<VALUES null="-32768"/>' : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
<RESOURCE type="results">
<INFO name="QUERY_STATUS" value="OK"/>
<TABLE name="bench" nrows="${n}">
<FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra"/>
<FIELD name="dec" datatype="double" unit="deg" ucd="pos.eq.dec"/>
<FIELD name="mag" datatype="float" unit="mag"/>
<FIELD name="flux" datatype="float"/>
<FIELD name="n1" datatype="int">${nullInt}</FIELD>
<FIELD name="n2" datatype="int">${nullInt}</FIELD>
<FIELD name="source_id" datatype="long">${nullLong}</FIELD>
<FIELD name="code" datatype="short">${nullShort}</FIELD>
<FIELD name="label" datatype="char" arraysize="*"/>
<FIELD name="flag" datatype="boolean"/>
<DATA>`;
}

const FOOTER = '</DATA>\n</TABLE>\n</RESOURCE>\n</VOTABLE>\n';

function tdRow(r: Row): string {
  const td = (v: string | null): string => (v === null ? '<TD/>' : `<TD>${v}</TD>`);
  return `<TR>${td(r.d1 === null ? null : String(r.d1))}${td(r.d2 === null ? null : r.d2.toFixed(6))}${td(r.f1 === null ? null : formatFloat32(r.f1))}${td(r.f2 === null ? null : formatFloat32(r.f2))}${td(r.i1 === null ? null : String(r.i1))}${td(r.i2 === null ? null : String(r.i2))}${td(r.l === null ? null : r.l.toString())}${td(r.s === null ? null : String(r.s))}${td(r.c)}${td(r.b === null ? null : r.b ? 'T' : 'F')}</TR>\n`;
}

function binRow(r: Row, b2: boolean, out: Buffer, at: number): number {
  let p = at;
  if (b2) {
    const vals = [r.d1, r.d2, r.f1, r.f2, r.i1, r.i2, r.l, r.s, r.c, r.b];
    let f0 = 0,
      f1 = 0;
    vals.forEach((v, i) => {
      if (v === null) {
        if (i < 8) f0 |= 0x80 >> i;
        else f1 |= 0x80 >> (i - 8);
      }
    });
    out[p++] = f0;
    out[p++] = f1;
  }
  out.writeDoubleBE(r.d1 ?? NaN, p);
  p += 8;
  out.writeDoubleBE(r.d2 ?? NaN, p);
  p += 8;
  out.writeFloatBE(r.f1 ?? NaN, p);
  p += 4;
  out.writeFloatBE(r.f2 ?? NaN, p);
  p += 4;
  out.writeInt32BE(r.i1 ?? -2147483648, p);
  p += 4;
  out.writeInt32BE(r.i2 ?? -2147483648, p);
  p += 4;
  out.writeBigInt64BE(r.l ?? -9223372036854775808n, p);
  p += 8;
  out.writeInt16BE(r.s ?? -32768, p);
  p += 2;
  const c = r.c ?? '';
  out.writeUInt32BE(c.length, p);
  p += 4;
  p += out.write(c, p, 'latin1');
  out[p++] = r.b === null ? 63 : r.b ? 84 : 70;
  return p;
}

export function generate(ser: Serialization, n: number, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file + '.tmp', 'w');
  fs.writeSync(fd, header(ser, n));
  if (ser === 'tabledata') {
    fs.writeSync(fd, '<TABLEDATA>\n');
    let parts: string[] = [];
    for (const r of rowsOf(n)) {
      parts.push(tdRow(r));
      if (parts.length === 10000) {
        fs.writeSync(fd, parts.join(''));
        parts = [];
      }
    }
    fs.writeSync(fd, parts.join('') + '</TABLEDATA>');
  } else {
    const tag = ser === 'binary' ? 'BINARY' : 'BINARY2';
    fs.writeSync(fd, `<${tag}>\n<STREAM encoding="base64">\n`);
    const block = Buffer.alloc(57 * 20000 + 200);
    let len = 0;
    const flush = (all: boolean): void => {
      const usable = all ? len : len - (len % 57);
      const b64 = block.subarray(0, usable).toString('base64').replace(/.{76}/g, '$&\n');
      fs.writeSync(fd, b64.endsWith('\n') || b64 === '' ? b64 : b64 + (all ? '\n' : ''));
      block.copy(block, 0, usable, len);
      len -= usable;
    };
    for (const r of rowsOf(n)) {
      len = binRow(r, ser === 'binary2', block, len);
      if (len > 57 * 20000) flush(false);
    }
    flush(true);
    fs.writeSync(fd, `</STREAM>\n</${tag}>`);
  }
  fs.writeSync(fd, FOOTER);
  fs.closeSync(fd);
  fs.renameSync(file + '.tmp', file);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const outDir = process.argv[3] ?? path.resolve('bench/out');
  for (const ser of SERIALIZATIONS) {
    const file = benchFile(outDir, n, ser);
    const t = performance.now();
    generate(ser, n, file);
    console.log(`${file}: ${(fs.statSync(file).size / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
}
