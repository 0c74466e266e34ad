/**
 * The VO transport and result layer that tap/, scs/ and registry/ share: HTTP with retries and
 * credentials, service URLs, error documents, typed errors, result download, streaming and reading,
 * overflow judgement, XML and the VOTable adapter. Not public API as such: tap/index.ts re-exports
 * what users see.
 */
export {
  TapError,
  TapServiceError,
  TapProtocolError,
  TapRateLimitError,
  TapNetworkError,
  TapQueryError,
  TapJobError,
  TapTimeoutError,
  TapAbortError,
  TapCorsError,
  TapOverflowError,
  TapUploadError,
} from './errors.js';
export {
  HttpClient,
  readBody,
  readText,
  sleep,
  utf8,
  header,
  parseRetryAfter,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  type HttpHeaders,
  type HttpDispatcher,
  type RetryMode,
  type TapAuthOptions,
  type TapRetryOptions,
  type TapLogEvent,
} from './http.js';
export { redactUrl, normaliseServiceUrl, childUrl, resolveUrl, originOf } from './urls.js';
export { parseErrorBody, parseErrorPosition, decodeEntities, looksLikeHtml, type ErrorBody, type ErrorPosition } from './errordoc.js';
export { TapResult, type TapResultSource } from './result.js';
export { saveResponse, type SavedResult } from './download.js';
export { streamResult, type TapStreamEvent } from './stream.js';
export { readResult, type ResultContext } from './read-result.js';
export {
  responseFormat,
  isVOTableFormat,
  isParquetFormat,
  isReadableFormat,
  isXmlContentType,
  extensionFor,
  PARQUET_MIME,
  type TapFormat,
} from './formats.js';
export { countBytes, type TapProgressEvent, type TapProgressListener } from './progress.js';
export { judgeOverflow, findTop, type OverflowInput, type OverflowVerdict } from './overflow.js';
export { parseXml, child, children, childText, deepText, type XmlElement } from './xml.js';
export {
  readResultVOTable,
  streamResultVOTable,
  uploadTableFromRows,
  writeUploadVOTable,
  type VOTableDocument,
  type WritableTable,
  type UploadColumn,
} from './votable-adapter.js';
