/**
 * What every finished query offers: its AST, its ADQL text (through the parser package's printer),
 * validation against a service schema (the validator), and execution through the TAP client.
 */
import { print, type QueryExpression } from '../adql/index.js';
import type { ServiceSchema } from '../schema/index.js';
import type { TapQueryOptions, TapResult, TapRunAsyncOptions, TapService } from '../tap/index.js';
import { validate, type ValidateOptions, type ValidationResult } from '../validate/index.js';
import { AdqlBuilderError } from './errors.js';

export interface ToADQLOptions {
  /** One clause per line with indentation. */
  pretty?: boolean;
}

export interface ExecuteOptions extends TapRunAsyncOptions {
  /** 'sync' (default) uses the sync endpoint; 'async' runs a UWS job and waits for it. */
  mode?: 'sync' | 'async';
  /**
   * What to do when the service truncated the result (MAXREC or its limit): 'error' (default)
   * rejects with a message saying how to get everything, 'allow' returns the rows received.
   */
  overflow?: 'error' | 'allow';
}

/** The result row type of a query: `InferRow<typeof q>`. */
export type InferRow<Q> = Q extends { readonly __row: infer O } ? { [K in keyof O]: O[K] } & {} : never;

/** Raised by execute() when the service truncated the result and `overflow: 'allow'` was not given. */
export class AdqlResultOverflowError extends AdqlBuilderError {
  override name = 'AdqlResultOverflowError';
  constructor(
    message: string,
    readonly result: TapResult,
  ) {
    super(message);
  }
}

export abstract class QueryBase<O> {
  /** Phantom: the result row type. */
  declare readonly __row: O;

  abstract toAST(): QueryExpression;

  /** The query as ADQL text. */
  toADQL(options: ToADQLOptions = {}): string {
    return print(this.toAST(), options.pretty ? { pretty: true } : {});
  }

  toString(): string {
    return this.toADQL();
  }

  /** Validates the query against a service schema (from `loadSchema`); never throws. */
  validate(schema?: ServiceSchema, options?: ValidateOptions): ValidationResult {
    return validate(this.toAST(), schema, options);
  }

  /** Runs the query and returns the TAP result (rows, columns, overflow verdict). */
  async run(service: TapService, options: ExecuteOptions = {}): Promise<TapResult> {
    const { mode, overflow, ...tap } = options;
    const adql = this.toADQL();
    const result = mode === 'async' ? await service.runAsync(adql, tap) : await service.query(adql, tap as TapQueryOptions);
    if (result.overflow && overflow !== 'allow') {
      throw new AdqlResultOverflowError(
        `the service truncated the result to ${result.rowCount} rows (${result.overflowInfo.reason ?? 'overflow'}) at ${result.url}; ` +
          'raise maxrec, use mode: "async" for larger limits, split the query, or pass overflow: "allow" to accept partial rows',
        result,
      );
    }
    return result;
  }

  /** Runs the query and returns its rows, typed by the select list. */
  async execute(service: TapService, options: ExecuteOptions = {}): Promise<InferRow<this>[]> {
    const result = await this.run(service, options);
    return result.rows() as unknown as InferRow<this>[];
  }
}
