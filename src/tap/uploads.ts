/**
 * Table uploads (TAP_UPLOAD): inline multipart parts (`name,param:name`) made from VOTable text or
 * bytes, a file (Parquet and Arrow IPC converted), JS columns/rows, an Arrow table or a previous
 * result (written with the VOTable writer); by URL (`name,http://...`), including a previous async
 * job's result. Names are checked before anything is sent: valid ADQL identifiers, unique, and every TAP_UPLOAD.x the query uses has a table.
 */
import { Buffer } from '#bytes';
import { readFile } from '#host';
import type { Table as ArrowTable } from '#flechette';
import { readTable, sniffTableFormat } from '../columnar/index.js';
import { fromArrow } from '../votable/index.js';
import { TapUploadError, uploadTableFromRows, writeUploadVOTable, type UploadColumn, type WritableTable } from '../dal/index.js';

export type { UploadColumn } from '../dal/index.js';

/** Something that can name its result URL (a TapJob). */
export interface ResultUrlSource {
  resultUrl(options?: { signal?: AbortSignal }): Promise<string>;
}

/** A Blob or File (in a browser: a file the user picked), declared by what is read of it. */
export interface TapUploadBlob {
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type TapUploadSource =
  /** An http(s) URL (sent by reference), VOTable text (starts with '<'), or a file path. */
  | string
  /** VOTable, Parquet or Arrow IPC bytes (the last two sent as a VOTable). */
  | Uint8Array
  /** A Blob or File holding VOTable, Parquet or Arrow IPC data. */
  | TapUploadBlob
  | { url: string }
  | { file: string }
  | { votable: string | Uint8Array }
  /** JS data: column descriptions and row arrays, written as a VOTable. */
  | { columns: UploadColumn[]; rows: ReadonlyArray<ReadonlyArray<unknown>> | ReadonlyArray<Record<string, unknown>> }
  /** A parsed table (VOTableTable), a writer input, or a TapResult (its table is uploaded). */
  | { table: WritableTable }
  /** An Arrow table (flechette); Parquet and Arrow IPC bytes or files are converted too. */
  | { arrow: ArrowTable }
  /** A previous async job's result, uploaded by URL (the service fetches it). */
  | { job: ResultUrlSource }
  | ResultUrlSource;

export interface UploadPart {
  name: string;
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export interface PreparedUploads {
  /** The UPLOAD parameter value: "a,param:a;b,http://...". */
  uploadParam: string;
  parts: UploadPart[];
  /** Total bytes of inline parts. */
  inlineBytes: number;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const VOTABLE_MIME = 'application/x-votable+xml';

/** TAP_UPLOAD.<name> references in the query (strings and comments ignored), lower-cased. */
export function referencedUploads(adql: string): string[] {
  const src = adql.replace(/'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  const names = new Set<string>();
  for (const m of src.matchAll(/\bTAP_UPLOAD\s*\.\s*("(?:[^"]|"")+"|[A-Za-z][A-Za-z0-9_]*)/gi)) {
    const raw = m[1] ?? '';
    names.add(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"').toLowerCase() : raw.toLowerCase());
  }
  return [...names];
}

/** Checks upload names against the ADQL text; throws TapUploadError with what to do. */
export function checkUploadNames(names: string[], adql: string, serviceUrl: string): void {
  const seen = new Map<string, string>();
  for (const name of names) {
    if (!NAME.test(name)) {
      throw new TapUploadError(
        `upload table name ${JSON.stringify(name)} is not a valid ADQL identifier (letters, digits, _; starting with a letter); ` +
          `rename it and query it as TAP_UPLOAD.<name> (${serviceUrl})`,
        { url: serviceUrl, tableName: name },
      );
    }
    const key = name.toLowerCase();
    const prior = seen.get(key);
    if (prior !== undefined) {
      throw new TapUploadError(
        `upload table names ${prior} and ${name} differ only in case: TAP_UPLOAD names are case-insensitive (${serviceUrl})`,
        {
          url: serviceUrl,
          tableName: name,
        },
      );
    }
    seen.set(key, name);
  }
  for (const ref of referencedUploads(adql)) {
    if (!seen.has(ref)) {
      const have = names.length === 0 ? 'no uploads were given' : `uploads given: ${names.join(', ')}`;
      throw new TapUploadError(`the query uses TAP_UPLOAD.${ref} but ${have}; pass uploads: { ${ref}: ... } (${serviceUrl})`, {
        url: serviceUrl,
        tableName: ref,
      });
    }
  }
}

function isBlob(v: unknown): v is TapUploadBlob {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as TapUploadBlob).arrayBuffer === 'function' &&
    typeof (v as TapUploadBlob).size === 'number'
  );
}

function isResultUrlSource(v: unknown): v is ResultUrlSource {
  return typeof v === 'object' && v !== null && typeof (v as ResultUrlSource).resultUrl === 'function';
}

async function inlineData(name: string, source: TapUploadSource, signal?: AbortSignal): Promise<Uint8Array | string> {
  if (typeof source === 'string') {
    if (/^https?:\/\//i.test(source)) return source;
    if (source.trimStart().startsWith('<')) return Buffer.from(source, 'utf8');
    return asVOTable(name, await fileData(name, source));
  }
  if (source instanceof Uint8Array) return asVOTable(name, source);
  if (isBlob(source)) return asVOTable(name, new Uint8Array(await source.arrayBuffer()));
  if (isResultUrlSource(source)) return source.resultUrl({ signal });
  if ('url' in source) return source.url;
  if ('file' in source) return asVOTable(name, await fileData(name, source.file));
  if ('arrow' in source) return writeUploadVOTable(fromArrow(source.arrow));
  if ('votable' in source) return typeof source.votable === 'string' ? Buffer.from(source.votable, 'utf8') : source.votable;
  if ('job' in source) return source.job.resultUrl({ signal });
  if ('columns' in source) return writeUploadVOTable(uploadTableFromRows(name, source.columns, source.rows));
  if ('table' in source) return writeUploadVOTable(source.table);
  throw new TapUploadError(
    `upload ${name}: unsupported source (give a URL, VOTable text/bytes, a Blob or File, a file path, { columns, rows }, a table or a job)`,
    {
      tableName: name,
    },
  );
}

/** Parquet (VOParquet) and Arrow IPC bytes become a VOTable, the upload format TAP services take. */
async function asVOTable(name: string, bytes: Uint8Array): Promise<Uint8Array> {
  const format = sniffTableFormat(bytes);
  if (format === 'votable') return bytes;
  let table;
  try {
    table = (await readTable(bytes)).tables[0]!;
  } catch (err) {
    throw new TapUploadError(
      `upload ${name}: the ${format === 'parquet' ? 'Parquet' : 'Arrow'} data cannot be read (${(err as Error).message})`,
      { tableName: name },
    );
  }
  return writeUploadVOTable(table);
}

async function fileData(name: string, path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new TapUploadError(`upload ${name}: cannot read file ${path} (${(err as Error).message})`, { tableName: name });
  }
}

/** Resolves every upload source to an inline part or a URL reference. */
export async function prepareUploads(
  uploads: Record<string, TapUploadSource>,
  adql: string,
  serviceUrl: string,
  signal?: AbortSignal,
): Promise<PreparedUploads> {
  const names = Object.keys(uploads);
  checkUploadNames(names, adql, serviceUrl);
  const entries: string[] = [];
  const parts: UploadPart[] = [];
  let inlineBytes = 0;
  for (const name of names) {
    const data = await inlineData(name, uploads[name] as TapUploadSource, signal);
    if (typeof data === 'string') {
      entries.push(`${name},${data}`);
    } else {
      entries.push(`${name},param:${name}`);
      parts.push({ name, filename: `${name}.vot`, contentType: VOTABLE_MIME, data });
      inlineBytes += data.byteLength;
    }
  }
  return { uploadParam: entries.join(';'), parts, inlineBytes };
}
