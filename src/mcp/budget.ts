/**
 * The session's guard against an agent draining a shared archive: a row cap per call, a row budget
 * and a request budget per session. Rows are charged when a result arrives; MAXREC is never more
 * than what is left, so a result cannot overrun the budget.
 */
import { BudgetExceededError } from './errors.js';

export interface BudgetLimits {
  /** The most rows one run_adql / fetch_job call returns (its MAXREC). */
  rowsPerCall: number;
  /** Rows all calls of the session may receive together. */
  sessionRows: number;
  /** Tool calls that contact a service (TAP, registry), per session. */
  sessionRequests: number;
}

export const DEFAULT_BUDGET: BudgetLimits = { rowsPerCall: 10_000, sessionRows: 200_000, sessionRequests: 500 };

export interface BudgetState extends BudgetLimits {
  rowsUsed: number;
  requestsUsed: number;
}

export class Budget {
  private rowsUsed = 0;
  private requestsUsed = 0;

  constructor(readonly limits: BudgetLimits) {}

  /** Counts one call that contacts a service; refuses it when the session's requests are spent. */
  chargeRequest(what: string): void {
    if (this.requestsUsed >= this.limits.sessionRequests) {
      throw new BudgetExceededError(
        `${what}: the session's request budget (${this.limits.sessionRequests} calls to services) is spent; ` +
          'restart the server (or raise --max-requests) to continue',
      );
    }
    this.requestsUsed += 1;
  }

  /** MAXREC for a call asking for `requested` rows: capped by the per-call limit and what the session has left. */
  maxrecFor(requested: number | undefined): number {
    const left = this.limits.sessionRows - this.rowsUsed;
    if (left <= 0) {
      throw new BudgetExceededError(
        `the session's row budget (${this.limits.sessionRows} rows) is spent; restart the server (or raise --max-session-rows) to fetch more`,
      );
    }
    return Math.min(requested ?? this.limits.rowsPerCall, this.limits.rowsPerCall, left);
  }

  chargeRows(rows: number): void {
    this.rowsUsed += rows;
  }

  state(): BudgetState {
    return { ...this.limits, rowsUsed: this.rowsUsed, requestsUsed: this.requestsUsed };
  }
}
