/** Typed errors of the Simple Cone Search client; like the TAP client's, each names the URL involved. */
import { TapError } from '../dal/index.js';

/**
 * The cone search service refused the request: SCS 1.03 answers errors with HTTP 200 and a VOTable
 * holding `<INFO name="Error" value="message"/>` (SCS 1.0: `<PARAM name="Error" .../>`).
 */
export class ConeSearchError extends TapError {
  /** The message the service gave. */
  readonly serverMessage: string;

  constructor(message: string, options: { url: string; serverMessage: string }) {
    super(message, { url: options.url });
    this.serverMessage = options.serverMessage;
  }
}

/** A cone search on a TAP table cannot be built: the table or its position columns are unknown. */
export class ConeSearchTableError extends TapError {
  readonly table: string;

  constructor(message: string, options: { url: string; table: string }) {
    super(message, { url: options.url });
    this.table = options.table;
  }
}
