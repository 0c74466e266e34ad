/**
 * Mutation fuzzers over what a hostile service or client can hand adqlkit: every VOTable
 * serialisation (structure-aware mutations: zero, negative and huge lengths, arraysize edge
 * cases, nrows, deep nesting, then byte damage), UWS job documents and lists, error documents,
 * VOSI capabilities and tables, and the local service's request parsing. Each case must end, in
 * time, with a result or one of adqlkit's typed errors; anything else is a finding. Shared by the
 * bounded fuzz test in `npm test` and the long run of `npm run fuzz` (scripts/fuzz.ts).
 */
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { parseErrorBody, parseErrorPosition } from '../../../src/dal/errordoc.js';
import { TapError } from '../../../src/dal/errors.js';
import { parseXml } from '../../../src/dal/xml.js';
import { createLocalService, type LocalService } from '../../../src/engine/index.js';
import { readParams, RequestError } from '../../../src/engine/service/params.js';
import { TapCapabilities } from '../../../src/tap/capabilities.js';
import { parseTableset } from '../../../src/tap/tables.js';
import { parseJob, parseJobList, parseResults } from '../../../src/tap/uws.js';
import { readVOTable, streamVOTable, VOTableError, writeVOTable, type VOTableColumnSpec } from '../../../src/votable/index.js';

/** A small deterministic PRNG (mulberry32), so a finding can be replayed from its seed. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

export interface FuzzTarget {
  name: string;
  /** One mutated input from the seeds. */
  make(rng: Rng): string;
  /** Runs the input; throws only for a finding (an error that is not a typed adqlkit error). */
  run(input: string): Promise<void>;
}

/** The case broke a rule: an untyped error, or (reported by the runner) a case over its time budget. */
export class FuzzFinding extends Error {
  override name = 'FuzzFinding';
  constructor(
    readonly target: string,
    readonly input: string,
    readonly error: unknown,
  ) {
    super(`${target}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// VOTable

const COLUMNS: VOTableColumnSpec[] = [
  { name: 'i', datatype: 'int' },
  { name: 'l', datatype: 'long' },
  { name: 'd', datatype: 'double' },
  { name: 'f', datatype: 'float', arraysize: '3' },
  { name: 's', datatype: 'char', arraysize: '*' },
  { name: 'u', datatype: 'unicodeChar', arraysize: '8' },
  { name: 'b', datatype: 'boolean' },
  { name: 'a', datatype: 'short', arraysize: '*' },
  { name: 'm', datatype: 'double', arraysize: '2x*' },
  { name: 'x', datatype: 'bit', arraysize: '4' },
  { name: 'c', datatype: 'floatComplex' },
  { name: 'y', datatype: 'unsignedByte' },
];

function seedRows(n: number): unknown[][] {
  return Array.from({ length: n }, (_, r) => [
    r,
    BigInt(r) * 1_000_000_007n,
    r / 3,
    new Float32Array([r, -r, 0.5]),
    `row ${r} <&>`,
    'ünï',
    r % 2 === 0,
    new Int16Array(r % 4).fill(r),
    new Float64Array(2 * (r % 3)).fill(r),
    [true, false, r % 2 === 1, false],
    [r, -r],
    r % 256,
  ]);
}

export const VOTABLE_SEEDS: string[] = (['tabledata', 'binary', 'binary2'] as const).flatMap((encoding) =>
  [0, 1, 5].map((rows) => writeVOTable({ name: 't', columns: COLUMNS, rows: seedRows(rows) }, { encoding })),
);

const ARRAYSIZES = [
  '0',
  '0x3',
  '0x*',
  '3x0',
  '*',
  '0*',
  '1',
  '-1',
  '-5',
  '999999999',
  '2147483648',
  '2x*',
  '*x2',
  'x',
  '',
  '10*',
  '1x1x1x1x1x1',
  '65536x65536',
  'NaN',
  '1e9',
  ' 3 ',
];
const DATATYPES = [
  'int',
  'long',
  'char',
  'unicodeChar',
  'double',
  'float',
  'bit',
  'boolean',
  'short',
  'unsignedByte',
  'floatComplex',
  'doubleComplex',
  'string',
  'Int',
  '',
  'double[]',
  'foo',
];
const UINT32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 65536, 3];

/** Structure-aware mutations first (lengths, arraysize, nrows, nesting), then byte damage. */
function mutateVOTable(seed: string, rng: Rng): string {
  let doc = seed;
  const steps = 1 + rng.int(3);
  for (let s = 0; s < steps; s++) {
    switch (rng.int(11)) {
      case 0:
        doc = doc.replace(/arraysize="[^"]*"/g, (m) => (rng.int(3) === 0 ? `arraysize="${rng.pick(ARRAYSIZES)}"` : m));
        break;
      case 1:
        doc = doc.replace(/<FIELD /, `<FIELD arraysize="${rng.pick(ARRAYSIZES)}" `);
        break;
      case 2:
        doc = doc.replace(/datatype="[^"]*"/g, (m) => (rng.int(4) === 0 ? `datatype="${rng.pick(DATATYPES)}"` : m));
        break;
      case 3:
        doc = doc.replace(/<FIELD [^>]*\/>/g, (m) => (rng.int(3) === 0 ? '' : m));
        break; // drop FIELDs (down to none)
      case 4:
        doc = doc.replace(/<TABLE\b([^>]*)>/, `<TABLE$1 nrows="${rng.pick([0, 1, 49, 100, 2 ** 31, 2 ** 53])}">`);
        break;
      case 5: {
        // nesting: RESOURCEs, GROUPs
        const depth = 1 + rng.int(300);
        doc = doc
          .replace(/<RESOURCE\b[^>]*>/, (m) => m + '<RESOURCE>'.repeat(depth))
          .replace(/<\/RESOURCE>/, (m) => '</RESOURCE>'.repeat(depth) + m);
        break;
      }
      case 6:
        doc = doc.replace(
          /<STREAM encoding="base64">([\s\S]*?)<\/STREAM>/,
          (_m, b64: string) => `<STREAM encoding="base64">${mutateBinary(b64, rng)}</STREAM>`,
        );
        break;
      case 7:
        doc = doc.replace(/<TD>([^<]*)<\/TD>/g, (m) =>
          rng.int(5) === 0
            ? `<TD>${rng.pick(['', '-', 'NaN', '1e999', '99999999999999999999', 'T', '&lt;', ' ', '0x1F', '1 2 3'])}</TD>`
            : m,
        );
        break;
      case 8:
        doc = doc.replace(/<TR>/, () => '<TR>' + '<TD>1</TD>'.repeat(rng.int(40)));
        break;
      case 9:
        doc = doc.replace(/<TABLE\b[\s\S]*<\/TABLE>/, (m) => m.repeat(1 + rng.int(4)));
        break;
      default:
        doc = damage(doc, rng);
    }
  }
  return doc;
}

/** Rewrites 4-byte words of the decoded payload (count prefixes) with zero, negative and huge lengths; may truncate. */
function mutateBinary(b64: string, rng: Rng): string {
  const bytes = Buffer.from(b64.replace(/\s+/g, ''), 'base64');
  const out = Buffer.from(bytes);
  for (let k = 1 + rng.int(4); k > 0 && out.length >= 4; k--) out.writeUInt32BE(rng.pick(UINT32), rng.int(out.length - 3));
  const cut = rng.int(3) === 0 ? rng.int(out.length + 1) : out.length;
  let text = out.subarray(0, cut).toString('base64');
  if (rng.int(6) === 0) text = text.slice(0, Math.max(0, text.length - 1 - rng.int(3))); // broken base64 group
  if (rng.int(8) === 0) text += rng.pick(['=', '==', '*', '\u00e9', ' \n ']);
  return text;
}

/** Byte-level damage: truncation, insertion of markup characters, duplicated spans. */
function damage(doc: string, rng: Rng): string {
  const at = rng.int(doc.length + 1);
  switch (rng.int(5)) {
    case 0:
      return doc.slice(0, at);
    case 1:
      return doc.slice(0, at) + rng.pick(['<', '>', '&', ']]>', '<!--', '"', '\u0000', '<TR>', '</DATA>', '<![CDATA[']) + doc.slice(at);
    case 2:
      return doc.slice(0, at) + doc.slice(at + 1 + rng.int(20));
    case 3: {
      const span = doc.slice(at, at + rng.int(200));
      return doc.slice(0, at) + span + span + doc.slice(at);
    }
    default:
      return doc.slice(0, at) + String.fromCharCode(rng.int(256)) + doc.slice(at + 1);
  }
}

const isTyped = (err: unknown): boolean => err instanceof VOTableError || err instanceof TapError || err instanceof RequestError;

async function expectTyped(target: string, input: string, f: () => unknown): Promise<void> {
  try {
    await f();
  } catch (err) {
    if (!isTyped(err)) throw new FuzzFinding(target, input, err);
  }
}

const votableTarget: FuzzTarget = {
  name: 'votable',
  make: (rng) => mutateVOTable(rng.pick(VOTABLE_SEEDS), rng),
  async run(input) {
    await expectTyped('votable', input, () => readVOTable(input));
    await expectTyped('votable', input, () => readVOTable(input, { invalid: 'null', long: 'number' }));
    await expectTyped('votable', input, async () => {
      for await (const _ of streamVOTable(input, { batchSize: 3 })) {
        /* drain */
      }
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Small XML documents: UWS, error documents, VOSI capabilities and tables

const UWS = 'xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink"';
const UWS_SEEDS = [
  `<uws:job version="1.1" ${UWS}><uws:jobId>j1</uws:jobId><uws:phase>COMPLETED</uws:phase><uws:executionDuration>60</uws:executionDuration><uws:parameters><uws:parameter id="QUERY">SELECT 1</uws:parameter><uws:parameter id="maxrec">10</uws:parameter></uws:parameters><uws:results><uws:result id="result" xlink:href="http://h/r" size="10"/></uws:results><uws:errorSummary type="fatal" hasDetail="true"><uws:message>bad</uws:message></uws:errorSummary></uws:job>`,
  `<uws:jobs ${UWS}><uws:jobref id="a" xlink:href="a"><uws:phase>EXECUTING</uws:phase><uws:runId>r</uws:runId></uws:jobref><uws:jobref id="b"><uws:phase>ERROR</uws:phase></uws:jobref></uws:jobs>`,
  `<uws:results ${UWS}><uws:result id="result" xlink:href="r"/><uws:result id="x"/></uws:results>`,
];
const ERROR_SEEDS = [
  '<VOTABLE><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">Syntax error at line 2, column 7</INFO></RESOURCE></VOTABLE>',
  '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad</h1><p>upstream &amp; more</p></body></html>',
  'Query error: (at char 4), (line:1, col:5) unexpected token',
  `<uws:job ${UWS}><uws:errorSummary><uws:message>[l.3, c.9] oops</uws:message></uws:errorSummary></uws:job>`,
];
const CAPS_SEED = `<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tr="http://www.ivoa.net/xml/TAPRegExt/v1.0" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1">
<capability standardID="ivo://ivoa.net/std/TAP" xsi:type="tr:TableAccess"><interface xsi:type="vs:ParamHTTP" role="std" version="1.1"><accessURL use="base">http://h/tap</accessURL><securityMethod standardID="ivo://ivoa.net/sso#cookie"/></interface>
<language><name>ADQL</name><version ivo-id="ivo://ivoa.net/std/ADQL#v2.0">2.0</version><languageFeatures type="ivo://ivoa.net/std/TAPRegExt#features-udf"><feature><form>ivo_hasword(a TEXT, b TEXT) -&gt; INTEGER</form><description>x</description></feature></languageFeatures></language>
<outputFormat><mime>application/x-votable+xml;serialization=BINARY2</mime><alias>votable/b2</alias></outputFormat>
<uploadMethod ivo-id="ivo://ivoa.net/std/TAPRegExt#upload-inline"/><retentionPeriod><default>172800</default><hard>172800</hard></retentionPeriod>
<executionDuration><default>3600</default></executionDuration><outputLimit><default unit="row">2000</default><hard unit="row">20000000</hard></outputLimit><uploadLimit><hard unit="byte">100000000</hard></uploadLimit></capability></vosi:capabilities>`;
const TABLES_SEED = `<vosi:tableset xmlns:vosi="http://www.ivoa.net/xml/VOSITables/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1"><schema><name>s</name><table type="table"><name>s.t</name><description>d</description><nrows>10</nrows>
<column std="true"><name>a</name><unit>deg</unit><ucd>pos.eq.ra</ucd><dataType xsi:type="vs:VOTableType" arraysize="*">char</dataType><flag>indexed</flag></column>
<foreignKey><targetTable>s.u</targetTable><fkColumn><fromColumn>a</fromColumn><targetColumn>b</targetColumn></fkColumn></foreignKey></table></schema></vosi:tableset>`;

const XML_WORDS = [
  'COMPLETED',
  'EXECUTING',
  'BANANA',
  '',
  ' ',
  '-1',
  '1e999',
  'NaN',
  '999999999999999999999',
  '&amp;',
  '&#0;',
  '&#x110000;',
  '&unknown;',
  '<![CDATA[x]]>',
  'ä',
];

/** Mutates element texts and attribute values, drops or repeats elements, nests deeply, then damages bytes. */
function mutateXml(seed: string, rng: Rng): string {
  let doc = seed;
  for (let s = 1 + rng.int(3); s > 0; s--) {
    switch (rng.int(6)) {
      case 0:
        doc = doc.replace(/>([^<]+)</g, (m) => (rng.int(3) === 0 ? `>${rng.pick(XML_WORDS)}<` : m));
        break;
      case 1:
        doc = doc.replace(/="([^"]*)"/g, (m) => (rng.int(4) === 0 ? `="${rng.pick(XML_WORDS)}"` : m));
        break;
      case 2:
        doc = doc.replace(/<(\w+:)?(\w+)\b[^>]*>[^<]*<\/\1?\2>/g, (m) =>
          rng.int(4) === 0 ? '' : rng.int(6) === 0 ? m.repeat(1 + rng.int(50)) : m,
        );
        break;
      case 3: {
        const depth = 1 + rng.int(2000);
        const at = doc.indexOf('>') + 1;
        doc = doc.slice(0, at) + '<x>'.repeat(depth) + '</x>'.repeat(depth) + doc.slice(at);
        break;
      }
      case 4:
        doc =
          rng.int(2) === 0
            ? `<?xml version="1.0" encoding="${rng.pick(['UTF-8', 'UTF-16', 'latin1'])}"?>${doc}`
            : `<!DOCTYPE x [<!ENTITY a "${'b'.repeat(1 + rng.int(100))}">]>${doc}`;
        break;
      default:
        doc = damage(doc, rng);
    }
  }
  return doc;
}

function xmlTarget(name: string, seeds: string[], use: (input: string) => void): FuzzTarget {
  return {
    name,
    make: (rng) => mutateXml(rng.pick(seeds), rng),
    run: (input) => expectTyped(name, input, () => use(input)),
  };
}

const uwsTarget = xmlTarget('uws', UWS_SEEDS, (input) => {
  const root = parseXml(input, 'job document', 'http://h/job');
  parseJob(root);
  parseJobList(root, 'http://h/tap/async');
  parseResults(root);
});
const errorDocTarget: FuzzTarget = {
  name: 'error-document',
  make: (rng) => mutateXml(rng.pick(ERROR_SEEDS), rng),
  run: (input) =>
    expectTyped('error-document', input, () => {
      for (const type of ['', 'text/html', 'text/xml', 'text/plain']) parseErrorPosition(parseErrorBody(input, type).message);
    }),
};
const capabilitiesTarget = xmlTarget('capabilities', [CAPS_SEED], (input) => {
  const caps = new TapCapabilities(parseXml(input, 'VOSI capabilities', 'http://h/cap'), 'http://h/cap');
  caps.limitsFor('sync');
  caps.limitsFor('async');
  caps.uploadMethodsFor();
  void caps.offersBinary2;
});
const tablesTarget = xmlTarget('vosi-tables', [TABLES_SEED], (input) => {
  parseTableset(parseXml(input, 'VOSI tables', 'http://h/tables'));
});

// ---------------------------------------------------------------------------------------------
// The local service's request parsing (query string, url-encoded and multipart bodies)

const BOUNDARY = 'xYzZY';
const REQUEST_SEEDS = [
  `urlencoded\nREQUEST=doQuery&LANG=ADQL&QUERY=SELECT+*+FROM+t&MAXREC=10&UPLOAD=t%2Cparam%3At`,
  `multipart\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="QUERY"\r\n\r\nSELECT 1\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="t"; filename="t.vot"\r\nContent-Type: application/x-votable+xml\r\n\r\n<VOTABLE/>\r\n--${BOUNDARY}--\r\n`,
];

function fakeRequest(kind: string, body: string, rng: Rng): IncomingMessage {
  const bytes = Buffer.from(body, 'latin1');
  const pieces = [];
  for (let i = 0; i < bytes.length;) {
    const n = 1 + rng.int(64);
    pieces.push(bytes.subarray(i, i + n));
    i += n;
  }
  const req = Readable.from(pieces) as unknown as IncomingMessage;
  const type =
    kind === 'multipart'
      ? rng.pick([
          `multipart/form-data; boundary=${BOUNDARY}`,
          `multipart/form-data; boundary="${BOUNDARY}"`,
          'multipart/form-data',
          `multipart/form-data; boundary=`,
        ])
      : 'application/x-www-form-urlencoded';
  Object.assign(req, {
    method: 'POST',
    headers: { 'content-type': type, ...(rng.int(4) === 0 ? { 'content-length': String(rng.pick([0, 5, bytes.length, 10 ** 12])) } : {}) },
  });
  return req;
}

const requestTarget: FuzzTarget = {
  name: 'service-request',
  make: (rng) => {
    const seed = rng.pick(REQUEST_SEEDS);
    const nl = seed.indexOf('\n');
    return seed.slice(0, nl) + '\n' + mutateRequestBody(seed.slice(nl + 1), rng);
  },
  async run(input) {
    const nl = input.indexOf('\n');
    const rng = new Rng(input.length);
    const req = fakeRequest(input.slice(0, nl), input.slice(nl + 1), rng);
    await expectTyped('service-request', input, () => readParams(req, new URL('http://127.0.0.1/tap/sync?QUERY=%ZZ&x=%E0%A4'), 1 << 20));
  },
};

function mutateRequestBody(body: string, rng: Rng): string {
  let b = body;
  for (let s = 1 + rng.int(3); s > 0; s--) {
    switch (rng.int(5)) {
      case 0:
        b = b.replace(/\r\n/g, (m) => (rng.int(4) === 0 ? rng.pick(['\n', '', '\r\n\r\n']) : m));
        break;
      case 1:
        b = b.replace(new RegExp(`--${BOUNDARY}`, 'g'), (m) => (rng.int(3) === 0 ? rng.pick(['', `--${BOUNDARY}--`, '--x']) : m));
        break;
      case 2:
        b = b.replace(/name="[^"]*"/g, (m) =>
          rng.int(3) === 0 ? rng.pick(['name=""', 'name="', 'filename="a"', 'name="a"; name="b"']) : m,
        );
        break;
      case 3:
        b = b.replace(/%[0-9A-F]{2}|&|=/g, (m) => (rng.int(3) === 0 ? rng.pick(['%', '%Z', '&&', '==', '%00']) : m));
        break;
      default:
        b = damage(b, rng);
    }
  }
  return b;
}

// ---------------------------------------------------------------------------------------------
// The local service over HTTP: raw requests, mutated (methods, paths, escapes, headers, bodies)

let localService: Promise<LocalService> | undefined;

/** The sample-catalogue service the HTTP target talks to (started once, on 127.0.0.1). */
export function fuzzedService(): Promise<LocalService> {
  localService ??= createLocalService({ limits: { uploadLimitBytes: 100_000 } });
  return localService;
}

export async function closeFuzzedService(): Promise<void> {
  const s = localService;
  localService = undefined;
  if (s !== undefined) await (await s).close();
}

const PATHS = [
  '/tap',
  '/tap/sync',
  '/tap/async',
  '/tap/async/nope',
  '/tap/async/nope/phase',
  '/tap/capabilities',
  '/tap/tables',
  '/tap/tables/sample.galaxies',
  '/tap/tables/%ZZ',
  '/tap/examples',
  '/tap/availability',
  '/x',
  '/tap/../etc/passwd',
  '/tap/sync?QUERY=SELECT+TOP+1+id+FROM+sample.galaxies',
  '/tap/async/%00/results/result',
  '//tap//sync',
];
const QUERIES = [
  'SELECT TOP 1 id FROM sample.galaxies',
  "SELECT TOP 1 * FROM sample.galaxies WHERE name = 'x'' OR 1=1 --'",
  'SELECT 1; DROP TABLE sample.galaxies',
  "SELECT TOP 1 id FROM sample.galaxies WHERE 1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 2, 1))",
  "SELECT read_csv('/etc/passwd')",
  'SELEC',
];

function rawRequest(rng: Rng): string {
  const method = rng.pick(['GET', 'POST', 'POST', 'DELETE', 'PUT', 'HEAD', 'OPTIONS', 'G E T']);
  let target = rng.pick(PATHS);
  if (rng.int(4) === 0) target = target.replace(/[a-z]/g, (c) => (rng.int(6) === 0 ? `%${c.charCodeAt(0).toString(16)}` : c));
  if (rng.int(10) === 0) target += '/' + 'a'.repeat(rng.int(9000));
  const body = new URLSearchParams({
    REQUEST: 'doQuery',
    LANG: rng.pick(['ADQL', 'SQL', '']),
    QUERY: rng.pick(QUERIES),
    ...(rng.int(3) === 0 ? { MAXREC: rng.pick(['0', '-1', '1e9', 'x', '10']) } : {}),
    ...(rng.int(4) === 0 ? { UPLOAD: rng.pick(['t,param:t', 't,http://127.0.0.1:1/x', 'bad name,param:x', 't']) } : {}),
    ...(rng.int(4) === 0 ? { PHASE: rng.pick(['RUN', 'ABORT', 'x']) } : {}),
  }).toString();
  const mutated = rng.int(3) === 0 ? mutateRequestBody(body, rng) : body;
  const declared = rng.int(6) === 0 ? rng.pick([0, 1, Buffer.byteLength(mutated, 'latin1') + 10]) : Buffer.byteLength(mutated, 'latin1');
  const headers = [
    `Host: 127.0.0.1`,
    `Content-Type: ${rng.pick(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', ''])}`,
    `Content-Length: ${declared}`,
    'Connection: close',
  ];
  return `${method} ${target} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n${method === 'GET' || method === 'HEAD' ? '' : mutated}`;
}

/** Sends one raw request and resolves to the response's status (0: the server closed without answering). */
async function sendRaw(port: number, request: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (m !== null) {
        clearTimeout(timer);
        socket.destroy();
        resolve(Number(m[1]));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(0);
    });
    socket.end(Buffer.from(request, 'latin1'));
  });
}

const httpTarget: FuzzTarget = {
  name: 'service-http',
  make: rawRequest,
  async run(input) {
    const service = await fuzzedService();
    let status: number;
    try {
      status = await sendRaw(service.port, input, 1500);
    } catch (err) {
      throw new FuzzFinding('service-http', input, err);
    }
    // Bad requests are the client's fault (4xx) or a query error (200 with an error document), never an internal error.
    if (status >= 500) throw new FuzzFinding('service-http', input, new Error(`HTTP ${status} (an internal error) for a hostile request`));
  },
};

export const FUZZ_TARGETS: FuzzTarget[] = [
  votableTarget,
  uwsTarget,
  errorDocTarget,
  capabilitiesTarget,
  tablesTarget,
  requestTarget,
  httpTarget,
];

export interface TargetStats {
  cases: number;
  ms: number;
  slowestMs: number;
}

/**
 * Runs `target` for `cases` cases or until `deadline` (performance.now()), whichever comes first.
 * A case over `caseBudgetMs` is a finding (a hang in the making). Returns the stats; findings are collected.
 */
export async function fuzzTarget(
  target: FuzzTarget,
  seed: number,
  options: { cases: number; deadline: number; caseBudgetMs: number; findings: FuzzFinding[]; onCase?: (input: string) => void },
): Promise<TargetStats> {
  const rng = new Rng(seed);
  const stats: TargetStats = { cases: 0, ms: 0, slowestMs: 0 };
  const started = performance.now();
  while (stats.cases < options.cases && performance.now() < options.deadline) {
    const input = target.make(rng);
    options.onCase?.(input);
    const t0 = performance.now();
    try {
      await target.run(input);
    } catch (err) {
      if (err instanceof FuzzFinding) options.findings.push(err);
      else options.findings.push(new FuzzFinding(target.name, input, err));
    }
    const ms = performance.now() - t0;
    stats.slowestMs = Math.max(stats.slowestMs, ms);
    if (ms > options.caseBudgetMs)
      options.findings.push(
        new FuzzFinding(target.name, input, new Error(`case took ${Math.round(ms)} ms (budget ${options.caseBudgetMs} ms)`)),
      );
    stats.cases++;
  }
  stats.ms = performance.now() - started;
  return stats;
}
