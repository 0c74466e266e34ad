/**
 * Read a table in any format adqlkit knows, told apart by its first bytes: Parquet ("PAR1"), Arrow
 * IPC (file or stream), or VOTable, including the VOTable whose DATA is a
 * `<PARQUET type="VOTable-remote-file">` pointing at a Parquet file (its FIELDs describe the columns).
 */
import { tableFromIPC } from '#flechette';
import { dirname, join, readFile } from '#host';
import { documentFromArrow, readVOTable, readVOTableHeader, type VOTableDocument, type XtypeMode } from '../votable/index.js';
import { ColumnarError } from './errors.js';
import { isParquet, readParquet } from './parquet-read.js';

export type TableFormat = 'parquet' | 'arrow' | 'votable';

export interface ReadTableOptions {
  xtypes?: XtypeMode;
  /**
   * Fetch the file a PARQUET element's STREAM href names. Default: a relative href or `file:` is
   * read beside the VOTable file (readTableFile only) and http(s) is fetched.
   */
  loadHref?: (href: string) => Promise<Uint8Array>;
}

const ARROW_FILE = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

/** The format of a table from its first bytes (an Arrow IPC stream starts with 0xFFFFFFFF). */
export function sniffTableFormat(bytes: Uint8Array): TableFormat {
  if (isParquet(bytes)) return 'parquet';
  if (ARROW_FILE.every((b, i) => bytes[i] === b)) return 'arrow';
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff) return 'arrow';
  return 'votable';
}

/** A VOTable whose data is a PARQUET element: its STREAM href, or undefined for any other VOTable. */
function remoteParquet(bytes: Uint8Array): { xml: string; href: string } | undefined {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return undefined; // gzip: an ordinary (compressed) VOTable
  const xml = new TextDecoder().decode(bytes);
  if (!/<(\w+:)?PARQUET[\s>]/.test(xml)) return undefined;
  const header = readVOTableHeader(xml);
  if (header.parquet === undefined) {
    throw new ColumnarError('remote-file', 'the VOTable has a PARQUET element without a STREAM href; nothing says where its rows are');
  }
  return { xml, href: header.parquet.href };
}

/** A table's bytes (Parquet, Arrow IPC or VOTable) as a VOTable document; `document.tables[0]` holds the rows. */
export async function readTable(bytes: Uint8Array, options: ReadTableOptions = {}): Promise<VOTableDocument> {
  const xtypes = options.xtypes ?? 'convert';
  switch (sniffTableFormat(bytes)) {
    case 'parquet':
      return readParquet(bytes, { xtypes });
    case 'arrow': {
      let arrow;
      try {
        arrow = tableFromIPC(bytes, { useBigInt: true });
      } catch (e) {
        throw new ColumnarError('not-columnar', `the Arrow IPC data cannot be read: ${(e as Error).message}`);
      }
      return documentFromArrow(arrow, { xtypes });
    }
    case 'votable': {
      const remote = remoteParquet(bytes);
      if (remote === undefined) return readVOTable(bytes, { xtypes });
      const load = options.loadHref ?? fetchHref;
      let parquet: Uint8Array;
      try {
        parquet = await load(remote.href);
      } catch (e) {
        throw new ColumnarError(
          'remote-file',
          `the Parquet file ${JSON.stringify(remote.href)} the VOTable points at cannot be read: ${(e as Error).message}`,
        );
      }
      return readParquet(parquet, { xtypes, header: remote.xml });
    }
  }
}

async function fetchHref(href: string): Promise<Uint8Array> {
  if (!/^https?:/i.test(href))
    throw new Error('a relative or file: href is resolved only for a VOTable read from a file (readTableFile), or give loadHref');
  const response = await fetch(href);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** A table file (Parquet, Arrow IPC, VOTable plain or gzipped, VOTable pointing at a Parquet file). Node only. */
export async function readTableFile(path: string, options: ReadTableOptions = {}): Promise<VOTableDocument> {
  const bytes = new Uint8Array(await readFile(path));
  const beside = async (href: string): Promise<Uint8Array> => {
    if (/^https?:/i.test(href)) return fetchHref(href);
    const local = href.replace(/^file:(\/\/)?/i, '');
    return new Uint8Array(await readFile(local.startsWith('/') ? local : join(dirname(path), local)));
  };
  return readTable(bytes, { loadHref: beside, ...options });
}
