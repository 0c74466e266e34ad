/**
 * What every finished query offers: its AST, its ADQL text (through the parser package's printer),
 * validation against a schema, and execution through the TAP client.
 */
import type { QueryExpression } from '../adql/ast.js';
import { print } from '../adql/index.js';

export interface ToADQLOptions {
  /** One clause per line with indentation. */
  pretty?: boolean;
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
}

/** The result row type of a query: `InferRow<typeof q>`. */
export type InferRow<Q> = Q extends { readonly __row: infer O } ? { [K in keyof O]: O[K] } & {} : never;
