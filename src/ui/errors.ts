/** Errors of `adql ui`: a workbench that cannot start says what and what to do. */
export class WorkbenchError extends Error {
  override readonly name = 'WorkbenchError';
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}
