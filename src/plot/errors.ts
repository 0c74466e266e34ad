/** Errors of plotting: a spec that does not fit the table, or a value that cannot be plotted. */
export class PlotError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(hint ? `${message}; ${hint}` : message);
    this.name = 'PlotError';
  }
}

/** An axis or colour expression that does not parse or names a column the table lacks. */
export class PlotExpressionError extends PlotError {
  constructor(
    readonly expression: string,
    readonly position: number,
    problem: string,
    hint?: string,
  ) {
    super(`in plot expression ${JSON.stringify(expression)} at column ${position + 1}: ${problem}`, hint);
    this.name = 'PlotExpressionError';
  }
}
