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
export { TapResult, type SavedResult, type TapStreamEvent } from '../dal/index.js';
export { TapCapabilities, parseUdfSignature } from './capabilities.js';
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
export type { TapUploadSource, TapUploadBlob, UploadColumn } from './uploads.js';
export type { TapFormat, TapProgressEvent, TapProgressListener, TapAuthOptions, TapRetryOptions, TapLogEvent } from '../dal/index.js';
export type { UwsJobInfo, UwsJobRef, UwsResultRef, UwsErrorSummary, UwsPhase } from './uws.js';
export { judgeOverflow, findTop, type OverflowVerdict } from '../dal/index.js';
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
} from '../dal/index.js';
