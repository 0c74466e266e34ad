/** RESPONSEFORMAT values: short names to the MIME types TAP 1.1 services accept. */

export type TapFormat =
  /** VOTable BINARY2 where the service offers it, else the service's default VOTable (the default). */
  | 'auto'
  | 'binary2'
  | 'tabledata'
  /** The service's default VOTable serialization (DaCHS: BINARY). */
  | 'votable'
  | 'csv'
  | 'tsv'
  | 'json'
  | 'fits'
  /** Parquet with VOTable metadata (VOParquet), read into the same TapResult as a VOTable. */
  | 'parquet'
  | (string & {});

/** The Parquet media type (what CADC's and Rubin's TAP services send for VOParquet). */
export const PARQUET_MIME = 'application/vnd.apache.parquet';

/**
 * Short names TAP 1.1 requires (votable, csv, tsv) and common ones (json, fits) are sent as they
 * are: services map them (DaCHS answers "text/csv" without a header line, "csv" with one).
 */
const MIMES: Record<string, string> = {
  binary2: 'application/x-votable+xml;serialization=BINARY2',
  tabledata: 'application/x-votable+xml;serialization=TABLEDATA',
  binary: 'application/x-votable+xml',
  parquet: PARQUET_MIME,
};

/** The RESPONSEFORMAT to send for a format name (MIME types and service aliases pass through). */
export function responseFormat(format: string): string {
  return MIMES[format.toLowerCase()] ?? format;
}

/** Whether a format (name or MIME) is a VOTable serialization, which `query()` can parse. */
export function isVOTableFormat(format: string): boolean {
  const f = responseFormat(format).toLowerCase();
  return f.includes('votable') || f === 'text/xml' || f === 'application/xml' || f === 'vodml' || f === 'vodmlb';
}

/** Whether a format (name or MIME) or a Content-Type is Parquet. */
export function isParquetFormat(format: string): boolean {
  return /parquet/i.test(format);
}

/** Whether `query()` can read results in this format: a VOTable serialization or Parquet. */
export function isReadableFormat(format: string): boolean {
  return isVOTableFormat(format) || isParquetFormat(format);
}

/** Whether a Content-Type announces XML (VOTable, UWS, DALI error documents). */
export function isXmlContentType(contentType: string): boolean {
  return /xml|votable/i.test(contentType);
}

/** A file extension for a result saved in the given Content-Type. */
export function extensionFor(contentType: string): string {
  const ct = contentType.toLowerCase();
  if (ct.includes('votable') || ct.includes('xml')) return '.vot';
  if (ct.includes('csv')) return '.csv';
  if (ct.includes('tab-separated')) return '.tsv';
  if (ct.includes('json')) return '.json';
  if (ct.includes('fits')) return '.fits';
  if (ct.includes('parquet')) return '.parquet';
  return '.dat';
}
