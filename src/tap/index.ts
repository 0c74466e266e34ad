/** The TAP client's public surface. */
export { TapService } from './service.js';
export type {
  TapServiceOptions,
  TapQueryOptions,
  TapSubmitOptions,
  TapRunAsyncOptions,
  TapAvailability,
  TapJobListFilter,
  TapServiceLimits,
} from './service.js';
export { TapJob } from './job.js';
export type { TapWaitOptions, TapFetchOptions, TapJobErrorInfo, TapJobContext } from './job.js';
export { TapResult } from '../dal/result.js';
export type { SavedResult } from '../dal/download.js';
export type { TapStreamEvent } from '../dal/stream.js';
export {
  TapCapabilities,
  parseUdfSignature,
} from './capabilities.js';
export type {
  TapMode,
  TapLimit,
  TapLimitPair,
  TapLimits,
  TapLanguage,
  TapLanguageFeature,
  TapUdf,
  TapUdfArgument,
  TapOutputFormat,
  TapUploadMethod,
  TapInterface,
  TapCapability,
} from './capabilities.js';
export { TapTableSet } from './tables.js';
export type { TapTable, TapColumn, TapSchema, TapForeignKey } from './tables.js';
export type { TapExample } from './examples.js';
export type { TapUploadSource, UploadColumn } from './uploads.js';
export type { TapFormat } from '../dal/formats.js';
export type { TapProgressEvent, TapProgressListener } from '../dal/progress.js';
export type { TapAuthOptions, TapRetryOptions, TapLogEvent } from '../dal/http.js';
export type { UwsJobInfo, UwsJobRef, UwsResultRef, UwsErrorSummary, UwsPhase } from './uws.js';
export { judgeOverflow, findTop } from '../dal/overflow.js';
export type { OverflowVerdict } from '../dal/overflow.js';
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
  TapOverflowError,
  TapUploadError,
} from '../dal/errors.js';
